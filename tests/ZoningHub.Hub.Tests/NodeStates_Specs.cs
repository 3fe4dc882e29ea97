using Grpc.Core;
using ZoningHub.Hub.Push;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// What a failed push shows: offline only for a node that did not answer six rounds in a row, however often one that
/// answers fails.
/// </summary>
public sealed class When_a_push_to_a_node_fails
{
    [Theory]
    [InlineData(StatusCode.Unavailable, 5, NodeStates.Retrying)]
    [InlineData(StatusCode.Unavailable, 6, NodeStates.Offline)]
    [InlineData(StatusCode.DeadlineExceeded, 6, NodeStates.Offline)]
    [InlineData(StatusCode.DeadlineExceeded, 0, NodeStates.Retrying)]
    [InlineData(StatusCode.Unavailable, 0, NodeStates.Retrying)]
    [InlineData(StatusCode.Internal, 60, NodeStates.Retrying)]
    [InlineData(StatusCode.FailedPrecondition, 0, NodeStates.Retrying)]
    [InlineData(StatusCode.Unauthenticated, 1, NodeStates.Refused)]
    [InlineData(StatusCode.PermissionDenied, 0, NodeStates.Refused)]
    public void Should_show_the_state_its_failure_means(StatusCode status, int unanswered, string state) =>
        Assert.Equal(state, NodeStates.AfterFailure(status, unanswered));
}
