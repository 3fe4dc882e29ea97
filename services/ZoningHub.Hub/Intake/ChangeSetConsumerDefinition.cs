using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake endpoint: bound to every department's exchange, reading MassTransit envelopes and plain JSON
/// (the default when a publisher sets no content type). Messages that cannot be parsed at all go to
/// <c>zoninghub.hub.intake_error</c> with the reason in their headers; validation failures go to quarantine.
/// </summary>
public sealed class ChangeSetConsumerDefinition : ConsumerDefinition<ChangeSetConsumer>
{
    public ChangeSetConsumerDefinition()
    {
        EndpointName = Topology.HubIntakeQueue;
    }

    /// <summary>Change sets taken per transaction at most; prefetch covers two batches so the next one is ready.</summary>
    public const int BatchSize = 100;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ChangeSetConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseQuorumQueue();
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = 2 * BatchSize;
        }

        // One batch at a time keeps each stream's apply order; a batch commits in one transaction.
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(20))
            .SetConcurrencyLimit(1));
        endpointConfigurator.DefaultContentType = new System.Net.Mime.ContentType("application/json");
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType);
        foreach (var department in LayerCatalog.Departments)
        {
            endpointConfigurator.BindExchange(Topology.ChangeSetExchange(department));
        }

        // Transient store failures (a locked file, a full disk freed by an operator) are retried; the rest reach _error.
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(200, 1_000, 5_000));
    }
}
