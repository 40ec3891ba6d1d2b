namespace DssApi.Annotations;

/// <summary>Marks a member that returns a stream the caller owns and must dispose.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DssStreamOwnedAttribute : Attribute
{
}
