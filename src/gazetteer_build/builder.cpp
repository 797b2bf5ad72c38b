// Importers for `toponym gazetteer build` and the merge of duplicates across sources.
#include "gazetteer_build/builder.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/fields.hpp"
#include "admin/admin_index.hpp"
#include "gazetteer/compiled.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geo/geodesy.hpp"
#include "store/gdal_util.hpp"
#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace toponym::gazetteer_build {

namespace {

namespace fs = std::filesystem;

// Bad rows printed per input; the rest are counted only.
constexpr std::size_t kMaxDiagnosticsPerSource = 20;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
    return s;
}

bool valid_coordinates(double lat, double lon) {
    return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

// OCHA's Arabic sub-district names start with "مركز" ("centre of") + the district town.
std::string clean_name(std::string_view name) {
    name = trim(name);
    constexpr std::string_view kCentreOf = "مركز ";
    if (name.substr(0, kCentreOf.size()) == kCentreOf) name.remove_prefix(kCentreOf.size());
    return std::string(trim(name));
}

// Scripts a name may be written in (--name-scripts): digits, spaces and punctuation go with any.
enum ScriptMask : unsigned { kLatin = 1, kArabic = 2 };
thread_local unsigned wanted_scripts = 0;  // set by build() for the run; 0 = every script

bool in_wanted_scripts(std::string_view name) {
    if (wanted_scripts == 0) return true;
    std::size_t pos = 0;
    while (pos < name.size()) {
        const char32_t cp = text::next_code_point(name, pos);
        const bool latin = cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x02BB ||
                           cp == 0x02BC || cp == 0x02BF || cp == 0x02BE;
        const bool arabic = (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
                            (cp >= 0xFE70 && cp <= 0xFEFF);
        const bool neutral = cp < 0x41 || (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F);
        if (neutral) continue;
        if (latin && (wanted_scripts & kLatin)) continue;
        if (arabic && (wanted_scripts & kArabic)) continue;
        return false;
    }
    return true;
}

void add_alternate(Place& p, std::string_view raw) {
    std::string name = clean_name(raw);
    if (!in_wanted_scripts(name)) return;
    if (name.empty() || name == p.name) return;
    if (std::find(p.alternate_names.begin(), p.alternate_names.end(), name) != p.alternate_names.end()) return;
    p.alternate_names.push_back(std::move(name));
}

// GeoNames radius rule of gazetteer/build.py.
double default_radius_m(const Place& p) {
    if (p.feature_code == "PPLC" || p.population >= 1'000'000) return 8000;
    if (p.population >= 200'000) return 5000;
    if (p.population >= 50'000) return 3000;
    if (p.population >= 10'000 || p.feature_code == "PPLA" || p.feature_code == "PPLA2") return 2000;
    return 1000;
}

struct Context {
    const BuildOptions& options;
    BuildResult& result;
    std::set<std::string> countries;
    std::set<std::string> classes;
    std::unordered_map<std::string, std::size_t> id_counts;  // "#n" suffixes given to each repeated id
    std::unordered_set<std::string> ids;                     // every id given so far
    std::size_t input = 0;                  // the input being read (each OGR layer counts as one)
    std::vector<std::size_t> input_of;      // parallel to result.places: merges join different inputs only

    bool keep(const Place& p, SourceStats& stats) const {
        if (!countries.empty() && !p.country_code.empty() && !countries.contains(upper(p.country_code))) {
            ++stats.filtered;
            return false;
        }
        if (options.min_population > 0 && p.feature_class == "P" && p.population < options.min_population) {
            ++stats.filtered;
            return false;
        }
        if (!classes.empty() && !classes.contains(upper(p.feature_class))) {
            ++stats.filtered;
            return false;
        }
        return true;
    }

    void bad_row(SourceStats& stats, const std::string& path, int line, const std::string& why) {
        ++stats.bad;
        if (stats.bad <= kMaxDiagnosticsPerSource) {
            result.diagnostics.push_back({Diagnostic::Severity::Warning, path, line, why + "; row skipped"});
        }
    }

    // Syria test for points of incident tables: inside an embedded governorate polygon, or
    // within ~2 km of one (the coarse coast and borders cut off border towns).
    std::optional<std::string> syrian_governorate(double lat, double lon) const {
        const admin::AdminIndex& g = admin::AdminIndex::embedded();
        std::optional<std::size_t> area = g.locate(lat, lon);
        if (!area) area = g.nearest_within(lat, lon, 0.02);
        if (!area) return std::nullopt;
        return g.areas()[*area].pcode;
    }

    // Places of one source go in with ids unique within the build: a repeated id becomes
    // "<id>#2", "<id>#3" ..., skipping any such id a source already has ("a", "a", "a#2").
    void add(Place p, SourceStats& stats) {
        if (!ids.insert(p.id).second) {
            std::size_t& copies = id_counts[p.id];
            std::string unique;
            do {
                unique = fmt::format("{}#{}", p.id, ++copies + 1);
            } while (!ids.insert(unique).second);
            p.id = std::move(unique);
        }
        if (p.radius_m <= 0) p.radius_m = default_radius_m(p);
        ++stats.places;
        result.places.push_back(std::move(p));
        input_of.push_back(input);
    }
};

// ---- GeoNames ----------------------------------------------------------------------------

bool looks_like_geonames(const std::string& first_line) {
    const auto fields = split_fields(first_line, '\t');
    long id = 0;
    double lat = 0;
    return fields.size() == 19 && parse_number(fields[0], id) && parse_number(fields[4], lat);
}

bool looks_like_alternate_names(const std::string& path, const std::string& first_line) {
    const auto fields = split_fields(first_line, '\t');
    long a = 0, b = 0;
    return fs::path(path).filename().string().rfind("alternateNames", 0) == 0 && fields.size() >= 4 &&
           parse_number(fields[0], a) && parse_number(fields[1], b);
}

// Calls row(line_no, fields) for each data row of a GeoNames-style tab-separated file (blank
// lines and # comments skipped, CR removed), counting the rows in `stats`.
template <typename Row>
void for_each_tab_row(const std::string& path, SourceStats& stats, Row&& row) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line.front() == '#') continue;
        ++stats.rows;
        if (line.back() == '\r') line.pop_back();
        row(line_no, split_fields(line, '\t'));
    }
}

void import_geonames(Context& ctx, const std::string& path, SourceStats& stats) {
    for_each_tab_row(path, stats, [&](int line_no, const auto& f) {
        if (f.size() != 19) {
            ctx.bad_row(stats, path, line_no, fmt::format("{} fields, GeoNames rows have 19", f.size()));
            return;
        }
        Place p;
        p.id = fmt::format("gn:{}", f[0]);
        p.name = clean_name(f[1]);
        p.source = stats.source;
        p.source_id = std::string(f[0]);
        long gid = 0;
        if (!parse_number(f[0], gid) || p.name.empty()) {
            ctx.bad_row(stats, path, line_no, "bad geonameid or empty name");
            return;
        }
        if (!parse_number(f[4], p.lat) || !parse_number(f[5], p.lon) || !valid_coordinates(p.lat, p.lon)) {
            ctx.bad_row(stats, path, line_no, fmt::format("bad coordinates \"{}\", \"{}\"", f[4], f[5]));
            return;
        }
        p.feature_class = std::string(f[6]);
        p.feature_code = std::string(f[7]);
        p.country_code = std::string(f[8]);
        if (!f[14].empty() && !parse_number(f[14], p.population)) {
            ctx.bad_row(stats, path, line_no, fmt::format("bad population \"{}\"", f[14]));
            return;
        }
        if (!ctx.keep(p, stats)) return;
        add_alternate(p, f[2]);
        for (std::string_view alt : split_fields(f[3], ',')) {
            if (alt.find("://") == std::string_view::npos) add_alternate(p, alt);
        }
        p.radius_m = 0;
        ctx.add(std::move(p), stats);
    });
}

// alternateNames.txt / alternateNamesV2.txt: alternateNameId, geonameid, isolanguage, name,
// isPreferred, isShort, isColloquial, isHistoric[, from, to]. Joined to the GeoNames places
// already imported; codes and links (isolanguage iata, icao, link, post, ...) are skipped.
void import_alternate_names(Context& ctx, const std::string& path, SourceStats& stats) {
    std::unordered_map<std::string, std::size_t> by_geonameid;
    for (std::size_t i = 0; i < ctx.result.places.size(); ++i) {
        const Place& p = ctx.result.places[i];
        if (p.id.rfind("gn:", 0) == 0) by_geonameid.emplace(p.source_id, i);
    }
    static const std::set<std::string, std::less<>> kNotNames = {"link", "post", "iata", "icao", "faac", "tcid",
                                                                  "unlc", "abbr", "wkdt", "fr_1793", "phon", "piny"};
    for_each_tab_row(path, stats, [&](int line_no, const auto& f) {
        if (f.size() < 4) {
            ctx.bad_row(stats, path, line_no, fmt::format("{} fields, alternate-name rows have at least 4", f.size()));
            return;
        }
        if (kNotNames.contains(f[2])) {
            ++stats.filtered;
            return;
        }
        auto it = by_geonameid.find(std::string(f[1]));
        if (it == by_geonameid.end()) return;  // a place not in this build (other country, class)
        Place& p = ctx.result.places[it->second];
        const std::size_t before = p.alternate_names.size();
        add_alternate(p, f[3]);
        stats.alternate_names += p.alternate_names.size() - before;
    });
}

// ---- Name fields of OGR layers and tables -------------------------------------------------

struct NameFields {
    int name = -1;
    std::vector<int> alternates;
};

// `name_en`, `name`, `NAME`, HDX `ADMn_EN` ... first; Arabic, reference and alternate names after.
NameFields detect_name_fields(const std::vector<std::string>& fields, const BuildOptions& options) {
    NameFields nf;
    auto index_of = [&](const std::string& wanted) -> int {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (lower(fields[i]) == lower(wanted)) return static_cast<int>(i);
        }
        return -1;
    };
    if (!options.name_fields.empty()) {
        for (const auto& f : options.name_fields) {
            const int i = index_of(f);
            if (i < 0) continue;
            if (nf.name < 0) nf.name = i;
            else nf.alternates.push_back(i);
        }
        return nf;
    }
    static const std::regex primary("^(name_en|name|location_text|toponym|place_name|adm[0-4]_en|name:en)$", std::regex::icase);
    static const std::regex alternate(
        "^(name_ar|name_ref|name_alt[0-9]*|alt_name.*|adm[0-4]_ar|adm[0-4]_ref|adm[0-4]alt[0-9]*_?(en|ar)|name:ar|"
        "name:[a-z]{2}|int_name|official_name|old_name|location_ar|asciiname|gn_name|name_long|formal_en)$",
        std::regex::icase);
    static const std::vector<std::string> kPreference = {"name_en", "name", "name:en", "location_text", "toponym", "place_name"};
    for (const auto& want : kPreference) {
        if (int i = index_of(want); i >= 0) {
            nf.name = i;
            break;
        }
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (nf.name < 0 && std::regex_match(fields[i], primary)) nf.name = static_cast<int>(i);
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (static_cast<int>(i) != nf.name && std::regex_match(fields[i], alternate)) nf.alternates.push_back(static_cast<int>(i));
    }
    return nf;
}

int find_field(const std::vector<std::string>& fields, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (lower(fields[i]) == n) return static_cast<int>(i);
        }
    }
    return -1;
}

// OSM `other_tags` ("name:ar"=>"...","alt_name"=>"...") names.
void add_osm_other_names(Place& p, const std::string& other_tags) {
    static const std::regex tag("\"(name:[a-z]{2}|alt_name|old_name|int_name|official_name)\"=>\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(other_tags.begin(), other_tags.end(), tag); it != std::sregex_iterator(); ++it) {
        const std::string value = (*it)[2].str();
        for (std::string_view alt : split_fields(value, ';')) add_alternate(p, alt);
    }
}

// Feature class and code from an OGR layer name (OCHA admin1-3, neighbourhoods, capitals).
std::pair<std::string, std::string> layer_class(const std::string& layer, bool is_point) {
    const std::string l = lower(layer);
    for (char level : {'1', '2', '3', '4'}) {
        if (l.find(std::string("admin") + level) != std::string::npos || l.find(std::string("adm") + level) != std::string::npos) {
            return {"A", std::string("ADM") + level};
        }
    }
    if (l.find("admin0") != std::string::npos || l.find("adm0") != std::string::npos) return {"A", "PCLI"};
    if (l.find("neighbo") != std::string::npos) return {"P", "PPLX"};
    if (l.find("states_provinces") != std::string::npos || l.find("province") != std::string::npos) return {"A", "ADM1"};
    if (l.find("countries") != std::string::npos) return {"A", "PCLI"};
    if (is_point) return {"P", "PPL"};
    return {"A", "ADMD"};
}

// ---- OGR layers ---------------------------------------------------------------------------

// Points as they are, polygons their point on surface (always inside, unlike a centroid),
// lines their centroid.
std::optional<OGRPoint> representative_point(const OGRGeometry& g) {
    const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
    if (t == wkbPoint) return *g.toPoint();
    OGRPoint point;
    if (t == wkbPolygon || t == wkbMultiPolygon) {
        OGRGeometryH h = OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g)));
        if (!h) return std::nullopt;
        point = *OGRGeometry::FromHandle(h)->toPoint();
        OGR_G_DestroyGeometry(h);
        return point;
    }
    if (g.Centroid(&point) != OGRERR_NONE) return std::nullopt;
    return point;
}

void import_ogr(Context& ctx, const std::string& path, std::vector<SourceStats>& all_stats, const std::string& stem) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw DataError(path, fmt::format("not a readable vector source: {}", quiet.last_message()));
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    bool any_layer = false;
    for (OGRLayer* layer : ds->GetLayers()) {
        const std::string layer_name = layer->GetName();
        if (!ctx.options.layers.empty() &&
            std::find(ctx.options.layers.begin(), ctx.options.layers.end(), layer_name) == ctx.options.layers.end()) {
            continue;
        }
        const OGRFeatureDefn* defn = layer->GetLayerDefn();
        std::vector<std::string> fields;
        for (int i = 0; i < defn->GetFieldCount(); ++i) fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        const NameFields nf = detect_name_fields(fields, ctx.options);
        if (nf.name < 0 || layer->GetGeomType() == wkbNone) continue;  // not a layer of named features
        any_layer = true;
        SourceStats stats;
        stats.path = path;
        stats.kind = "ogr";
        // One-layer files (GeoJSON, shapefile) name their layer after the file: say it once.
        const std::string label = layer_name == stem ? stem : stem + "/" + layer_name;
        stats.source = ctx.options.source_name.empty() ? label : ctx.options.source_name;
        const int f_pcode = find_field(fields, {"pcode", "adm4_pcode", "adm3_pcode", "adm2_pcode", "adm1_pcode", "osm_id"});
        const int f_own_pcode = find_field(fields, {"pcode"});
        const int f_adm1 = find_field(fields, {"adm1_pcode", "admin1_pcode", "admin1pcode"});
        const int f_country = find_field(fields, {"iso2", "iso_a2", "country_code", "adm0_pcode"});
        const int f_population = find_field(fields, {"population"});
        const int f_place = find_field(fields, {"place"});
        const int f_other_tags = find_field(fields, {"other_tags"});
        const bool is_point = wkbFlatten(layer->GetGeomType()) == wkbPoint || wkbFlatten(layer->GetGeomType()) == wkbMultiPoint;
        auto [fclass, fcode] = layer_class(layer_name, is_point);
        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && !srs->IsSame(&wgs84)) {
            OGRSpatialReference source(*srs);
            source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
        }
        for (auto& feature : *layer) {
            ++stats.rows;
            const int line = static_cast<int>(feature->GetFID());
            const auto text = [&](int i) { return i >= 0 && feature->IsFieldSetAndNotNull(i) ? std::string(feature->GetFieldAsString(i)) : std::string(); };
            if (f_place >= 0 && text(f_place).empty()) {  // OSM: a named road or shop is not a place
                ++stats.filtered;
                continue;
            }
            Place p;
            p.name = clean_name(text(nf.name));
            if (p.name.empty()) {
                for (int alt : nf.alternates) {
                    if (p.name.empty()) p.name = clean_name(text(alt));
                }
            }
            if (p.name.empty()) {
                ctx.bad_row(stats, path, line, fmt::format("layer {} feature {}: no name", layer_name, line));
                continue;
            }
            for (int alt : nf.alternates) add_alternate(p, text(alt));
            if (f_other_tags >= 0) add_osm_other_names(p, text(f_other_tags));
            const OGRGeometry* geometry = feature->GetGeometryRef();
            if (!geometry || geometry->IsEmpty()) {
                ++stats.no_coordinates;
                continue;
            }
            std::unique_ptr<OGRGeometry> g(geometry->clone());
            if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE) {
                ctx.bad_row(stats, path, line, fmt::format("layer {} feature {}: cannot transform to WGS84", layer_name, line));
                continue;
            }
            const std::optional<OGRPoint> point = representative_point(*g);
            if (point) p.lat = point->getY(), p.lon = point->getX();
            if (!point || !valid_coordinates(p.lat, p.lon)) {
                ctx.bad_row(stats, path, line, fmt::format("layer {} feature {}: no usable point", layer_name, line));
                continue;
            }
            const std::string code = text(f_pcode);
            p.source = stats.source;
            p.source_id = code.empty() ? std::to_string(feature->GetFID()) : code;
            p.id = fmt::format("{}:{}", stats.source, p.source_id);
            p.feature_class = fclass;
            p.feature_code = fcode;
            if (f_own_pcode >= 0 && fcode == "ADM1") p.admin1_pcode = text(f_own_pcode);
            if (p.admin1_pcode.empty()) p.admin1_pcode = text(f_adm1);
            p.country_code = upper(text(f_country).substr(0, 2));
            if (p.country_code == "-9" || p.country_code == "-1") p.country_code.clear();  // Natural Earth's "none"
            if (p.country_code.empty() && p.admin1_pcode.rfind("SY", 0) == 0) p.country_code = "SY";
            if (f_population >= 0) p.population = feature->GetFieldAsInteger64(f_population);
            if (!ctx.keep(p, stats)) continue;
            if (ctx.options.syria_only) {
                auto governorate = ctx.syrian_governorate(p.lat, p.lon);
                if (!governorate) {
                    ++stats.outside_syria;
                    continue;
                }
                if (p.admin1_pcode.empty()) p.admin1_pcode = *governorate;
            }
            p.radius_m = 0;
            if (p.feature_class == "A") {
                OGREnvelope env;
                g->getEnvelope(&env);
                // Half the diagonal of the bounding box (degrees to metres at this latitude).
                const double dx = (env.MaxX - env.MinX) * 111320.0 * std::cos(p.lat * M_PI / 180.0);
                const double dy = (env.MaxY - env.MinY) * 110540.0;
                p.radius_m = std::max(1000.0, 0.5 * std::sqrt(dx * dx + dy * dy));
            }
            ctx.add(std::move(p), stats);
        }
        if (stats.rows > 0) all_stats.push_back(std::move(stats));  // OSM files have empty layers
        ++ctx.input;
    }
    if (!any_layer) {
        throw DataError(path, "no layer with a name field (name, name_en, NAME, ADMn_EN ...; choose with --name-field/--layer)");
    }
}

// ---- CSV / TSV tables ---------------------------------------------------------------------

struct TableRow {
    int line = 0;
    std::string name;
    std::vector<std::string> alternates;
    double lat = 0, lon = 0;
    std::string row_id;
};

// Incident tables: the first comma part of a location ("Al-Mohsenli, countryside of Manbij,
// Aleppo") is the place; "A or B" and "A and B" name several places and are skipped.
std::optional<std::string> incident_place_name(std::string_view location) {
    std::string name = clean_name(split_fields(location, ',').front());
    if (name.find(" or ") != std::string::npos || name.find(" and ") != std::string::npos || name.find('/') != std::string::npos ||
        name.find('&') != std::string::npos) {
        return std::nullopt;
    }
    return name;
}

struct Cluster {
    std::vector<const TableRow*> rows;
    double lat = 0, lon = 0;  // running centre
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Clusters the points of each folded name; one place per cluster, at the median point, with a
// confidence from how many rows agree and how much of the name's rows the cluster holds.
void add_clusters(Context& ctx, const std::vector<TableRow>& rows, SourceStats& stats) {
    std::map<std::string, std::vector<const TableRow*>> by_key;
    for (const TableRow& r : rows) by_key[text::fold_name(r.name)].push_back(&r);
    for (auto& [key, group] : by_key) {
        if (key.empty()) continue;
        ++stats.names;
        std::vector<Cluster> clusters;
        for (const TableRow* r : group) {
            Cluster* best = nullptr;
            double best_km = ctx.options.cluster_km;
            for (Cluster& c : clusters) {
                const double km = geo::great_circle_km(r->lat, r->lon, c.lat, c.lon);
                if (km <= best_km) best = &c, best_km = km;
            }
            if (!best) {
                clusters.push_back({{}, r->lat, r->lon});
                best = &clusters.back();
            }
            best->rows.push_back(r);
            const double n = static_cast<double>(best->rows.size());
            best->lat += (r->lat - best->lat) / n;
            best->lon += (r->lon - best->lon) / n;
        }
        std::stable_sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) { return a.rows.size() > b.rows.size(); });
        for (std::size_t c = 0; c < clusters.size(); ++c) {
            const Cluster& cl = clusters[c];
            std::vector<double> lats, lons;
            std::map<std::string, std::size_t> spellings;
            for (const TableRow* r : cl.rows) lats.push_back(r->lat), lons.push_back(r->lon), ++spellings[r->name];
            Place p;
            p.lat = median(lats);
            p.lon = median(lons);
            // The most frequent spelling is the name; the others are alternates.
            std::string best_name;
            std::size_t best_count = 0;
            for (const auto& [name, count] : spellings) {
                if (count > best_count) best_name = name, best_count = count;
            }
            p.name = best_name;
            for (const auto& [name, count] : spellings) add_alternate(p, name);
            for (const TableRow* r : cl.rows) {
                for (const auto& alt : r->alternates) add_alternate(p, alt);
            }
            std::vector<double> distances;
            for (const TableRow* r : cl.rows) distances.push_back(geo::great_circle_km(p.lat, p.lon, r->lat, r->lon));
            std::sort(distances.begin(), distances.end());
            const double spread_km = distances[static_cast<std::size_t>(0.9 * static_cast<double>(distances.size() - 1))];
            p.radius_m = std::max(1000.0, spread_km * 1000.0);
            const double n = static_cast<double>(cl.rows.size());
            const double agreement = n / static_cast<double>(group.size());
            p.confidence = std::round(agreement * n / (n + 1.0) * 1000.0) / 1000.0;
            p.id = fmt::format("{}:{}", stats.source, key);
            std::replace(p.id.begin(), p.id.end(), ' ', '-');
            if (c > 0) p.id += fmt::format("#{}", c + 1);
            std::string ids;
            for (const TableRow* r : cl.rows) ids += (ids.empty() ? "" : ",") + r->row_id;
            p.source = stats.source;
            p.source_id = ids;
            p.feature_class = "P";
            p.feature_code = "PPL";
            p.country_code = "SY";
            if (auto governorate = ctx.syrian_governorate(p.lat, p.lon)) p.admin1_pcode = *governorate;
            if (!ctx.keep(p, stats)) continue;
            ++stats.clusters;
            ctx.add(std::move(p), stats);
        }
    }
}

// A CSV/TSV record and the line it starts on (quoted cells may span lines, so the line is
// counted here: GDAL's CSV driver numbers rows, not lines).
struct CsvRecord {
    int line = 0;
    std::vector<std::string> cells;
};

// RFC 4180 reading (quotes, doubled quotes, CRLF, cells over several lines), any separator.
class CsvReader {
public:
    CsvReader(std::string text, char separator) : text_(std::move(text)), separator_(separator) {
        if (text_.rfind("\xEF\xBB\xBF", 0) == 0) pos_ = 3;  // UTF-8 byte-order mark
    }

    // False at the end of the text; `bad` is set for an unclosed quote.
    bool next(CsvRecord& record, bool& bad) {
        record.cells.clear();
        bad = false;
        if (pos_ >= text_.size()) return false;
        record.line = line_;
        std::string cell;
        bool quoted = false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (quoted) {
                if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') cell.push_back('"'), ++pos_;
                else if (c == '"') quoted = false;
                else {
                    if (c == '\n') ++line_;
                    cell.push_back(c);
                }
            } else if (c == '"' && cell.empty()) {
                quoted = true;
            } else if (c == separator_) {
                record.cells.push_back(std::move(cell));
                cell.clear();
            } else if (c == '\n') {
                ++line_;
                break;
            } else if (c != '\r') {
                cell.push_back(c);
            }
        }
        bad = quoted;
        record.cells.push_back(std::move(cell));
        return true;
    }

private:
    std::string text_;
    char separator_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

void import_table(Context& ctx, const std::string& path, SourceStats& stats) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string ext = lower(fs::path(path).extension().string());
    std::string content = buffer.str();
    const std::string head = content.substr(0, content.find('\n'));
    const char separator = ext == ".tsv" || (head.find('\t') != std::string::npos && head.find(',') == std::string::npos) ? '\t' : ',';
    CsvReader reader(std::move(content), separator);
    CsvRecord header;
    bool bad = false;
    if (!reader.next(header, bad) || bad) throw DataError(path, "no header row", 1);
    std::vector<std::string> fields;
    for (const auto& cell : header.cells) fields.emplace_back(trim(cell));
    NameFields nf = detect_name_fields(fields, ctx.options);
    const int f_lat = find_field(fields, {"lat", "latitude", "y"});
    const int f_lon = find_field(fields, {"lon", "lng", "long", "longitude", "x"});
    if (nf.name < 0 || f_lat < 0 || f_lon < 0) {
        throw DataError(path, "the header needs a name column (name, name_en, location_text ...) and lat and lon columns", 1);
    }
    const int f_id = find_field(fields, {"id", "pcode", "source_id", "code"});
    const int f_class = find_field(fields, {"feature_class", "fclass", "class"});
    const int f_type = find_field(fields, {"type", "feature_code", "fcode"});
    const int f_population = find_field(fields, {"population", "pop"});
    const int f_alternates = find_field(fields, {"alternate_names", "alt_names", "alternatenames", "aliases"});
    const int f_country = find_field(fields, {"country_code", "country", "cc", "iso2"});
    const int f_adm1 = find_field(fields, {"admin1_pcode", "adm1_pcode", "admin1", "adm1"});
    const int f_accuracy = find_field(fields, {"geo_accuracy"});
    std::erase(nf.alternates, f_alternates);  // a list, split below
    const bool cluster = ctx.options.cluster;
    std::vector<TableRow> rows;
    const int f_level = find_field(fields, {"level"});
    CsvRecord record;
    while (reader.next(record, bad)) {
        if (record.cells.size() == 1 && trim(record.cells[0]).empty()) continue;  // blank line
        ++stats.rows;
        const int line = record.line;
        if (bad || record.cells.size() != fields.size()) {
            ctx.bad_row(stats, path, line,
                        bad ? std::string("unclosed quote") : fmt::format("{} cells, the header has {}", record.cells.size(), fields.size()));
            continue;
        }
        const auto text = [&](int i) { return i >= 0 ? std::string(trim(record.cells[static_cast<std::size_t>(i)])) : std::string(); };
        const std::string raw_name = text(nf.name);
        const std::string lat_text = text(f_lat), lon_text = text(f_lon);
        if (lat_text.empty() && lon_text.empty()) {
            ++stats.no_coordinates;
            continue;
        }
        TableRow row;
        row.line = line;
        row.row_id = f_id >= 0 && !text(f_id).empty() ? text(f_id) : std::to_string(line);
        if (!parse_number(lat_text, row.lat) || !parse_number(lon_text, row.lon) || !valid_coordinates(row.lat, row.lon)) {
            ctx.bad_row(stats, path, line, fmt::format("bad coordinates \"{}\", \"{}\"", lat_text, lon_text));
            continue;
        }
        if (raw_name.empty()) {
            ctx.bad_row(stats, path, line, "empty name");
            continue;
        }
        if (cluster) {
            std::optional<std::string> name = incident_place_name(raw_name);
            if (!name || name->empty()) {
                ++stats.ambiguous;
                continue;
            }
            row.name = *name;
            // A governorate-level point says nothing about where the named place is.
            if (lower(text(f_accuracy)).find("province") != std::string::npos) {
                ++stats.filtered;
                continue;
            }
        } else {
            row.name = clean_name(raw_name);
        }
        for (int alt : nf.alternates) {
            const std::string a = text(alt);
            if (!a.empty()) row.alternates.push_back(cluster ? clean_name(split_fields(a, ',').front()) : a);
        }
        if (f_alternates >= 0) {
            const std::string all = text(f_alternates);
            for (std::string_view a : split_fields(all, all.find('|') != std::string::npos ? '|' : ';')) {
                if (!trim(a).empty()) row.alternates.emplace_back(trim(a));
            }
        }
        if (cluster || ctx.options.syria_only) {
            if (!ctx.syrian_governorate(row.lat, row.lon)) {
                ++stats.outside_syria;
                continue;
            }
        }
        if (cluster) {
            rows.push_back(std::move(row));
            continue;
        }
        Place p;
        p.name = row.name;
        for (const auto& a : row.alternates) add_alternate(p, a);
        p.lat = row.lat;
        p.lon = row.lon;
        p.source = stats.source;
        p.source_id = row.row_id;
        p.id = fmt::format("{}:{}", stats.source, row.row_id);
        std::string type = text(f_type);
        if (const std::string level = lower(text(f_level)); type.empty() && !level.empty()) {
            // syria-admin-names.csv style: admin1..3, neighbourhood
            if (level.rfind("admin", 0) == 0 && level.size() == 6) type = "ADM" + level.substr(5);
            else if (level.find("neighbo") != std::string::npos) type = "PPLX";
        }
        p.feature_class = text(f_class);
        if (type.size() == 1 && p.feature_class.empty()) std::swap(type, p.feature_class);
        p.feature_code = type.empty() ? "PPL" : type;
        if (p.feature_class.empty()) p.feature_class = p.feature_code.rfind("ADM", 0) == 0 ? "A" : "P";
        p.country_code = upper(text(f_country));
        p.admin1_pcode = text(f_adm1);
        if (p.country_code.empty() && p.admin1_pcode.rfind("SY", 0) == 0) p.country_code = "SY";
        if (const std::string pop = text(f_population); !pop.empty() && !parse_number(pop, p.population)) {
            ctx.bad_row(stats, path, line, fmt::format("bad population \"{}\"", pop));
            continue;
        }
        if (!ctx.keep(p, stats)) continue;
        p.radius_m = 0;
        ctx.add(std::move(p), stats);
    }
    if (cluster) add_clusters(ctx, rows, stats);
}

// ---- toponym gazetteers (TSV or compiled) as sources --------------------------------------

void import_gazetteer(Context& ctx, const Gazetteer& g, SourceStats& stats) {
    for (const Place& place : g.places()) {
        ++stats.rows;
        if (!ctx.keep(place, stats)) continue;
        Place p = place;
        if (!ctx.options.source_name.empty()) p.source = ctx.options.source_name;
        ctx.add(std::move(p), stats);
    }
}

std::string first_line(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// ---- Merge --------------------------------------------------------------------------------

std::vector<std::string> name_keys(const Place& p) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& name) {
        std::string k = text::fold_name(name);
        if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    };
    add(p.name);
    for (const auto& a : p.alternate_names) add(a);
    return keys;
}

// Folds a place of another source into `into`: names become alternates, sources and source
// ids are listed side by side ('|'), the first source's point and class stay.
void merge_into(Place& into, const Place& from) {
    add_alternate(into, from.name);
    for (const auto& a : from.alternate_names) add_alternate(into, a);
    into.source += "|" + from.source;
    into.source_id += "|" + from.source_id;
    into.population = std::max(into.population, from.population);
    into.confidence = std::max(into.confidence, from.confidence);
    if (into.admin1_pcode.empty()) into.admin1_pcode = from.admin1_pcode;
    if (into.country_code.empty()) into.country_code = from.country_code;
}

std::vector<Place> merge(std::vector<Place> places, const std::vector<std::size_t>& input_of, double merge_km,
                         std::size_t& merged) {
    std::vector<Place> out;
    std::vector<std::set<std::size_t>> inputs;  // of each merged place
    std::unordered_map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < places.size(); ++i) {
        Place& p = places[i];
        const std::vector<std::string> keys = name_keys(p);
        std::optional<std::size_t> target;
        double best_km = merge_km;
        for (const auto& k : keys) {
            auto it = by_key.find(k);
            if (it == by_key.end()) continue;
            for (std::size_t m : it->second) {
                if (inputs[m].contains(input_of[i])) continue;  // one input's places stay apart
                const double km = geo::great_circle_km(p.lat, p.lon, out[m].lat, out[m].lon);
                if (km <= best_km) target = m, best_km = km;
            }
        }
        if (target) {
            merge_into(out[*target], p);
            inputs[*target].insert(input_of[i]);
            ++merged;
            for (const auto& k : keys) {
                auto& list = by_key[k];
                if (std::find(list.begin(), list.end(), *target) == list.end()) list.push_back(*target);
            }
            continue;
        }
        if (merge_km > 0) {
            for (const auto& k : keys) by_key[k].push_back(out.size());
        }
        inputs.push_back({input_of[i]});
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

BuildResult build(const std::vector<std::string>& sources, const BuildOptions& options,
                  const std::function<void(const std::string&)>& status) {
    BuildResult result;
    Context ctx{options, result, {}, {}, {}, {}, 0, {}};
    for (const auto& c : options.countries) ctx.countries.insert(upper(c));
    for (const auto& c : options.feature_classes) ctx.classes.insert(upper(c));
    wanted_scripts = 0;
    for (const auto& script : options.name_scripts) {
        if (lower(script) == "latin") wanted_scripts |= kLatin;
        else if (lower(script) == "arabic") wanted_scripts |= kArabic;
        else throw UsageError("--name-scripts", fmt::format("unknown script \"{}\" (latin, arabic)", script));
    }
    std::vector<std::string> alternate_files;
    for (const std::string& path : sources) {
        if (status) status(fmt::format("reading {}", path));
        SourceStats stats;
        stats.path = path;
        const std::string stem = fs::path(path).stem().string();
        stats.source = options.source_name.empty() ? stem : options.source_name;
        if (path == "embedded") {
            stats.kind = "toponym";
            stats.source = "embedded";
            import_gazetteer(ctx, Gazetteer::embedded(), stats);
            result.sources.push_back(std::move(stats));
            ++ctx.input;
            continue;
        }
        if (!fs::is_regular_file(path) && !fs::is_directory(path)) throw DataError(path, "no such file");
        const std::string line = fs::is_regular_file(path) ? first_line(path) : std::string();
        const std::string ext = lower(fs::path(path).extension().string());
        if (line.rfind(compiled::kMagic, 0) == 0 || line == "# toponym-gazetteer 1") {
            stats.kind = "toponym";
            import_gazetteer(ctx, Gazetteer::load_file(path), stats);
        } else if (looks_like_alternate_names(path, line)) {
            alternate_files.push_back(path);  // joined once every GeoNames file is in
            continue;
        } else if ((ext == ".txt" || ext == ".tsv") && looks_like_geonames(line)) {
            stats.kind = "geonames";
            if (options.source_name.empty()) stats.source = "geonames-" + stem;
            import_geonames(ctx, path, stats);
        } else if (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
            stats.kind = options.cluster ? "table (clustered)" : "table";
            import_table(ctx, path, stats);
        } else {
            import_ogr(ctx, path, result.sources, stem);
            continue;
        }
        result.sources.push_back(std::move(stats));
        ++ctx.input;
    }
    for (const std::string& path : alternate_files) {
        if (status) status(fmt::format("joining {}", path));
        SourceStats stats;
        stats.path = path;
        stats.kind = "alternate-names";
        stats.source = fs::path(path).stem().string();
        import_alternate_names(ctx, path, stats);
        result.sources.push_back(std::move(stats));
    }
    if (status) status("merging duplicates");
    result.places = merge(std::move(result.places), ctx.input_of, options.merge_km, result.merged);
    return result;
}

std::string to_tsv(const std::vector<Place>& places, const std::string& comment) {
    auto clean = [](std::string v) {
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r' || c == '|'; }, ' ');
        return v;
    };
    auto no_tabs = [](std::string v) {  // source lists keep their '|'
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
        return v;
    };
    std::string out = "# toponym-gazetteer 1\n# " + clean(comment) + "\n";
    out += "id\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_pcode\tpopulation\tradius_m\t"
           "alternate_names\tsource\tsource_id\tconfidence\n";
    for (const Place& p : places) {
        std::string alts;
        for (const auto& a : p.alternate_names) alts += (alts.empty() ? "" : "|") + clean(a);
        out += fmt::format("{}\t{}\t{:.6f}\t{:.6f}\t{}\t{}\t{}\t{}\t{}\t{:g}\t{}\t{}\t{}\t{:g}\n", clean(p.id), clean(p.name), p.lat, p.lon,
                           clean(p.feature_class), clean(p.feature_code), clean(p.country_code), clean(p.admin1_pcode),
                           p.population ? std::to_string(p.population) : std::string(), p.radius_m, alts,
                           // the source list of a merged place keeps its '|' separators
                           p.source, no_tabs(p.source_id), p.confidence);
    }
    return out;
}

}  // namespace toponym::gazetteer_build
