namespace ZoningHub.Samples;

/// <summary>One export file: a full copy of one layer, as the department's system would drop it into an inbox.</summary>
/// <param name="Path">Relative to the output root, with <c>/</c>: <c>&lt;department&gt;/&lt;layer&gt;/&lt;layer&gt;-sNN.geojson|.zip</c>.</param>
/// <param name="Format"><c>geojson</c> or <c>shapefile-zip</c>.</param>
/// <param name="Epsg">4490 (longitude/latitude) or the Gauss-Krüger zone the coordinates are in.</param>
/// <param name="Sha256">Lower-case hex of the file's bytes, to compare runs without reading them.</param>
public sealed record SampleFile(string Department, string Layer, string Path, string Format, int Epsg, int Features, long Bytes, string Sha256);
