using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace DssApi;

/// <summary>
/// Remembers which client and handle read a response, so that what it holds (a list item, a
/// deployment of a status) leads to its own handle in one step, as in DSS's Python client
/// (<c>item.to_api_service()</c>). Generated code attaches every response it reads; a view made
/// with <c>FromJson</c> from JSON of another origin has none, and its handle members say so.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DssOrigin
{
    private static readonly ConditionalWeakTable<JsonNode, Origin> Origins = new();

    /// <summary>Records that <paramref name="response"/> was read by <paramref name="client"/>, through <paramref name="handle"/> when not null.</summary>
    /// <param name="response">The response JSON (its root).</param>
    /// <param name="client">The client that read it.</param>
    /// <param name="handle">The handle whose route read it.</param>
    /// <returns><paramref name="response"/>.</returns>
    public static JsonNode? Attach(JsonNode? response, DssClient client, object? handle)
    {
        if (response is not null)
        {
            Origins.AddOrUpdate(response.Root, new Origin(client, handle));
        }

        return response;
    }

    /// <summary>The client that read the response holding <paramref name="node"/>.</summary>
    /// <param name="node">A node of a response.</param>
    /// <param name="what">What holds the node, for the error message.</param>
    /// <exception cref="InvalidOperationException">The JSON was not read through a client.</exception>
    public static DssClient ClientOf(JsonNode node, string what) => Find(node, what).Client;

    /// <summary>The handle whose route read the response holding <paramref name="node"/>.</summary>
    /// <typeparam name="THandle">The handle type expected.</typeparam>
    /// <param name="node">A node of a response.</param>
    /// <param name="what">What holds the node, for the error message.</param>
    /// <exception cref="InvalidOperationException">The JSON was not read through a handle of that type.</exception>
    public static THandle HandleOf<THandle>(JsonNode node, string what)
        where THandle : class =>
        Find(node, what).Handle as THandle
        ?? throw new InvalidOperationException($"This {what} was not read through a {typeof(THandle).Name}, so it cannot call it; read it through one.");

    private static Origin Find(JsonNode node, string what)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Origins.TryGetValue(node.Root, out var origin)
            ? origin
            : throw new InvalidOperationException($"This {what} was not read from DSS through a client (it was made from JSON), so it has no handle; get one from the client instead.");
    }

    private sealed record Origin(DssClient Client, object? Handle);
}
