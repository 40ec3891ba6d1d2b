using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>
/// The <c>returns</c> docs IntelliSense shows: what a member gives back, taken from the schema (a
/// <c>returnsDescription</c>, else the returned type's own description), never a sentence that
/// would fit any member.
/// </summary>
internal static class ReturnsText
{
    /// <summary>What a value of the type is, in one sentence: the first sentence of its description, else its name in words.</summary>
    public static string Of(TypeMapper types, string type)
    {
        if (TypeName.IsList(type, out var element))
        {
            return ListOf(types, element);
        }

        if (TypeName.IsMap(type, out element))
        {
            return $"A map by name; each value is {Clause(Of(types, element))}.";
        }

        return type switch
        {
            TypeName.String => "A string.",
            TypeName.Bool => "True or false.",
            TypeName.Integer => "A whole number.",
            TypeName.Number => "A number.",
            TypeName.Json => "The JSON DSS sent.",
            _ => Of(types.Description(type), type),
        };
    }

    /// <summary>What a value of a declared type is: the first sentence of its description, else its name in words.</summary>
    public static string Of(string? description, string type) => FirstSentence(description) ?? $"The {MethodEmitter.Words(type)}.";

    /// <summary>What a route gives back: the schema's words for it, else the returned type's; null for a task that carries no value.</summary>
    public static string? Of(TypeMapper types, RouteDef route) => route.ReturnsDescription?.Trim() ?? route.Returns switch
    {
        ReturnKind.Type => Of(types, route.ReturnType!),
        ReturnKind.List => ListOf(types, route.ReturnType!),
        ReturnKind.Future => Future(types, route.ReturnType!),
        ReturnKind.Handle => Handle(types, route.ReturnType!),
        _ => null,
    };

    private static string ListOf(TypeMapper types, string element) => $"A list; each item is {Clause(Of(types, element))}.";

    /// <summary>A future of a job whose result is <paramref name="resultType"/>.</summary>
    public static string Future(TypeMapper types, string resultType) =>
        $"The future of the job, to wait for or abort; its result is {Clause(Of(types, resultType))}.";

    public static string Handle(TypeMapper types, string handle) => $"A handle on {Clause(Of(types, handle))}.";

    public static string Handles(TypeMapper types, string handle) => $"A list; each item is a handle on {Clause(Of(types, handle))}.";

    /// <summary>A sentence as the end of another: the first letter lowered (not an acronym's), the final period dropped.</summary>
    public static string Clause(string sentence)
    {
        var text = WithoutPeriod(sentence);
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text.Substring(1)
            : text;
    }

    public static string WithoutPeriod(string sentence) => sentence.Trim().TrimEnd('.');

    /// <summary>The first sentence of a description (up to a semicolon, or a period that a capital follows), ending with a period.</summary>
    private static string? FirstSentence(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var text = description!.Trim();
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i + 1] == ' ' && (text[i] == ';' || (text[i] == '.' && char.IsUpper(text[i + 2]))))
            {
                return text.Substring(0, i) + ".";
            }
        }

        return text.EndsWith(".", System.StringComparison.Ordinal) ? text : text + ".";
    }
}
