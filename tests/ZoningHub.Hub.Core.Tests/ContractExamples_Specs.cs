using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>The published examples in contracts/examples/ mean what contracts/README.md says they mean.</summary>
public class ContractExamples_Specs
{
    // What MassTransit's raw JSON deserializer uses: camelCase, case-insensitive.
    static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    static ChangeSetPublished Example(string name) =>
        JsonSerializer.Deserialize<ChangeSetPublished>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", name)), Wire)!;

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
}
