using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 15): the embedded run's appsettings.json has <c>Embedded:InboxRoot</c> ("data/inbox"), where the
/// sample seeder and <c>--Embedded:Simulate=true</c> write every department's exports (StandaloneExtensions). The four
/// adapters never read it: each watches <c>Adapters:&lt;department&gt;:InboxDirectory</c>, whose default is the fixed
/// "data/inbox/&lt;department&gt;" (NativeSchemas). Moved with <c>--Embedded:InboxRoot=…</c>, the samples and the simulated
/// edits land in a folder no adapter watches, and the run shows nothing at all, without a word.
/// </summary>
public sealed class When_the_embedded_runs_inbox_root_is_moved
{
    [Fact]
    public async Task Should_have_the_adapters_watch_the_inboxes_it_writes_the_samples_into()
    {
        using var data = new TemporaryDirectory("zoninghub-inbox-root-");
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        foreach (var department in NativeSchemas.All.Keys)
        {
            settings.Remove($"Adapters:{department}:InboxDirectory");
        }

        var inboxRoot = Path.Combine(data.Path, "moved-inbox");
        settings["Embedded:InboxRoot"] = inboxRoot;
        var app = EmbeddedSystem.Build(settings);
        try
        {
            foreach (var adapter in app.Services.GetRequiredService<AdapterRegistry>().All)
            {
                var watched = Path.GetFullPath(adapter.Options.InboxDirectory);
                Assert.True(watched == Path.Combine(inboxRoot, adapter.Options.Department),
                    $"the {adapter.Options.Department} adapter watches {watched}, not {Path.Combine(inboxRoot, adapter.Options.Department)} where the run writes its exports");
            }
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
