using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Governance.Workflows.Definitions;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Governance.Workflows.Expressions;

/// <summary>
/// Evaluates JavaScript expressions with Jint in a sandbox: no CLR access, no <c>eval</c> or <c>Function</c>
/// constructor, strict mode, a native-stack guard, and the time, memory, statement, recursion and array limits
/// of <see cref="JavaScriptLimits"/>.
/// </summary>
/// <remarks>
/// A script sees <c>variables</c> and <c>input</c> (the scope's values as plain JavaScript objects, arrays, strings,
/// numbers, booleans and null), <c>getVariable(name)</c>, <c>getInput(name)</c> and <c>now</c> (the scope's time as an
/// ISO-8601 UTC string). <c>Date.now()</c> and <c>new Date()</c> also return the scope's time, so an evaluation
/// depends only on its scope. The value is that of the last statement; changes a script makes to
/// <c>variables</c> are not written back. Parsed scripts are cached and the evaluator is thread-safe.
/// </remarks>
public sealed class JavaScriptEvaluator : IExpressionEvaluator
{
    private const int CacheCapacity = 1_000;
    private const int MaxResultDepth = 64;

    private readonly JavaScriptLimits _limits;
    private readonly ParsedExpressionCache<ParsedScript> _cache = new(CacheCapacity);

    /// <summary>Creates an evaluator with <see cref="JavaScriptLimits.Default"/>.</summary>
    public JavaScriptEvaluator()
        : this(JavaScriptLimits.Default)
    {
    }

    /// <summary>Creates an evaluator with the given sandbox limits.</summary>
    public JavaScriptEvaluator(JavaScriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <inheritdoc />
    public ExpressionLanguage Language => ExpressionLanguage.JavaScript;

    /// <summary>The sandbox limits this evaluator applies.</summary>
    public JavaScriptLimits Limits => _limits;

    internal int CachedScriptCount => _cache.Count;

    /// <inheritdoc />
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);

        var parsed = _cache.GetOrAdd(expression, Parse);
        if (parsed.Error is not null)
        {
            throw new ExpressionException(parsed.Error);
        }

        try
        {
            var engine = CreateEngine(scope);
            var result = engine.Evaluate(parsed.Script);
            return ToJson(result, 0);
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new ExpressionException(Describe(ex), ex);
        }
    }

    /// <inheritdoc />
    public string? CheckSyntax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return _cache.GetOrAdd(expression, Parse).Error;
    }

    private static ParsedScript Parse(string expression)
    {
        try
        {
            return new ParsedScript(Engine.PrepareScript(expression, strict: true), null);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parseError)
        {
            return new ParsedScript(default, DescribeSyntaxError(parseError));
        }
        catch (ParseErrorException ex)
        {
            return new ParsedScript(default, DescribeSyntaxError(ex));
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException || ex.InnerException is InsufficientExecutionStackException)
        {
            return new ParsedScript(default, "SyntaxError: the script nests too deeply to parse.");
        }
        catch (ScriptPreparationException ex)
        {
            return new ParsedScript(default, $"SyntaxError: {ex.Message}");
        }
    }

    private static string DescribeSyntaxError(ParseErrorException ex) =>
        $"SyntaxError at line {ex.LineNumber}, column {ex.Column + 1}: {ex.Description}";

    private Engine CreateEngine(ExpressionScope scope)
    {
        var engine = new Engine(options =>
        {
            options
                .TimeoutInterval(_limits.Timeout)
                .LimitMemory(_limits.MemoryBytes)
                .MaxStatements(_limits.MaxStatements)
                .LimitRecursion(_limits.MaxRecursionDepth)
                .MaxArraySize(_limits.MaxArrayLength)
                .RegexTimeoutInterval(_limits.Timeout)
                .Strict()
                .DisableStringCompilation()
                .LocalTimeZone(TimeZoneInfo.Utc)
                .Culture(CultureInfo.InvariantCulture);

            // The sandbox: never call AllowClr; keep interop explicitly off so no .NET type is reachable.
            options.Interop.Enabled = false;
            options.Interop.AllowGetType = false;
            options.Interop.AllowSystemReflection = false;
            options.TimeSystem = new FixedTimeSystem(scope.Now);

            // Without it, built-ins that recurse natively (JSON.stringify, join, flat on a deeply nested array)
            // overflow the thread's stack and end the process; with it they throw a catchable RangeError.
            options.Constraints.StackOverflowGuard = true;
        });

        var variables = ToJsObject(engine, scope.Variables);
        var inputs = ToJsObject(engine, scope.Inputs);
        engine.SetValue("variables", variables);
        engine.SetValue("input", inputs);
        engine.SetValue("getVariable", Getter(engine, "getVariable", variables));
        engine.SetValue("getInput", Getter(engine, "getInput", inputs));
        engine.SetValue("now", scope.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        return engine;
    }

    private static ClrFunction Getter(Engine engine, string name, JsObject source) =>
        new(engine, name, (_, arguments) => arguments.Length == 0 ? JsValue.Undefined : source.Get(arguments[0]), 1);

    private static JsObject ToJsObject(Engine engine, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var obj = new JsObject(engine);
        foreach (var (name, value) in values)
        {
            obj.FastSetDataProperty(name, ToJs(engine, value));
        }

        return obj;
    }

    internal static JsValue ToJs(Engine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var result = new JsObject(engine);
                foreach (var (name, value) in obj)
                {
                    result.FastSetDataProperty(name, ToJs(engine, value));
                }

                return result;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(engine, array[i]);
                }

                return new JsArray(engine, items);
            default:
                return ToJs(node.AsValue());
        }
    }

    private static JsValue ToJs(JsonValue value)
    {
        // A JsonValue wraps either a parsed JsonElement or a CLR value (int, decimal, DateTime, ...); read both.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return ToJs(element);
        }

        if (value.TryGetValue<string>(out var text))
        {
            return JsString.Create(text);
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            return flag ? JsBoolean.True : JsBoolean.False;
        }

        if (value.TryGetValue<double>(out var number))
        {
            return JsNumber.Create(number);
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return ToJs(document.RootElement);
    }

    private static JsValue ToJs(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => JsString.Create(element.GetString()!),
        JsonValueKind.Number => JsNumber.Create(element.GetDouble()),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        _ => JsValue.Null,
    };

    private JsonNode? ToJson(JsValue value, int depth)
    {
        if (depth > MaxResultDepth)
        {
            throw new ExpressionException($"The JavaScript result nests deeper than {MaxResultDepth} levels (is it cyclic?).");
        }

        switch (value)
        {
            case JsString:
                return JsonValue.Create(value.ToString());
            case JsNumber:
                return ToJson(value.AsNumber());
            case JsBoolean:
                return JsonValue.Create(value.AsBoolean());
            case JsBigInt:
                return JsonNode.Parse(value.ToString());
            case JsDate date:
                return double.IsNaN(date.DateValue)
                    ? null
                    : JsonValue.Create(date.ToDateTime().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            case ObjectInstance obj when obj.IsArray():
                return ToJsonArray(obj, depth);
            case ObjectInstance obj when obj is not Function:
                return ToJsonObject(obj, depth);
            default:
                // undefined, null, functions and symbols have no JSON value.
                return null;
        }
    }

    private static JsonValue? ToJson(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return null;
        }

        const double MaxSafeInteger = 9_007_199_254_740_991;
        return Math.Floor(number) == number && Math.Abs(number) <= MaxSafeInteger
            ? JsonValue.Create((long)number)
            : JsonValue.Create(number);
    }

    private JsonArray ToJsonArray(ObjectInstance array, int depth)
    {
        var length = TypeConverter.ToNumber(array.Get("length"));
        if (length > _limits.MaxArrayLength)
        {
            throw new ExpressionException(
                $"The JavaScript result is an array of {length} elements, more than the limit of {_limits.MaxArrayLength}.");
        }

        var result = new JsonArray();
        for (uint i = 0; i < (uint)length; i++)
        {
            result.Add(ToJson(array.Get(i), depth + 1));
        }

        return result;
    }

    private JsonObject ToJsonObject(ObjectInstance obj, int depth)
    {
        var result = new JsonObject();
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined || !descriptor.Enumerable)
            {
                continue;
            }

            var value = obj.Get(key);
            if (value.IsUndefined() || value is Function || value.IsSymbol())
            {
                // As JSON.stringify does: such members are left out.
                continue;
            }

            result[key.ToString()] = ToJson(value, depth + 1);
        }

        return result;
    }

    private string Describe(Exception ex) => ex switch
    {
        RegexMatchTimeoutException => $"A JavaScript regular expression timed out after {_limits.Timeout.TotalMilliseconds:0} ms.",
        TimeoutException => $"JavaScript timed out after {_limits.Timeout.TotalMilliseconds:0} ms.",
        MemoryLimitExceededException => $"JavaScript exceeded the memory limit of {_limits.MemoryBytes:N0} bytes ({ex.Message}).",
        StatementsCountOverflowException => $"JavaScript exceeded the limit of {_limits.MaxStatements:N0} statements.",
        RecursionDepthOverflowException => $"JavaScript exceeded the recursion limit of {_limits.MaxRecursionDepth} nested calls of one function.",
        ExecutionCanceledException => "JavaScript evaluation was canceled.",
        JavaScriptException js => DescribeJavaScriptError(js),
        ParseErrorException parse => DescribeSyntaxError(parse),
        InsufficientExecutionStackException => "JavaScript nests too deeply to run.",
        _ => $"JavaScript failed: {ex.Message}",
    };

    private static string DescribeJavaScriptError(JavaScriptException ex)
    {
        var name = "Error";
        try
        {
            if (ex.Error is ObjectInstance error && error.Get("name") is JsString errorName)
            {
                name = errorName.ToString();
            }
        }
        catch (Exception inner) when (inner is JintException or TimeoutException)
        {
            // The thrown value's own name getter failed; the generic name will do.
        }

        var location = ex.Location;
        return location.Start.Line > 0
            ? $"{name} at line {location.Start.Line}, column {location.Start.Column + 1}: {ex.Message}"
            : $"{name}: {ex.Message}";
    }

    private sealed record ParsedScript(Prepared<Script> Script, string? Error);

    /// <summary>Makes <c>Date.now()</c> and <c>new Date()</c> return the scope's time.</summary>
    private sealed class FixedTimeSystem(DateTimeOffset now) : DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
