using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities;

public sealed record ActivityInputDescriptor(string Name, string TypeName, bool Required, InputForm Form, JsonNode? Default, string Description);

public sealed record ActivityOutputDescriptor(string Name, string TypeName, string Description);

/// <summary>Everything the validator, the runtime and the designer palette know about an activity type.</summary>
public sealed record ActivityDescriptor(
    string Type,
    int Version,
    string Category,
    string DisplayNameZh,
    string DisplayNameEn,
    string Description,
    IReadOnlyList<ActivityInputDescriptor> Inputs,
    IReadOnlyList<ActivityOutputDescriptor> Outputs,
    IReadOnlyList<string> Outcomes,
    bool HasDynamicPorts,
    bool CanWait)
{
    internal IActivity Implementation { get; init; } = null!;

    /// <summary>The outcome ports this activity, as configured, can complete through.</summary>
    public IReadOnlyList<string> PortsOf(ActivityDefinition activity) =>
        Implementation is IDeclaresPorts dynamic ? [.. Outcomes, .. dynamic.PortsOf(activity)] : Outcomes;
}

/// <summary>
/// The activity types this runtime knows, read from the <see cref="ActivityAttribute"/> of each class.
/// The validator, the runtime and the designer palette all use it; there is no second list.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly FrozenDictionary<string, ActivityDescriptor> _byType;

    public ActivityRegistry(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var descriptors = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            var attribute = type.GetCustomAttribute<ActivityAttribute>();
            if (attribute is null)
            {
                continue;
            }

            if (!typeof(IActivity).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new InvalidOperationException($"{type.FullName} has [Activity] but is not a concrete IActivity.");
            }

            if (!descriptors.TryAdd(attribute.Type, Describe(type, attribute)))
            {
                throw new InvalidOperationException($"Two classes declare activity type {attribute.Type}.");
            }
        }

        _byType = descriptors.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The registry of this assembly's activities (the Elsa core types).</summary>
    public static ActivityRegistry Core { get; } = new([typeof(ActivityRegistry).Assembly]);

    public IReadOnlyCollection<ActivityDescriptor> All => _byType.Values;

    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    private static ActivityDescriptor Describe(Type type, ActivityAttribute attribute)
    {
        var inputs = type.GetCustomAttributes<ActivityInputAttribute>()
            .Select(i => new ActivityInputDescriptor(
                i.Name, i.TypeName, i.Required, i.Form, i.DefaultJson is null ? null : JsonNode.Parse(i.DefaultJson), i.Description))
            .ToList();
        var outputs = type.GetCustomAttributes<ActivityOutputAttribute>()
            .Select(o => new ActivityOutputDescriptor(o.Name, o.TypeName, o.Description))
            .ToList();
        var implementation = (IActivity)(Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.FullName} needs a parameterless constructor."));
        return new ActivityDescriptor(
            attribute.Type, attribute.Version, attribute.Category, attribute.DisplayNameZh, attribute.DisplayNameEn,
            attribute.Description, inputs, outputs, attribute.Outcomes, implementation is IDeclaresPorts, attribute.CanWait)
        {
            Implementation = implementation,
        };
    }
}
