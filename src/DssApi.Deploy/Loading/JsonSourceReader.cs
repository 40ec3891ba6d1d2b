using System.Text;
using System.Text.Json;

namespace DssApi.Deploy.Loading;

/// <summary>Reads a JSON desired-state file into <see cref="SourceNode"/>s that know their line and column.</summary>
internal static class JsonSourceReader
{
    public static SourceNode Read(string file, byte[] utf8)
    {
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new DesiredStateException([new DesiredStateError(file, 1, 1, "", "the file is empty")]);
            }

            return ReadValue(ref reader, lines, file);
        }
        catch (JsonException exception)
        {
            // The reader's own line and column are 0-based.
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            throw new DesiredStateException([new DesiredStateError(file, line, column, "", $"invalid JSON: {FirstSentence(exception.Message)}")]);
        }
    }

    private static SourceNode ReadValue(ref Utf8JsonReader reader, LineIndex lines, string file)
    {
        var position = lines.PositionOf((int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<SourceMapEntry>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var keyPosition = lines.PositionOf((int)reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    if (entries.Any(entry => entry.Key == key))
                    {
                        throw new DesiredStateException([new DesiredStateError(file, keyPosition.Line, keyPosition.Column, "", $"duplicate key '{key}'")]);
                    }

                    reader.Read();
                    entries.Add(new SourceMapEntry(key, keyPosition, ReadValue(ref reader, lines, file)));
                }

                return new SourceMap(position, entries);
            case JsonTokenType.StartArray:
                var items = new List<SourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, file));
                }

                return new SourceList(position, items);
            case JsonTokenType.String:
                return new SourceScalar(position, ScalarKind.String, reader.GetString()!);
            case JsonTokenType.Number:
                return new SourceScalar(position, ScalarKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new SourceScalar(position, ScalarKind.Boolean, reader.GetBoolean() ? "true" : "false");
            default:
                return new SourceScalar(position, ScalarKind.Null, "null");
        }
    }

    private static string FirstSentence(string message) => message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');

    /// <summary>Turns byte offsets into 1-based lines and character columns.</summary>
    private sealed class LineIndex(byte[] utf8)
    {
        private readonly List<int> _lineStarts = FindLineStarts(utf8);

        public SourcePosition PositionOf(int offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            var start = _lineStarts[line];
            return new SourcePosition(line + 1, Encoding.UTF8.GetCharCount(utf8, start, offset - start) + 1);
        }

        private static List<int> FindLineStarts(byte[] utf8)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }
    }
}
