using System.Runtime.InteropServices;

namespace DssApi.Compatibility;

/// <summary>netstandard2.0 has no <c>ReadOnlyMemoryContent</c>; the bodies DssApi sends are arrays, sent without a copy.</summary>
internal sealed class ReadOnlyMemoryContent(ReadOnlyMemory<byte> content) : ByteArrayContent(ToSegment(content).Array!, ToSegment(content).Offset, ToSegment(content).Count)
{
    private static ArraySegment<byte> ToSegment(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
}
