using System.Text.Json;
using Json.Schema;

namespace ZoningHub.Testing;

/// <summary>
/// A JSON schema of <c>contracts/schemas/</c>, checked by JsonSchema.Net as a department's draft 2020-12 validator checks
/// it, with <c>format</c> asserted: a department that validates before publishing is told of an <c>exportedAt</c> that is
/// no RFC 3339 date-time, which the hub cannot read (contracts/README.md §2).
/// </summary>
public sealed class ContractSchema
{
    static readonly EvaluationOptions Asserting = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    readonly JsonSchema _schema;

    ContractSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The change-set schema of <paramref name="schemaVersion"/>, as the tests copy it beside themselves (<c>schemas/</c>).</summary>
    public static ContractSchema ChangeSet(int schemaVersion = 1) => Load($"change-set.v{schemaVersion}.schema.json");

    public static ContractSchema Load(string fileName) => Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", fileName)));

    // A registry of its own per schema: the global one would refuse the same $id loaded twice.
    public static ContractSchema Parse(string schema) =>
        new(JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>
    /// What the schema finds wrong with <paramref name="instance"/>, each as <c>JSON pointer: message</c> (the pointer empty
    /// for the whole document); empty when it is valid.
    /// </summary>
    public IReadOnlyList<string> Errors(JsonElement instance)
    {
        var results = _schema.Evaluate(instance, Asserting);
        return results.IsValid ? [] : [.. Flatten(results).Distinct()];
    }

    public IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Errors(document.RootElement);
    }

    // Only the branches that made the document fail: an `if` that does not hold, or an anyOf branch beside one that
    // passed, is no fault of the document's.
    static IEnumerable<string> Flatten(EvaluationResults results) =>
        (results.Errors ?? new Dictionary<string, string>()).Select(error => $"{results.InstanceLocation}: {error.Value} ({error.Key})")
            .Concat((results.Details ?? []).Where(d => !d.IsValid && !IsCondition(d)).SelectMany(Flatten));

    static bool IsCondition(EvaluationResults results) => results.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal);
}
