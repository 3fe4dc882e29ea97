using Google.Protobuf;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Issue 5: the units a snapshot sends are kept in memory in code order (SnapshotSource) and brought up to the head
/// with the log's newer entries; a snapshot sends its scope's range of them from where the node stopped.
/// </summary>
public sealed class When_the_hub_keeps_the_units_snapshots_send
{
    static readonly CurrentEncodings AtThree = CurrentEncodings.Of(3, [Unit("ZH32010110001", 1), Unit("ZH33010110001", 2), Unit("ZH33010110002", 3)]);

    [Fact]
    public void Should_bring_them_up_to_a_revision_with_the_newest_of_each_units_entries()
    {
        var atEight = AtThree.After(8,
            [Unit("ZH33010110001", 4), Unit("ZH31010110001", 5), Unit("ZH33010110001", 6), Unit("ZH34010110001", 7), Unit("ZH32010110002", 8)]);

        Assert.Equal(8, atEight.Revision);
        Assert.Equal(["ZH31010110001@5", "ZH32010110001@1", "ZH32010110002@8", "ZH33010110001@6", "ZH33010110002@3", "ZH34010110001@7"],
            Versions(atEight.InScope(SnapshotRange.Of("national", ""))));
        // Those made before are as they were, for a snapshot still sending them, and share the unchanged units' bytes.
        Assert.Equal(["ZH32010110001@1", "ZH33010110001@2", "ZH33010110002@3"], Versions(AtThree.InScope(SnapshotRange.Of("national", ""))));
        Assert.Same(AtThree.InScope(SnapshotRange.Of("national", "")).First().Message, atEight.InScope(SnapshotRange.Of("national", "ZH31010110001")).First().Message);
    }

    [Theory]
    [InlineData("33", "", "ZH33010110001@2 ZH33010110002@3")]
    [InlineData("33", "ZH33010110001", "ZH33010110002@3")]
    [InlineData("33", "ZH32010110001", "ZH33010110001@2 ZH33010110002@3")]
    [InlineData("32", "ZH33010110001", "")]
    [InlineData("34", "", "")]
    [InlineData("national", "ZH32010110001", "ZH33010110001@2 ZH33010110002@3")]
    [InlineData("national", "ZH33010110002", "")]
    public void Should_give_a_scope_its_range_of_codes_after_where_the_node_stopped(string scope, string after, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Versions(AtThree.InScope(SnapshotRange.Of(scope, after))));
    }

    static EncodedUnit Unit(string code, long revision) => new(revision, code, null, ByteString.CopyFromUtf8($"{code}@{revision}"));

    static List<string> Versions(IEnumerable<EncodedUnit> units) => [.. units.Select(u => u.Message.ToStringUtf8())];
}
