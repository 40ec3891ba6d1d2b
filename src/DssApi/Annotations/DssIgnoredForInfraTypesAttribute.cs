namespace DssApi.Annotations;

/// <summary>Marks a parameter DSS ignores when the infrastructure is of one of the given types.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DssIgnoredForInfraTypesAttribute : Attribute
{
    /// <summary>Marks the parameter.</summary>
    /// <param name="parameterName">The parameter DSS ignores.</param>
    /// <param name="types">The infrastructure types (wire values such as <c>STATIC</c>) for which it is ignored.</param>
    public DssIgnoredForInfraTypesAttribute(string parameterName, params string[] types)
    {
        ParameterName = parameterName;
        Types = types;
    }

    /// <summary>The parameter DSS ignores.</summary>
    public string ParameterName { get; }

    /// <summary>The infrastructure types for which it is ignored.</summary>
    public IReadOnlyList<string> Types { get; }
}
