using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Readiness of a service's SQLite stores for <c>/health/ready</c>: each is opened and its schema read, and, where the
/// service keeps <see cref="StoreWrites"/>, its last write must not have failed. A service whose store is unreadable
/// (a disk fault, a bad restore, a file that is not a database) or cannot be written (a full disk) is not ready, though
/// its process is alive (<c>/alive</c> does not run this check).
/// </summary>
public static class StoreReadiness
{
    /// <param name="name">
    /// The check's name, one per service: the embedded run registers the hub's and the adapters' checks in one
    /// host, which refuses to start with two checks of the same name.
    /// </param>
    /// <param name="stores">The service's stores: a name to report and how to open each.</param>
    /// <param name="writes">What the service's writers last found, where it keeps that.</param>
    public static IHealthChecksBuilder AddStores(this IHealthChecksBuilder checks, string name,
        Func<IServiceProvider, IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores, Func<IServiceProvider, StoreWrites>? writes = null) =>
        checks.Add(new HealthCheckRegistration(name, services => new Check(() => stores(services), writes?.Invoke(services)), HealthStatus.Unhealthy, ["ready"]));

    sealed class Check(Func<IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores, StoreWrites? writes) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var failures = new List<string>();
            foreach (var (name, open) in stores())
            {
                try
                {
                    using var connection = open();
                    connection.Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master");
                }
                catch (SqliteException e)
                {
                    failures.Add($"{name}: {e.Message}");
                }
            }

            if (failures.Count > 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"store unreadable: {string.Join("; ", failures)}"));
            }

            return Task.FromResult(writes?.Failing is { } failing
                ? HealthCheckResult.Unhealthy($"store cannot be written ({failing.Writer}) since {failing.Since:u}: {failing.Reason}")
                : HealthCheckResult.Healthy());
        }
    }
}
