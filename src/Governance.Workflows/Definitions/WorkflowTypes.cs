using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Governance.Workflows.Definitions;

/// <summary>
/// The value types of variables and inputs. Values travel as JSON; <see cref="Coerce"/> turns what an
/// expression produced into the declared type's canonical JSON form, or says why it cannot.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The constants are the type names the workflow format uses.")]
public static class WorkflowTypes
{
    public const string String = "String";
    public const string Int32 = "Int32";
    public const string Int64 = "Int64";
    public const string Decimal = "Decimal";
    public const string Double = "Double";
    public const string Boolean = "Boolean";
    public const string Guid = "Guid";
    public const string DateTime = "DateTime";
    public const string TimeSpan = "TimeSpan";
    public const string Object = "Object";
    public const string Array = "Array";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        String, Int32, Int64, Decimal, Double, Boolean, Guid, DateTime, TimeSpan, Object, Array,
    };

    // Elsa writes some types in other spellings; they mean the same.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string"] = String, ["int"] = Int32, ["int32"] = Int32, ["long"] = Int64, ["int64"] = Int64,
        ["decimal"] = Decimal, ["double"] = Double, ["bool"] = Boolean, ["boolean"] = Boolean, ["guid"] = Guid,
        ["datetime"] = DateTime, ["datetimeoffset"] = DateTime, ["timespan"] = TimeSpan, ["object"] = Object,
        ["json"] = Object, ["expandoobject"] = Object, ["array"] = Array, ["object[]"] = Array, ["string[]"] = Array,
    };

    /// <summary>The canonical name of a type name, or null when it is not one of ours.</summary>
    public static string? Normalize(string? typeName) =>
        typeName is not null && Aliases.TryGetValue(typeName, out var canonical) ? canonical : null;

    /// <summary>Converts a value to the type; throws <see cref="FormatException"/> with a readable reason.</summary>
    public static JsonNode? Coerce(JsonNode? value, string typeName)
    {
        var type = Normalize(typeName) ?? throw new FormatException($"'{typeName}' is not a workflow type.");
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            String => JsonValue.Create(kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()),
            Boolean => kind switch
            {
                JsonValueKind.True or JsonValueKind.False => JsonValue.Create(value.GetValue<bool>()),
                JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var b) => JsonValue.Create(b),
                _ => throw Cannot(value, type),
            },
            Int32 => JsonValue.Create(checked((int)Whole(value, type))),
            Int64 => JsonValue.Create(checked((long)Whole(value, type))),
            Decimal => JsonValue.Create(Number(value, type)),
            Double => JsonValue.Create((double)Number(value, type)),
            Guid => JsonValue.Create(System.Guid.Parse(Text(value, type), CultureInfo.InvariantCulture).ToString()),
            DateTime => JsonValue.Create(DateTimeOffset.Parse(Text(value, type), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                .ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            TimeSpan => JsonValue.Create(ParseTimeSpan(Text(value, type)).ToString("c", CultureInfo.InvariantCulture)),
            Array => kind == JsonValueKind.Array ? value.DeepClone() : throw Cannot(value, type),
            _ => value.DeepClone(),
        };
    }

    public static System.TimeSpan ParseTimeSpan(string text)
    {
        if (System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a time span (use d.hh:mm:ss or ISO 8601 such as P14D).");
        }
    }

    /// <summary>
    /// The value for a declared type where the definition may leave it empty: Elsa's designer writes
    /// <c>""</c> for "no value" on non-string variables.
    /// </summary>
    public static JsonNode? DefaultValue(JsonNode? value, string typeName) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0
            && Normalize(typeName) != String ? null : value;

    private static decimal Whole(JsonNode value, string type)
    {
        var number = Number(value, type);
        return decimal.Truncate(number) == number ? number : throw new FormatException($"{value.ToJsonString()} is not a whole number ({type}).");
    }

    // A number may be parsed JSON text or a value made in code (long, double from JavaScript, int...).
    private static decimal Number(JsonNode value, string type)
    {
        if (value.GetValueKind() == JsonValueKind.Number && value is JsonValue number)
        {
            if (number.TryGetValue<decimal>(out var d))
            {
                return d;
            }

            if (number.TryGetValue<long>(out var l))
            {
                return l;
            }

            if (number.TryGetValue<int>(out var i))
            {
                return i;
            }

            if (number.TryGetValue<double>(out var x) && double.IsFinite(x))
            {
                return (decimal)x;
            }

            if (number.TryGetValue<float>(out var f) && float.IsFinite(f))
            {
                return (decimal)f;
            }

            return decimal.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return value.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Cannot(value, type);
    }

    private static string Text(JsonNode value, string type) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Cannot(value, type);

    private static FormatException Cannot(JsonNode value, string type) =>
        new($"{value.ToJsonString()} cannot be read as {type}.");
}
