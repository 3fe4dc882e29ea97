using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// An export the adapter may not read throws UnauthorizedAccessException, which is no IOException: it ended the layer's
/// poll, at every poll, before any newer export of the layer, and showed nowhere but the log.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class When_an_export_cannot_be_read_by_the_adapter : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    /// <summary>
    /// Dropped over SFTP or Samba by the department's own account with umask 077. Root reads every file, so as root the
    /// export is read and this shows nothing: run the project's tests as another user to see it (the next spec shows it as root).
    /// </summary>
    [Fact]
    public async Task Should_refuse_one_without_read_permission_and_take_the_newer_exports()
    {
        Directory.CreateDirectory(_inbox.Folder);
        var unreadable = Path.Combine(_inbox.Folder, "a-from-sftp.zip");
        await File.WriteAllBytesAsync(unreadable, Bytes("redline-4527-gbk.zip"));
        File.SetUnixFileMode(unreadable, UnixFileMode.None);

        await TakesTheNewerExportAndRefuses("a-from-sftp.zip", Environment.UserName == "root" ? null : "may not read");
    }

    /// <summary>The same refusal as the adapter's account without read permission sees it, whoever runs the specs.</summary>
    [Fact]
    public async Task Should_refuse_one_whose_read_is_denied_and_take_the_newer_exports()
    {
        Directory.CreateDirectory(_inbox.Folder);
        await File.WriteAllBytesAsync(Path.Combine(_inbox.Folder, "a-from-sftp.zip"), Bytes("redline-4527-gbk.zip"));

        await TakesTheNewerExportAndRefuses("a-from-sftp.zip", "may not read", path => path.EndsWith("a-from-sftp.zip", StringComparison.Ordinal)
            ? throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")
            : File.ReadAllBytes(path));
    }

    async Task TakesTheNewerExportAndRefuses(string name, string? reasonMentions, Func<string, byte[]>? read = null)
    {
        File.SetLastWriteTimeUtc(Path.Combine(_inbox.Folder, name), DateTime.UtcNow.AddMinutes(-5));
        var adapter = _inbox.Adapter();
        using var watcher = new InboxWatcher(adapter, NullLogger<InboxWatcher>.Instance) { ReadFile = read ?? File.ReadAllBytes };
        await watcher.StartAsync(CancellationToken.None);

        _inbox.Drop("b-good.zip", Bytes("redline-4549-utf8.zip"));

        await Eventually.HoldsAsync(() => adapter.Store.Published(TemporaryInbox.Layer).ContainsKey("HX330127001"),
            () => $"the newer export b-good.zip is taken; last sequence {adapter.Store.Position().LastSequence}, refused {adapter.Store.Position().ExportsRefused}",
            seconds: 5);
        if (reasonMentions is not null)
        {
            var refused = Assert.Single(adapter.Store.RefusedExports(5));
            Assert.EndsWith(name, refused.Path, StringComparison.Ordinal);
            Assert.Contains(reasonMentions, refused.Reason, StringComparison.Ordinal);
        }

        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(_inbox.Root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _inbox.Dispose();
    }
}
