using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Readiness of a service's SQLite stores for <c>/health/ready</c>: each is opened and its schema read, its disk must
/// have room for a write, and, where the service keeps <see cref="StoreWrites"/>, its last write must not have failed. A
/// service whose store is unreadable (a disk fault, a bad restore, a file that is not a database) or cannot be written
/// (a full disk) is not ready, though its process is alive (<c>/alive</c> does not run this check).
/// </summary>
public static class StoreReadiness
{
    /// <summary>
    /// Free space on a store's disk below which it counts as full: less than a push batch or snapshot chunk (1 MiB).
    /// Read from the disk, not learnt from a failed write: a full disk read as ready until the next write failed.
    /// </summary>
    public const long FullBelowBytes = 1024 * 1024;

    /// <param name="name">
    /// The check's name, one per service: the embedded run registers the hub's and the adapters' checks in one
    /// host, which refuses to start with two checks of the same name.
    /// </param>
    /// <param name="stores">The service's stores: a name to report and how to open each.</param>
    /// <param name="writes">What the service's writers last found, where it keeps that.</param>
    public static IHealthChecksBuilder AddStores(this IHealthChecksBuilder checks, string name,
        Func<IServiceProvider, IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores, Func<IServiceProvider, StoreWrites>? writes = null) =>
        checks.Add(new HealthCheckRegistration(name, services => new Check(() => stores(services), writes?.Invoke(services)), HealthStatus.Unhealthy, ["ready"]));

    /// <summary>Why the disk holding <paramref name="file"/> counts as full, or null.</summary>
    static string? Full(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        long free;
        try
        {
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Not known: the store's reads and writes say what they find.
        }

        return free < FullBelowBytes
            ? string.Create(CultureInfo.InvariantCulture, $"its disk is full ({free:N0} bytes free in {folder}, less than the {FullBelowBytes:N0} a write may need)")
            : null;
    }

    sealed class Check(Func<IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores, StoreWrites? writes) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var (unreadable, problems) = (new List<string>(), new List<string>());
            foreach (var (name, open) in stores())
            {
                try
                {
                    using var connection = open();
                    connection.Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master");
                    if (Full(connection.DataSource) is { } full)
                    {
                        problems.Add($"{name}: {full}");
                    }
                }
                catch (SqliteException e)
                {
                    unreadable.Add($"{name}: {e.Message}");
                }
            }

            if (unreadable.Count > 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"store unreadable: {string.Join("; ", unreadable)}"));
            }

            if (writes?.Failing is { } failing)
            {
                problems.Insert(0, $"store cannot be written ({failing.Writer}) since {failing.Since:u}: {failing.Reason}");
            }

            return Task.FromResult(problems.Count > 0 ? HealthCheckResult.Unhealthy(string.Join("; ", problems)) : HealthCheckResult.Healthy());
        }
    }
}
