using MassTransit;
using MassTransit.Logging;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>Takes department change sets off the intake queue in batches (MassTransit envelope or plain JSON alike).</summary>
public sealed class ChangeSetConsumer(ChangeSetIntake intake) : IConsumer<Batch<ChangeSetPublished>>
{
    public Task Consume(ConsumeContext<Batch<ChangeSetPublished>> context) =>
        intake.TakeAsync([.. context.Message.Select(m => new Arrival(m.Message, Sender(m), DeliveredBy(m)))], context, context.CancellationToken);

    // A batch gathers messages of many senders, each with its sender's span in this header (MassTransit's W3C traceparent).
    static string? Sender(ConsumeContext message) => message.Headers.Get<string>(DiagnosticHeaders.ActivityId);

    // The exchange a message was first published to, whichever exchange bindings brought it to the queue. Not known
    // on the embedded run's in-memory bus, whose senders are in the same process.
    static string? DeliveredBy(ConsumeContext message) =>
        message.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? Topology.DepartmentOfChangeSetExchange(rabbit.Exchange) : null;
}
