using Grpc.Core;
using ZoningHub.Hub.Push;

namespace ZoningHub.Hub.Tests;

/// <summary>What a failed push shows: offline only for a node that cannot be reached, however often one that answers fails.</summary>
public sealed class When_a_push_to_a_node_fails
{
    [Theory]
    [InlineData(StatusCode.Unavailable, 5, false, NodeStates.Retrying)]
    [InlineData(StatusCode.Unavailable, 6, false, NodeStates.Offline)]
    [InlineData(StatusCode.DeadlineExceeded, 6, false, NodeStates.Offline)]
    [InlineData(StatusCode.DeadlineExceeded, 60, true, NodeStates.Retrying)]
    [InlineData(StatusCode.Unavailable, 60, true, NodeStates.Retrying)]
    [InlineData(StatusCode.Internal, 60, false, NodeStates.Retrying)]
    [InlineData(StatusCode.FailedPrecondition, 60, true, NodeStates.Retrying)]
    [InlineData(StatusCode.Unauthenticated, 1, false, NodeStates.Refused)]
    [InlineData(StatusCode.PermissionDenied, 60, true, NodeStates.Refused)]
    public void Should_show_the_state_its_failure_means(StatusCode status, int failures, bool answered, string state) =>
        Assert.Equal(state, NodeStates.AfterFailure(status, failures, answered));
}
