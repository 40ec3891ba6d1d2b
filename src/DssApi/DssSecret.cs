using System.Diagnostics;

namespace DssApi;

/// <summary>
/// A secret (an API key or a bearer token). Its text never shows in <see cref="ToString"/>, in the
/// debugger, in logs or in exception messages; only the transport reads it, to build the
/// <c>Authorization</c> header.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class DssSecret
{
    private const string Redacted = "***";
    private readonly string _value;

    /// <summary>Wraps a secret value.</summary>
    /// <param name="value">The secret; must not be empty.</param>
    /// <exception cref="ArgumentException">The value is null, empty or white space.</exception>
    public DssSecret(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A secret must not be empty.", nameof(value));
        }

        _value = value;
    }

    /// <summary>Wraps a secret value, for instance one read from configuration.</summary>
    /// <param name="value">The secret.</param>
    public static implicit operator DssSecret(string value) => new(value);

    /// <summary>Always the redacted form: the secret itself is never printed.</summary>
    public override string ToString() => Redacted;

    /// <summary>The secret text; only the transport calls this, to authenticate a request.</summary>
    internal string Reveal() => _value;
}
