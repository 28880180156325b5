using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Validation;

/// <summary>
/// Checks a definition against the activity registry and reports every error at once, each with a
/// stable code and the JSON path of the offending part. Invalid definitions are never published or run.
/// </summary>
public sealed partial class WorkflowValidator(ActivityRegistry registry, ExpressionEvaluators evaluators)
{
    public const string FlowchartType = "Elsa.Flowchart";

    /// <summary>Reads and validates a file's text.</summary>
    public ImmutableArray<WorkflowError> Validate(string json, out WorkflowDefinition? definition)
    {
        var read = WorkflowDefinitionReader.Read(json);
        definition = read.Definition;
        return read.Definition is null ? read.Errors : [.. read.Errors, .. Validate(read.Definition)];
    }

    /// <summary>Validates a definition; an empty result means it may be published and run.</summary>
    public ImmutableArray<WorkflowError> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = ImmutableArray.CreateBuilder<WorkflowError>();
        if (!DefinitionIdPattern().IsMatch(definition.DefinitionId))
        {
            errors.Add(new(WorkflowErrorCodes.InvalidDefinitionId, "$.definitionId",
                $"'{definition.DefinitionId}' must be lower-case letters, digits and dashes (it is also the file name)."));
        }

        if (definition.Version < 1)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, "$.version", "version starts at 1."));
        }

        if (definition.Root.Type != FlowchartType)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidRootType, "$.root.type", $"The root must be {FlowchartType}, not {definition.Root.Type}."));
        }

        CheckVariables(definition, errors);
        CheckInputs(definition, errors);
        var activities = CheckActivities(definition, errors);
        CheckConnections(definition, activities, errors);
        CheckGraph(definition, activities, errors);
        return errors.ToImmutable();
    }

    /// <summary>The extra rule of publishing: the new version must be above every version published before.</summary>
    public static WorkflowError? CheckPublishVersion(int newVersion, int? latestPublished) =>
        latestPublished is { } latest && newVersion <= latest
            ? new WorkflowError(WorkflowErrorCodes.VersionNotIncreasing, "$.version",
                $"Version {newVersion} is not above the latest published version {latest}.")
            : null;

    private static void CheckVariables(WorkflowDefinition definition, ImmutableArray<WorkflowError>.Builder errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Variables.Length; i++)
        {
            var variable = definition.Variables[i];
            var path = $"$.variables[{i}]";
            if (!seen.Add(variable.Name))
            {
                errors.Add(new(WorkflowErrorCodes.DuplicateVariable, path + ".name", $"Variable '{variable.Name}' is declared twice."));
            }

            if (WorkflowTypes.Normalize(variable.TypeName) is null)
            {
                errors.Add(new(WorkflowErrorCodes.UnknownTypeName, path + ".typeName", $"'{variable.TypeName}' is not a workflow type."));
                continue;
            }

            try
            {
                WorkflowTypes.Coerce(WorkflowTypes.DefaultValue(variable.Value, variable.TypeName), variable.TypeName);
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".value", exception.Message));
            }
        }
    }

    private static void CheckInputs(WorkflowDefinition definition, ImmutableArray<WorkflowError>.Builder errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Inputs.Length; i++)
        {
            var input = definition.Inputs[i];
            if (!seen.Add(input.Name))
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"$.inputs[{i}].name", $"Input '{input.Name}' is declared twice."));
            }

            if (WorkflowTypes.Normalize(input.Type) is null)
            {
                errors.Add(new(WorkflowErrorCodes.UnknownTypeName, $"$.inputs[{i}].type", $"'{input.Type}' is not a workflow type."));
            }
        }
    }

    private Dictionary<string, (ActivityDefinition Activity, ActivityDescriptor? Descriptor, string Path)> CheckActivities(
        WorkflowDefinition definition, ImmutableArray<WorkflowError>.Builder errors)
    {
        var byId = new Dictionary<string, (ActivityDefinition, ActivityDescriptor?, string)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Root.Activities.Length; i++)
        {
            var activity = definition.Root.Activities[i];
            var path = $"$.root.activities[{i}]";
            var descriptor = registry.Find(activity.Type);
            if (descriptor is null)
            {
                errors.Add(activity.Type.StartsWith("Elsa.", StringComparison.Ordinal)
                    ? new(WorkflowErrorCodes.UnsupportedElsaType, path + ".type", $"{activity.Type} is not one of the Elsa core types this runtime supports.")
                    : new(WorkflowErrorCodes.UnknownActivityType, path + ".type", $"{activity.Type} is not a known activity type."));
            }

            if (!byId.TryAdd(activity.Id, (activity, descriptor, path)))
            {
                errors.Add(new(WorkflowErrorCodes.DuplicateActivityId, path + ".id", $"Activity id '{activity.Id}' is used twice."));
                continue;
            }

            if (descriptor is not null)
            {
                CheckActivityInputs(definition, activity, descriptor, path, errors);
            }
        }

        return byId;
    }

    private void CheckActivityInputs(
        WorkflowDefinition definition, ActivityDefinition activity, ActivityDescriptor descriptor, string path,
        ImmutableArray<WorkflowError>.Builder errors)
    {
        foreach (var declared in descriptor.Inputs)
        {
            var inputPath = $"{path}.{declared.Name}";
            var present = activity.Properties.TryGetPropertyValue(declared.Name, out var node) && node is not null;
            if (!present)
            {
                if (declared.Required)
                {
                    errors.Add(new(WorkflowErrorCodes.MissingInput, inputPath, $"{activity.Type} needs the input '{declared.Name}'."));
                }

                continue;
            }

            if (declared.Form == InputForm.Setting)
            {
                continue;
            }

            var expression = InputExpression.TryRead(node);
            if (expression is null)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, inputPath,
                    $"'{declared.Name}' must be written as {{ \"typeName\": ..., \"expression\": {{ \"type\": ..., \"value\": ... }} }}."));
                continue;
            }

            CheckExpression(definition, expression, inputPath, declared.TypeName, errors);
        }

        foreach (var (name, node) in activity.Properties)
        {
            if (descriptor.Inputs.All(i => i.Name != name) && InputExpression.LooksLikeInput(node))
            {
                errors.Add(new(WorkflowErrorCodes.UnknownInput, $"{path}.{name}", $"{activity.Type} has no input '{name}'."));
            }
        }

        CheckSettings(definition, activity, path, errors);
    }

    /// <param name="path">The input's path; its expression object is at <c>.expression</c> unless <paramref name="bare"/>.</param>
    private void CheckExpression(
        WorkflowDefinition definition, InputExpression expression, string path, string typeName, ImmutableArray<WorkflowError>.Builder errors,
        bool bare = false)
    {
        var expressionPath = bare ? path : path + ".expression";
        var valuePath = expressionPath + ".value";
        switch (expression.Language)
        {
            case null:
                errors.Add(new(WorkflowErrorCodes.InvalidExpressionType, expressionPath + ".type",
                    $"'{expression.LanguageName}' is not an expression type (Literal, Variable, JavaScript, Liquid)."));
                return;
            case ExpressionLanguage.Variable:
                if (definition.Variables.All(v => v.Name != expression.Text))
                {
                    errors.Add(new(WorkflowErrorCodes.UnknownVariable, valuePath, $"The workflow declares no variable '{expression.Text}'."));
                }

                return;
            case ExpressionLanguage.Literal:
                try
                {
                    WorkflowTypes.Coerce(WorkflowTypes.DefaultValue(expression.Value, typeName), typeName);
                }
                catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
                {
                    errors.Add(new(WorkflowErrorCodes.InvalidValue, valuePath, exception.Message));
                }

                return;
            default:
                var text = expression.Text ?? string.Empty;
                var syntax = evaluators.CheckSyntax(expression);
                if (syntax is not null)
                {
                    errors.Add(new(WorkflowErrorCodes.ExpressionSyntax, valuePath, syntax));
                }

                foreach (var name in ReferencedVariables(text, expression.Language.Value))
                {
                    if (definition.Variables.All(v => v.Name != name))
                    {
                        errors.Add(new(WorkflowErrorCodes.UnknownVariable, valuePath, $"The expression uses variable '{name}', which the workflow does not declare."));
                    }
                }

                return;
        }
    }

    private void CheckSettings(WorkflowDefinition definition, ActivityDefinition activity, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        switch (activity.Type)
        {
            case FlowJoinActivity.TypeName when activity.Setting("mode") is { } mode
                && (mode.GetValueKind() != JsonValueKind.String || mode.GetValue<string>() is not ("WaitAll" or "WaitAny")):
                errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".mode", "A join's mode is WaitAll or WaitAny."));
                break;
            case "Elsa.FlowFork" when activity.Setting("branches") is not null && FlowForkActivity.Branches(activity).Count == 0:
                errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".branches", "A fork needs at least one branch name."));
                break;
            case "Elsa.FlowSwitch":
                CheckSwitch(definition, activity, path, errors);
                break;
            case "Elsa.SetVariable" when activity.Setting("variable") is not null:
                var name = SetVariableActivity.VariableName(activity);
                var variable = definition.Variables.FirstOrDefault(v => v.Name == name);
                if (variable is null)
                {
                    errors.Add(new(WorkflowErrorCodes.UnknownVariable, path + ".variable", $"The workflow declares no variable '{name}'."));
                }
                else if (activity.Input("value") is { Language: ExpressionLanguage.Literal } literal && WorkflowTypes.Normalize(variable.TypeName) is not null)
                {
                    try
                    {
                        WorkflowTypes.Coerce(WorkflowTypes.DefaultValue(literal.Value, variable.TypeName), variable.TypeName);
                    }
                    catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
                    {
                        errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".value.expression.value", $"{name} is {variable.TypeName}: {exception.Message}"));
                    }
                }

                break;
            case "Elsa.Event" when activity.Setting("resultVariable") is { } result:
                var target = result.GetValueKind() == JsonValueKind.String ? result.GetValue<string>() : null;
                if (target is null || definition.Variables.All(v => v.Name != target))
                {
                    errors.Add(new(WorkflowErrorCodes.UnknownVariable, path + ".resultVariable", $"The workflow declares no variable '{target}'."));
                }

                break;
            case "Elsa.Finish" when activity.Input("outcome") is { Language: ExpressionLanguage.Literal, Text: { } outcome }
                && definition.Outcomes.Length > 0 && !definition.Outcomes.Contains(outcome):
                errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".outcome.expression.value",
                    $"'{outcome}' is not one of the workflow's outcomes ({string.Join(", ", definition.Outcomes)})."));
                break;
        }
    }

    private void CheckSwitch(WorkflowDefinition definition, ActivityDefinition activity, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        if (activity.Setting("mode") is { } mode
            && (mode.GetValueKind() != JsonValueKind.String || mode.GetValue<string>() is not ("MatchFirst" or "MatchAny")))
        {
            errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".mode", "A switch's mode is MatchFirst or MatchAny."));
        }

        if (activity.Setting("cases") is not JsonArray cases)
        {
            if (activity.Setting("cases") is not null)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidValue, path + ".cases", "cases must be an array of { label, condition }."));
            }

            return;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
        {
            var casePath = $"{path}.cases[{i}]";
            if (cases[i] is not JsonObject item || item["label"] is not JsonValue label || label.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidValue, casePath, "A case needs a label."));
                continue;
            }

            if (!labels.Add(label.GetValue<string>()) || label.GetValue<string>() == "Default")
            {
                errors.Add(new(WorkflowErrorCodes.InvalidValue, casePath + ".label", $"Case label '{label.GetValue<string>()}' is used twice (or is 'Default')."));
            }

            if (item["condition"] is not JsonObject condition)
            {
                errors.Add(new(WorkflowErrorCodes.MissingInput, casePath + ".condition", "A case needs a condition { type, value }."));
                continue;
            }

            var expression = InputExpression.TryRead(new JsonObject { ["typeName"] = "Boolean", ["expression"] = condition.DeepClone() })!;
            CheckExpression(definition, expression, casePath + ".condition", WorkflowTypes.Boolean, errors, bare: true);
        }
    }

    private static void CheckConnections(
        WorkflowDefinition definition,
        Dictionary<string, (ActivityDefinition Activity, ActivityDescriptor? Descriptor, string Path)> activities,
        ImmutableArray<WorkflowError>.Builder errors)
    {
        for (var i = 0; i < definition.Root.Connections.Length; i++)
        {
            var connection = definition.Root.Connections[i];
            var path = $"$.root.connections[{i}]";
            if (!activities.TryGetValue(connection.SourceActivity, out var source))
            {
                errors.Add(new(WorkflowErrorCodes.ConnectionSourceMissing, path + ".source.activity", $"No activity '{connection.SourceActivity}'."));
            }
            else if (source.Descriptor is not null && !source.Descriptor.PortsOf(source.Activity).Contains(connection.SourcePort))
            {
                errors.Add(new(WorkflowErrorCodes.UnknownPort, path + ".source.port",
                    $"{source.Activity.Type} '{source.Activity.Id}' has no port '{connection.SourcePort}' (it has: {string.Join(", ", source.Descriptor.PortsOf(source.Activity))})."));
            }

            if (!activities.ContainsKey(connection.TargetActivity))
            {
                errors.Add(new(WorkflowErrorCodes.ConnectionTargetMissing, path + ".target.activity", $"No activity '{connection.TargetActivity}'."));
            }
            else if (connection.TargetPort != "In")
            {
                errors.Add(new(WorkflowErrorCodes.UnknownPort, path + ".target.port", $"Connections enter an activity through 'In', not '{connection.TargetPort}'."));
            }
        }
    }

    private static void CheckGraph(
        WorkflowDefinition definition,
        Dictionary<string, (ActivityDefinition Activity, ActivityDescriptor? Descriptor, string Path)> activities,
        ImmutableArray<WorkflowError>.Builder errors)
    {
        var starts = activities.Values.Where(a => a.Activity.Type == StartActivity.TypeName).ToList();
        if (starts.Count == 0)
        {
            errors.Add(new(WorkflowErrorCodes.NoStart, "$.root.activities", $"The flowchart needs one {StartActivity.TypeName}."));
            return;
        }

        foreach (var extra in starts.Skip(1))
        {
            errors.Add(new(WorkflowErrorCodes.MultipleStarts, extra.Path, $"The flowchart has more than one {StartActivity.TypeName}."));
        }

        var edges = definition.Root.Connections
            .Where(c => activities.ContainsKey(c.SourceActivity) && activities.ContainsKey(c.TargetActivity))
            .GroupBy(c => c.SourceActivity)
            .ToDictionary(g => g.Key, g => g.Select(c => c.TargetActivity).Distinct().ToList(), StringComparer.Ordinal);

        var reached = new HashSet<string>(StringComparer.Ordinal) { starts[0].Activity.Id };
        var pending = new Stack<string>([starts[0].Activity.Id]);
        while (pending.Count > 0)
        {
            foreach (var next in edges.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (reached.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        foreach (var unreachable in activities.Values.Where(a => !reached.Contains(a.Activity.Id)))
        {
            errors.Add(new(WorkflowErrorCodes.UnreachableActivity, unreachable.Path, $"'{unreachable.Activity.Id}' cannot be reached from the start."));
        }

        foreach (var cycle in StronglyConnected(activities.Keys, edges))
        {
            var isLoop = cycle.Count > 1 || (edges.GetValueOrDefault(cycle[0])?.Contains(cycle[0]) ?? false);
            if (isLoop && cycle.All(id => activities[id].Descriptor is not { CanWait: true }))
            {
                var first = activities[cycle.Order(StringComparer.Ordinal).First()];
                errors.Add(new(WorkflowErrorCodes.CycleWithoutWait, first.Path,
                    $"The loop {string.Join(" → ", cycle)} contains no activity that waits, so it could run forever."));
            }
        }
    }

    // Tarjan's algorithm: the loops of the flowchart, each as its set of activity ids.
    private static List<List<string>> StronglyConnected(IEnumerable<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!indices.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                component.Reverse();
                result.Add(component);
            }
        }

        foreach (var node in nodes)
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }

    private static IEnumerable<string> ReferencedVariables(string text, ExpressionLanguage language) => language switch
    {
        ExpressionLanguage.JavaScript => JavaScriptVariableReference().Matches(text).Select(m => m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value),
        ExpressionLanguage.Liquid => LiquidVariableReference().Matches(text).Select(m => m.Groups["name"].Value),
        _ => [],
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex(@"\bvariables\.(?<a>[A-Za-z_][A-Za-z0-9_]*)|\bgetVariable\(\s*['""](?<b>[^'""]+)['""]\s*\)")]
    private static partial Regex JavaScriptVariableReference();

    [GeneratedRegex(@"\b[Vv]ariables\.(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex LiquidVariableReference();
}
