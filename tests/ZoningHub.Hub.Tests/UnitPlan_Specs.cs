using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A province's or county's units are one range of codes (ZH + county + …): a page of them is read from that range of
/// the code index, and the query names only the filters given (SQLite plans before it binds, so "$p IS NULL OR …"
/// left it scanning every unit).
/// </summary>
public sealed class When_the_hub_lists_a_province_a_page_at_a_time
{
    [Theory]
    [InlineData("65", null, null, null)]
    [InlineData("65", null, UnitType.GeneralControl, "ZH65010210001")]
    [InlineData(null, "650102", null, null)]
    [InlineData("65", "650102", null, "ZH65010210001")]
    public async Task Should_read_only_the_areas_range_of_codes(string? province, string? county, UnitType? type, string? after)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using var connection = hub.Service<HubDatabase>().Open();
        var (sql, parameters) = UnitLogReader.ActiveQuery(province, county, type, new UnitPage(after, 100));

        var plan = string.Join("\n", connection.Query(null, $"EXPLAIN QUERY PLAN {sql}", r => r.GetString(3), parameters));

        Assert.DoesNotContain("SCAN u", plan, StringComparison.Ordinal);
        if (county is null)
        {
            // A county's few units may as well be read through the county index.
            Assert.Contains("code>? AND code<?", plan, StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// The hub reads every unit's code and revision in code order, for the units snapshots send (SnapshotSource), from one
/// covering index (units_snapshot), not from the code's index and then each unit's row.
/// </summary>
public sealed class When_the_hub_reads_the_units_snapshots_send
{
    [Fact]
    public async Task Should_read_the_units_from_the_snapshot_index_alone()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using var connection = hub.Service<HubDatabase>().Open();

        var plan = string.Join("\n", connection.Query(null, $"EXPLAIN QUERY PLAN {UnitLogReader.CurrentEncodedQuery}", r => r.GetString(3)));

        Assert.Contains("SCAN u USING COVERING INDEX units_snapshot", plan, StringComparison.Ordinal);
    }
}
