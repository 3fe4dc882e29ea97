using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The hub's one revision sequence, shared by unit versions and conflict transitions. Taken inside the
/// committing transaction, so revisions become visible in order (DESIGN §6).
/// </summary>
static class Revisions
{
    public static long Next(SqliteConnection c, SqliteTransaction tx) =>
        c.Scalar<long>(tx, "UPDATE head SET revision = revision + 1 WHERE id = 1 RETURNING revision");

    public static long Head(SqliteConnection c, SqliteTransaction? tx) =>
        c.Scalar<long>(tx, "SELECT revision FROM head WHERE id = 1");
}
