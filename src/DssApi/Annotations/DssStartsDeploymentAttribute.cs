namespace DssApi.Annotations;

/// <summary>Marks a member that starts the update of a deployment.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DssStartsDeploymentAttribute : Attribute
{
}
