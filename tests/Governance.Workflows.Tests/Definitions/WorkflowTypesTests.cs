using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Tests.Definitions;

public sealed class WorkflowTypesTests
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("int", "Int32")]
    [InlineData("Int32", "Int32")]
    [InlineData("bool", "Boolean")]
    [InlineData("DateTimeOffset", "DateTime")]
    [InlineData("ExpandoObject", "Object")]
    [InlineData("String[]", "Array")]
    public void Normalize_ElsaSpelling_GivesCanonicalName(string typeName, string expected)
    {
        Assert.Equal(expected, WorkflowTypes.Normalize(typeName));
    }

    [Theory]
    [InlineData("Integer")]
    [InlineData("System.Int32")]
    [InlineData("")]
    public void Normalize_UnknownName_IsNull(string typeName)
    {
        Assert.Null(WorkflowTypes.Normalize(typeName));
    }

    [Theory]
    [InlineData("\"42\"", "Int32", "42")]
    [InlineData("42", "Int64", "42")]
    [InlineData("\"true\"", "Boolean", "true")]
    [InlineData("\"P14D\"", "TimeSpan", "\"14.00:00:00\"")]
    [InlineData("\"3.00:00:00\"", "TimeSpan", "\"3.00:00:00\"")]
    [InlineData("\"2025-03-01T16:00:00+08:00\"", "DateTime", "\"2025-03-01T08:00:00.0000000+00:00\"")]
    [InlineData("\"7C9E6679-7425-40DE-944B-E07FC1F90AE7\"", "Guid", "\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"")]
    [InlineData("12", "String", "\"12\"")]
    [InlineData("\"1.25\"", "Decimal", "1.25")]
    public void Coerce_ConvertibleValue_GivesCanonicalJson(string value, string typeName, string expected)
    {
        var result = WorkflowTypes.Coerce(JsonNode.Parse(value), typeName);

        Assert.Equal(expected, result!.ToJsonString(Unescaped));
    }

    [Theory]
    [InlineData("\"abc\"", "Int32")]
    [InlineData("\"soon\"", "TimeSpan")]
    [InlineData("\"maybe\"", "Boolean")]
    [InlineData("{}", "Array")]
    [InlineData("12", "Guid")]
    public void Coerce_NonConvertibleValue_ThrowsFormatException(string value, string typeName)
    {
        Assert.Throws<FormatException>(() => WorkflowTypes.Coerce(JsonNode.Parse(value), typeName));
    }

    [Theory]
    [InlineData("42.5")]
    [InlineData("\"42.5\"")]
    public void Coerce_FractionForInt32_ThrowsFormatExceptionInsteadOfTruncating(string value)
    {
        Assert.Throws<FormatException>(() => WorkflowTypes.Coerce(JsonNode.Parse(value), WorkflowTypes.Int32));
    }

    [Fact]
    public void Coerce_TooLargeForInt32_ThrowsOverflowException()
    {
        Assert.Throws<OverflowException>(() => WorkflowTypes.Coerce(JsonNode.Parse("3000000000"), WorkflowTypes.Int32));
    }

    [Fact]
    public void Coerce_ValueItProducedItself_ConvertsAgain()
    {
        // Variables hold what Coerce returned; reading one into an input of the same type coerces it once more.
        var once = WorkflowTypes.Coerce(JsonNode.Parse("\"42\""), WorkflowTypes.Int32);

        var twice = WorkflowTypes.Coerce(once, WorkflowTypes.Int32);

        Assert.Equal(42, twice!.GetValue<int>());
    }

    [Fact]
    public void Coerce_DoubleValueToDecimal_Converts()
    {
        // What a JavaScript expression returns for 1.5 is a JsonValue holding a double.
        var result = WorkflowTypes.Coerce(JsonValue.Create(1.5), WorkflowTypes.Decimal);

        Assert.Equal(1.5m, result!.GetValue<decimal>());
    }

    [Fact]
    public void Coerce_LongValueToInt32_Converts()
    {
        // What a JavaScript expression returns for 42 is a JsonValue holding a long.
        var result = WorkflowTypes.Coerce(JsonValue.Create(42L), WorkflowTypes.Int32);

        Assert.Equal(42, result!.GetValue<int>());
    }

    [Fact]
    public void Coerce_UnknownTypeName_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => WorkflowTypes.Coerce(JsonValue.Create(1), "Integer"));
    }

    [Fact]
    public void Coerce_Null_IsNullForEveryType()
    {
        Assert.All(WorkflowTypes.All, type => Assert.Null(WorkflowTypes.Coerce(null, type)));
    }
}
