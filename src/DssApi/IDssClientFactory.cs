namespace DssApi;

/// <summary>
/// The clients registered with <c>AddDssClient(name, …)</c>, by name: one per DSS instance, each with its own
/// options, <see cref="HttpClient"/> and key. A client can also be injected directly with
/// <c>[FromKeyedServices("name")] DssClient client</c>.
/// </summary>
public interface IDssClientFactory
{
    /// <summary>The client registered under <paramref name="name"/> (the empty name is the client of
    /// <c>AddDssClient(configuration)</c>). Each call for a name returns the same client, which the
    /// service provider owns: do not dispose it.</summary>
    /// <param name="name">The name given to <c>AddDssClient</c>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No client has that name; the message lists those registered.</exception>
    DssClient CreateClient(string name);
}
