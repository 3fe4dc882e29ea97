using MassTransit;
using MassTransit.Logging;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>Takes department change sets off the intake queue in batches (MassTransit envelope or plain JSON alike).</summary>
public sealed class ChangeSetConsumer(ChangeSetIntake intake) : IConsumer<Batch<ChangeSetPublished>>
{
    public Task Consume(ConsumeContext<Batch<ChangeSetPublished>> context) =>
        intake.TakeAsync([.. context.Message.Select(m => m.Message)], [.. context.Message.Select(Sender)], context, context.CancellationToken);

    // A batch gathers messages of many senders, each with its sender's span in this header (MassTransit's W3C traceparent).
    static string? Sender(ConsumeContext message) => message.Headers.Get<string>(DiagnosticHeaders.ActivityId);
}
