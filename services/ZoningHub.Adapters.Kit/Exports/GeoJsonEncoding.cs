using System.Text;
using System.Text.Unicode;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// GeoJSON is UTF-8 (RFC 7946, section 11), but Java before 18 and Python 2 on a Chinese Windows server write GBK unless
/// told otherwise. Read as UTF-8, its Chinese text became U+FFFD and was published so; refused, the department is told why.
/// </summary>
static class GeoJsonEncoding
{
    const int Gbk = 936;

    /// <summary>The longest tail of a UTF-8 character that a copy cut short can leave: a four-byte character's first three.</summary>
    const int LongestUnfinishedCharacter = 3;

    public static void RequireUtf8(ReadOnlySpan<byte> json)
    {
        // A copy still under way can stop inside a character: that is for the cut-short check to judge, not a wrong encoding.
        for (var unfinished = 0; unfinished <= Math.Min(LongestUnfinishedCharacter, json.Length); unfinished++)
        {
            if (Utf8.IsValid(json[..^unfinished]))
            {
                return;
            }
        }

        throw new ExportFormatException($"GeoJSON must be UTF-8 (RFC 7946); this file is not — {Guess(json)}; export it as UTF-8.");
    }

    static string Guess(ReadOnlySpan<byte> json)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            Encoding.GetEncoding(Gbk, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetCharCount(json);
            return "it looks like GBK";
        }
        catch (DecoderFallbackException)
        {
            return "nor is it GBK";
        }
    }
}
