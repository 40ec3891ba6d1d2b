using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Transport;

namespace DssApi;

/// <summary>
/// One request to DSS, built by the generated handles: a method, a path template whose
/// parameters are each escaped as exactly one path segment, query parameters and a body.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DssRequest
{
    private StringBuilder? _query;

    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathTemplate">The path below the client's base, such as
    /// <c>/projects/{projectKey}/apiservices/{serviceId}/settings</c>.</param>
    /// <param name="pathValues">The values of the template's parameters, in their order in the template.</param>
    /// <exception cref="ArgumentException">The values do not match the template, or a value is
    /// empty (it would change the path).</exception>
    public DssRequest(HttpMethod method, string pathTemplate, params string[] pathValues)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        PathTemplate = pathTemplate ?? throw new ArgumentNullException(nameof(pathTemplate));
        Path = DssPath.Expand(pathTemplate, pathValues);
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path template, safe to log: it holds no ids.</summary>
    public string PathTemplate { get; }

    /// <summary>The escaped path, ids included.</summary>
    public string Path { get; }

    /// <summary>The encoded query string, starting with <c>?</c>, or empty.</summary>
    public string Query => _query is null ? string.Empty : _query.ToString();

    /// <summary>The body, if any.</summary>
    internal HttpContent? Body { get; private set; }

    /// <summary>For a slow route, the schema's per-attempt timeout, used when the options give none; otherwise null.</summary>
    internal TimeSpan? SlowRouteDefaultTimeout { get; private set; }

    /// <summary>Marks a route where DSS builds something inside the request (a package, a
    /// publication, test queries): its attempts get the slow-route timeout instead of the default one.</summary>
    /// <param name="defaultTimeout">The schema's timeout of slow routes, used when
    /// <see cref="DssTransportOptions.SlowRouteTimeout"/> is not set.</param>
    public DssRequest AsSlowRoute(TimeSpan defaultTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultTimeout, TimeSpan.Zero);
        SlowRouteDefaultTimeout = defaultTimeout;
        return this;
    }

    /// <summary>How long one attempt of this request may take.</summary>
    /// <param name="timeout">The options' <see cref="DssTransportOptions.Timeout"/>.</param>
    /// <param name="slowRouteTimeout">The options' <see cref="DssTransportOptions.SlowRouteTimeout"/>.</param>
    internal TimeSpan AttemptTimeout(TimeSpan timeout, TimeSpan? slowRouteTimeout)
    {
        if (SlowRouteDefaultTimeout is not { } schemaDefault)
        {
            return timeout;
        }

        // a slow route never gets less time than the others, unless the options say exactly how much
        return slowRouteTimeout ?? (timeout == Timeout.InfiniteTimeSpan || timeout > schemaDefault ? timeout : schemaDefault);
    }

    /// <summary>Adds a query parameter; a null value is left out, an empty string is sent.</summary>
    public DssRequest AddQuery(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _query ??= new StringBuilder();
        _query.Append(_query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds a boolean query parameter as <c>true</c> or <c>false</c>; null is left out.</summary>
    public DssRequest AddQuery(string name, bool? value) =>
        AddQuery(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds an integer query parameter; null is left out.</summary>
    public DssRequest AddQuery(string name, long? value) =>
        AddQuery(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a query parameter holding JSON text (DSS takes lists of queries this way);
    /// null is left out.</summary>
    public DssRequest AddJsonQuery(string name, JsonNode? value) =>
        AddQuery(name, value?.ToJsonString());

    /// <summary>Sets a JSON body (<c>Content-Type: application/json</c>); null sends no body.</summary>
    public DssRequest WithJsonBody(JsonNode? body)
    {
        if (body is null)
        {
            Body = null;
            return this;
        }

        return WithJsonBody(SerializeJson(body));
    }

    /// <summary>Sets a JSON body from UTF-8 bytes already serialized.</summary>
    public DssRequest WithJsonBody(ReadOnlyMemory<byte> utf8Json)
    {
        var content = new ReadOnlyMemoryContent(utf8Json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Body = content;
        return this;
    }

    /// <summary>Sets a <c>multipart/form-data</c> body with one part named <c>file</c>.</summary>
    /// <param name="content">The file content; read when the request is sent, not disposed.</param>
    /// <param name="fileName">The file name sent with the part.</param>
    public DssRequest WithFile(Stream content, string fileName)
    {
        var part = new StreamContent(new NonDisposingStream(content));
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { part, "file", fileName } };
        Body = form;
        return this;
    }

    /// <summary>The request as logs and errors show it: method and path, never a secret.</summary>
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Serializes to UTF-8 in one buffer.</summary>
    /// <param name="node">The JSON to write.</param>
    /// <param name="sizeHint">The expected size, such as that of the JSON last read, so the buffer rarely grows.</param>
    internal static ReadOnlyMemory<byte> SerializeJson(JsonNode node, int sizeHint = 256)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(sizeHint, 256));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The caller owns the uploaded stream: sending must not close it.</summary>
    private sealed class NonDisposingStream(Stream inner) : DssReadStream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
