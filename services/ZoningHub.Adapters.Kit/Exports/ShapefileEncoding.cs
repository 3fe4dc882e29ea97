using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// The encoding of a Shapefile's attributes, from its <c>.cpg</c> (ArcGIS and GDAL write e.g. <c>UTF-8</c>, <c>GBK</c>,
/// <c>936</c>). Without one it is UTF-8 when the table's text is valid UTF-8 beyond ASCII (Chinese in GBK almost never
/// is), and otherwise GBK: what Chinese GIS tools write, and the dBASE language byte is rarely set. Read as GBK, UTF-8
/// Chinese came out as other Chinese characters (红线 as 绾㈢嚎), published without a word.
/// Decoding fails loudly on bytes the encoding cannot have, rather than publishing replacement characters.
/// </summary>
static class ShapefileEncoding
{
    const int Gbk = 936;

    /// <param name="dbf">The attribute table, whose text tells UTF-8 from GBK when there is no <paramref name="cpg"/>.</param>
    public static Encoding Resolve(byte[]? cpg, ReadOnlySpan<byte> dbf, string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var label = cpg is null ? null : Encoding.ASCII.GetString(Utf8Text.WithoutByteOrderMark(cpg)).Trim();
        var codePage = label switch
        {
            null or "" => IsUtf8BeyondAscii(Records(dbf)) ? Encoding.UTF8.CodePage : Gbk,
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

    /// <summary>The table's records, after its header (whose length is at bytes 8–9): its text, where the header is binary.</summary>
    static ReadOnlySpan<byte> Records(ReadOnlySpan<byte> dbf) =>
        dbf.Length >= 10 && System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(dbf[8..]) is var header && header <= dbf.Length ? dbf[header..] : [];

    static bool IsUtf8BeyondAscii(ReadOnlySpan<byte> text) => text.ContainsAnyExceptInRange((byte)0, (byte)0x7F) && Utf8.IsValid(text);

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
