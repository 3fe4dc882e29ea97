using System.Buffers.Binary;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Checks the parts of a Shapefile against the lengths their own headers declare (ESRI Shapefile Technical Description,
/// 1998; dBASE III table header) before reading a record. A part cut short by an interrupted copy otherwise reads as a
/// shorter layer, and publishing that would delete the features it lost. Vertices are checked for NaN and infinity
/// here too, because the reader fails on a ring that such a vertex leaves unclosed without saying which vertex it was.
/// </summary>
static class ShapefileIntegrity
{
    const int MainHeaderSize = 100;
    const int FileCode = 9994;

    public static void Check(ShapefileParts parts)
    {
        var shapes = ShapeRecords(parts.Shp, parts.Name(".shp"));
        var indexed = MainFileLength(parts.Shx, parts.Name(".shx")) is var shxLength && (shxLength - MainHeaderSize) % 8 == 0
            ? (shxLength - MainHeaderSize) / 8
            : throw new ExportFormatException($"'{parts.Name(".shx")}' declares {shxLength} bytes, which is no whole number of index records.");
        var records = DbfRecords(parts.Dbf, parts.Name(".dbf"));
        if (shapes != indexed || shapes != records)
        {
            throw new ExportFormatException($"the parts disagree: '{parts.Name(".shp")}' has {shapes} shapes, '{parts.Name(".shx")}' indexes {indexed} "
                + $"and '{parts.Name(".dbf")}' has {records} records. They come from different exports; export the layer again.");
        }
    }

    /// <summary>Walks the records, so a record that runs past the end of the file is found even when the header length was patched.</summary>
    static int ShapeRecords(byte[] shp, string name)
    {
        var length = MainFileLength(shp, name);
        var (offset, count) = (MainHeaderSize, 0);
        while (offset < length)
        {
            var contentLength = offset + 8 <= length ? BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(offset + 4)) * 2L : -1;
            if (contentLength < 4 || offset + 8 + contentLength > length)
            {
                throw new ExportFormatException($"'{name}' is cut short in shape record {count + 1} (at byte {offset} of {length}). "
                    + "The export was interrupted; export the layer again.");
            }

            count++;
            CheckVertices(shp.AsSpan(offset + 8, (int)contentLength), count, name);
            offset += 8 + (int)contentLength;
        }

        return count;
    }

    /// <summary>Where each shape type keeps its x, y pairs; Z and M values follow them and are not read.</summary>
    static void CheckVertices(ReadOnlySpan<byte> record, int number, string name)
    {
        var type = BinaryPrimitives.ReadInt32LittleEndian(record);
        var (first, points) = (type % 10, type) switch
        {
            (1, < 30) => (4, 1),
            (8, _) when record.Length >= 40 => (40, BinaryPrimitives.ReadInt32LittleEndian(record[36..])),
            (3 or 5, _) when record.Length >= 44 => (44 + 4 * BinaryPrimitives.ReadInt32LittleEndian(record[36..]), BinaryPrimitives.ReadInt32LittleEndian(record[40..])),
            _ => (0, 0),
        };
        if (points < 0 || first < 0 || first + 16L * points > record.Length)
        {
            throw new ExportFormatException($"record {number} of '{name}' is damaged: it declares {points} points, more than it holds. Export the layer again.");
        }

        for (var i = 0; i < points; i++)
        {
            var (x, y) = (BinaryPrimitives.ReadDoubleLittleEndian(record[(first + 16 * i)..]), BinaryPrimitives.ReadDoubleLittleEndian(record[(first + 16 * i + 8)..]));
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new ExportFormatException($"record {number} of '{name}': vertex {i} has a non-finite coordinate ({x}, {y}); the export is damaged.");
            }
        }

        if (type % 10 == 5 && record.Length >= 44)
        {
            CheckRings(record, points, number, name);
        }
    }

    /// <summary>
    /// Each ring of a polygon record closed and of at least 4 points. The reader would otherwise put a placeholder at
    /// (0, 0) in place of a broken ring, which reached the hub as a polygon off the coast of Africa.
    /// </summary>
    static void CheckRings(ReadOnlySpan<byte> record, int points, int number, string name)
    {
        var parts = BinaryPrimitives.ReadInt32LittleEndian(record[36..]);
        var first = 44 + 4 * parts;
        for (var ring = 0; ring < parts; ring++)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(record[(44 + 4 * ring)..]);
            var end = ring + 1 < parts ? BinaryPrimitives.ReadInt32LittleEndian(record[(44 + 4 * (ring + 1))..]) : points;
            var closed = start >= 0 && end <= points && end - start >= 4
                && record.Slice(first + 16 * start, 16).SequenceEqual(record.Slice(first + 16 * (end - 1), 16));
            if (!closed)
            {
                throw new ExportFormatException($"record {number} of '{name}': ring {ring + 1} has {end - start} points or does not end where it starts; "
                    + "a polygon ring has at least 4 points, the last repeating the first. Correct the shape, or export the layer again.");
            }
        }
    }

    static int MainFileLength(byte[] file, string name)
    {
        if (file.Length < MainHeaderSize)
        {
            throw new ExportFormatException($"'{name}' is cut short: {file.Length} bytes, less than its {MainHeaderSize}-byte header. Export the layer again.");
        }

        if (BinaryPrimitives.ReadInt32BigEndian(file) != FileCode)
        {
            throw new ExportFormatException($"'{name}' is not a Shapefile part: it does not start with the file code {FileCode}.");
        }

        var declared = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(24)) * 2L;
        return declared <= file.Length && declared >= MainHeaderSize
            ? (int)declared
            : throw new ExportFormatException($"'{name}' is cut short: its header declares {declared} bytes but it has {file.Length}. "
                + "The export was interrupted; export the layer again.");
    }

    static int DbfRecords(byte[] dbf, string name)
    {
        if (dbf.Length < 32)
        {
            throw new ExportFormatException($"'{name}' is cut short: {dbf.Length} bytes, less than a dBASE header. Export the layer again.");
        }

        var records = BinaryPrimitives.ReadUInt32LittleEndian(dbf.AsSpan(4));
        var (headerSize, recordSize) = (BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8)), BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(10)));
        var declared = headerSize + (long)records * recordSize;
        return declared <= dbf.Length
            ? (int)records
            : throw new ExportFormatException($"'{name}' is cut short: its header declares {records} records of {recordSize} bytes ({declared} bytes "
                + $"with the header) but it has {dbf.Length}. The export was interrupted; export the layer again.");
    }
}
