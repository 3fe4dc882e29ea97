using Microsoft.Extensions.Options;
using ZoningHub.Hub;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The hub compacts its unit log in steps, each its own transaction, so that a long log's compaction does not hold the
/// store's write lock until it is through: the steps drop what one compaction would, and a writer gets in between them.
/// </summary>
public sealed class When_the_hub_compacts_a_long_log
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(UnitLogCompaction.StepRevisions)]
    public async Task Should_drop_every_version_superseded_at_or_before_the_floor_and_nothing_else_in_steps_of(int step)
    {
        using var data = new TemporaryDirectory("zoninghub-compaction-");
        using var database = Database(data.Path);
        // Three units changing at different rates: A every revision of the loop, B every second, C every third.
        var log = new List<(long Revision, string Code)>();
        for (var version = 1; version <= 10; version++)
        {
            foreach (var (code, every) in new[] { ("ZH33010630001", 1), ("ZH33010630002", 2), ("ZH33010630003", 3) })
            {
                if (version % every == 0)
                {
                    log.Add((LoggedUnits.Append(database, code, version / every, geometryBytes: 10), code));
                }
            }
        }

        var floor = log[^1].Revision - 4;
        var kept = log.Where(e => e.Revision > floor || !log.Any(n => n.Code == e.Code && n.Revision > e.Revision && n.Revision <= floor))
            .Select(e => e.Revision).ToList();

        var (compactedTo, dropped) = await new UnitLogCompaction(database).CompactAsync(4, CancellationToken.None, step);

        Assert.Equal((floor, log.Count - kept.Count), (compactedTo, dropped));
        using var connection = database.Open();
        Assert.Equal(kept, connection.Query(null, "SELECT revision FROM unit_log ORDER BY revision", r => r.GetInt64(0)));
        Assert.Equal(kept, connection.Query(null, "SELECT revision FROM unit_messages ORDER BY revision", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task Should_move_the_floor_up_step_by_step_and_let_a_writer_in_between()
    {
        using var data = new TemporaryDirectory("zoninghub-compaction-");
        using var database = Database(data.Path);
        for (var version = 1; version <= 30; version++)
        {
            LoggedUnits.Append(database, "ZH33010630001", version, geometryBytes: 10);
        }

        var compaction = Task.Run(() => new UnitLogCompaction(database).CompactAsync(0, CancellationToken.None, stepRevisions: 3));
        var floors = new HashSet<long>();
        long written = 0;
        while (!compaction.IsCompleted)
        {
            using (var connection = database.Open())
            {
                floors.Add(connection.Scalar<long>(null, "SELECT floor_revision FROM log_identity WHERE id = 1"));
            }

            // Written while the compaction is under way, once it has taken a step.
            if (written == 0 && floors.Any(f => f > 0))
            {
                written = LoggedUnits.Append(database, "ZH33010630002", 1, geometryBytes: 10);
                Assert.False(compaction.IsCompleted, "the compaction ended before the writer got in; the spec proves nothing");
            }

            await Task.Delay(10);
        }

        var (floor, _) = await compaction;
        Assert.True(floors.Count(f => f > 0 && f < floor) >= 3, $"floors seen: {string.Join(", ", floors.Order())}");
        // The head the writer moved is the compaction's goal from its next step on.
        Assert.Equal(written, floor);
    }

    static HubDatabase Database(string directory) =>
        new(Options.Create(new HubOptions { DataDirectory = directory, PushCredential = "compaction-spec" }));
}
