using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ZoningHub.Contracts.Json;

/// <summary>
/// Reads a time as the published schema's <c>format: date-time</c> (RFC 3339 §5.6) allows it, besides what .NET's ISO 8601
/// profile reads: a lowercase <c>t</c> or <c>z</c>, a space between date and time (RFC 3339's note), a leap second. .NET
/// refused them, and the body went to the intake's _error queue untold. Anything else (<c>"yesterday"</c>) the schema refuses
/// as well, and the hub still cannot read.
/// </summary>
sealed partial class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var iso))
        {
            return iso;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
        if (text is not null && DateTime().Match(text) is { Success: true } m)
        {
            // DateTimeOffset has no 60th second: a leap second is read as the second after the 59th.
            var leap = m.Groups["second"].Value == "60";
            var canonical = $"{m.Groups["date"].Value}T{m.Groups["time"].Value}{(leap ? "59" : m.Groups["second"].Value)}"
                            + $"{m.Groups["fraction"].Value}{m.Groups["offset"].Value.ToUpperInvariant()}";
            if (DateTimeOffset.TryParse(canonical, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                return leap ? parsed.AddSeconds(1) : parsed;
            }
        }

        var shown = text is null ? $"A JSON {reader.TokenType}" : text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";
        throw new JsonException($"{shown} is no RFC 3339 date-time, e.g. 2025-06-01T09:30:00+08:00.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt ](?<time>\d{2}:\d{2}:)(?<second>\d{2})(?<fraction>\.\d+)?(?<offset>[Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();
}
