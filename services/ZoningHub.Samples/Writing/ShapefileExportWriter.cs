using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Writing;

/// <summary>
/// A layer as a zipped Shapefile the way Chinese GIS desktops export it: attributes GBK-encoded (said twice, in
/// the <c>.cpg</c> and the DBF language driver byte), every field text so codes keep their leading zeros, and an
/// ESRI <c>.prj</c>. The DBF header carries the export day instead of today, so the bytes repeat.
/// </summary>
static class ShapefileExportWriter
{
    const int MaxCharacterField = 254;

    static ShapefileExportWriter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static Encoding Gbk => Encoding.GetEncoding(936);

    public static byte[] Write(string name, string layer, IReadOnlyList<SampleFeature> features, Func<Geometry, Geometry> project, string prj, DateOnly date)
    {
        var fields = Schema.Fields(layer);
        var rows = features.Select(f => fields.Select(x => x.Property is null ? f.Id : f.Properties.GetValueOrDefault(x.Property)).ToArray()).ToList();
        var dbfFields = fields.Select((f, i) => (DbfField)new DbfCharacterField(f.Field,
            Math.Clamp(rows.Select(r => Gbk.GetByteCount(r[i] ?? "")).DefaultIfEmpty(1).Max(), 1, MaxCharacterField))).ToArray();
        var type = LayerCatalog.AllowsPoints(layer) ? ShapeType.Point : ShapeType.Polygon;
        var options = new ShapefileWriterOptions(type, dbfFields) { Encoding = Gbk, Projection = prj };
        using var shp = new MemoryStream();
        using var shx = new MemoryStream();
        using var dbf = new MemoryStream();
        using var prjStream = new MemoryStream();
        using (var writer = Shapefile.OpenWrite(shp, shx, dbf, prjStream, options))
        {
            for (var i = 0; i < features.Count; i++)
            {
                var attributes = new AttributesTable();
                for (var f = 0; f < fields.Count; f++)
                {
                    attributes.Add(fields[f].Field, rows[i][f]);
                }

                writer.Write(new Feature(project(features[i].Geometry), attributes));
            }
        }

        return FixedZip.Create(
        [
            ($"{name}.shp", shp.ToArray()), ($"{name}.shx", shx.ToArray()), ($"{name}.dbf", Dated(dbf.ToArray(), date)),
            ($"{name}.prj", prjStream.ToArray()), ($"{name}.cpg", Encoding.ASCII.GetBytes("GBK")),
        ], date);
    }

    /// <summary>dBASE keeps the last update as YY (since 1900), MM, DD in bytes 1–3 of the header.</summary>
    static byte[] Dated(byte[] dbf, DateOnly date)
    {
        dbf[1] = (byte)(date.Year - 1900);
        dbf[2] = (byte)date.Month;
        dbf[3] = (byte)date.Day;
        return dbf;
    }
}
