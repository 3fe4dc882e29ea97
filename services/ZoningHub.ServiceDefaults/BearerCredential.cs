using System.Security.Cryptography;
using System.Text;

namespace ZoningHub.ServiceDefaults;

/// <summary>Checks a presented <c>Authorization</c> value against a configured credential.</summary>
public static class BearerCredential
{
    /// <summary>
    /// Whether <paramref name="authorization"/> is exactly <c>Bearer &lt;credential&gt;</c>. Both are hashed before
    /// the fixed-time comparison, so its time tells nothing of either, their lengths included.
    /// </summary>
    public static bool Matches(string? authorization, string credential) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(authorization)), SHA256.HashData(Encoding.UTF8.GetBytes($"Bearer {credential}")));
}
