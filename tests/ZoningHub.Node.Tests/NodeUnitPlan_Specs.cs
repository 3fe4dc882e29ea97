using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A province's or county's units are one range of codes (ZH + county + …): a page of them is read from that range of
/// the code index, where a page of a late province on a national node read every code before it.
/// </summary>
public sealed class When_a_national_node_lists_a_province_a_page_at_a_time
{
    [Theory]
    [InlineData("65", null, null)]
    [InlineData("65", null, "ZH65010210001")]
    [InlineData(null, "650102", null)]
    [InlineData("65", "650102", "ZH65010210001")]
    public void Should_read_only_the_areas_range_of_codes(string? province, string? county, string? after)
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var database = new NodeDatabase(Options.Create(new NodeOptions { Id = "national", Scope = "national", HubCredential = "c", DataDirectory = data.Path }));
        using var connection = database.Open();
        var (sql, parameters) = NodeUnitReader.ActiveQuery(province, county, UnitType.GeneralControl, new UnitPage(after, 100));

        var plan = string.Join("\n", connection.Query(null, $"EXPLAIN QUERY PLAN {sql}", r => r.GetString(3), parameters));

        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
        if (county is null)
        {
            // A county's few units may as well be read through the county index.
            Assert.Contains("code>? AND code<?", plan, StringComparison.Ordinal);
        }
    }
}
