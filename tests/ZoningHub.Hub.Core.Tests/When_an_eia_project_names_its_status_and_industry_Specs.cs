using System.Text.Json.Nodes;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ExampleBodies;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// An approved EIA project in a unit that forbids its industry is a conflict (DESIGN §4), so the two properties that decide
/// it are checked at intake, as <c>grade</c>, <c>zone</c> and <c>kind</c> are: a project whose <c>status</c> was not exactly
/// <c>approved</c> ("Approved", the EIA system's own 已批复) or whose <c>industry</c> was no GB/T 4754 code was stored and
/// silently never checked against any unit.
/// </summary>
public class When_an_eia_project_names_its_status_and_industry_Specs
{
    static readonly JsonObject Site = new() { ["type"] = "Point", ["coordinates"] = new JsonArray(120.1, 30.2) };

    [Theory]
    [InlineData("已批复")]
    [InlineData("Approved")]
    [InlineData("yes")]
    public void Should_refuse_a_status_that_is_not_one_the_hub_acts_on_naming_those_it_takes(string status)
    {
        var rejection = Refusal(new JsonObject { ["industry"] = "C2511", ["status"] = status });

        Assert.Equal(RejectionRules.PropertyInvalid, rejection.Rule);
        Assert.Contains("'status'", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("\"approved\"", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("石化")]
    [InlineData("C25-11")]
    [InlineData("petrochemicals")]
    public void Should_refuse_an_industry_that_is_no_GB_T_4754_code(string industry)
    {
        var rejection = Refusal(new JsonObject { ["industry"] = industry, ["status"] = "approved" });

        Assert.Equal(RejectionRules.PropertyInvalid, rejection.Rule);
        Assert.Contains("'industry'", rejection.Message, StringComparison.Ordinal);
        Assert.Contains(industry, rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C2511", "approved")]
    [InlineData("2511", "under-review")]
    [InlineData("C25", "refused")]
    [InlineData("C2511", null)]
    public void Should_take_a_listed_status_and_an_industry_code_with_or_without_its_section_letter(string industry, string? status)
    {
        var properties = new JsonObject { ["industry"] = industry };
        if (status is not null)
        {
            properties["status"] = status;
        }

        var (_, validation, _) = IntakeWire.Read(Layer(Layers.EiaProject, "ecology-environment", properties, Site.DeepClone()));

        Assert.Empty(validation!.AllRejections);
    }

    static Contracts.Rejection Refusal(JsonObject properties)
    {
        var (_, validation, error) = IntakeWire.Read(Layer(Layers.EiaProject, "ecology-environment", properties, Site.DeepClone()));
        Assert.Null(error);
        Assert.False(validation!.IsRefused);
        return Assert.Single(validation.FeatureRejections);
    }
}
