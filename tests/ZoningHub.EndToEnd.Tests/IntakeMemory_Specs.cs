using ZoningHub.Adapters.Kit;
using ZoningHub.Hub.Intake;

namespace ZoningHub.EndToEnd.Tests;

public sealed class When_an_adapter_re_exports_a_large_layer
{
    [Fact]
    public void Should_split_it_so_the_change_sets_the_hub_takes_ahead_stay_within_a_gibibyte()
    {
        // The broker hands the hub PrefetchCount change sets before it acknowledges any; each holds at most the
        // adapters' geometry bound (a single larger feature goes alone and is rare).
        var held = ChangeSetConsumerDefinition.PrefetchCount * new AdapterOptions().MaxGeometryBytesPerChangeSet;

        Assert.True(held <= 1L << 30, $"the hub's intake may hold {held / (1 << 20)} MiB of prefetched geometry");
    }
}
