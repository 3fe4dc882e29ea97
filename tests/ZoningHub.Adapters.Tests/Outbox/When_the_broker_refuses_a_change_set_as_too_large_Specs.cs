using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using ZoningHub.Adapters.Kit.Outbox;

namespace ZoningHub.Adapters.Tests.Outbox;

/// <summary>
/// A broker refuses a message above its <c>max_message_size</c> by closing the channel with PRECONDITION_FAILED, which
/// the client reports in the broker's words only. Retrying cannot help, and the stream waits behind the change set:
/// the status and the log say so and what to change. (The refusal is described here as RabbitMQ.Client raises it; a
/// real one would need a broker configured for it, and tens of megabytes through the adapter.)
/// </summary>
public class When_the_broker_refuses_a_change_set_as_too_large_Specs
{
    [Fact]
    public void Should_say_that_every_retry_will_be_refused_and_what_to_change()
    {
        var refusal = new OperationInterruptedException(new ShutdownEventArgs(ShutdownInitiator.Peer, 406,
            "PRECONDITION_FAILED - message size 20971520 is larger than configured max size 16777216", 60, 40));

        var reason = PublishFailure.Explain(new InvalidOperationException("Publishing the message failed", refusal));

        Assert.Contains("message size 20971520 is larger than configured max size 16777216", reason, StringComparison.Ordinal);
        Assert.Contains("max_message_size", reason, StringComparison.Ordinal);
        Assert.Contains("MaxGeometryBytesPerChangeSet", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_give_any_other_failure_in_its_own_words()
    {
        var reason = PublishFailure.Explain(new InvalidOperationException("Broker unreachable", new TimeoutException("connect timed out")));

        Assert.Equal("Broker unreachable (connect timed out)", reason);
    }
}
