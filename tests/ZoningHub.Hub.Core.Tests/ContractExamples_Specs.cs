using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// The published examples in contracts/examples/ mean what their names say, to a department's schema validator and to
/// the hub alike: <c>*.invalid-*.json</c> is refused by both, every other example passes its schema and is taken whole.
/// </summary>
public class ContractExamples_Specs
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "examples");

    /// <summary>Every example; xunit fails a theory that finds none, so an empty or missing folder cannot pass.</summary>
    public static TheoryData<string> Examples => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_pass_its_schema_and_the_hub_or_fail_both_as_its_name_says(string name)
    {
        var json = File.ReadAllText(Path.Combine(Folder, name));
        var schemaErrors = SchemaOf(name, json).Errors(json);
        var read = IntakeWire.Read(json);

        if (name.Contains(".invalid-", StringComparison.Ordinal))
        {
            Assert.True(schemaErrors.Count > 0, $"{name} is published as invalid, but its schema passes it.");
            Assert.True(read.Error is not null || read.Validation!.AllRejections.Any(), $"{name} is published as invalid, but the hub takes it whole.");
        }
        else
        {
            Assert.True(schemaErrors.Count == 0, $"{name} fails its own schema: {string.Join("; ", schemaErrors)}");
            Assert.True(read.Error is null, $"the hub cannot read {name} (it would go to {Topology.HubIntakeQueue}_error): {read.Error}");
            var validation = read.Validation!;
            Assert.True(!validation.AllRejections.Any(), $"the hub refuses {name}: {string.Join("; ", validation.AllRejections.Select(r => $"{r.Rule} {r.Message}"))}");
            Assert.Equal(read.ChangeSet!.Features.Count, validation.Upserts.Count + validation.Deletes.Count);
        }
    }

    [Fact]
    public void Should_accept_the_admin_division_example_whole()
    {
        var result = ChangeSetValidator.Validate(Example("change-set.admin-division.json"));

        Assert.False(result.IsRefused);
        Assert.Empty(result.FeatureRejections);
        Assert.Equal("330106", Assert.Single(result.Upserts).CountyCode);
    }

    [Fact]
    public void Should_refuse_the_missing_sequence_example_naming_the_rule()
    {
        var result = ChangeSetValidator.Validate(Example("change-set.invalid-missing-sequence.json"));

        Assert.Equal(RejectionRules.SequenceMissing, Assert.Single(result.ChangeSetRejections).Rule);
    }

    static ChangeSetPublished Example(string name) => IntakeWire.Read(File.ReadAllText(Path.Combine(Folder, name))).ChangeSet!;

    // Every example so far is a change set; an example of another contract must say which schema it answers to here.
    static ContractSchema SchemaOf(string name, string json) => name.StartsWith("change-set.", StringComparison.Ordinal)
        ? ContractSchema.ChangeSet(JsonDocument.Parse(json).RootElement.TryGetProperty("schemaVersion", out var version) && version.TryGetInt32(out var v) ? v : 1)
        : throw new InvalidOperationException($"No schema is known for the example {name}: name it after its contract (change-set.…).");
}
