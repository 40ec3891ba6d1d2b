namespace DssApi.Annotations;

/// <summary>Marks a member that changes the settings it belongs to (a setter, a mutator, or access to the raw JSON).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class DssMutatesAttribute : Attribute
{
}
