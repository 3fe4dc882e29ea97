using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// Writes a zipped polygon Shapefile byte by byte (ESRI Shapefile Technical Description, 1998), so ring order and
/// orientation are exactly as given: GDAL, which made the committed fixtures, always writes shells clockwise first.
/// Attributes HXBH, HXMC, XZQDM (the one-map redline schema), UTF-8; coordinates in EPSG:4549 (CM 120E, FE 500000).
/// </summary>
static class HandMadeShapefile
{
    public sealed record Shape(string Id, IReadOnlyList<(double X, double Y)[]>? Rings, double[]? Z = null);

    /// <summary>A square ring from (x0, y0) of side <paramref name="side"/>, clockwise (a shell) or counter-clockwise (a hole).</summary>
    public static (double X, double Y)[] Square(double x0, double y0, double side, bool clockwise)
    {
        (double, double)[] ccw = [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0)];
        return clockwise ? [.. ccw.Reverse()] : ccw;
    }

    public static byte[] Zip(int shapeType, params Shape[] records)
    {
        var contents = records.Select(r => Content(shapeType, r)).ToList();
        var shp = new MemoryStream();
        var shx = new MemoryStream();
        var shpLength = 100 + contents.Sum(c => 8 + c.Length);
        shp.Write(Header(shapeType, shpLength, records));
        shx.Write(Header(shapeType, 100 + 8 * records.Length, records));
        var offset = 100;
        for (var i = 0; i < contents.Count; i++)
        {
            var head = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(head, i + 1);
            BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(4), contents[i].Length / 2);
            shp.Write(head);
            shp.Write(contents[i]);
            var index = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(index, offset / 2);
            BinaryPrimitives.WriteInt32BigEndian(index.AsSpan(4), contents[i].Length / 2);
            shx.Write(index);
            offset += 8 + contents[i].Length;
        }

        var prj = ExportFixtures.Zones().Single(z => z.Epsg == 4549).Prj;
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }

            Add("redline.shp", shp.ToArray());
            Add("redline.shx", shx.ToArray());
            Add("redline.dbf", Dbf(records));
            Add("redline.prj", Encoding.ASCII.GetBytes(prj));
            Add("redline.cpg", "UTF-8"u8.ToArray());
        }

        return output.ToArray();
    }

    static byte[] Header(int shapeType, int length, Shape[] records)
    {
        var h = new byte[100];
        BinaryPrimitives.WriteInt32BigEndian(h, 9994);
        BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(24), length / 2);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(28), 1000);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(32), shapeType);
        var points = records.Where(r => r.Rings is not null).SelectMany(r => r.Rings!.SelectMany(p => p)).ToList();
        if (points.Count > 0)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(h.AsSpan(36), points.Min(p => p.X));
            BinaryPrimitives.WriteDoubleLittleEndian(h.AsSpan(44), points.Min(p => p.Y));
            BinaryPrimitives.WriteDoubleLittleEndian(h.AsSpan(52), points.Max(p => p.X));
            BinaryPrimitives.WriteDoubleLittleEndian(h.AsSpan(60), points.Max(p => p.Y));
        }

        return h;
    }

    static byte[] Content(int shapeType, Shape record)
    {
        var c = new MemoryStream();
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); c.Write(b); }
        void Dbl(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); c.Write(b); }
        if (record.Rings is null)
        {
            Int(0);
            return c.ToArray();
        }

        var points = record.Rings.SelectMany(r => r).ToList();
        Int(shapeType);
        Dbl(points.Min(p => p.X)); Dbl(points.Min(p => p.Y)); Dbl(points.Max(p => p.X)); Dbl(points.Max(p => p.Y));
        Int(record.Rings.Count);
        Int(points.Count);
        var start = 0;
        foreach (var ring in record.Rings)
        {
            Int(start);
            start += ring.Length;
        }

        foreach (var (x, y) in points)
        {
            Dbl(x); Dbl(y);
        }

        if (shapeType == 15)
        {
            var z = record.Z ?? points.Select(_ => 12.5).ToArray();
            Dbl(z.Min()); Dbl(z.Max());
            foreach (var v in z) Dbl(v);
            Dbl(0); Dbl(0);
            foreach (var _ in points) Dbl(0);
        }

        return c.ToArray();
    }

    static byte[] Dbf(Shape[] records)
    {
        (string Name, int Length)[] fields = [("HXBH", 20), ("HXMC", 60), ("XZQDM", 6)];
        var headerSize = 32 + 32 * fields.Length + 1;
        var recordSize = 1 + fields.Sum(f => f.Length);
        var d = new MemoryStream();
        var h = new byte[32];
        h[0] = 3; h[1] = 124; h[2] = 1; h[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)records.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), (ushort)headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), (ushort)recordSize);
        d.Write(h);
        foreach (var (name, length) in fields)
        {
            var f = new byte[32];
            Encoding.ASCII.GetBytes(name).CopyTo(f, 0);
            f[11] = (byte)'C';
            f[16] = (byte)length;
            d.Write(f);
        }

        d.WriteByte(0x0D);
        foreach (var r in records)
        {
            d.WriteByte((byte)' ');
            foreach (var (value, length) in new[] { (r.Id, 20), ("红线" + r.Id, 60), ("330127", 6) })
            {
                var bytes = Encoding.UTF8.GetBytes(value);
                var padded = Enumerable.Repeat((byte)' ', length).ToArray();
                bytes.CopyTo(padded, 0);
                d.Write(padded);
            }
        }

        d.WriteByte(0x1A);
        return d.ToArray();
    }
}
