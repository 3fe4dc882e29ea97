using System.Text;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>What the hub reads of a message it cannot read as a change set, to file it and tell its department.</summary>
public sealed class When_the_hub_cannot_read_a_message_as_a_change_set
{
    [Fact]
    public void Should_name_the_stream_number_department_and_layer_it_gives_in_their_own_types()
    {
        var body = Encoding.UTF8.GetBytes("""
            { "stream": "water-resources.sources", "sequence": 7, "department": "water-resources", "layer": "drinking-water-source-zone",
              "kind": "delta", "features": {} }
            """);
        var (named, reason) = UnreadableChangeSet.Describe(body, "The JSON value could not be converted. Path: $.features | LineNumber: 1 | BytePositionInLine: 30.");

        Assert.Equal(("water-resources.sources", 7L, "water-resources", "drinking-water-source-zone"), (named.Stream, named.Sequence, named.Department, named.Layer));
        Assert.Equal(RejectionRules.BodyUnreadable, reason.Rule);
        Assert.Null(reason.FeatureId);
        Assert.Contains("Path: $.features | LineNumber: 1 | BytePositionInLine: 30. It takes no number in its stream", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_name_what_a_MassTransit_envelope_carries_under_message()
    {
        var body = Encoding.UTF8.GetBytes("""
            { "messageId": "m1", "messageType": ["urn:message:ZoningHub.Contracts:ChangeSetPublished"],
              "message": { "stream": "natural-resources.one-map", "sequence": "4", "department": "natural-resources", "layer": "ecological-redline" } }
            """);

        var (enveloped, _) = UnreadableChangeSet.Describe(body, "why", enveloped: true);
        var (plain, _) = UnreadableChangeSet.Describe(body, "why");

        Assert.Equal(("natural-resources.one-map", 0L, "natural-resources", "ecological-redline"), (enveloped.Stream, enveloped.Sequence, enveloped.Department, enveloped.Layer));
        Assert.Equal("", plain.Stream);
    }

    [Theory]
    [InlineData("{ \"stream\": \"natural-resources.one-map\", oops")]
    [InlineData("[\"natural-resources.one-map\", 3]")]
    [InlineData("{ \"stream\": 12, \"sequence\": \"3\", \"department\": null, \"layer\": [] }")]
    [InlineData("{ \"sequence\": 3.5 }")]
    public void Should_name_nothing_it_cannot_read_as_its_type(string text)
    {
        var (named, _) = UnreadableChangeSet.Describe(Encoding.UTF8.GetBytes(text), "why");

        Assert.Equal(("", 0L, "", ""), (named.Stream, named.Sequence, named.Department, named.Layer));
    }

    [Fact]
    public void Should_keep_the_body_as_text_and_know_it_again_by_its_bytes()
    {
        byte[] body = [.. "{ \"stream\": \""u8, 0xFF, .. "\" }"u8];

        Assert.Equal("{ \"stream\": \"\uFFFD\" }", UnreadableChangeSet.Text(body));
        Assert.Equal(UnreadableChangeSet.Fingerprint(body), UnreadableChangeSet.Fingerprint([.. body]));
        Assert.NotEqual(UnreadableChangeSet.Fingerprint(body), UnreadableChangeSet.Fingerprint([.. body, (byte)' ']));
        Assert.True(RejectionRules.TakesNoPlace(RejectionRules.BodyUnreadable));
        Assert.NotNull(RejectionRules.Unreplayable(RejectionRules.BodyUnreadable));
    }
}
