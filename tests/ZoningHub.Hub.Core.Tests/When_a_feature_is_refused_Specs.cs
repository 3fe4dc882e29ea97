using System.Text.Json.Nodes;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ExampleBodies;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// A refusal is read by a department's operator, on the dashboard and in <c>ChangeSetRejected</c>, far from the hub's code:
/// it names the feature, the field at fault and what it holds, in the contract's words, not the words of a .NET library
/// ("Requested value 'polygon' was not found.", "could not be converted to NetTopologySuite.Geometries.Geometry. Path: $ |
/// LineNumber: 0 | BytePositionInLine: 43").
/// </summary>
public class When_a_feature_is_refused_Specs
{
    [Theory]
    [InlineData("operation", "\"Upsert\"", RejectionRules.OperationUnknown, "'operation'")]
    [InlineData("geometry", """{"type": "polygon", "coordinates": [[[120.05, 30.15], [120.15, 30.15], [120.15, 30.25], [120.05, 30.15]]]}""", RejectionRules.GeometryUnreadable, "'polygon'")]
    [InlineData("geometry", """{"type": "MultiPolygon", "coordinates": [[]]}""", RejectionRules.GeometryUnreadable, "MultiPolygon")]
    [InlineData("geometry", """{"type": "Polygon", "coordinates": [[[120.05, 30.15], [120.15, 30.15], [120.15, 30.25], [120.05, 30.25]]]}""", RejectionRules.GeometryUnreadable, "[120.05,30.25] is not its first")]
    [InlineData("properties", """{"county": "33010"}""", RejectionRules.PropertyInvalid, "'33010'")]
    public void Should_name_the_feature_the_field_and_what_it_holds_in_the_contracts_words(string member, string value, string rule, string quoted)
    {
        var json = AdminDivision(body => Feature(body)[member] = JsonNode.Parse(value));

        var rejection = Assert.Single(IntakeWire.Read(json).Validation!.FeatureRejections);

        Assert.Equal((rule, "330106"), (rejection.Rule, rejection.FeatureId));
        Assert.StartsWith("Feature '330106': ", rejection.Message, StringComparison.Ordinal);
        Assert.Contains(quoted, rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NetTopologySuite", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Requested value", rejection.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A department id with a typo was also refused as the layer's and the stream's wrong owner, suggesting a stream
    /// <c>'.&lt;system&gt;'</c> or <c>'natural-resource.&lt;system&gt;'</c> and a department <c>''</c>: the one thing to mend is the id.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("natural-resource")]
    public void Should_refuse_an_unknown_department_without_blaming_a_layer_or_stream_on_it(string? department)
    {
        var json = AdminDivision(body => body["department"] = department);

        var rejections = IntakeWire.Read(json).Validation!.ChangeSetRejections;

        Assert.Contains(rejections, r => r.Rule == RejectionRules.DepartmentUnknown);
        Assert.DoesNotContain(rejections, r => r.Message.Contains("'.<system>'", StringComparison.Ordinal)
                                               || r.Message.Contains("department ''", StringComparison.Ordinal)
                                               || r.Message.Contains("'natural-resource.<system>'", StringComparison.Ordinal));
    }
}
