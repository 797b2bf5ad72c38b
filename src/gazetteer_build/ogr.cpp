// OGR layers as sources: GeoPackage, shapefile, GeoJSON, OSM, ... (every layer with a name
// field, or those of --layer), each layer an input of its own.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <regex>

#include "core/fields.hpp"
#include "gazetteer_build/importer.hpp"
#include "store/gdal_util.hpp"

namespace toponym::gazetteer_build {

namespace {

// Anything not taken by an importer before it: GDAL says whether it can read it.
bool accepts_ogr(const std::string&, const std::string&, const BuildOptions&) { return true; }

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

// ---- Layers --------------------------------------------------------------------------------

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

void import_ogr(Context& ctx, const std::string& path) {
    const std::string stem = file_stem(path);
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
        // One-layer files (GeoJSON, shapefile) name their layer after the file: say it once.
        SourceStats stats = ctx.start(path, "ogr", layer_name == stem ? stem : stem + "/" + layer_name);
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
        if (stats.rows > 0) ctx.finish(std::move(stats));  // OSM files have empty layers
        else ++ctx.input;
    }
    if (!any_layer) {
        throw DataError(path, "no layer with a name field (name, name_en, NAME, ADMn_EN ...; choose with --name-field/--layer)");
    }
}

}  // namespace

extern const Importer ogr_importer{"ogr", accepts_ogr, import_ogr};

}  // namespace toponym::gazetteer_build
