using System.Globalization;

namespace ZoningHub.Hub.Store;

/// <summary>Change sets applied and unit versions written per minute: the dashboard's throughput over time.</summary>
public sealed class ThroughputReader(HubDatabase database)
{
    public IReadOnlyList<ThroughputMinute> LastMinutes(int minutes)
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-minutes).ToString("O", CultureInfo.InvariantCulture);
        using var connection = database.Open();
        // Timestamps are ISO 8601 in UTC, so their first 16 characters name the minute.
        var changeSets = connection.Query(null, "SELECT substr(applied_at, 1, 16), COUNT(*) FROM change_sets WHERE applied_at >= $since GROUP BY 1",
            r => (r.GetString(0), r.GetInt64(1)), ("$since", since)).ToDictionary(m => m.Item1, m => m.Item2);
        var units = connection.Query(null, "SELECT substr(revised_at, 1, 16), COUNT(*) FROM unit_log WHERE revised_at >= $since GROUP BY 1",
            r => (r.GetString(0), r.GetInt64(1)), ("$since", since)).ToDictionary(m => m.Item1, m => m.Item2);
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, minutes).Reverse().Select(ago =>
        {
            var minute = now.AddMinutes(-ago).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            return new ThroughputMinute(minute, changeSets.GetValueOrDefault(minute), units.GetValueOrDefault(minute));
        })];
    }
}

/// <param name="Minute">UTC, <c>yyyy-MM-ddTHH:mm</c>.</param>
public sealed record ThroughputMinute(string Minute, long ChangeSetsApplied, long UnitsRevised);
