// Admin polygons read with GDAL/OGR, tested with GEOS prepared geometries found through an STRtree.
#include "admin/admin_index.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "gazetteer/embedded.hpp"
#include "io/gdal_util.hpp"

namespace toponym::admin {

namespace {
constexpr double kNearestToleranceDeg = 0.1;  // about 10 km: coarse coastlines and borders
}

struct AdminIndex::Impl {
    GeosContext ctx;
    std::vector<GeometryPtr> geometries;
    std::vector<PreparedPtr> prepared;
    StrTreePtr tree{nullptr, StrTreeDeleter{nullptr}};
    std::vector<std::size_t> ids;  // stable storage for the STRtree item pointers

    GeometryPtr make_point(double lat, double lon) const {
        GEOSGeometry* g = GEOSGeom_createPointFromXY_r(ctx.handle(), lon, lat);
        if (!g) throw std::runtime_error("GEOS: cannot create a point: " + ctx.last_error());
        return GeometryPtr(g, GeometryDeleter{ctx.handle()});
    }
};

AdminIndex::AdminIndex() : impl_(std::make_unique<Impl>()) {}
AdminIndex::AdminIndex(AdminIndex&&) noexcept = default;
AdminIndex::~AdminIndex() = default;

AdminIndex AdminIndex::from_ogr(const std::string& ogr_path, const std::string& origin) {
    return from_ogr_layer(ogr_path, "", origin);
}

namespace {

// Index of the first field of `defn` named (case-insensitively) like one of `names`, or -1.
int find_field(const OGRFeatureDefn* defn, std::initializer_list<std::string> names) {
    for (const std::string& name : names) {
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (EQUAL(defn->GetFieldDefn(i)->GetNameRef(), name.c_str())) return i;
        }
    }
    return -1;
}

// The highest admin level n for which the layer has ADMn_PCODE (OCHA HDX naming), or 0.
int hdx_level(const OGRFeatureDefn* defn) {
    for (int n = 4; n >= 1; --n) {
        if (find_field(defn, {fmt::format("adm{}_pcode", n)}) >= 0 && find_field(defn, {fmt::format("adm{}_en", n)}) >= 0) return n;
    }
    return 0;
}

}  // namespace

AdminIndex AdminIndex::from_ogr_layer(const std::string& ogr_path, const std::string& layer_name, const std::string& origin) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(ogr_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw DataError(origin, fmt::format("cannot open admin boundaries: {}", quiet.last_message()));
    OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
    if (!layer) {
        throw DataError(origin, layer_name.empty() ? std::string("admin boundaries have no layer")
                                                   : fmt::format("no layer \"{}\"", layer_name));
    }
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int level = hdx_level(defn);
    const std::string hdx = level > 0 ? fmt::format("adm{}_", level) : std::string("none_");
    const int f_pcode = find_field(defn, {"pcode", hdx + "pcode"});
    const int f_name = find_field(defn, {"name_en", hdx + "en", "name"});
    const int f_name_ar = find_field(defn, {"name_ar", hdx + "ar"});
    const int f_adm1 = level == 1 ? -1 : find_field(defn, {"adm1_pcode"});
    const int f_adm2 = level == 2 ? -1 : find_field(defn, {"adm2_pcode"});
    if (f_pcode < 0 || f_name < 0) {
        throw DataError(origin, "admin boundaries need a pcode field (pcode or ADMn_PCODE) and a name field (name_en, ADMn_EN or name)");
    }
    if (layer->GetSpatialRef() && !layer->GetSpatialRef()->IsGeographic()) {
        throw DataError(origin, "admin boundaries must be in geographic coordinates (WGS 84); reproject them, e.g. ogr2ogr -t_srs EPSG:4326");
    }

    AdminIndex index;
    Impl& impl = *index.impl_;
    GEOSContextHandle_t h = impl.ctx.handle();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
    std::unique_ptr<GEOSWKBReader, std::function<void(GEOSWKBReader*)>> reader_guard(
        reader, [h](GEOSWKBReader* r) { GEOSWKBReader_destroy_r(h, r); });
    for (auto& feature : *layer) {
        const OGRGeometry* geom = feature->GetGeometryRef();
        if (!geom) continue;
        std::vector<unsigned char> wkb(static_cast<std::size_t>(geom->WkbSize()));
        geom->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, wkb.data(), wkb.size());
        if (!g) {
            throw DataError(origin, fmt::format("feature {}: geometry GEOS cannot read: {}", feature->GetFID(),
                                                impl.ctx.last_error()));
        }
        impl.geometries.emplace_back(g, GeometryDeleter{h});
        const GEOSPreparedGeometry* prep = GEOSPrepare_r(h, g);
        if (!prep) throw DataError(origin, "cannot prepare geometry: " + impl.ctx.last_error());
        impl.prepared.emplace_back(prep, PreparedDeleter{h});
        AdminArea area;
        area.pcode = feature->GetFieldAsString(f_pcode);
        area.name_en = feature->GetFieldAsString(f_name);
        if (f_name_ar >= 0) area.name_ar = feature->GetFieldAsString(f_name_ar);
        if (f_adm1 >= 0) area.adm1_pcode = feature->GetFieldAsString(f_adm1);
        if (f_adm2 >= 0) area.adm2_pcode = feature->GetFieldAsString(f_adm2);
        area.wkb = std::move(wkb);
        index.areas_.push_back(std::move(area));
    }
    if (index.areas_.empty()) throw DataError(origin, "admin boundaries have no polygons");
    impl.tree = StrTreePtr(GEOSSTRtree_create_r(h, 10), StrTreeDeleter{h});
    impl.ids.resize(index.areas_.size());
    for (std::size_t i = 0; i < impl.ids.size(); ++i) {
        impl.ids[i] = i;
        GEOSSTRtree_insert_r(h, impl.tree.get(), impl.geometries[i].get(), &impl.ids[i]);
    }
    return index;
}

AdminIndex AdminIndex::from_geojson_text(std::string_view geojson, const std::string& origin) {
    io::MemoryFile file("admin1.geojson", geojson);
    return from_ogr(file.path(), origin);
}

const AdminIndex& AdminIndex::embedded() {
    static const AdminIndex index = from_geojson_text(embedded::admin1_geojson(), "embedded admin1 boundaries");
    return index;
}

const AdminArea* AdminIndex::find_pcode(std::string_view pcode) const {
    for (const AdminArea& a : areas_) {
        if (a.pcode == pcode) return &a;
    }
    return nullptr;
}

std::optional<std::size_t> AdminIndex::locate(double lat, double lon) const {
    const Impl& impl = *impl_;
    GEOSContextHandle_t h = impl.ctx.handle();
    GeometryPtr point = impl.make_point(lat, lon);
    struct Query {
        const Impl* impl;
        const GEOSGeometry* point;
        std::optional<std::size_t> found;
        bool error = false;
    } q{&impl, point.get(), std::nullopt};
    GEOSSTRtree_query_r(
        h, impl.tree.get(), point.get(),
        [](void* item, void* data) {
            auto* query = static_cast<Query*>(data);
            if (query->found) return;
            const std::size_t i = *static_cast<std::size_t*>(item);
            // GEOS predicates return 2 on error, not false.
            const char r = GEOSPreparedIntersects_r(query->impl->ctx.handle(), query->impl->prepared[i].get(), query->point);
            if (r == 2) query->error = true;
            else if (r == 1) query->found = i;
        },
        &q);
    if (q.error) throw std::runtime_error("GEOS: point-in-polygon failed: " + impl.ctx.last_error());
    return q.found;
}

std::optional<std::size_t> AdminIndex::nearest_within(double lat, double lon, double max_distance_deg) const {
    const Impl& impl = *impl_;
    GEOSContextHandle_t h = impl.ctx.handle();
    GeometryPtr point = impl.make_point(lat, lon);
    // Only areas whose envelope comes within the tolerance are measured.
    GeometryPtr box(GEOSGeom_createRectangle_r(h, lon - max_distance_deg, lat - max_distance_deg, lon + max_distance_deg,
                                               lat + max_distance_deg),
                    GeometryDeleter{h});
    if (!box) throw std::runtime_error("GEOS: cannot create a rectangle: " + impl.ctx.last_error());
    std::vector<std::size_t> candidates;
    GEOSSTRtree_query_r(
        h, impl.tree.get(), box.get(),
        [](void* item, void* data) { static_cast<std::vector<std::size_t>*>(data)->push_back(*static_cast<std::size_t*>(item)); },
        &candidates);
    std::sort(candidates.begin(), candidates.end());  // the tree's order is not the input order
    std::optional<std::size_t> best;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::size_t i : candidates) {
        double d = 0.0;
        if (GEOSPreparedDistance_r(h, impl.prepared[i].get(), point.get(), &d) != 1) {
            throw std::runtime_error("GEOS: distance failed: " + impl.ctx.last_error());
        }
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    if (best && best_d <= max_distance_deg) return best;
    return std::nullopt;
}

AdminAssignment AdminIndex::assign_point(double lat, double lon) const {
    AdminAssignment out;
    std::optional<std::size_t> i = locate(lat, lon);
    out.method = AdminMethod::Polygon;
    if (!i) {
        i = nearest_within(lat, lon, kNearestToleranceDeg);
        out.method = AdminMethod::NearestPolygon;
    }
    if (!i) return AdminAssignment{};
    out.admin1 = areas_[*i].name_en;
    out.admin1_pcode = areas_[*i].pcode;
    return out;
}

AdminAssignment AdminIndex::assign(const Place& place) const {
    if (!place.admin1_pcode.empty()) {
        if (const AdminArea* a = find_pcode(place.admin1_pcode)) {
            AdminAssignment out;
            out.admin1 = a->name_en;
            out.admin1_pcode = a->pcode;
            out.method = AdminMethod::Gazetteer;
            return out;
        }
    }
    if (!place.country_code.empty() && place.country_code != "SY") return AdminAssignment{};
    if (place.is_country()) return AdminAssignment{};
    return assign_point(place.lat, place.lon);
}

}  // namespace toponym::admin
