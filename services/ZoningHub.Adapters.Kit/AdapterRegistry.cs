namespace ZoningHub.Adapters.Kit;

/// <summary>The department adapters this process hosts: one in an adapter service, all four in the embedded run.</summary>
public sealed class AdapterRegistry(IEnumerable<DepartmentAdapter> adapters)
{
    public IReadOnlyList<DepartmentAdapter> All { get; } = [.. adapters.OrderBy(a => a.Options.Stream, StringComparer.Ordinal)];

    public DepartmentAdapter? ForStream(string stream) => All.FirstOrDefault(a => a.Options.Stream == stream);
}
