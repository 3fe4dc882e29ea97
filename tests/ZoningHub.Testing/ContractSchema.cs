using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZoningHub.Testing;

/// <summary>
/// A JSON schema of <c>contracts/schemas/</c>, checked the way a department's draft 2020-12 validator checks it, without a
/// package (none is referenced in the repository). It knows only the keywords the contracts' schemas use: any other throws,
/// so a schema that grows one fails its specs rather than passing unchecked. <c>format</c> and <c>contentEncoding</c> are
/// annotations in draft 2020-12 and assert nothing, as in validators' default mode; <c>pattern</c> is read as ECMA-262
/// reads it (<c>$</c> is the end of the text, not also the place before a final line feed, as in .NET and Python).
/// </summary>
public sealed class ContractSchema
{
    static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$defs", "title", "description", "default", "format", "contentEncoding", "examples"];

    readonly JsonElement _root;

    ContractSchema(JsonElement root) => _root = root;

    /// <summary>The change-set schema of <paramref name="schemaVersion"/>, as the tests copy it beside themselves (<c>schemas/</c>).</summary>
    public static ContractSchema ChangeSet(int schemaVersion = 1) => Load($"change-set.v{schemaVersion}.schema.json");

    public static ContractSchema Load(string fileName) => Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", fileName)));

    public static ContractSchema Parse(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return new ContractSchema(document.RootElement.Clone());
    }

    /// <summary>What the schema finds wrong with <paramref name="instance"/>, each with its JSON path; empty when it is valid.</summary>
    public IReadOnlyList<string> Errors(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    public IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Errors(document.RootElement);
    }

    void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            if (schema.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: no value is allowed here");
            }

            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var rule = keyword.Value;
            switch (keyword.Name)
            {
                case var name when Annotations.Contains(name):
                case "then" or "else":
                    break;
                case "$ref":
                    Check(Resolve(rule.GetString()!), value, path, errors);
                    break;
                case "type":
                    if (!(rule.ValueKind == JsonValueKind.Array ? rule.EnumerateArray().Any(t => IsOfType(value, t.GetString()!)) : IsOfType(value, rule.GetString()!)))
                    {
                        errors.Add($"{path}: {Shown(value)} is not of type {Compact(rule)}");
                    }

                    break;
                case "enum":
                    if (!rule.EnumerateArray().Any(allowed => JsonEquals(allowed, value)))
                    {
                        errors.Add($"{path}: {Shown(value)} is not one of {Compact(rule)}");
                    }

                    break;
                case "const":
                    if (!JsonEquals(rule, value))
                    {
                        errors.Add($"{path}: {Shown(value)} is not {Compact(rule)}");
                    }

                    break;
                case "required":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        errors.AddRange(rule.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _))
                            .Select(r => $"{path}: '{r}' is required"));
                    }

                    break;
                case "properties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in rule.EnumerateObject())
                        {
                            if (value.TryGetProperty(property.Name, out var member))
                            {
                                Check(property.Value, member, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "minLength" or "maxLength":
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        // Characters as draft 2020-12 counts them: code points, not UTF-16 units.
                        var length = value.GetString()!.EnumerateRunes().Count();
                        if (keyword.Name == "minLength" ? length < rule.GetInt32() : length > rule.GetInt32())
                        {
                            errors.Add($"{path}: {Shown(value)} has {length} characters ({keyword.Name} {rule.GetInt32()})");
                        }
                    }

                    break;
                case "pattern":
                    if (value.ValueKind == JsonValueKind.String && !EcmaRegex(rule.GetString()!).IsMatch(value.GetString()!))
                    {
                        errors.Add($"{path}: {Shown(value)} does not match {Compact(rule)}");
                    }

                    break;
                case "minimum" or "maximum":
                    if (value.ValueKind == JsonValueKind.Number && (keyword.Name == "minimum" ? Compare(value, rule) < 0 : Compare(value, rule) > 0))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is {(keyword.Name == "minimum" ? "below" : "above")} {Compact(rule)}");
                    }

                    break;
                case "minItems" or "maxItems":
                    if (value.ValueKind == JsonValueKind.Array
                        && (keyword.Name == "minItems" ? value.GetArrayLength() < rule.GetInt32() : value.GetArrayLength() > rule.GetInt32()))
                    {
                        errors.Add($"{path}: {value.GetArrayLength()} items ({keyword.Name} {rule.GetInt32()})");
                    }

                    break;
                case "prefixItems":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var (item, index) in value.EnumerateArray().Zip(rule.EnumerateArray()).Select((p, i) => (p, i)))
                        {
                            Check(item.Second, item.First, $"{path}[{index}]", errors);
                        }
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        var skipped = schema.TryGetProperty("prefixItems", out var prefix) ? prefix.GetArrayLength() : 0;
                        foreach (var (item, index) in value.EnumerateArray().Select((item, index) => (item, index)).Skip(skipped))
                        {
                            Check(rule, item, $"{path}[{index}]", errors);
                        }
                    }

                    break;
                case "allOf":
                    foreach (var part in rule.EnumerateArray())
                    {
                        Check(part, value, path, errors);
                    }

                    break;
                case "anyOf" or "oneOf":
                    var passing = rule.EnumerateArray().Select(part => Passes(part, value, path)).ToList();
                    var passed = passing.Count(p => p.Passes);
                    if (passed == 0 || (keyword.Name == "oneOf" && passed > 1))
                    {
                        errors.Add(passed == 0
                            ? $"{path}: {Shown(value)} matches none of its {keyword.Name} ({string.Join(" | ", passing.Select(p => p.First))})"
                            : $"{path}: {Shown(value)} matches {passed} of its oneOf");
                    }

                    break;
                case "if":
                    var branch = Passes(rule, value, path).Passes ? "then" : "else";
                    if (schema.TryGetProperty(branch, out var then))
                    {
                        Check(then, value, path, errors);
                    }

                    break;
                default:
                    throw new NotSupportedException($"The contract schema uses keyword '{keyword.Name}' (at {path}), which {nameof(ContractSchema)} does not check: teach it the keyword, as draft 2020-12 defines it.");
            }
        }
    }

    (bool Passes, string? First) Passes(JsonElement schema, JsonElement value, string path)
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return (errors.Count == 0, errors.FirstOrDefault());
    }

    JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only references within the schema are checked, not '{reference}'.");
        }

        return reference[2..].Split('/').Aggregate(_root, (node, step) => node.GetProperty(step.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
    }

    static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        // Draft 2020-12: any number whose fraction is zero, 1.0 as well as 1.
        "integer" => value.ValueKind == JsonValueKind.Number
                     && (value.TryGetDecimal(out var exact) ? exact == decimal.Truncate(exact) : double.IsInteger(value.GetDouble())),
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    /// <summary>JSON equality as draft 2020-12 defines it for enum and const: numbers by value (1 equals 1.0).</summary>
    static bool JsonEquals(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => Compare(a, b) == 0,
        (JsonValueKind.String, JsonValueKind.String) => a.GetString() == b.GetString(),
        (JsonValueKind.Array, JsonValueKind.Array) => a.GetArrayLength() == b.GetArrayLength()
                                                      && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => JsonEquals(p.First, p.Second)),
        (JsonValueKind.Object, JsonValueKind.Object) => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                                                        && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other)),
        var (x, y) => x == y && x is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False,
    };

    // Exactly where both fit a decimal (2^63-1 and 2^63 are one double), else as doubles.
    static int Compare(JsonElement a, JsonElement b) =>
        a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x.CompareTo(y) : a.GetDouble().CompareTo(b.GetDouble());

    static Regex EcmaRegex(string pattern)
    {
        var translated = new StringBuilder();
        var (escaped, inClass) = (false, false);
        foreach (var c in pattern)
        {
            translated.Append(!escaped && !inClass && c == '$' ? @"\z" : c.ToString());
            (escaped, inClass) = (!escaped && c == '\\', escaped ? inClass : c == '[' || (inClass && c != ']'));
        }

        return new Regex(translated.ToString(), RegexOptions.CultureInvariant);
    }

    static string Compact(JsonElement value) => JsonSerializer.Serialize(value);

    static string Shown(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : Compact(value);
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
