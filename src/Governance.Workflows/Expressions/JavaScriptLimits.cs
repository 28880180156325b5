namespace Governance.Workflows.Expressions;

/// <summary>The sandbox limits of <see cref="JavaScriptEvaluator"/>; exceeding any of them faults the expression.</summary>
public sealed record JavaScriptLimits
{
    /// <summary>The limits used when none are given: 1 s, 16 MB, 1,000,000 statements, recursion 64 deep, arrays of 1,000,000 elements.</summary>
    public static JavaScriptLimits Default { get; } = new();

    /// <summary>Wall-clock time one evaluation may take (also the timeout of each regular-expression match). Default 1 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bytes one evaluation may allocate (Jint counts the allocations of the evaluating thread and checks
    /// between statements, so a single built-in call such as <c>'x'.repeat(n)</c> can overshoot it once). Default 16 MB.
    /// </summary>
    public long MemoryBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Statements one evaluation may execute. Default 1,000,000.</summary>
    public int MaxStatements { get; init; } = 1_000_000;

    /// <summary>
    /// How deeply a function may recurse, directly or through others (Jint counts re-entries of the same function,
    /// not the length of a chain of different ones; the native-stack guard covers the rest). Default 64.
    /// </summary>
    public int MaxRecursionDepth { get; init; } = 64;

    /// <summary>Largest array length a script may create (and that a result may have). Default 1,000,000.</summary>
    public uint MaxArrayLength { get; init; } = 1_000_000;
}
