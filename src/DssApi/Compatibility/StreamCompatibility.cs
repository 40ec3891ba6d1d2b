using System.Buffers;
using System.Runtime.InteropServices;

namespace DssApi.Compatibility;

/// <summary>The span and memory reads of <see cref="Stream"/> that net8.0 has and netstandard2.0 lacks,
/// over the array-based ones, so the transport reads the same on every target.</summary>
internal static class StreamCompatibility
{
    public static int Read(this Stream stream, Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = stream.Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static async ValueTask<int> ReadAsync(this Stream stream, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
        {
            return await stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
        }

        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = await stream.ReadAsync(rented, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            rented.AsSpan(0, read).CopyTo(buffer.Span);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static async ValueTask ReadExactlyAsync(this Stream stream, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException($"The stream ended {buffer.Length} bytes before the length it declared.");
            }

            buffer = buffer.Slice(read);
        }
    }

    /// <summary>Lets <c>await using (stream.ConfigureAwait(false))</c> compile where <see cref="Stream"/>
    /// is not <see cref="IAsyncDisposable"/>; it disposes synchronously.</summary>
    public static System.Runtime.CompilerServices.ConfiguredAsyncDisposable ConfigureAwait(this Stream stream, bool continueOnCapturedContext) =>
        new SynchronousDisposal(stream).ConfigureAwait(continueOnCapturedContext);

    private sealed class SynchronousDisposal(Stream stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return default;
        }
    }
}
