using System.Text.Json;
using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake endpoint's error pipe, ahead of the broker's error queue: a message whose body the hub cannot read as a
/// change set is quarantined (<see cref="UnreadableQuarantine"/>) and goes no further. Every other
/// failure goes on to the error queue as before, and so does an unreadable message whose quarantine cannot be written:
/// nothing is lost either way.
/// </summary>
sealed class UnreadableChangeSetFilter(IServiceProvider services) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (Unreadable(context.Exception) is { } why)
        {
            try
            {
                var deliveredBy = context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? Topology.DepartmentOfChangeSetExchange(rabbit.Exchange) : null;
                await services.GetRequiredService<UnreadableQuarantine>().QuarantineAsync(context.Body.GetBytes(), why, deliveredBy, context.CancellationToken);
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
    /// The reader's reason, when what failed is reading the body: System.Text.Json's own message, which names the member's
    /// path and the position ("The JSON value could not be converted to System.Int64. Path: $.sequence | LineNumber: 0 |
    /// BytePositionInLine: 52."), else MassTransit's, for a body it could not take at all.
    /// </summary>
    internal static string? Unreadable(Exception exception)
    {
        var chain = Chain(exception).ToList();
        return chain.OfType<JsonException>().FirstOrDefault() is { } json ? WithPlace(json)
            : chain.OfType<System.Runtime.Serialization.SerializationException>().LastOrDefault()?.Message;
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
