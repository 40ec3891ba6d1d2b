using System.Net.Mime;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace DssApi.Emulator.Routing;

/// <summary>What a route answers; each kind writes itself the way DSS's controllers do (dss-protocol §1.4).</summary>
internal abstract class DssResponse
{
    /// <summary>A void handler: 200 with an empty body.</summary>
    public static readonly DssResponse Empty = new EmptyResponse();

    public static DssResponse Json(JsonNode body) => new JsonResponse(body);

    /// <summary>DSS's <c>writeMessage</c>: <c>{"msg": "..."}</c>.</summary>
    public static DssResponse Message(string message) => new JsonResponse(new JsonObject { ["msg"] = message });

    public static DssResponse Zip(byte[] content, string fileName) => new FileResponse(content, "application/zip", fileName);

    public static DssResponse Text(string text, string contentType) => new TextResponse(text, contentType);

    public abstract Task WriteAsync(HttpResponse response, CancellationToken cancellationToken);

    private sealed class EmptyResponse : DssResponse
    {
        public override Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }

    private sealed class JsonResponse(JsonNode body) : DssResponse
    {
        public override Task WriteAsync(HttpResponse response, CancellationToken cancellationToken) =>
            new TextResponse(DssJson.Serialize(body), MediaTypeNames.Application.Json).WriteAsync(response, cancellationToken);
    }

    private sealed class TextResponse(string text, string contentType) : DssResponse
    {
        public override async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType + "; charset=utf-8";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, cancellationToken);
        }
    }

    /// <summary>A quoted file name as DSS sends it; names a quoted string cannot carry get an RFC 5987 <c>filename*</c>.</summary>
    private static string Disposition(string fileName)
    {
        if (fileName.All(character => char.IsAscii(character) && !char.IsControl(character) && character is not ('"' or '\\')))
        {
            return $"attachment; filename=\"{fileName}\"";
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        return disposition.ToString();
    }

    private sealed class FileResponse(byte[] content, string contentType, string fileName) : DssResponse
    {
        public override async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = content.Length;
            response.Headers.ContentDisposition = Disposition(fileName);
            await response.Body.WriteAsync(content, cancellationToken);
        }
    }
}
