namespace DssApi.Compatibility;

/// <summary>The cancellable <see cref="HttpContent"/> read that net8.0 has and netstandard2.0 lacks; the
/// request's own cancellation already covers the body there, so the token is checked before reading.</summary>
internal static class HttpCompatibility
{
    public static Task<Stream> ReadAsStreamAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsStreamAsync();
    }
}
