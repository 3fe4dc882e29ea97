using Microsoft.Data.Sqlite;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>Terse parameterised commands; every statement in the store goes through these.</summary>
public static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static int Execute(this SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<T> Query<T>(this SqliteConnection connection, SqliteTransaction? transaction, string sql,
        Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>: a store written before a column came gets it here.</summary>
    public static void AddColumnIfMissing(this SqliteConnection connection, string table, string column, string type)
    {
        if (connection.Scalar<long>(null, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c", ("$c", column)) == 0)
        {
            connection.Execute(null, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    /// <summary>The time now as the stores write it (ISO 8601, <see cref="Time"/> reads it back).</summary>
    public static string Now() => DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time column written by <see cref="Now"/>; null where the column is null.</summary>
    public static DateTimeOffset? Time(this SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), System.Globalization.CultureInfo.InvariantCulture);
}
