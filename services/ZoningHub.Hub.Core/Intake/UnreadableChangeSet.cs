using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>
/// A message the hub cannot read as a change set: not JSON, not a JSON object, or a member of another JSON type than the
/// schema's (<c>"sequence": "12"</c>). It is quarantined like any refused change set, so an operator sees it and the
/// department hears of it, with what can be read of it: the stream, number, department and layer it names, where they
/// are of their own type.
/// </summary>
public static class UnreadableChangeSet
{
    /// <summary>What the message names, and why it is refused.</summary>
    /// <param name="body">The message's body as it came.</param>
    /// <param name="why">The reader's own words, which name the member and the place at fault.</param>
    /// <param name="enveloped">A MassTransit envelope, whose <c>message</c> is the change set; otherwise plain JSON.</param>
    public static (ChangeSetPublished Named, Rejection Reason) Describe(ReadOnlySpan<byte> body, string why, bool enveloped = false)
    {
        var named = Named(body, enveloped);
        var reason = new Rejection
        {
            Rule = RejectionRules.BodyUnreadable,
            Message = $"The message is not a change set the hub can read: {why.TrimEnd('.')}. It takes no number in its stream: "
                + "check it against contracts/schemas/change-set.v1.schema.json and publish it again, corrected.",
        };
        return (named, reason);
    }

    /// <summary>Its body as the quarantine keeps it: the text, with any bytes that are not UTF-8 replaced.</summary>
    public static string Text(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body);

    /// <summary>The same body delivered again finds its open entry by this (the broker delivers at least once).</summary>
    public static string Fingerprint(ReadOnlySpan<byte> body) => "unreadable:" + Convert.ToHexStringLower(SHA256.HashData(body));

    static ChangeSetPublished Named(ReadOnlySpan<byte> body, bool enveloped)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            // An envelope named nothing when read as the change set itself: its stream is under 'message'.
            var root = enveloped && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message)
                ? message
                : document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? new ChangeSetPublished() : new ChangeSetPublished
            {
                Stream = String(root, "stream"), Department = String(root, "department"), Layer = String(root, "layer"),
                Sequence = root.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number
                    && sequence.TryGetInt64(out var number) ? number : 0,
            };
        }
        catch (JsonException)
        {
            return new ChangeSetPublished();
        }
    }

    static string String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
