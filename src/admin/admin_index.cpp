// Admin polygons read with GDAL/OGR, tested with GEOS prepared geometries found through an STRtree.
#include "admin/admin_index.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <atomic>
#include <cstring>
#include <nlohmann/json.hpp>

#include "gazetteer/embedded.hpp"
#include "store/gdal_util.hpp"

namespace toponym::admin {

namespace {
constexpr double kNearestToleranceDeg = 0.1;  // about 10 km: coarse coastlines and borders
}

// One thread's GEOS objects for the index: its own context, geometries, prepared geometries and
// STRtree, built from the areas' WKB.
struct AdminIndex::Impl {
    GeosContext ctx;
    std::vector<GeometryPtr> geometries;
    std::vector<PreparedPtr> prepared;
    StrTreePtr tree{nullptr, StrTreeDeleter{nullptr}};
    std::vector<std::size_t> ids;  // stable storage for the STRtree item pointers

    // Throws DataError naming `origin` and the area (by `labels`) GEOS cannot read.
    Impl(const std::vector<AdminArea>& areas, const std::string& origin, const std::vector<std::string>& labels) {
        GEOSContextHandle_t h = ctx.handle();
        GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
        std::unique_ptr<GEOSWKBReader, std::function<void(GEOSWKBReader*)>> reader_guard(
            reader, [h](GEOSWKBReader* r) { GEOSWKBReader_destroy_r(h, r); });
        for (std::size_t i = 0; i < areas.size(); ++i) {
            const std::string label = i < labels.size() ? labels[i] : areas[i].pcode;
            GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, areas[i].wkb.data(), areas[i].wkb.size());
            if (!g) throw DataError(origin, fmt::format("{}: geometry GEOS cannot read: {}", label, ctx.last_error()));
            geometries.emplace_back(g, GeometryDeleter{h});
            const GEOSPreparedGeometry* prep = GEOSPrepare_r(h, g);
            if (!prep) throw DataError(origin, fmt::format("{}: cannot prepare geometry: {}", label, ctx.last_error()));
            prepared.emplace_back(prep, PreparedDeleter{h});
        }
        tree = StrTreePtr(GEOSSTRtree_create_r(h, 10), StrTreeDeleter{h});
        ids.resize(areas.size());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            ids[i] = i;
            GEOSSTRtree_insert_r(h, tree.get(), geometries[i].get(), &ids[i]);
        }
    }

    GeometryPtr make_point(double lat, double lon) const {
        GEOSGeometry* g = GEOSGeom_createPointFromXY_r(ctx.handle(), lon, lat);
        if (!g) throw std::runtime_error("GEOS: cannot create a point: " + ctx.last_error());
        return GeometryPtr(g, GeometryDeleter{ctx.handle()});
    }
};

// The copies of every thread that queried the index. `id` is never reused, so a thread's
// cache entry of a destroyed index can never be taken for a new one at the same address.
struct AdminIndex::Shared {
    std::uint64_t id = next_id();
    std::mutex mutex;  // taken only on a thread's first query of this index
    std::unordered_map<std::thread::id, std::unique_ptr<Impl>> per_thread;

    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> counter{0};
        return ++counter;
    }
};

AdminIndex::AdminIndex() : shared_(std::make_unique<Shared>()) {}
AdminIndex::AdminIndex(AdminIndex&&) noexcept = default;
AdminIndex::~AdminIndex() = default;

const AdminIndex::Impl& AdminIndex::local() const {
    // Hot path without a lock: this thread's copy, remembered per index id.
    thread_local std::unordered_map<std::uint64_t, const Impl*> cache;
    if (const auto it = cache.find(shared_->id); it != cache.end()) return *it->second;
    std::lock_guard lock(shared_->mutex);
    // A finished thread's copy may be taken over by a new thread with the same id: the old one
    // no longer uses it.
    std::unique_ptr<Impl>& copy = shared_->per_thread[std::this_thread::get_id()];
    if (!copy) copy = std::make_unique<Impl>(areas_, "admin boundaries", std::vector<std::string>{});
    cache[shared_->id] = copy.get();
    return *copy;
}

AdminIndex AdminIndex::from_ogr(const std::string& ogr_path, const std::string& origin) {
    return from_ogr_layer(ogr_path, "", origin);
}

namespace {

// Index of the first of `fields` named (case-insensitively) like one of `names`, or -1.
int find_field(const std::vector<std::string>& fields, std::initializer_list<std::string> names) {
    for (const std::string& name : names) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (EQUAL(fields[i].c_str(), name.c_str())) return static_cast<int>(i);
        }
    }
    return -1;
}

// The highest admin level n for which the layer has ADMn_PCODE (OCHA HDX naming), or 0.
int hdx_level(const std::vector<std::string>& fields) {
    for (int n = 4; n >= 1; --n) {
        if (find_field(fields, {fmt::format("adm{}_pcode", n)}) >= 0 && find_field(fields, {fmt::format("adm{}_en", n)}) >= 0) return n;
    }
    return 0;
}

// Which of a layer's fields hold what an area needs (-1: none).
struct FieldPlan {
    int pcode, name, name_ar, adm1, adm2;
};

FieldPlan plan_fields(const std::vector<std::string>& fields, const std::string& origin) {
    const int level = hdx_level(fields);
    const std::string hdx = level > 0 ? fmt::format("adm{}_", level) : std::string("none_");
    FieldPlan plan{find_field(fields, {"pcode", hdx + "pcode"}), find_field(fields, {"name_en", hdx + "en", "name"}),
                   find_field(fields, {"name_ar", hdx + "ar"}), level == 1 ? -1 : find_field(fields, {"adm1_pcode"}),
                   level == 2 ? -1 : find_field(fields, {"adm2_pcode"})};
    if (plan.pcode < 0 || plan.name < 0) {
        throw DataError(origin, "admin boundaries need a pcode field (pcode or ADMn_PCODE) and a name field (name_en, ADMn_EN or name)");
    }
    return plan;
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
    std::vector<std::string> fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    const FieldPlan plan = plan_fields(fields, origin);
    if (layer->GetSpatialRef() && !layer->GetSpatialRef()->IsGeographic()) {
        throw DataError(origin, "admin boundaries must be in geographic coordinates (WGS 84); reproject them, e.g. ogr2ogr -t_srs EPSG:4326");
    }

    AdminIndex index;
    std::vector<std::string> labels;  // "feature FID", for errors
    for (auto& feature : *layer) {
        const OGRGeometry* geom = feature->GetGeometryRef();
        if (!geom) continue;
        std::vector<unsigned char> wkb(static_cast<std::size_t>(geom->WkbSize()));
        geom->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        AdminArea area;
        area.pcode = feature->GetFieldAsString(plan.pcode);
        area.name_en = feature->GetFieldAsString(plan.name);
        if (plan.name_ar >= 0) area.name_ar = feature->GetFieldAsString(plan.name_ar);
        if (plan.adm1 >= 0) area.adm1_pcode = feature->GetFieldAsString(plan.adm1);
        if (plan.adm2 >= 0) area.adm2_pcode = feature->GetFieldAsString(plan.adm2);
        area.wkb = std::move(wkb);
        index.areas_.push_back(std::move(area));
        labels.push_back(fmt::format("feature {}", feature->GetFID()));
    }
    if (index.areas_.empty()) throw DataError(origin, "admin boundaries have no polygons");
    // The loading thread's copy checks every geometry now, naming the feature GEOS rejects.
    index.shared_->per_thread[std::this_thread::get_id()] = std::make_unique<Impl>(index.areas_, origin, labels);
    return index;
}

namespace {

void put_u32(std::vector<unsigned char>& wkb, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) wkb.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

void put_double(std::vector<unsigned char>& wkb, double d) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) wkb.push_back(static_cast<unsigned char>(bits >> (8 * i)));
}

// A GeoJSON polygon's rings as the body of a little-endian WKB polygon.
void put_polygon(std::vector<unsigned char>& wkb, const nlohmann::json& rings) {
    wkb.push_back(1);
    put_u32(wkb, 3);  // Polygon
    put_u32(wkb, static_cast<std::uint32_t>(rings.size()));
    for (const nlohmann::json& ring : rings) {
        put_u32(wkb, static_cast<std::uint32_t>(ring.size()));
        for (const nlohmann::json& xy : ring) {
            put_double(wkb, xy.at(0).get<double>());
            put_double(wkb, xy.at(1).get<double>());
        }
    }
}

// A property as GDAL's GeoJSON reader gives it as a string ("" when absent or null).
std::string property_text(const nlohmann::json& properties, const std::string& key) {
    const auto it = properties.find(key);
    if (it == properties.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

// GeoJSON text of polygons read without GDAL: its GeoJSON reader gives every geometry a WGS 84
// spatial reference, and the first one opens PROJ's database (two thirds of the work, paid at
// every start-up for the embedded boundaries). The fields are found as from_ogr_layer finds
// them, among the properties of all features; the areas are the same, byte for byte, as
// from_ogr reads from the same text (unit test).
AdminIndex AdminIndex::from_geojson_text(std::string_view geojson, const std::string& origin) {
    AdminIndex index;
    std::vector<std::string> labels;
    try {
        const nlohmann::json doc = nlohmann::json::parse(geojson);
        const nlohmann::json& features = doc.at("features");
        std::vector<std::string> fields;
        for (const nlohmann::json& feature : features) {
            const auto props = feature.find("properties");
            if (props == feature.end() || !props->is_object()) continue;
            for (const auto& [key, value] : props->items()) {
                if (std::find(fields.begin(), fields.end(), key) == fields.end()) fields.push_back(key);
            }
        }
        const FieldPlan plan = plan_fields(fields, origin);
        const auto text = [&](const nlohmann::json& properties, int field) {
            return field < 0 || !properties.is_object() ? std::string() : property_text(properties, fields[static_cast<std::size_t>(field)]);
        };
        std::size_t n = 0;
        for (const nlohmann::json& feature : features) {
            const std::size_t fid = n++;
            const auto geometry_at = feature.find("geometry");
            if (geometry_at == feature.end() || geometry_at->is_null()) continue;
            const nlohmann::json& geometry = *geometry_at;
            const std::string type = geometry.at("type").get<std::string>();
            const nlohmann::json& coordinates = geometry.at("coordinates");
            AdminArea area;
            if (type == "Polygon") {
                put_polygon(area.wkb, coordinates);
            } else if (type == "MultiPolygon") {
                area.wkb.push_back(1);
                put_u32(area.wkb, 6);  // MultiPolygon
                put_u32(area.wkb, static_cast<std::uint32_t>(coordinates.size()));
                for (const nlohmann::json& polygon : coordinates) put_polygon(area.wkb, polygon);
            } else {
                throw DataError(origin, fmt::format("feature {}: a {} is not an admin area (Polygon or MultiPolygon)", fid, type));
            }
            const nlohmann::json& properties = feature.value("properties", nlohmann::json::object());
            area.pcode = text(properties, plan.pcode);
            area.name_en = text(properties, plan.name);
            area.name_ar = text(properties, plan.name_ar);
            area.adm1_pcode = text(properties, plan.adm1);
            area.adm2_pcode = text(properties, plan.adm2);
            index.areas_.push_back(std::move(area));
            labels.push_back(fmt::format("feature {}", fid));
        }
    } catch (const nlohmann::json::exception& e) {
        throw DataError(origin, fmt::format("not GeoJSON admin areas: {}", e.what()));
    }
    if (index.areas_.empty()) throw DataError(origin, "admin boundaries have no polygons");
    index.shared_->per_thread[std::this_thread::get_id()] = std::make_unique<Impl>(index.areas_, origin, labels);
    return index;
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
    const Impl& impl = local();
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
    const Impl& impl = local();
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
