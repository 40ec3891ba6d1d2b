namespace DssApi.Compatibility;

/// <summary><c>UnsafeRegister</c> is net8.0's cheaper registration that skips the execution context;
/// netstandard2.0 has only <see cref="CancellationToken.Register(Action{object}, object)"/>.</summary>
internal static class CancellationCompatibility
{
    public static CancellationTokenRegistration UnsafeRegister(this CancellationToken token, Action<object?> callback, object? state) =>
        token.Register(callback!, state);
}
