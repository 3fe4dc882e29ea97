using System.Text.Json.Nodes;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>Plain JSON bodies made from the published admin-division example, changed the way a department's mistake would.</summary>
static class ExampleBodies
{
    public static string AdminDivision(Action<JsonObject>? change = null)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "change-set.admin-division.json")))!.AsObject();
        change?.Invoke(body);
        return body.ToJsonString();
    }

    /// <summary>The example's one feature, to change.</summary>
    public static JsonObject Feature(JsonObject body) => body["features"]![0]!.AsObject();

    /// <summary>The example as another layer's change set with one feature of <paramref name="properties"/> and <paramref name="geometry"/> (the example's square if null).</summary>
    public static string Layer(string layer, string department, JsonObject properties, JsonNode? geometry = null) => AdminDivision(body =>
    {
        (body["layer"], body["department"], body["stream"]) = (layer, department, $"{department}.system");
        var feature = Feature(body);
        (feature["id"], feature["properties"]) = ("f1", properties);
        if (geometry is not null)
        {
            feature["geometry"] = geometry;
        }
    });
}
