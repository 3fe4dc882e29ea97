using MassTransit;
using MassTransit.Logging;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>Takes department change sets off the intake queue in batches (MassTransit envelope or plain JSON alike).</summary>
public sealed class ChangeSetConsumer(ChangeSetIntake intake) : IConsumer<Batch<ChangeSetPublished>>
{
    public Task Consume(ConsumeContext<Batch<ChangeSetPublished>> context) =>
        intake.TakeAsync([.. context.Message.Select(m => new Arrival(m.Message, Sender(m), DeliveredBy(m)))], context, context.CancellationToken);

    // A batch gathers messages of many senders, each with its sender's span in a header: MassTransit's own W3C
    // traceparent, or, from a publisher without MassTransit, the W3C Trace Context header the AMQP conventions use.
    static string? Sender(ConsumeContext message) =>
        message.Headers.Get<string>(DiagnosticHeaders.ActivityId)
        ?? Text(message.Headers, TraceParentHeader)
        ?? Text(message.ReceiveContext.TransportHeaders, TraceParentHeader);

    const string TraceParentHeader = "traceparent";

    // Text, or bytes from an AMQP client that sends a header as a byte string.
    static string? Text(Headers headers, string key) => headers.TryGetHeader(key, out var value)
        ? value switch { string text => text, byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), _ => null }
        : null;

    // The exchange a message was first published to, whichever exchange bindings brought it to the queue. Not known
    // on the embedded run's in-memory bus, whose senders are in the same process.
    static string? DeliveredBy(ConsumeContext message) =>
        message.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? Topology.DepartmentOfChangeSetExchange(rabbit.Exchange) : null;
}
