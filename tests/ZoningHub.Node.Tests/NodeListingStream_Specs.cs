using System.Net;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A listing without a limit is a whole scope, hundreds of megabytes of GeoJSON for a national node: it is written as
/// its units are read, rather than built whole in memory (as GeoJSON text, then a tree parsed back from it) first.
/// </summary>
public sealed class When_a_node_lists_a_whole_scope
{
    [Fact]
    public async Task Should_send_the_first_units_before_it_has_read_the_last()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(40, radius: 0.004, segments: 500);
        // The last unit cannot be read: a listing built whole fails before sending anything, one written as it reads
        // has sent the first units by then, and can only cut the answer off.
        using (var connection = node.Service<NodeDatabase>().Open())
        {
            connection.Execute(null, "UPDATE units SET body = $b WHERE code = 'ZH33010600040'", ("$b", Enumerable.Repeat((byte)0xFF, 16).ToArray()));
        }

        using var listing = await node.Http.GetAsync("/api/units", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(async () => await (await listing.Content.ReadAsStreamAsync()).CopyToAsync(received));
        Assert.Contains("\"id\":\"ZH33010600001\"", System.Text.Encoding.UTF8.GetString(received.ToArray()), StringComparison.Ordinal);
    }
}
