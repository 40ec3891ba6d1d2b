using System.Text.Json.Nodes;

namespace DssApi.Emulator.Deployer;

/// <summary>One message of a DSS <c>InfoMessages</c> list (health messages, governance status).</summary>
internal sealed record InfoMessage(string Severity, string Code, string Title, string Message)
{
    public const string Info = "INFO";
    public const string Warning = "WARNING";
    public const string Error = "ERROR";
}

/// <summary>Builds the InfoMessages shape of dss-protocol §5.9, deriving the summary flags from the messages.</summary>
internal static class InfoMessages
{
    private static readonly string[] SeverityOrder = ["SUCCESS", InfoMessage.Info, InfoMessage.Warning, InfoMessage.Error];

    public static JsonObject Of(IReadOnlyCollection<InfoMessage> messages)
    {
        var maxSeverity = messages.Select(message => message.Severity).MaxBy(severity => Array.IndexOf(SeverityOrder, severity));
        return new JsonObject
        {
            ["messages"] = new JsonArray(messages.Select(message => (JsonNode)new JsonObject
            {
                ["severity"] = message.Severity,
                ["isFatal"] = false,
                ["code"] = message.Code,
                ["title"] = message.Title,
                ["details"] = message.Message,
                ["message"] = message.Message,
            }).ToArray()),
            ["maxSeverity"] = maxSeverity,
            ["anyMessage"] = messages.Count > 0,
            ["success"] = maxSeverity == "SUCCESS",
            ["warning"] = maxSeverity == InfoMessage.Warning,
            ["error"] = maxSeverity == InfoMessage.Error,
            ["fatal"] = false,
        };
    }
}
