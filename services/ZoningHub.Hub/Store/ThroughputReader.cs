using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>Change sets applied and unit versions written per minute: the dashboard's throughput over time.</summary>
public sealed class ThroughputReader(HubDatabase database)
{
    public IReadOnlyList<ThroughputMinute> LastMinutes(int minutes)
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-minutes).ToString("O", CultureInfo.InvariantCulture);
        using var connection = database.Open();
        // Both tables are written in time order, so reading back from the newest row stops at the window's start
        // instead of scanning a log that only grows.
        var changeSets = PerMinute(connection, "SELECT applied_at FROM change_sets ORDER BY rowid DESC", since);
        var units = PerMinute(connection, "SELECT revised_at FROM unit_log ORDER BY revision DESC", since);
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, minutes).Reverse().Select(ago =>
        {
            var minute = now.AddMinutes(-ago).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            return new ThroughputMinute(minute, changeSets.GetValueOrDefault(minute), units.GetValueOrDefault(minute));
        })];
    }

    /// <summary>Counts per minute of the newest rows' timestamps back to <paramref name="since"/>.</summary>
    static Dictionary<string, long> PerMinute(SqliteConnection connection, string newestFirst, string since)
    {
        using var command = connection.Command(null, newestFirst);
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        // Timestamps are ISO 8601 in UTC, so they compare as text and their first 16 characters name the minute.
        while (reader.Read() && reader.GetString(0) is var at && string.CompareOrdinal(at, since) >= 0)
        {
            var minute = at[..16];
            counts[minute] = counts.GetValueOrDefault(minute) + 1;
        }

        return counts;
    }
}

/// <param name="Minute">UTC, <c>yyyy-MM-ddTHH:mm</c>.</param>
public sealed record ThroughputMinute(string Minute, long ChangeSetsApplied, long UnitsRevised);
