namespace DssApi.Annotations;

/// <summary>
/// The name DSS uses on the wire for a generated member: the JSON field a property of a record or
/// settings reads and writes, or the value a member of an open enum stands for. Analyzers read it,
/// also when the generated types come from a referenced assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DssWireAttribute : Attribute
{
    /// <summary>Marks the member.</summary>
    /// <param name="name">The JSON field, or the enum value, as DSS writes it.</param>
    public DssWireAttribute(string name) => Name = name;

    /// <summary>The JSON field, or the enum value, as DSS writes it.</summary>
    public string Name { get; }
}
