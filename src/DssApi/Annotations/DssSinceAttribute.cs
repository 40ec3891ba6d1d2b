namespace DssApi.Annotations;

/// <summary>Marks a member that needs at least the given DSS version on the server.</summary>
[AttributeUsage(AttributeTargets.All, Inherited = false)]
public sealed class DssSinceAttribute : Attribute
{
    /// <summary>Marks the member.</summary>
    /// <param name="version">The first DSS version with the member, such as <c>13.2</c>.</param>
    public DssSinceAttribute(string version) => Version = version;

    /// <summary>The first DSS version with the member.</summary>
    public string Version { get; }
}
