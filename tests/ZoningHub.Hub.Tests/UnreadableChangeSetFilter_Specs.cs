using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZoningHub.Hub.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Which failures of intake are the body's, and so quarantined as <c>message.unreadable</c> with the department told: a
/// failure that merely names JSON, of a body that reads as a change set, is the hub's own and goes to the error queue.
/// </summary>
public sealed class When_intake_fails_on_a_message
{
    static readonly string Readable = JsonSerializer.Serialize(
        Sources.ChangeSet(Sources.OneMap, 3, Hub.Core.Layers.AdminDivision, Sources.County("330106", Sources.Box(120, 30, 121, 31))), JsonSerializerOptions.Web);

    static string Mistyped()
    {
        var body = JsonNode.Parse(Readable)!.AsObject();
        body["sequence"] = "12";
        return body.ToJsonString();
    }

    static string? Why(Exception failure, string body, bool enveloped = false) =>
        UnreadableChangeSetFilter.Unreadable(failure, Encoding.UTF8.GetBytes(body), enveloped);

    [Fact]
    public void Should_give_the_readers_reason_and_place_for_a_body_that_is_not_json()
    {
        var why = Why(new SerializationException("An error occured while deserializing the message envelope", new JsonException()), "{ \"stream\": oops");

        Assert.NotNull(why);
        Assert.Contains("Path: $.stream | LineNumber: 0 | BytePositionInLine: 12.", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_name_the_member_of_another_type_plain_or_in_an_envelope()
    {
        Assert.Contains("Path: $.sequence", Why(new JsonException("as thrown"), Mistyped()), StringComparison.Ordinal);
        Assert.Contains("Path: $.sequence", Why(new JsonException("as thrown"), $"{{\"messageType\":[],\"message\":{Mistyped()}}}", enveloped: true), StringComparison.Ordinal);
        Assert.Contains("'message'", Why(new JsonException("as thrown"), "{\"messageType\":[]}", enveloped: true), StringComparison.Ordinal);
        Assert.Equal("the body is JSON null, not a change set", Why(new JsonException("as thrown"), "null"));
    }

    [Fact]
    public void Should_leave_a_body_that_reads_as_a_change_set_to_the_error_queue()
    {
        Assert.Null(Why(new JsonException("a fault of the hub's own that names JSON"), Readable));
        Assert.Null(Why(new JsonException("the same, enveloped"), $"{{\"message\":{Readable}}}", enveloped: true));
        Assert.Null(Why(new InvalidOperationException("no JSON in it"), "{ \"stream\": oops"));
    }
}
