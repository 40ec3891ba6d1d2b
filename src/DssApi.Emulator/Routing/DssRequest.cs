using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Routing;

/// <summary>One matched request: decoded route values, lenient query parsing and content-type-blind JSON bodies.</summary>
internal sealed class DssRequest(HttpContext http, IReadOnlyDictionary<string, string> routeValues, bool callerIsAdmin)
{
    public HttpContext Http { get; } = http;

    /// <summary>Whether the caller presented the admin key (never on the API node, which has no admin).</summary>
    public bool CallerIsAdmin { get; } = callerIsAdmin;

    public CancellationToken Aborted => Http.RequestAborted;

    public string Route(string name) => routeValues[name];

    public string? Query(string name) =>
        Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public string RequireQuery(string name) => Query(name) ?? throw DssError.MissingParameter(name);

    /// <summary>Booleans as Spring reads them: <c>True</c>, <c>true</c>, <c>FALSE</c> … are all fine.</summary>
    public bool QueryBool(string name, bool defaultValue)
    {
        var text = Query(name);
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw DssError.IllegalArgument($"Invalid boolean value '{text}' for parameter '{name}'");
    }

    /// <summary>The body as text; the Python client sends JSON with no Content-Type, so none is required.</summary>
    public async Task<string> ReadBodyTextAsync()
    {
        using var reader = new StreamReader(Http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(Aborted);
    }

    public async Task<JsonObject> ReadJsonObjectAsync()
    {
        var text = await ReadBodyTextAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DssError.MalformedRequest("A JSON body is required");
        }

        return DssJson.ParseObject(text, "request body");
    }

    /// <summary>For routes whose body may be absent (e.g. <c>run</c> with no arguments).</summary>
    public async Task<JsonObject?> ReadOptionalJsonObjectAsync()
    {
        var text = await ReadBodyTextAsync();
        return string.IsNullOrWhiteSpace(text) ? null : DssJson.ParseObject(text, "request body");
    }
}
