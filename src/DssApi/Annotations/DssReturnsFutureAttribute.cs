namespace DssApi.Annotations;

/// <summary>Marks a member that starts a long-running job and returns its future, which must be waited on or kept.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DssReturnsFutureAttribute : Attribute
{
}
