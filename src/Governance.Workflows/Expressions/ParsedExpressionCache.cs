using System.Collections.Concurrent;

namespace Governance.Workflows.Expressions;

/// <summary>
/// A thread-safe cache of parsed expressions, bounded by evicting the oldest entries first.
/// Workflows reuse a small set of expressions millions of times, so first-in-first-out eviction
/// is enough; it only has to keep a flood of distinct expressions from growing memory without bound.
/// </summary>
internal sealed class ParsedExpressionCache<TParsed>(int capacity)
{
    private readonly ConcurrentDictionary<string, TParsed> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();

    public int Count => _entries.Count;

    public TParsed GetOrAdd(string expression, Func<string, TParsed> parse)
    {
        if (_entries.TryGetValue(expression, out var parsed))
        {
            return parsed;
        }

        parsed = parse(expression);
        if (_entries.TryAdd(expression, parsed))
        {
            _insertionOrder.Enqueue(expression);
            while (_entries.Count > capacity && _insertionOrder.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }

        return parsed;
    }
}
