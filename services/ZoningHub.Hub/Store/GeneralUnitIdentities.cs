using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>
/// A county's general unit is known by the county (<see cref="UnitIdentity.General"/>). Stores written before knew it
/// by its boundary feature's key, so a county whose boundary was published under other ids holds its general unit under
/// an identity derivation no longer makes, and would retire it and give its area a new code. Run at start: per county,
/// the general unit in force, else the one revised last, takes the county's identity, keeping its code and versions.
/// </summary>
static class GeneralUnitIdentities
{
    public static void Migrate(SqliteConnection c)
    {
        using var tx = c.BeginTransaction();
        var general = c.Query(tx, "SELECT code, identity, county, retired, revision FROM units WHERE type = $t",
            r => (Code: r.GetString(0), Identity: r.GetString(1), County: r.GetString(2), Retired: r.GetInt32(3) == 1, Revision: r.GetInt64(4)),
            ("$t", (int)UnitType.GeneralControl));
        foreach (var county in general.GroupBy(u => u.County))
        {
            var identity = UnitIdentity.General(county.Key);
            var carrier = county.OrderBy(u => u.Retired).ThenByDescending(u => u.Revision).First();
            if (carrier.Identity == identity.Key)
            {
                continue;
            }

            // A retired code that had the county's identity (its boundary was once keyed by the county code) keeps a key
            // of its own: the registry holds each identity once, and only the carrier's code goes on.
            foreach (var holder in county.Where(u => u.Identity == identity.Key))
            {
                Rename(c, tx, holder.Code, $"{identity.Key}@{holder.Code}");
            }

            Rename(c, tx, carrier.Code, identity.Key);
            // Derived again, the unit's content hash takes its new identity: one new version, under the same code.
            c.Execute(tx, """
                INSERT INTO marked_counties (county, generation) VALUES ($c, 1)
                ON CONFLICT (county) DO UPDATE SET generation = generation + 1
                """, ("$c", county.Key));
        }

        tx.Commit();
    }

    static void Rename(SqliteConnection c, SqliteTransaction tx, string code, string identity) =>
        c.Execute(tx, """
            UPDATE unit_registry SET identity = $i WHERE code = $code;
            UPDATE units SET identity = $i WHERE code = $code;
            """, ("$i", identity), ("$code", code));
}
