namespace ZoningHub.Contracts;

/// <summary>
/// Broker names, fixed here and in contracts/README.md so departments that do not run .NET can find them.
/// Each department's broker user may publish only to its own exchange, and the hub refuses a change set that names
/// another department than the exchange it came through: together they enforce "who publishes".
/// </summary>
public static class Topology
{
    public const string Prefix = "zoninghub";

    const string ChangeSetExchanges = Prefix + ".changes.";

    /// <summary>Fanout exchange a department publishes its change sets to.</summary>
    public static string ChangeSetExchange(string department) => ChangeSetExchanges + department;

    /// <summary>The department whose change-set exchange this is; null for any other exchange.</summary>
    public static string? DepartmentOfChangeSetExchange(string exchange) =>
        exchange.StartsWith(ChangeSetExchanges, StringComparison.Ordinal) && exchange.Length > ChangeSetExchanges.Length
            ? exchange[ChangeSetExchanges.Length..] : null;

    /// <summary>Every queue the hub owns starts with this.</summary>
    public const string HubPrefix = Prefix + ".hub";

    /// <summary>Queue the hub takes change sets from; bound to every department's change-set exchange.</summary>
    public const string HubIntakeQueue = HubPrefix + ".intake";

    /// <summary>Every queue a department's adapter owns starts with this; its broker user is granted exactly these.</summary>
    public static string AdapterPrefix(string department) => $"{Prefix}.adapter.{department}";

    /// <summary>Queue an adapter takes the hub's resend and snapshot requests from.</summary>
    public static string AdapterRequestQueue(string department) => $"{AdapterPrefix(department)}.requests";

    /// <summary>
    /// Fanout exchange the hub sends a department's <c>ChangeSetRejected</c> events to, under the department's own
    /// prefix, so its broker user may bind a queue to it (and to no other department's).
    /// </summary>
    public static string RejectionExchange(string department) => $"{AdapterPrefix(department)}.rejections";

    /// <summary>Stream names are <c>department.system</c>; the department is what precedes the first dot.</summary>
    public static string DepartmentOfStream(string stream) =>
        stream.Split('.', 2)[0];
}
