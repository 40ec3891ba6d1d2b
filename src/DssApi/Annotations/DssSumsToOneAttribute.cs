namespace DssApi.Annotations;

/// <summary>Marks a list parameter whose items carry shares (probabilities) that must add up to 1.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DssSumsToOneAttribute : Attribute
{
    /// <summary>Marks the parameter.</summary>
    /// <param name="parameterName">The list parameter.</param>
    /// <param name="field">The JSON field of each item that holds its share.</param>
    public DssSumsToOneAttribute(string parameterName, string field)
    {
        ParameterName = parameterName;
        Field = field;
    }

    /// <summary>The list parameter.</summary>
    public string ParameterName { get; }

    /// <summary>The JSON field of each item that holds its share.</summary>
    public string Field { get; }
}
