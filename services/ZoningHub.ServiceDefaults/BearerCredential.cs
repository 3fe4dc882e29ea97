using System.Security.Cryptography;
using System.Text;

namespace ZoningHub.ServiceDefaults;

/// <summary>Checks a presented <c>Authorization</c> value against a configured credential.</summary>
public static class BearerCredential
{
    const string Scheme = "Bearer ";

    /// <summary>
    /// Whether <paramref name="authorization"/> is <c>Bearer &lt;credential&gt;</c>, the scheme in any case (RFC 9110 §11.1).
    /// Both credentials are hashed before the fixed-time comparison, so its time tells nothing of either, their lengths included.
    /// </summary>
    public static bool Matches(string? authorization, string credential) =>
        authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..])), SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
}
