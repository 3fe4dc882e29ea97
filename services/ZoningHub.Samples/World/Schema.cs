using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;

namespace ZoningHub.Samples.World;

/// <summary>The departments' native schemas (<see cref="NativeSchemas"/>), looked up by layer.</summary>
static class Schema
{
    static readonly Dictionary<string, AdapterOptions> ByLayer = NativeSchemas.All.Values
        .Select(create => create())
        .SelectMany(options => options.Layers.Keys.Select(layer => (layer, options)))
        .ToDictionary(x => x.layer, x => x.options, StringComparer.Ordinal);

    public static string Department(string layer) => Options(layer).Department;

    public static LayerMapping Mapping(string layer) => Options(layer).Layers[layer];

    /// <summary>
    /// A value of the department's own vocabulary, checked against the schema, so a vocabulary that changes in
    /// the kit fails the generator loudly rather than producing values no adapter maps.
    /// </summary>
    public static string Native(string layer, string property, string value) =>
        Mapping(layer).Values.TryGetValue(property, out var vocabulary) && vocabulary.ContainsKey(value)
            ? value
            : throw new InvalidOperationException($"'{value}' is not in the {layer} vocabulary of '{property}'.");

    /// <summary>The department's fields in export order: the id field, then each mapped field once.</summary>
    public static IReadOnlyList<(string Field, string? Property)> Fields(string layer)
    {
        var mapping = Mapping(layer);
        var fields = new List<(string, string?)> { (mapping.IdField, null) };
        foreach (var (property, field) in mapping.Properties)
        {
            if (fields.All(f => f.Item1 != field))
            {
                fields.Add((field, property));
            }
        }

        return fields;
    }

    static AdapterOptions Options(string layer) =>
        ByLayer.TryGetValue(layer, out var options) ? options : throw new InvalidOperationException($"No department schema has layer '{layer}'.");
}
