using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;
using Governance.Workflows.Runtime;

namespace Governance.Workflows.Activities;

/// <summary>What an activity sees and can do while it runs: its inputs, the instance's variables, services, and the results it may return.</summary>
public sealed class ActivityContext
{
    private readonly WorkflowDefinition _definition;
    private readonly WorkflowInstanceState _state;
    private readonly ExpressionEvaluators _evaluators;

    internal ActivityContext(
        WorkflowDefinition definition,
        WorkflowInstanceState state,
        ActivityDefinition activity,
        ActivityDescriptor descriptor,
        ExpressionEvaluators evaluators,
        DateTimeOffset now,
        IServiceProvider services,
        ResumeStimulus? resume,
        string? actor)
    {
        _definition = definition;
        _state = state;
        _evaluators = evaluators;
        Activity = activity;
        Descriptor = descriptor;
        Now = now;
        Services = services;
        Resume = resume;
        Actor = actor;
    }

    public ActivityDefinition Activity { get; }

    public ActivityDescriptor Descriptor { get; }

    public Guid InstanceId => _state.InstanceId;

    public string DefinitionId => _state.DefinitionId;

    public string? CorrelationId => _state.CorrelationId;

    /// <summary>The time of this step (from the runtime's TimeProvider).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The server's services (documents, email outbox, the domain) in the step's unit of work.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Set when the activity is resumed from one of its bookmarks.</summary>
    public ResumeStimulus? Resume { get; }

    /// <summary>Who caused this step (a person's id, a client, or null for the system).</summary>
    public string? Actor { get; }

    /// <summary>A short text for the journal (what was decided, to whom it went).</summary>
    public string? Summary { get; set; }

    /// <summary>
    /// The value of a declared input: evaluated (expression form) or read (setting form), the default
    /// when absent, converted to the declared type. Throws <see cref="ExpressionException"/> or
    /// <see cref="FormatException"/>; the runtime turns either into a fault with an incident.
    /// </summary>
    public JsonNode? Input(string name)
    {
        var declared = Descriptor.Inputs.FirstOrDefault(i => i.Name == name)
            ?? throw new InvalidOperationException($"{Descriptor.Type} declares no input '{name}'.");
        JsonNode? value;
        if (declared.Form == InputForm.Setting)
        {
            value = Activity.Setting(name)?.DeepClone() ?? declared.Default?.DeepClone();
        }
        else
        {
            var expression = Activity.Input(name);
            value = expression is null ? declared.Default?.DeepClone() : _evaluators.Evaluate(expression, Scope());
        }

        return WorkflowTypes.Coerce(value, declared.TypeName);
    }

    public string? InputString(string name) => Input(name) is { } node ? node.GetValue<string>() : null;

    /// <summary>A Guid input (stored in its canonical text form), or null when absent.</summary>
    public Guid? InputGuid(string name) => InputString(name) is { } text ? Guid.Parse(text, CultureInfo.InvariantCulture) : null;

    public bool InputBoolean(string name) => Input(name)?.GetValue<bool>() ?? false;

    public TimeSpan? InputTimeSpan(string name) =>
        InputString(name) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;

    public DateTimeOffset? InputDateTime(string name) =>
        InputString(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>Evaluates an arbitrary expression object found in a setting (e.g. a switch case's condition).</summary>
    public JsonNode? Evaluate(InputExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return _evaluators.Evaluate(expression, Scope());
    }

    public JsonNode? GetVariable(string name) =>
        _state.Variables.TryGetValue(name, out var value) ? value?.DeepClone() : null;

    /// <summary>Sets a declared variable, converted to its type. Unknown names are an error the validator normally catches.</summary>
    public void SetVariable(string name, JsonNode? value)
    {
        var declared = _definition.Variables.FirstOrDefault(v => v.Name == name)
            ?? throw new FormatException($"The workflow declares no variable '{name}'.");
        _state.Variables[name] = WorkflowTypes.Coerce(value, declared.TypeName);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Activity API: results are made through the context.")]
    public ActivityResult Complete(params string[] outcomes) =>
        new ActivityCompleted(outcomes.Length == 0 ? ["Done"] : [.. outcomes]);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Activity API: results are made through the context.")]
    public ActivityResult Suspend(params BookmarkRequest[] bookmarks) =>
        bookmarks.Length == 0
            ? throw new ArgumentException("Suspending needs at least one bookmark.", nameof(bookmarks))
            : new ActivitySuspended([.. bookmarks]);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Activity API: results are made through the context.")]
    public ActivityResult Fault(string message) => new ActivityFaulted(message);

    internal ExpressionScope Scope() => new(_state.Variables, _state.Input, Now);

    internal static string Describe(ImmutableArray<string> outcomes) => string.Join(",", outcomes);

    internal static string? Short(JsonNode? value) =>
        value is null ? null : value.GetValueKind() == JsonValueKind.String ? Truncate(value.GetValue<string>()) : Truncate(value.ToJsonString());

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
