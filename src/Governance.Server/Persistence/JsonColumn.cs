using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence;

/// <summary>
/// Stores a small value object (or list of them) as JSON text: the same on every provider, and
/// compared by content so EF notices a change.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJson<T, TStored>(
        this PropertyBuilder<T> property, Func<T, TStored> toStored, Func<TStored, T> fromStored)
    {
        ArgumentNullException.ThrowIfNull(property);
        property.HasConversion(
            value => JsonSerializer.Serialize(toStored(value), Options),
            text => fromStored(JsonSerializer.Deserialize<TStored>(text, Options)!),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(toStored(a!), Options) == JsonSerializer.Serialize(toStored(b!), Options),
                value => JsonSerializer.Serialize(toStored(value), Options).GetHashCode(StringComparison.Ordinal),
                value => fromStored(toStored(value))));

        return property;
    }
}
