namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// UTF-8 as department tools write it: .NET's Encoding.UTF8 writers, PowerShell 5, Python's utf-8-sig and Notepad put a
/// byte order mark first. RFC 8259 (section 8.1) lets a JSON parser ignore it, but System.Text.Json reading bytes does not.
/// </summary>
static class Utf8Text
{
    static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static int ByteOrderMarkLength(ReadOnlySpan<byte> text) => text.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;

    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> text) => text[ByteOrderMarkLength(text)..];
}
