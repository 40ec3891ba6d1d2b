namespace DssApi.Transport;

/// <summary>A response body read from the connection; disposing it releases the response. A
/// connection lost while reading surfaces as <see cref="DssConnectionException"/> naming the request,
/// and a connection that sends nothing for the idle timeout as <see cref="DssTimeoutException"/>.</summary>
internal sealed class DssResponseStream : DssReadStream
{
    private readonly Stream _body;
    private readonly HttpResponseMessage _response;
    private readonly string _route;
    private readonly TimeSpan _idleTimeout;
    // Cancelled when a read waits longer than the idle timeout; it also closes the body, which ends a synchronous read.
    private readonly CancellationTokenSource? _idle;

    public DssResponseStream(Stream body, HttpResponseMessage response, string route, TimeSpan idleTimeout)
    {
        _body = body;
        _response = response;
        _route = route;
        _idleTimeout = idleTimeout;
        if (idleTimeout != Timeout.InfiniteTimeSpan)
        {
            _idle = new CancellationTokenSource();
            _idle.Token.UnsafeRegister(static state => ((HttpResponseMessage)state!).Dispose(), response);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _response.Content.Headers.ContentLength ?? throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        _idle?.CancelAfter(_idleTimeout);
        try
        {
            return _body.Read(buffer);
        }
        catch (Exception exception) when (IsFailure(exception, CancellationToken.None))
        {
            throw Translate(exception);
        }
        finally
        {
            StopIdleClock();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _idle?.CancelAfter(_idleTimeout);
        using var linked = _idle is not null && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token)
            : null;
        try
        {
            return await _body.ReadAsync(buffer, linked?.Token ?? _idle?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsFailure(exception, cancellationToken))
        {
            throw Translate(exception);
        }
        finally
        {
            StopIdleClock();
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _idle?.Dispose();
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StopIdleClock()
    {
        if (_idle is { IsCancellationRequested: false })
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A network failure, or the idle clock running out; the caller's own cancellation stays as it is.</summary>
    private bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is IOException or HttpRequestException
        || (_idle is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or ObjectDisposedException);

    private Exception Translate(Exception exception) =>
        _idle is { IsCancellationRequested: true }
            ? new DssTimeoutException($"{_route} sent no data for {_idleTimeout.TotalSeconds:0.###} s while downloading (DownloadIdleTimeout).")
            : new DssConnectionException(_route, exception);
}
