using System.Collections;
using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// A message waiting in a watched broker queue, as an operator reads it: why it failed (MassTransit's
/// <c>MT-Fault-*</c> headers), where it would go back to, its headers and the start of its body.
/// </summary>
/// <param name="Position">1 for the oldest.</param>
/// <param name="FailedIn">The queue a move back sends it to, or null when it names none.</param>
/// <param name="Body">The body as UTF-8 text, its first <see cref="BodyExcerptBytes"/> bytes when longer (<paramref name="Bytes"/> says).</param>
public sealed record WaitingMessage(int Position, string? MessageId, bool Redelivered, string? FaultMessage, string? FaultExceptionType, string? FailedIn,
    IReadOnlyDictionary<string, string> Headers, string? ContentType, int Bytes, string Body)
{
    public const int BodyExcerptBytes = 16 * 1024;

    public static WaitingMessage Of(int position, BasicGetResult message, string? failedIn)
    {
        var properties = message.BasicProperties;
        var headers = (properties.Headers ?? new Dictionary<string, object?>()).ToDictionary(h => h.Key, h => Text(h.Value), StringComparer.Ordinal);
        var body = message.Body.Span;
        return new(position, properties.MessageId, message.Redelivered, headers.GetValueOrDefault("MT-Fault-Message"), headers.GetValueOrDefault("MT-Fault-ExceptionType"),
            failedIn, headers, properties.ContentType, body.Length, Encoding.UTF8.GetString(body[..Math.Min(body.Length, BodyExcerptBytes)]));
    }

    /// <summary>An AMQP header value as text: strings arrive as UTF-8 bytes, tables and lists (x-death) are written out.</summary>
    static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IDictionary<string, object?> table => "{" + string.Join(", ", table.Select(t => $"{t.Key}: {Text(t.Value)}")) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        AmqpTimestamp time => DateTimeOffset.FromUnixTimeSeconds(time.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
