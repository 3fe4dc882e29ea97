using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>A held change set as intake applies it: its body, and the trace it came in (null for one held before traces were kept).</summary>
public sealed record HeldChangeSet(string Body, string? TraceParent)
{
    /// <summary>Reads the first two columns of a <c>held_change_sets</c> query: body, trace_parent.</summary>
    public static HeldChangeSet Read(SqliteDataReader row) => new(row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1));
}
