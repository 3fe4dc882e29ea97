using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Intake;

/// <summary>Takes department change sets off the intake queue (MassTransit envelope or plain JSON alike).</summary>
public sealed class ChangeSetConsumer(ChangeSetIntake intake) : IConsumer<ChangeSetPublished>
{
    public Task Consume(ConsumeContext<ChangeSetPublished> context) =>
        intake.TakeAsync(context.Message, context, context.CancellationToken);
}
