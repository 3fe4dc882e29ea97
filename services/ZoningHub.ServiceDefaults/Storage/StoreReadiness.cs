using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Readiness of a service's SQLite stores for <c>/health/ready</c>: each is opened and its schema read. A service
/// whose store is unreadable (a disk fault, a bad restore, a file that is not a database) is not ready, though its
/// process is alive (<c>/alive</c> does not run this check).
/// </summary>
public static class StoreReadiness
{
    /// <param name="name">
    /// The check's name, one per service: the embedded run registers the hub's and the adapters' checks in one
    /// host, which refuses to start with two checks of the same name.
    /// </param>
    /// <param name="stores">The service's stores: a name to report and how to open each.</param>
    public static IHealthChecksBuilder AddStores(this IHealthChecksBuilder checks, string name,
        Func<IServiceProvider, IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores) =>
        checks.Add(new HealthCheckRegistration(name, services => new Check(() => stores(services)), HealthStatus.Unhealthy, ["ready"]));

    sealed class Check(Func<IEnumerable<(string Name, Func<SqliteConnection> Open)>> stores) : IHealthCheck
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

            return Task.FromResult(failures.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"store unreadable: {string.Join("; ", failures)}"));
        }
    }
}
