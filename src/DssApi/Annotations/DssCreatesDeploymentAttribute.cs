namespace DssApi.Annotations;

/// <summary>Marks a member that creates a deployment, which does nothing until an update is started.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DssCreatesDeploymentAttribute : Attribute
{
}
