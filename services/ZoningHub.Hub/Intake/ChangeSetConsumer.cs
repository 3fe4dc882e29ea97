using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>Takes department change sets off the intake queue in batches (MassTransit envelope or plain JSON alike).</summary>
public sealed class ChangeSetConsumer(ChangeSetIntake intake) : IConsumer<Batch<ChangeSetPublished>>
{
    public Task Consume(ConsumeContext<Batch<ChangeSetPublished>> context) =>
        intake.TakeAsync([.. context.Message.Select(m => m.Message)], context, context.CancellationToken);
}
