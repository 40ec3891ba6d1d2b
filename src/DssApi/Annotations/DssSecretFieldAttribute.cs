namespace DssApi.Annotations;

/// <summary>
/// A credential field that DSS answers encrypted (an API node's admin API key, an event server
/// key). Reading it changes nothing; a clear value written to it replaces the secret on save.
/// <c>ToString()</c> of the object never shows it, and no log line does. Analyzers and tooling
/// read it, also when the generated types come from a referenced assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DssSecretFieldAttribute : Attribute
{
}
