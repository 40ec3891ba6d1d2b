using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// Editable DSS settings: a typed view over the JSON object DSS sent. Every field, including
/// those the typed members do not know, is kept and sent back on save.
/// </summary>
public abstract class DssSettings
{
    private readonly JsonObject _raw;
    private ReadOnlyMemory<byte> _savedUtf8;
    private JsonNode? _savedState;

    /// <summary>Wraps the settings JSON DSS sent.</summary>
    /// <param name="client">The client the settings were loaded through.</param>
    /// <param name="raw">The settings object.</param>
    /// <param name="loadedUtf8">The bytes the object was parsed from: the state <see cref="HasChanges"/> compares with.</param>
    protected DssSettings(DssClient client, JsonObject raw, ReadOnlyMemory<byte> loadedUtf8)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        _raw = raw ?? throw new ArgumentNullException(nameof(raw));
        _savedUtf8 = loadedUtf8;
    }

    /// <summary>The client the settings were loaded through.</summary>
    protected DssClient Client { get; }

    /// <summary>
    /// The settings JSON itself (not a copy), as DSS's Python client gives it: edits to it are
    /// saved with the typed ones.
    /// </summary>
    public JsonObject GetRaw() => _raw;

    /// <summary>
    /// True when the settings differ from what was last loaded or saved, whether they were edited
    /// through typed members or through <see cref="GetRaw"/>.
    /// </summary>
    public bool HasChanges => !JsonNode.DeepEquals(SavedState, _raw);

    private JsonNode? SavedState => _savedState ??= _savedUtf8.IsEmpty ? null : JsonNode.Parse(_savedUtf8.Span);

    /// <summary>Sends the whole settings object as the body of <paramref name="request"/>; once
    /// DSS accepts it, that is the state <see cref="HasChanges"/> compares with.</summary>
    /// <param name="request">The save request, without body.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    protected async Task SaveCoreAsync(DssRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = DssRequest.SerializeJson(_raw, _savedUtf8.Length + 256);
        await Client.Pipeline.SendAsync(request.WithJsonBody(body), cancellationToken).ConfigureAwait(false);
        _savedUtf8 = body;
        _savedState = null;
    }
}
