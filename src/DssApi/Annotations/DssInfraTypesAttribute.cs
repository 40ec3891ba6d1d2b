namespace DssApi.Annotations;

/// <summary>Marks a member that applies only to infrastructures of the given types.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class DssInfraTypesAttribute : Attribute
{
    /// <summary>Marks the member.</summary>
    /// <param name="types">The infrastructure types (wire values such as <c>STATIC</c>).</param>
    public DssInfraTypesAttribute(params string[] types) => Types = types;

    /// <summary>The infrastructure types the member applies to.</summary>
    public IReadOnlyList<string> Types { get; }
}
