namespace DssApi.Annotations;

/// <summary>Marks a member that saves the settings it belongs to on the server.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DssSavesAttribute : Attribute
{
}
