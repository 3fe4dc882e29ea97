using System.Text;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// A layer may be read from its inbox and from an HTTP source as well, each on its own service. Their exports are
/// diffed against the published layer inside the transaction that records them, so one taken while the other is
/// recorded is diffed against what the other left. Diffed before, it once applied a stale delete over the other's
/// upsert and left a state neither source had. The clock read just before recording is where the other source's
/// export is taken here.
/// </summary>
public sealed class When_two_sources_of_a_layer_are_taken_at_once : IDisposable
{
    const string Layer = "ecological-redline";
    readonly string _root = Directory.CreateTempSubdirectory("zoninghub-race-").FullName;

    [Fact]
    public void Should_leave_the_layer_as_one_of_the_exports_left_it()
    {
        var clock = new InterleavingClock();
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_root, "adapter");
        options.InboxDirectory = Path.Combine(_root, "inbox");
        var adapter = new DepartmentAdapter(options, clock);

        adapter.TakeExport(Layer, $"{Layer}/a.geojson", "a.geojson", Export("HX-1", "HX-2"));
        Assert.Equal(["HX-1", "HX-2"], adapter.Store.Published(Layer).Keys.Order(StringComparer.Ordinal));

        // While the inbox's b.geojson (HX-2 removed) is diffed, the HTTP source takes its read (HX-3 added).
        clock.Between = () => adapter.TakeExport(Layer, "http://onemap.example/collections/redline/items", "http-export.geojson",
            Export("HX-1", "HX-2", "HX-3"));
        adapter.TakeExport(Layer, $"{Layer}/b.geojson", "b.geojson", Export("HX-1"));

        // Either {HX-1} (b last) or {HX-1, HX-2, HX-3} (the HTTP read last); never a state no source ever had.
        var published = string.Join(", ", adapter.Store.Published(Layer).Keys.Order(StringComparer.Ordinal));
        Assert.True(published is "HX-1" or "HX-1, HX-2, HX-3", $"published now: {published}");
    }

    static byte[] Export(params string[] ids) => Encoding.UTF8.GetBytes($$"""
        {"type":"FeatureCollection","features":[{{string.Join(",", ids.Select((id, i) => $$$"""
            {"type":"Feature","properties":{"HXBH":"{{{id}}}","HXMC":"红线","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[119.{{{i + 1}}},29.6],[119.{{{i + 1}}}5,29.6],[119.{{{i + 1}}}5,29.65],[119.{{{i + 1}}},29.6]]]}}
            """))}}]}
        """);

    /// <summary>Runs <see cref="Between"/> once, at the next clock read: where another thread's work can fall.</summary>
    sealed class InterleavingClock : TimeProvider
    {
        public Action? Between { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var between = Between;
            Between = null;
            between?.Invoke();
            return base.GetUtcNow();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
