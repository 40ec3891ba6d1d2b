namespace DssApi.Generator.Schema;

/// <summary>The type expressions of the schema language: built-ins, names, <c>list&lt;T&gt;</c> and <c>map&lt;T&gt;</c>.</summary>
internal static class TypeName
{
    public const string String = "string";
    public const string Bool = "bool";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Json = "json";
    public const string Stream = "stream";

    public static bool IsScalar(string type) => type is String or Bool or Integer or Number;

    public static bool IsBuiltIn(string type) => IsScalar(type) || type is Json or Stream;

    /// <summary>Splits <c>list&lt;X&gt;</c> into ("list", "X"); false for a plain name.</summary>
    public static bool TryParseGeneric(string type, out string outer, out string inner)
    {
        outer = inner = string.Empty;
        var open = type.IndexOf('<');
        if (open <= 0 || !type.EndsWith(">", System.StringComparison.Ordinal))
        {
            return false;
        }

        outer = type.Substring(0, open).Trim();
        inner = type.Substring(open + 1, type.Length - open - 2).Trim();
        return inner.Length > 0;
    }

    public static bool IsList(string type, out string element) => TryParseGeneric(type, out var outer, out element) && outer == "list";

    public static bool IsMap(string type, out string element) => TryParseGeneric(type, out var outer, out element) && outer == "map";
}
