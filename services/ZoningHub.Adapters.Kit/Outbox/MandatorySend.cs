using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// Change sets go to the department's exchange flagged mandatory on RabbitMQ: one that nothing is bound to take (the
/// hub's binding lost, the exchange deleted and declared again by the send) comes back and fails its send, where
/// unflagged the broker confirmed it and dropped it. The outbox then keeps it; a resend is then not counted as answered.
/// </summary>
public static class MandatorySend
{
    public static void Flag(SendContext<ChangeSetPublished> context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.Mandatory = true;
        }
    }
}
