using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5: a held number arriving again with other content is an integrity alarm, and the copy held first is applied
/// in its turn (When_a_held_change_sets_number_comes_again_with_other_content) — also when the other copy arrives in
/// the batch that makes the number next, where it would otherwise be applied in the held copy's place.
/// </summary>
public sealed class When_a_held_number_comes_again_in_the_batch_that_makes_it_next
{
    [Fact]
    public async Task Should_raise_the_integrity_alarm_and_apply_the_copy_held_first()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var store = hub.Service<IntakeStore>();
        var heldFirst = ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)));
        var other = ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31)));
        Assert.Equal(IntakeDisposition.Held, store.ApplyAll([Item(heldFirst)])[0].Disposition);

        // One intake batch brings #1 and another copy of #2 (an adapter that lost its outbox numbering, say).
        var outcomes = store.ApplyAll([Item(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)))), Item(other)]);

        Assert.Equal(IntakeDisposition.IntegrityConflict, outcomes[1].Disposition);
        var alarm = Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
        Assert.Equal(RejectionRules.IntegrityConflict, alarm.GetProperty("reasons")[0].GetProperty("rule").GetString());
        await hub.SettledAsync((OneMap, 2));
        var applied = new NetTopologySuite.IO.WKBReader().Read(hub.ActiveUnits().Single(u => u.County == "330105").GeometryWkb);
        Assert.Equal(1.0, applied.EnvelopeInternal.Width, 6);
    }

    static IntakeItem Item(ChangeSetPublished changeSet) =>
        new(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet), JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web));
}
