using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Tests;

public class StreamOrder_Specs
{
    [Theory]
    [InlineData(0, 1, SequenceDisposition.Next)]
    [InlineData(4, 5, SequenceDisposition.Next)]
    [InlineData(4, 4, SequenceDisposition.Duplicate)]
    [InlineData(4, 2, SequenceDisposition.Duplicate)]
    [InlineData(4, 6, SequenceDisposition.Early)]
    [InlineData(0, 2, SequenceDisposition.Early)]
    public void Should_apply_strictly_in_sequence(long lastApplied, long sequence, SequenceDisposition expected) =>
        Assert.Equal(expected, StreamOrder.Classify(lastApplied, sequence));
}
