using System.Text.Json;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>Lenient reads of DSS JSON fields: a missing or mistyped field reads as its default.</summary>
internal static class DssJsonRead
{
    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool Boolean(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static long Int64(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number
            : json[name] is JsonValue real && real.TryGetValue<double>(out var fractional) ? (long)fractional : 0;
}
