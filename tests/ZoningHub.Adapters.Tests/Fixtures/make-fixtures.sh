#!/usr/bin/env bash
# Regenerates every fixture in this folder from sources/ with GDAL 3.6 and PROJ 9 (ogr2ogr, gdalsrsinfo, cs2cs).
# CI has neither: the outputs are committed and the tests only read them.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf prj bad && mkdir -p prj bad

# shapefile <zip> <source> <EPSG> <encoding> <folder inside the zip, "." for the root> [drop-cpg]
shapefile() {
  local zip=$1 source=$2 epsg=$3 encoding=$4 folder=$5 dir="$work/$(basename "$1" .zip)"
  mkdir -p "$dir/$folder"
  ogr2ogr -f "ESRI Shapefile" -a_srs "EPSG:$epsg" -lco ENCODING="$encoding" -nln redline "$dir/$folder/redline.shp" "$source"
  if [[ ${6:-} == drop-cpg ]]; then rm "$dir/$folder/redline.cpg"; fi
  # Same bytes on every run: the .dbf's last-update date and the zip's file times are fixed to 2024-01-01.
  printf '\x7c\x01\x01' | dd of="$dir/$folder/redline.dbf" bs=1 seek=1 conv=notrunc status=none
  find "$dir" -exec touch -d 2024-01-01T00:00:00 {} +
  rm -f "$zip" && (cd "$dir" && zip -X -q -r "$OLDPWD/$zip" .)
}

# One-map redlines: zone 39 with the zone-prefixed false easting (GBK), CM 120E (UTF-8, in a sub-folder), GBK without .cpg.
shapefile redline-4527-gbk.zip sources/redline-4527.geojson 4527 GBK .
shapefile redline-4549-utf8.zip sources/redline-4549.geojson 4549 UTF-8 export/redline
shapefile redline-4527-gbk-no-cpg.zip sources/redline-4527.geojson 4527 GBK . drop-cpg

# Forestry nature reserves as GDAL writes a GeoJSON in zone 34 (it keeps the "crs" member).
rm -f reserve-4522.geojson
ogr2ogr -f GeoJSON -a_srs EPSG:4522 -nln reserve reserve-4522.geojson sources/reserve-4522.geojson

# A bow-tie ring (self-intersecting): the adapter passes it on and the hub quarantines that one feature.
sed '/HX330226001/s/"geometry": {.*} }/"geometry": { "type": "Polygon", "coordinates": [ [ [ 638000.0, 3241000.0 ], [ 643500.0, 3246500.0 ], [ 643500.0, 3241000.0 ], [ 638000.0, 3246500.0 ], [ 638000.0, 3241000.0 ] ] ] } }/' \
  sources/redline-4549.geojson > "$work/bow-tie.geojson"
shapefile redline-4549-bow-tie.zip "$work/bow-tie.geojson" 4549 UTF-8 .

# Bad exports that need GDAL to write them; truncations and missing parts are made by the tests from the good zips.
sed 's/"HXBH": "HX330226001"/"HXBH": "HX330106001"/' sources/redline-4549.geojson > "$work/duplicate-ids.geojson"
shapefile bad/redline-duplicate-ids.zip "$work/duplicate-ids.geojson" 4549 UTF-8 .
sed '/HX330226001/s/"geometry": {.*} }/"geometry": null }/' sources/redline-4549.geojson > "$work/null-geometry.geojson"
shapefile bad/redline-null-geometry.zip "$work/null-geometry.geojson" 4549 UTF-8 .
sed 's/"HXBH"/"BH"/' sources/redline-4549.geojson > "$work/field-bh.geojson"
shapefile bad/redline-field-bh.zip "$work/field-bh.geojson" 4549 UTF-8 .

# .prj files ArcGIS and GDAL write (ESRI WKT) for refused systems, and GDAL's OGC WKT1 for an accepted one.
gdalsrsinfo -o wkt_esri --single-line EPSG:2385 > prj/xian1980-3-degree-gk-cm-120e.prj
gdalsrsinfo -o wkt_esri --single-line EPSG:2435 > prj/beijing1954-3-degree-gk-cm-114e.prj
gdalsrsinfo -o wkt_esri --single-line EPSG:32650 > prj/wgs84-utm-zone-50n.prj
gdalsrsinfo -o wkt_esri --single-line EPSG:4498 > prj/cgcs2000-6-degree-gk-zone-20.prj
gdalsrsinfo -o wkt_esri --single-line EPSG:4490 > prj/cgcs2000-geographic.prj
gdalsrsinfo -o wkt1 EPSG:4527 > prj/cgcs2000-3-degree-gk-zone-39-wkt1.prj

# Expected longitude/latitude of every source vertex, by PROJ. cs2cs uses EPSG axis order: northing easting in, latitude longitude out.
python3 - <<'PY'
import json, subprocess
def one_per_line(groups):
    body = ",\n".join(f" {json.dumps(k)}: [\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in v) + "\n ]" for k, v in groups.items())
    return "{\n" + body + "\n}\n"
def vertices(geometry):
    if geometry["type"] == "Polygon":
        return [p for ring in geometry["coordinates"] for p in ring[:-1]]
    return [p for polygon in geometry["coordinates"] for ring in polygon for p in ring[:-1]]
def proj(epsg, points):
    text = "".join(f"{y!r} {x!r}\n" for x, y in points)
    out = subprocess.run(["cs2cs", "-f", "%.12f", f"EPSG:{epsg}", "EPSG:4490"], input=text, capture_output=True, text=True, check=True).stdout
    return [(float(line.split()[1]), float(line.split()[0])) for line in out.splitlines()]
expected = {}
for epsg, source in [(4527, "redline-4527"), (4549, "redline-4549"), (4522, "reserve-4522")]:
    features = json.load(open(f"sources/{source}.geojson", encoding="utf-8"))["features"]
    points = [(f["properties"].get("HXBH") or f["properties"]["BHQBM"], p) for f in features for p in vertices(f["geometry"])]
    lonlat = proj(epsg, [p for _, p in points])
    expected[f"EPSG:{epsg}"] = [{"id": i, "x": p[0], "y": p[1], "lon": lon, "lat": lat} for (i, p), (lon, lat) in zip(points, lonlat)]
with open("expected-vertices.json", "w", encoding="utf-8") as f:
    f.write(one_per_line(expected))
# Every CGCS2000 3-degree zone: the .prj GDAL writes for it (ESRI WKT) and one point 1.2 degrees east of its central meridian.
zones = []
for epsg in range(4513, 4555):
    cm = 75 + 3 * (epsg - 4513 if epsg < 4534 else epsg - 4534)
    lon, lat = cm + 1.234567891, 35.123456789
    fwd = subprocess.run(["cs2cs", "-f", "%.3f", "EPSG:4490", f"EPSG:{epsg}"], input=f"{lat} {lon}\n", capture_output=True, text=True, check=True).stdout.split()
    x, y = float(fwd[1]), float(fwd[0])
    (elon, elat), = proj(epsg, [(x, y)])
    prj = subprocess.run(["gdalsrsinfo", "-o", "wkt_esri", "--single-line", f"EPSG:{epsg}"], capture_output=True, text=True, check=True).stdout.strip()
    zones.append({"epsg": epsg, "centralMeridian": cm, "prj": prj, "x": x, "y": y, "lon": elon, "lat": elat})
with open("zones.json", "w", encoding="utf-8") as f:
    f.write(one_per_line({"zones": zones}))
PY
