using System.Security.Cryptography;
using System.Text;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.Hosting;

/// <summary>
/// Reads the API key a caller presents, in the forms DSS accepts: Basic with the key as user name
/// (what the Python client sends), Basic with the key as password, or a Bearer token; or, with no
/// key, the internal ticket of code DSS runs.
/// </summary>
internal static class ApiKeyCredentials
{
    /// <summary>The header carrying the internal ticket of code DSS runs.</summary>
    public const string TicketHeader = "X-DKU-APITicket";

    /// <summary>Whether the request authenticates with a ticket: it presents one and no key (a key wins, as in DSS).</summary>
    public static bool PresentsTicket(HttpRequest request) => Read(request) is null && request.Headers.ContainsKey(TicketHeader);

    /// <summary>Rejects the request with DSS's 401 unless its ticket is <paramref name="validTicket"/>.</summary>
    public static void RequireTicket(HttpRequest request, string validTicket)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers[TicketHeader].ToString()), Encoding.UTF8.GetBytes(validTicket)))
        {
            throw DssError.NotAuthenticated("Unknown API ticket");
        }
    }

    /// <summary>
    /// The one of <paramref name="validKeys"/> the request presents; rejects the request with DSS's 401 when
    /// it presents none of them.
    /// </summary>
    public static string Require(HttpRequest request, IEnumerable<string> validKeys)
    {
        var presented = Read(request) ?? throw DssError.NotAuthenticated("API Key not provided");
        var presentedBytes = Encoding.UTF8.GetBytes(presented);

        // Constant-time comparison: keys are secrets.
        return validKeys.FirstOrDefault(key => CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key)))
            ?? throw DssError.NotAuthenticated("Unknown API key");
    }

    private static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return NullIfEmpty(header["Bearer ".Length..].Trim());
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var decoded = DecodeBase64(header["Basic ".Length..].Trim());
        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        return separator < 0
            ? NullIfEmpty(decoded)
            : NullIfEmpty(decoded[..separator]) ?? NullIfEmpty(decoded[(separator + 1)..]);
    }

    private static string DecodeBase64(string encoded)
    {
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var length) ? Encoding.UTF8.GetString(buffer, 0, length) : "";
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
