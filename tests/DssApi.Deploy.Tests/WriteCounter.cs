namespace DssApi.Deploy.Tests;

/// <summary>Counts the write requests (anything but GET) a client sends over real HTTP.</summary>
internal sealed class WriteCounter() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            Interlocked.Increment(ref _writes);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
