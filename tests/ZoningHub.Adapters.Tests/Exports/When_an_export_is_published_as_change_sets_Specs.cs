using System.Text.Json;
using MassTransit.Serialization;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Contracts;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// What the adapter kit publishes is what contracts/ promises a department system may publish: every change set it makes of
/// the fixtures' exports, deltas and a whole-stream snapshot series with empty layers, passes the published schema.
/// </summary>
public sealed class When_an_export_is_published_as_change_sets : IDisposable
{
    readonly TemporaryDirectory _state = new("zoninghub-adapter-schema-");

    [Theory]
    [InlineData("natural-resources", "ecological-redline", "redline-4527-gbk.zip", "redline-4549-utf8.zip")]
    [InlineData("natural-resources", "ecological-redline", "redline-4549-bow-tie.zip", "redline-4527-gbk-no-cpg.zip")]
    [InlineData("forestry-grassland", "nature-reserve", "reserve-4522.geojson", null)]
    public void Should_publish_only_change_sets_that_pass_the_published_schema(string department, string layer, string first, string? second)
    {
        var options = NativeSchemas.All[department]();
        options.StateDirectory = _state.Path;
        var adapter = new DepartmentAdapter(options, TimeProvider.System);
        var mapping = options.Layers[layer];

        List<ChangeSetPublished> published = [.. adapter.Publish("first", first, layer, Read(first, mapping))];
        if (second is not null)
        {
            published.AddRange(adapter.Publish("second", second, layer, Read(second, mapping)));
        }

        published.AddRange(adapter.Snapshot(null));

        Assert.Contains(published, c => c.Features.Any(f => f.Operation == FeatureOperations.Upsert));
        Assert.Contains(published, c => c.Series is { WholeStream: true } && c.Features.Count == 0);
        var schema = ContractSchema.ChangeSet();
        foreach (var changeSet in published)
        {
            // The body of the envelope the adapter sends: the record as MassTransit writes it.
            var errors = schema.Errors(JsonSerializer.SerializeToElement(changeSet, SystemTextJsonMessageSerializer.Options));
            Assert.True(errors.Count == 0, $"#{changeSet.Sequence} ({changeSet.Layer}, {changeSet.Kind}) fails the schema: {string.Join("; ", errors)}");
        }
    }

    public void Dispose() => _state.Dispose();
}
