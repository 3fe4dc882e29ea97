using System.Text.Json.Nodes;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;
using static ZoningHub.Hub.Core.Tests.ExampleBodies;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// contracts/README.md §2: a body valid against the published schema is a change set the hub reads, and what the schema
/// refuses the hub refuses too, by a rule the department is told of. A body the hub cannot read at all is refused as
/// <c>message.unreadable</c> (<see cref="UnreadableChangeSet"/>) and takes no sequence number, so its stream waits on a gap.
/// </summary>
public class When_the_schema_and_the_hub_read_one_body_Specs
{
    static readonly ContractSchema Schema = ContractSchema.ChangeSet();

    /// <summary>
    /// The record's defaults stand in for a member that is absent: a snapshot whose <c>features</c> were left out (or sent
    /// under another name) was taken as an empty snapshot and deleted every feature of its layer from the stream, and a
    /// snapshot without <c>kind</c> was taken as a delta and deleted nothing it meant to.
    /// </summary>
    [Theory]
    [InlineData("snapshot without features", RejectionRules.FeaturesMissing)]
    [InlineData("snapshot with features under another name", RejectionRules.FeaturesMissing)]
    [InlineData("delta without features", RejectionRules.FeaturesMissing)]
    [InlineData("without kind", RejectionRules.KindUnknown)]
    public void Should_refuse_a_change_set_without_a_required_member_as_the_schema_does(string mistake, string rule)
    {
        var json = AdminDivision(body =>
        {
            switch (mistake)
            {
                case "snapshot without features":
                    body["kind"] = "snapshot";
                    body.Remove("features");
                    break;
                case "snapshot with features under another name":
                    body["kind"] = "snapshot";
                    body["items"] = body["features"]!.DeepClone();
                    body.Remove("features");
                    break;
                case "delta without features":
                    body.Remove("features");
                    break;
                default:
                    body.Remove("kind");
                    break;
            }
        });

        Assert.NotEmpty(Schema.Errors(json));
        var (_, validation, error) = IntakeWire.Read(json);
        Assert.Null(error);
        Assert.True(validation!.IsRefused, $"the hub takes a change set {mistake}, which the schema refuses");
        Assert.Contains(validation.ChangeSetRejections, r => r.Rule == rule);
    }

    /// <summary>
    /// The schema's integers include 1.0 (draft 2020-12), and its <c>format: date-time</c> asserts nothing by default, while
    /// the hub's deserializer refuses both a fraction and any time but its own ISO 8601 profile, for <c>exportedAt</c>, a
    /// member the hub does not otherwise use: each body here went to the _error queue untold. Either the schema refuses it
    /// or the hub reads it.
    /// </summary>
    [Theory]
    [InlineData("sequence", "1.0")]
    [InlineData("schemaVersion", "1.0")]
    [InlineData("series", """{"first": 1.0, "last": 1}""")]
    [InlineData("exportedAt", "\"2025-06-01t09:30:00z\"")]
    [InlineData("exportedAt", "\"2025-06-01 09:30:00+08:00\"")]
    [InlineData("exportedAt", "\"yesterday\"")]
    public void Should_read_every_body_the_schema_passes(string member, string value)
    {
        var json = AdminDivision(body =>
        {
            body[member] = JsonNode.Parse(value);
            if (member == "series")
            {
                body["kind"] = "snapshot";
            }
        });

        var schemaErrors = Schema.Errors(json);
        var (_, _, error) = IntakeWire.Read(json);

        Assert.True(schemaErrors.Count > 0 || error is null, $"the schema passes {member}: {value}, which the hub cannot read: {error}");
    }
}
