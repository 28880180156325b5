namespace Governance.Workflows.Activities;

/// <summary>Declares an activity type: its name in workflow files, how the palette shows it, its outcomes.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type) : Attribute
{
    /// <summary>The type name written in definitions, e.g. <c>Elsa.FlowDecision</c>.</summary>
    public string Type { get; } = type;

    public int Version { get; init; } = 1;

    public string Category { get; init; } = "Flow";

    public string DisplayNameZh { get; init; } = string.Empty;

    public string DisplayNameEn { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    /// <summary>The fixed outcome ports. Activities whose ports depend on their settings also implement <see cref="IDeclaresPorts"/>.</summary>
    public string[] Outcomes { get; init; } = ["Done"];

    /// <summary>The activity can suspend the instance (wait for a person, a timer or an event). A cycle needs one.</summary>
    public bool CanWait { get; init; }
}

/// <summary>How an input is written in a definition.</summary>
public enum InputForm
{
    /// <summary><c>{ "typeName", "expression": { "type", "value" } }</c>, evaluated at run time.</summary>
    Expression,

    /// <summary>A plain JSON value fixed at design time (e.g. FlowJoin's <c>mode</c>).</summary>
    Setting,
}

/// <summary>Declares one input of an activity.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityInputAttribute(string name, string typeName) : Attribute
{
    public string Name { get; } = name;

    /// <summary>One of <see cref="WorkflowTypes"/>'s names.</summary>
    public string TypeName { get; } = typeName;

    public bool Required { get; init; }

    public InputForm Form { get; init; } = InputForm.Expression;

    /// <summary>The default, as JSON text, used when the input is absent.</summary>
    public string? DefaultJson { get; init; }

    public string Description { get; init; } = string.Empty;
}

/// <summary>Declares one output of an activity (what it writes for later steps).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityOutputAttribute(string name, string typeName) : Attribute
{
    public string Name { get; } = name;

    public string TypeName { get; } = typeName;

    public string Description { get; init; } = string.Empty;
}
