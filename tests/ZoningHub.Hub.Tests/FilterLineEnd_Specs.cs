using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: the area and code checks are regular expressions ending in <c>$</c>, which .NET also matches before a final
/// line feed. A filter with one (a pasted code, a script's unchomped line) passed the check as well-formed and was then
/// matched against no unit: the client got an empty listing, 200, as if the area had no units, or "no unit has this
/// code", instead of being told its filter is malformed.
/// </summary>
public sealed class When_a_filter_ends_in_a_line_feed
{
    [Theory]
    [InlineData("/api/units?province=33%0A")]
    [InlineData("/api/units?county=330106%0A")]
    [InlineData("/api/conflicts?county=330106%0A")]
    [InlineData("/api/filings?province=33%0A")]
    [InlineData("/api/units/ZH33010630001%0A")]
    public async Task Should_refuse_it_as_malformed_rather_than_answer_that_nothing_matches(string path)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync(path.Replace("%0A", "", StringComparison.Ordinal))).StatusCode);

        var answer = await hub.GetAsync(path);

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"GET {path} answered {(int)answer.StatusCode}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }
}
