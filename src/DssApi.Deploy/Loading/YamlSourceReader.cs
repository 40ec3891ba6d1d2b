using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DssApi.Deploy.Loading;

/// <summary>
/// Reads a YAML desired-state file into <see cref="SourceNode"/>s from the parser's events (no reflection, so it
/// stays trimming- and AOT-safe). Plain scalars are typed as YAML 1.2's core schema types them.
/// </summary>
internal static partial class YamlSourceReader
{
    public static SourceNode Read(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new DesiredStateException([new DesiredStateError(file, 1, 1, "", "the file is empty")]);
            }

            parser.Consume<DocumentStart>();
            var root = ReadValue(parser, file);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var position = PositionOf(parser.Current!.Start);
                throw new DesiredStateException([new DesiredStateError(file, position.Line, position.Column, "", "a desired-state file holds one YAML document")]);
            }

            return root;
        }
        catch (YamlException exception)
        {
            var position = PositionOf(exception.Start);
            throw new DesiredStateException([new DesiredStateError(file, position.Line, position.Column, "", $"invalid YAML: {exception.Message}")]);
        }
    }

    private static SourceNode ReadValue(IParser parser, string file)
    {
        var current = parser.Current!;
        var position = PositionOf(current.Start);
        switch (current)
        {
            case MappingStart:
                parser.MoveNext();
                var entries = new List<SourceMapEntry>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadValue(parser, file);
                    if (key is not SourceScalar { Kind: not ScalarKind.Null } scalarKey)
                    {
                        throw Error(file, key.Position, "keys must be plain strings");
                    }

                    if (entries.Any(entry => entry.Key == scalarKey.Text))
                    {
                        throw Error(file, key.Position, $"duplicate key '{scalarKey.Text}'");
                    }

                    entries.Add(new SourceMapEntry(scalarKey.Text, key.Position, ReadValue(parser, file)));
                }

                return new SourceMap(position, entries);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<SourceNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadValue(parser, file));
                }

                return new SourceList(position, items);
            case Scalar scalar:
                parser.MoveNext();
                return scalar.Style == ScalarStyle.Plain ? TypePlainScalar(position, scalar.Value) : new SourceScalar(position, ScalarKind.String, scalar.Value);
            default:
                throw Error(file, position, "anchors, aliases and tags are not supported in a desired-state file");
        }
    }

    private static SourceScalar TypePlainScalar(SourcePosition position, string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return new SourceScalar(position, ScalarKind.Null, "null");
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new SourceScalar(position, ScalarKind.Boolean, value.ToLowerInvariant());
        }

        return JsonNumber().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? new SourceScalar(position, ScalarKind.Number, value.TrimStart('+'))
            : new SourceScalar(position, ScalarKind.String, value);
    }

    private static DesiredStateException Error(string file, SourcePosition position, string message) =>
        new([new DesiredStateError(file, position.Line, position.Column, "", message)]);

    private static SourcePosition PositionOf(Mark mark) => new((int)Math.Max(mark.Line, 1), (int)Math.Max(mark.Column, 1));

    // Numbers as JSON writes them (with an optional leading +), so a number in YAML is a number in the settings DSS gets.
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
