using System.Security.Cryptography;
using System.Text.Json;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>
/// A hash of a change set's content, independent of envelope and transport headers, so a redelivery is
/// recognised as a duplicate and a reused sequence number with other content as an integrity alarm.
/// </summary>
public static class ChangeSetFingerprint
{
    static readonly JsonSerializerOptions Canonical = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Of(ChangeSetPublished changeSet)
    {
        // The export time and signature describe the delivery, not the content.
        var content = changeSet with { ExportedAt = default, Signature = null };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content, Canonical)));
    }
}
