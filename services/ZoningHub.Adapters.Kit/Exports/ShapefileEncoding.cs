using System.Globalization;
using System.Text;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// The encoding of a Shapefile's attributes, from its <c>.cpg</c> (ArcGIS and GDAL write e.g. <c>UTF-8</c>, <c>GBK</c>,
/// <c>936</c>). Without one it is GBK: what Chinese GIS tools write, and the dBASE language byte is rarely set.
/// Decoding fails loudly on bytes the encoding cannot have, rather than publishing replacement characters.
/// </summary>
static class ShapefileEncoding
{
    const int Gbk = 936;

    public static Encoding Resolve(byte[]? cpg, string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var label = cpg is null ? null : Encoding.ASCII.GetString(cpg).Trim().TrimStart('\uFEFF');
        var codePage = label switch
        {
            null or "" => Gbk,
            _ when label.Equals("UTF8", StringComparison.OrdinalIgnoreCase) => Encoding.UTF8.CodePage,
            _ when int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ when label.StartsWith("CP", StringComparison.OrdinalIgnoreCase) && int.TryParse(label[2..].TrimStart('_', ' '), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ when label.StartsWith("ANSI ", StringComparison.OrdinalIgnoreCase) && int.TryParse(label[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => Named(label),
        };
        try
        {
            return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ExportFormatException($"'{name}' names the encoding '{label}', which is not known; write UTF-8 or GBK (936) in it.");
        }
    }

    static int Named(string label)
    {
        try
        {
            return Encoding.GetEncoding(label).CodePage;
        }
        catch (ArgumentException)
        {
            return -1;
        }
    }
}
