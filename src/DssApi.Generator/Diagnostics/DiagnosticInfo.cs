using DssApi.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DssApi.Generator.Diagnostics;

/// <summary>A diagnostic as plain data, so it can travel through cached pipeline steps.</summary>
internal sealed record DiagnosticInfo(string Id, SourceLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments)
    {
        var all = new string[arguments.Length + 1];
        all[0] = location.FileAndLine;
        arguments.CopyTo(all, 1);
        return new DiagnosticInfo(descriptor.Id, location, all.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic()
    {
        var range = Location.Range;
        var location = Microsoft.CodeAnalysis.Location.Create(
            Location.Path,
            new TextSpan(range.Start, range.Length),
            new LinePositionSpan(new LinePosition(range.StartLine, range.StartColumn), new LinePosition(range.EndLine, range.EndColumn)));
        object[] arguments = [.. Arguments];
        return Diagnostic.Create(DiagnosticDescriptors.ById(Id), location, arguments);
    }
}
