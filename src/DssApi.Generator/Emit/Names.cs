namespace DssApi.Generator.Emit;

/// <summary>Fully qualified names of the framework and runtime types generated code uses.</summary>
internal static class Names
{
    public const string JsonNode = "global::System.Text.Json.Nodes.JsonNode";
    public const string JsonObject = "global::System.Text.Json.Nodes.JsonObject";
    public const string JsonArray = "global::System.Text.Json.Nodes.JsonArray";
    public const string JsonValue = "global::System.Text.Json.Nodes.JsonValue";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Stream = "global::System.IO.Stream";
    public const string HttpMethod = "global::System.Net.Http.HttpMethod";
    public const string ReadOnlyMemoryOfByte = "global::System.ReadOnlyMemory<byte>";
    public const string DssClient = "global::DssApi.DssClient";
    public const string DssSettings = "global::DssApi.DssSettings";
    public const string DssJsonView = "global::DssApi.DssJsonView";
    public const string DssFuture = "global::DssApi.DssFuture";
    public const string DssRequest = "global::DssApi.DssRequest";
    public const string DssJson = "global::DssApi.DssJson";
    public const string DssJsonList = "global::DssApi.DssJsonList";
    public const string DssJsonMap = "global::DssApi.DssJsonMap";
    public const string DssChecks = "global::DssApi.DssChecks";
    public const string DssOrigin = "global::DssApi.DssOrigin";
    public const string Annotations = "global::DssApi.Annotations.";
}
