namespace DssApi.Transport;

/// <summary>The base of DssApi's own read-only streams. netstandard2.0's <see cref="Stream"/> has no
/// span or memory reads to override, so there this class declares them (falling back on the array
/// reads); on net8.0 and later it adds nothing.</summary>
internal abstract class DssReadStream : Stream
{
#if NETSTANDARD2_0
    public virtual int Read(Span<byte> buffer) => StreamCompatibility.Read(this, buffer);

    public virtual ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        StreamCompatibility.ReadAsync(this, buffer, cancellationToken);
#endif
}
