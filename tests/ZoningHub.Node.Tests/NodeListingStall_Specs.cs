using System.Diagnostics;
using System.Net;
using Grpc.Core;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Listings share a few places (Limits:GeoJson), and a client that stops reading holds its place through HTTP/2 flow
/// control for as long as its connection lives: four of them locked every local user out. One-unit lookups are not
/// listings, a listing has a time limit, and a wait in the queue ends in a 429 the client can act on.
/// </summary>
public sealed class When_listings_stop_being_read_on_a_node
{
    [Fact]
    public async Task Should_still_answer_a_one_unit_lookup_while_stalled_listings_hold_every_place()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(40, radius: 0.004, segments: 500);
        var stalled = new List<AsyncServerStreamingCall<Contracts.Grpc.Push.V1.UnitRevision>>();
        try
        {
            for (var i = 0; i < 4; i++) // the default Limits:GeoJson:Concurrent
            {
                stalled.Add(await node.StallAListingAsync());
            }

            Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/api/units/ZH33010600001")).StatusCode);
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Should_cut_off_a_listing_past_its_time_limit_and_serve_the_one_waiting()
    {
        await using var node = await QueryNode.StartAsync(("Limits:GeoJson:Concurrent", "1"), ("Limits:GeoJson:ListingTimeout", "00:00:02"));
        await node.PushAsync(40, radius: 0.004, segments: 500);
        using var stalled = await node.StallAListingAsync();

        var watch = Stopwatch.StartNew();
        var waiting = await node.Http.GetAsync("/api/units?limit=1");

        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
        var cutOff = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stalled.ResponseStream.MoveNext())
            {
            }
        });
        Assert.NotEqual(StatusCode.OK, cutOff.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_listing_that_waited_too_long_with_a_problem_and_when_to_retry()
    {
        await using var node = await QueryNode.StartAsync(("Limits:GeoJson:Concurrent", "1"), ("Limits:GeoJson:QueueTimeout", "00:00:01"));
        await node.PushAsync(40, radius: 0.004, segments: 500);
        using var stalled = await node.StallAListingAsync();

        var refused = await node.Http.GetAsync("/api/units?limit=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Too many listings are being served", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
