using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>The persistent registry that gives each unit identity its code once; codes are never reused (DESIGN §3).</summary>
static class UnitRegistry
{
    public static string CodeFor(SqliteConnection c, SqliteTransaction tx, UnitIdentity identity)
    {
        var known = c.Scalar<string>(tx, "SELECT code FROM unit_registry WHERE identity = $i", ("$i", identity.Key));
        if (known is not null)
        {
            return known;
        }

        var serial = (int)(c.Scalar<long?>(tx, "SELECT MAX(serial) FROM unit_registry WHERE county = $c AND type = $t",
            ("$c", identity.County), ("$t", (int)identity.Type)) ?? 0) + 1;
        var code = UnitCodes.Format(identity.County, identity.Type, serial);
        c.Execute(tx, "INSERT INTO unit_registry (identity, code, county, type, serial) VALUES ($i, $code, $c, $t, $s)",
            ("$i", identity.Key), ("$code", code), ("$c", identity.County), ("$t", (int)identity.Type), ("$s", serial));
        return code;
    }
}
