using MassTransit;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// The intake endpoint: bound to every department's exchange, reading MassTransit envelopes and plain JSON
/// (the default when a publisher sets no content type). Validation failures go to quarantine, and so do messages that
/// cannot be read as a change set at all (<see cref="UnreadableChangeSetFilter"/>); what else fails beyond its retries
/// goes to <c>zoninghub.hub.intake_error</c> with the reason in its headers.
/// </summary>
public sealed class ChangeSetConsumerDefinition : ConsumerDefinition<ChangeSetConsumer>
{
    public ChangeSetConsumerDefinition()
    {
        EndpointName = Topology.HubIntakeQueue;
    }

    /// <summary>Change sets taken per transaction at most.</summary>
    public const int BatchSize = 100;

    /// <summary>Change sets the broker hands the hub ahead of applying them: two batches, so the next one is ready.</summary>
    public const int PrefetchCount = 2 * BatchSize;

    /// <summary>Retries of a batch whose store write failed: with the interval growing to 30 s, about 25 minutes.</summary>
    const int StoreRetryLimit = 55;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ChangeSetConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseQuorumQueue();
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = PrefetchCount;
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

        // A store that cannot be written (a full disk, an I/O error, a backup's lock) is not the change sets' fault:
        // the batch waits for it, up to about 25 minutes (within the broker's 30-minute consumer timeout), holding the
        // endpoint, instead of going to _error after seconds, where no stream would ask for it again. Intake runs one
        // batch at a time, so nothing overtakes it. A change set the validator cannot take is quarantined by the
        // validator itself; what else fails is retried briefly and reaches _error with its reason.
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<SqliteException>();
            retry.Handle<IOException>();
            retry.Exponential(StoreRetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
        });
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<SqliteException>();
            retry.Ignore<IOException>();
            // A body that cannot be read now never will be: quarantined at once, not after three tries.
            retry.Ignore<System.Text.Json.JsonException>();
            retry.Ignore<System.Runtime.Serialization.SerializationException>();
            retry.Intervals(200, 1_000, 5_000);
        });
        // What fails beyond the retries goes to the broker's error queue, as by default, except a body the hub cannot read
        // as a change set: that is refused input like any other, quarantined where the dashboard lists it, and announced
        // to its department (DESIGN §5).
        endpointConfigurator.ConfigureError(error =>
        {
            error.UseFilter(new UnreadableChangeSetFilter(context));
            error.UseFilter(new MassTransit.Middleware.GenerateFaultFilter());
            error.UseFilter(new MassTransit.Middleware.ErrorTransportFilter());
        });
    }
}
