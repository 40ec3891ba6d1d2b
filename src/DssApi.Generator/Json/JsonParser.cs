using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DssApi.Generator.Json;

/// <summary>The outcome of reading a JSON text: a value, or the first error met.</summary>
internal sealed class JsonParseResult
{
    public JsonParseResult(JsonSyntax? root, string? error, TextRange errorRange)
    {
        Root = root;
        Error = error;
        ErrorRange = errorRange;
    }

    public JsonSyntax? Root { get; }

    public string? Error { get; }

    public TextRange ErrorRange { get; }
}

/// <summary>
/// A strict JSON reader (RFC 8259) that remembers where every value and key was written, so schema
/// errors can point into the file. It never throws: bad input gives an error with its position.
/// </summary>
internal sealed class JsonParser
{
    // Deeper nesting than any schema needs; the limit keeps hostile input from exhausting the stack.
    private const int MaxDepth = 128;

    private readonly string _text;
    private readonly int[] _lineStarts;
    private int _position;

    private JsonParser(string text)
    {
        _text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    public static JsonParseResult Parse(string text)
    {
        // a byte order mark is not JSON, but editors write one
        var parser = new JsonParser(text.Length > 0 && text[0] == '\uFEFF' ? " " + text.Substring(1) : text);
        try
        {
            parser.SkipWhitespace();
            var root = parser.ReadValue(0);
            parser.SkipWhitespace();
            if (parser._position < text.Length)
            {
                throw parser.Fail("unexpected text after the end of the JSON value", parser._position, 1);
            }

            return new JsonParseResult(root, null, default);
        }
        catch (JsonSyntaxException error)
        {
            return new JsonParseResult(null, error.Message, error.Range);
        }
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }

    private TextRange RangeOf(int start, int end)
    {
        start = Math.Min(start, _text.Length);
        end = Math.Max(start, Math.Min(end, _text.Length));
        var (startLine, startColumn) = LineAndColumn(start);
        var (endLine, endColumn) = LineAndColumn(end);
        return new TextRange(start, end - start, startLine, startColumn, endLine, endColumn);
    }

    private (int Line, int Column) LineAndColumn(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line, offset - _lineStarts[line]);
    }

    private JsonSyntaxException Fail(string message, int start, int length) =>
        new(message, RangeOf(start, start + length));

    private JsonSyntax ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail("the JSON is nested too deeply", _position, 1);
        }

        if (_position >= _text.Length)
        {
            throw Fail("unexpected end of the file, a value was expected", _position, 0);
        }

        var start = _position;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                var value = ReadString();
                return new JsonStringSyntax(RangeOf(start, _position), value);
            case 't':
                ReadLiteral("true");
                return new JsonBooleanSyntax(RangeOf(start, _position), true);
            case 'f':
                ReadLiteral("false");
                return new JsonBooleanSyntax(RangeOf(start, _position), false);
            case 'n':
                ReadLiteral("null");
                return new JsonNullSyntax(RangeOf(start, _position));
            default:
                var c = _text[_position];
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Fail($"unexpected character '{Printable(c)}', a value was expected", _position, 1);
        }
    }

    private JsonObjectSyntax ReadObject(int depth)
    {
        var start = _position;
        _position++;
        var properties = new List<JsonPropertySyntax>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObjectSyntax(RangeOf(start, _position), properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Fail("a property name in double quotes was expected", _position, 1);
            }

            var keyStart = _position;
            var key = ReadString();
            var keyRange = RangeOf(keyStart, _position);
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            var value = ReadValue(depth + 1);
            properties.Add(new JsonPropertySyntax(key, keyRange, value));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonObjectSyntax(RangeOf(start, _position), properties);
            }

            if (next != ',')
            {
                _position--;
                throw Fail("',' or '}' was expected", _position, 1);
            }
        }
    }

    private JsonArraySyntax ReadArray(int depth)
    {
        var start = _position;
        _position++;
        var items = new List<JsonSyntax>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArraySyntax(RangeOf(start, _position), items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonArraySyntax(RangeOf(start, _position), items);
            }

            if (next != ',')
            {
                _position--;
                throw Fail("',' or ']' was expected", _position, 1);
            }
        }
    }

    private string ReadString()
    {
        var start = _position;
        _position++;

        // Most strings of a schema hold no escape: those are cut from the text in one piece.
        var end = _position;
        while (end < _text.Length && _text[end] != '"' && _text[end] != '\\' && _text[end] >= ' ')
        {
            end++;
        }

        if (end < _text.Length && _text[end] == '"')
        {
            var plain = _text.Substring(_position, end - _position);
            _position = end + 1;
            return plain;
        }

        var builder = new StringBuilder(end - _position + 16).Append(_text, _position, end - _position);
        _position = end;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Fail("unterminated string", start, _position - start);
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Fail("control characters must be escaped inside strings", _position - 1, 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Fail("unterminated string", start, _position - start);
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Fail("'\\u' must be followed by four hexadecimal digits", _position - 2, 2);
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Fail($"unknown escape '\\{Printable(escape)}'", _position - 2, 2);
            }
        }
    }

    private JsonNumberSyntax ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (!ReadDigits())
        {
            throw Fail("a digit was expected", _position, 1);
        }

        if (Peek() == '.')
        {
            _position++;
            if (!ReadDigits())
            {
                throw Fail("a digit was expected after '.'", _position, 1);
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _position++;
            if (Peek() == '+' || Peek() == '-')
            {
                _position++;
            }

            if (!ReadDigits())
            {
                throw Fail("a digit was expected in the exponent", _position, 1);
            }
        }

        return new JsonNumberSyntax(RangeOf(start, _position), _text.Substring(start, _position - start));
    }

    private bool ReadDigits()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Fail($"'{literal}' was expected", _position, 1);
        }

        _position += literal.Length;
    }

    private void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Fail($"'{expected}' was expected", _position, 1);
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }

            _position++;
        }
    }

    private static string Printable(char c) => c < ' ' ? $"\\u{(int)c:x4}" : c.ToString();

    private sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, TextRange range)
            : base(message) => Range = range;

        public TextRange Range { get; }
    }
}
