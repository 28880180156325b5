namespace Governance.Workflows.Validation;

/// <summary>One problem in a definition: a stable code, the JSON path it is at, and a message.</summary>
public sealed record WorkflowError(string Code, string Path, string Message)
{
    public override string ToString() => $"{Code} at {Path}: {Message}";
}

/// <summary>The stable codes of every definition error (clients, tests and the designer match on them).</summary>
public static class WorkflowErrorCodes
{
    public const string MalformedJson = "workflow.malformed-json";
    public const string MissingProperty = "workflow.missing-property";
    public const string InvalidProperty = "workflow.invalid-property";
    public const string UnknownActivityType = "workflow.unknown-activity-type";
    public const string UnsupportedElsaType = "workflow.unsupported-elsa-type";
    public const string DuplicateActivityId = "workflow.duplicate-activity-id";
    public const string ConnectionSourceMissing = "workflow.connection-source-missing";
    public const string ConnectionTargetMissing = "workflow.connection-target-missing";
    public const string UnknownPort = "workflow.unknown-port";
    public const string NoStart = "workflow.no-start";
    public const string MultipleStarts = "workflow.multiple-starts";
    public const string UnreachableActivity = "workflow.unreachable-activity";
    public const string MissingInput = "workflow.missing-input";
    public const string UnknownInput = "workflow.unknown-input";
    public const string InvalidExpressionType = "workflow.invalid-expression-type";
    public const string ExpressionSyntax = "workflow.expression-syntax";
    public const string UnknownVariable = "workflow.unknown-variable";
    public const string DuplicateVariable = "workflow.duplicate-variable";
    public const string UnknownTypeName = "workflow.unknown-type-name";
    public const string InvalidValue = "workflow.invalid-value";
    public const string CycleWithoutWait = "workflow.cycle-without-wait";
    public const string VersionNotIncreasing = "workflow.version-not-increasing";
    public const string InvalidRootType = "workflow.invalid-root-type";
    public const string InvalidDefinitionId = "workflow.invalid-definition-id";
}
