using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Samples.Writing;

/// <summary>The manifest as <c>manifest-sNN.json</c> beside the department folders, for operators and other tools.</summary>
static class ManifestWriter
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string FileName(int stage) => $"manifest-s{stage:00}.json";

    public static void Write(string root, SampleManifest manifest) =>
        AtomicFile.WriteAllBytes(Path.Combine(root, FileName(manifest.Stage)), JsonSerializer.SerializeToUtf8Bytes(manifest, Options));
}
