using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Server.Tests.Api;

/// <summary>Reads API answers the way an outside client would: plain JSON with string enums.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Asserts a ProblemDetails answer with the given status and stable code; returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string code, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        return problem;
    }
}
