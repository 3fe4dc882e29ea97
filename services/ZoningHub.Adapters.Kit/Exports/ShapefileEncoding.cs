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
    /// Chinese field names over ASCII values (codes, numbers) was taken for GBK, and its fields refused as unknown.
    /// </summary>
    static bool IsUtf8BeyondAscii(ReadOnlySpan<byte> dbf)
    {
        var header = HeaderLength(dbf);
        var (beyond, valid) = (false, true);
        void Look(ReadOnlySpan<byte> text, bool mayBeCut)
        {
            beyond |= text.ContainsAnyExceptInRange((byte)0, (byte)0x7F);
            valid &= Utf8.IsValid(text) || (mayBeCut && EndsCut(text));
        }

        // Field descriptors: 32 bytes each from byte 32 to the terminator (0x0D), the name in the first 11, ended by
        // a zero. The rest of the header is binary (lengths above 127 are not text). A name has room for ten bytes, so
        // GIS tools cut a long UTF-8 name inside its last character: that much is no sign of another encoding.
        for (var at = 32; at + 32 <= header && dbf[at] != 0x0D; at += 32)
        {
            var name = dbf.Slice(at, 11);
            Look(name.IndexOf((byte)0) is >= 0 and var end ? name[..end] : name, mayBeCut: true);
        }

        Look(header > 0 ? dbf[header..] : [], mayBeCut: false);
        return beyond && valid;
    }

    /// <summary>
    /// Ends each UTF-8 field name cut inside its last character (a name has ten bytes of room) before that character,
    /// as the tools that cut it show it: decoded strictly, as the attributes are, the cut name refused the whole table.
    /// </summary>
    public static void EndCutNames(byte[] dbf, Encoding encoding)
    {
        if (encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return;
        }

        for (var at = 32; at + 32 <= HeaderLength(dbf) && dbf[at] != 0x0D; at += 32)
        {
            var name = dbf.AsSpan(at, 11);
            var length = name.IndexOf((byte)0) is >= 0 and var end ? end : name.Length;
            if (!Utf8.IsValid(name[..length]) && EndsCut(name[..length]))
            {
                // Back to the cut character's first byte (11xxxxxx); the bytes after it (10xxxxxx) go with it.
                var cut = length - 1;
                while (cut > 0 && (name[cut] & 0xC0) == 0x80)
                {
                    cut--;
                }

                name[cut..length].Clear();
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> is valid UTF-8 up to a last character cut short.</summary>
    static bool EndsCut(ReadOnlySpan<byte> text)
    {
        Span<char> decoded = stackalloc char[text.Length];
        return Utf8.ToUtf16(text, decoded, out _, out _, replaceInvalidSequences: false, isFinalBlock: false) is OperationStatus.Done or OperationStatus.NeedMoreData;
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
