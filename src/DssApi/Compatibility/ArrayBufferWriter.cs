namespace System.Buffers;

/// <summary>netstandard2.0's System.Memory has no public <c>ArrayBufferWriter</c>: the part of it DssApi uses.</summary>
internal sealed class ArrayBufferWriter<T>(int initialCapacity) : IBufferWriter<T>
{
    private T[] _buffer = new T[initialCapacity];
    private int _written;

    public ArrayBufferWriter()
        : this(256)
    {
    }

    public ReadOnlyMemory<T> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<T> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<T> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Grow(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
