using System.Buffers;
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
            null or "" => IsUtf8BeyondAscii(dbf) ? Encoding.UTF8.CodePage : Gbk,
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

    /// <summary>
    /// Whether the table's text is UTF-8 beyond ASCII: its field names and its records. The names count too: a table of
    /// Chinese field names over ASCII values (codes, numbers) was taken for GBK, and its fields refused as unknown. A
    /// name has room for ten bytes, so GIS tools cut a long UTF-8 name inside its last character: that much is no sign
    /// of another encoding.
    /// </summary>
    static bool IsUtf8BeyondAscii(ReadOnlySpan<byte> dbf)
    {
        var header = HeaderLength(dbf);
        var records = header > 0 ? dbf[header..] : [];
        var (beyond, valid) = (records.ContainsAnyExceptInRange((byte)0, (byte)0x7F), Utf8.IsValid(records));
        foreach (var (at, length) in FieldNames(dbf))
        {
            var name = dbf.Slice(at, length);
            beyond |= name.ContainsAnyExceptInRange((byte)0, (byte)0x7F);
            valid &= CompleteLength(name) is not null;
        }

        return beyond && valid;
    }

    /// <summary>
    /// Ends each UTF-8 field name cut inside its last character before that character, as the tools that cut it show
    /// it: decoded strictly, as the attributes are, the cut name refused the whole table.
    /// </summary>
    public static void EndCutNames(byte[] dbf, Encoding encoding)
    {
        if (encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return;
        }

        foreach (var (at, length) in FieldNames(dbf))
        {
            if (CompleteLength(dbf.AsSpan(at, length)) is { } complete && complete < length)
            {
                dbf.AsSpan(at + complete, length - complete).Clear();
            }
        }
    }

    /// <summary>
    /// Where each field's name is: descriptors of 32 bytes from byte 32 to the terminator (0x0D), the name in the first
    /// 11, ended by a zero. The rest of the header is binary (lengths above 127 are not text).
    /// </summary>
    static List<(int At, int Length)> FieldNames(ReadOnlySpan<byte> dbf)
    {
        var names = new List<(int, int)>();
        for (var at = 32; at + 32 <= HeaderLength(dbf) && dbf[at] != 0x0D; at += 32)
        {
            var name = dbf.Slice(at, 11);
            names.Add((at, name.IndexOf((byte)0) is >= 0 and var end ? end : name.Length));
        }

        return names;
    }

    /// <summary>The bytes of <paramref name="text"/> that are whole UTF-8 characters, all but a last one cut short; null when it is not UTF-8.</summary>
    static int? CompleteLength(ReadOnlySpan<byte> text)
    {
        Span<char> decoded = stackalloc char[text.Length];
        return Utf8.ToUtf16(text, decoded, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false)
            is OperationStatus.Done or OperationStatus.NeedMoreData ? read : null;
    }

    /// <summary>The header's length (bytes 8–9), after which the records are; 0 when the table is too short to say.</summary>
    static int HeaderLength(ReadOnlySpan<byte> dbf) =>
        dbf.Length >= 10 && System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(dbf[8..]) is var header && header <= dbf.Length ? header : 0;

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
