using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake endpoint's error pipe, ahead of the broker's error queue: a message whose body the hub cannot read as a
/// change set is quarantined (<see cref="UnreadableQuarantine"/>) and goes no further. Every other failure goes on to
/// the error queue as before, and so does an unreadable message whose quarantine cannot be written: nothing is lost
/// either way.
/// </summary>
sealed class UnreadableChangeSetFilter(IServiceProvider services) : IFilter<ExceptionReceiveContext>
{
    const string Envelope = "application/vnd.masstransit+json";

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var (body, enveloped) = (context.Body.GetBytes(), context.ContentType?.MediaType == Envelope);
        if (Unreadable(context.Exception, body, enveloped) is { } why)
        {
            try
            {
                var deliveredBy = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? Topology.DepartmentOfChangeSetExchange(rabbit.Exchange) : null;
                await services.GetRequiredService<UnreadableQuarantine>().QuarantineAsync(body, why, enveloped, deliveredBy, context.CancellationToken);
                return;
            }
            catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
            {
                services.GetRequiredService<ILogger<UnreadableChangeSetFilter>>()
                    .LogError(e, "Could not quarantine an unreadable message; it goes to the intake's error queue instead");
            }
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("quarantineUnreadable");

    /// <summary>
    /// Why the body is no change set the hub can read, when the failure was reading it; null when it was not. A failure
    /// that names JSON is checked against the body, read again as intake reads it: a fault of the hub's own that happened
    /// to throw one must not tell a department its change set was unreadable.
    /// </summary>
    /// <param name="enveloped">A MassTransit envelope, whose <c>message</c> is the change set; otherwise plain JSON.</param>
    internal static string? Unreadable(Exception failure, ReadOnlySpan<byte> body, bool enveloped)
    {
        if (!Chain(failure).Any(e => e is JsonException or SerializationException))
        {
            return null;
        }

        try
        {
            return ReadAsIntakeDoes(body, enveloped) is null ? "the body is JSON null, not a change set" : null;
        }
        catch (JsonException e)
        {
            return WithPlace(e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return $"the MassTransit envelope has no 'message' object ({e.Message})";
        }
    }

    static ChangeSetPublished? ReadAsIntakeDoes(ReadOnlySpan<byte> body, bool enveloped)
    {
        var options = MassTransit.Serialization.SystemTextJsonMessageSerializer.Options;
        if (!enveloped)
        {
            return JsonSerializer.Deserialize<ChangeSetPublished>(body, options);
        }

        using var envelope = JsonDocument.Parse(body.ToArray());
        return envelope.RootElement.GetProperty("message").Deserialize<ChangeSetPublished>(options);
    }

    // The reader adds the member's path and the position to a message only where it wrote the message itself; the hub's
    // own converters write theirs ("A JSON String is not a whole number; send a JSON number."), so it is added here.
    static string WithPlace(JsonException e) => e.Path is null || e.Message.Contains("Path: ", StringComparison.Ordinal)
        ? e.Message
        : $"{e.Message} Path: {e.Path} | LineNumber: {e.LineNumber} | BytePositionInLine: {e.BytePositionInLine}.";

    static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
            if (exception is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }
}
