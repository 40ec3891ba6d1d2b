using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

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

    /// <summary>Wraps a secret value, for instance one read from configuration. A null value (an
    /// environment variable or configuration key that is not set) stays null, so the option it is
    /// assigned to reports itself as missing, by name.</summary>
    /// <param name="value">The secret, or null.</param>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator DssSecret?(string? value) => value is null ? null : new(value);

    /// <summary>Always the redacted form: the secret itself is never printed.</summary>
    public override string ToString() => Redacted;

    /// <summary>The secret text; only the transport calls this, to authenticate a request.</summary>
    internal string Reveal() => _value;
}
