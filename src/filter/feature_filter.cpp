// The compiled feature filter.
#include "filter/feature_filter.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "admin/geos_context.hpp"
#include "store/gdal_util.hpp"

namespace toponym::filter {

struct FeatureFilter::Within {
    admin::GeosContext ctx;
    admin::GeometryPtr geometry{nullptr, admin::GeometryDeleter{nullptr}};
    admin::PreparedPtr prepared{nullptr, admin::PreparedDeleter{nullptr}};
};

std::array<double, 4> parse_bbox(const std::string& value, const std::string& option) {
    std::array<double, 4> out{};
    std::size_t start = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t comma = i < 3 ? value.find(',', start) : value.size();
        if (comma == std::string::npos) throw UsageError(option, "expects min_lon,min_lat,max_lon,max_lat");
        std::string part = value.substr(start, comma - start);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out[i]);
        // from_chars takes "nan" and "inf": neither is a coordinate (NaN would pass every check below).
        if (ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(out[i])) {
            throw UsageError(option, fmt::format("\"{}\" is not a number (expects min_lon,min_lat,max_lon,max_lat)", part));
        }
        start = comma + 1;
    }
    if (out[0] > out[2] || out[1] > out[3] || out[1] < -90 || out[3] > 90 || out[0] < -180 || out[2] > 180) {
        throw UsageError(option, "expects min_lon,min_lat,max_lon,max_lat with min <= max, in degrees");
    }
    return out;
}

FeatureFilter::FeatureFilter(FilterSpec spec, const admin::AdminBoundaries& boundaries)
    : spec_(std::move(spec)), boundaries_(boundaries) {
    if (spec_.within_path.empty()) return;
    io::ensure_gdal_registered();
    io::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(spec_.within_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw UsageError(spec_.within_path, fmt::format("cannot open --within polygons: {}", quiet.last_message()));
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRGeometryCollection polygons;
    for (OGRLayer* layer : ds->GetLayers()) {
        for (auto& feature : *layer) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g) continue;
            const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
            if (type != wkbPolygon && type != wkbMultiPolygon) continue;
            std::unique_ptr<OGRGeometry> copy(g->clone());
            if (layer->GetSpatialRef() && !layer->GetSpatialRef()->IsSame(&wgs84)) {
                copy->assignSpatialReference(layer->GetSpatialRef());
                if (copy->transformTo(&wgs84) != OGRERR_NONE) {
                    throw DataError(spec_.within_path, "cannot reproject the --within polygons to WGS 84");
                }
            }
            polygons.addGeometryDirectly(copy.release());
        }
    }
    if (polygons.IsEmpty()) throw UsageError(spec_.within_path, "has no polygons for --within");
    within_ = std::make_unique<Within>();
    GEOSContextHandle_t h = within_->ctx.handle();
    std::vector<unsigned char> wkb(static_cast<std::size_t>(polygons.WkbSize()));
    polygons.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    GEOSGeometry* g = GEOSGeomFromWKB_buf_r(h, wkb.data(), wkb.size());
    if (!g) throw DataError(spec_.within_path, "GEOS cannot read the --within polygons: " + within_->ctx.last_error());
    within_->geometry = admin::GeometryPtr(g, admin::GeometryDeleter{h});
    within_->prepared = admin::PreparedPtr(GEOSPrepare_r(h, g), admin::PreparedDeleter{h});
}

FeatureFilter::~FeatureFilter() = default;
FeatureFilter::FeatureFilter(FeatureFilter&&) noexcept = default;

bool FeatureFilter::inside_within(double lat, double lon) const {
    GEOSContextHandle_t h = within_->ctx.handle();
    admin::GeometryPtr point(GEOSGeom_createPointFromXY_r(h, lon, lat), admin::GeometryDeleter{h});
    const char r = GEOSPreparedIntersects_r(h, within_->prepared.get(), point.get());
    if (r == 2) throw std::runtime_error("GEOS: --within test failed: " + within_->ctx.last_error());
    return r == 1;
}

bool FeatureFilter::matches(const FeatureFacts& f) const {
    const bool has_point = f.lat && f.lon;
    if (spec_.bbox) {
        if (!has_point) return false;
        const auto& b = *spec_.bbox;
        if (*f.lon < b[0] || *f.lat < b[1] || *f.lon > b[2] || *f.lat > b[3]) return false;
    }
    if (!spec_.types.empty()) {
        if (!f.type || std::find(spec_.types.begin(), spec_.types.end(), *f.type) == spec_.types.end()) return false;
    }
    if (spec_.min_confidence && (!f.confidence || *f.confidence < *spec_.min_confidence)) return false;
    if (spec_.needs_date()) {
        if (!f.date) return false;
        if (spec_.from && *f.date < *spec_.from) return false;
        if (spec_.to && *f.date > *spec_.to) return false;
    }
    if (spec_.needs_admin()) {
        std::optional<std::string> a1 = f.admin1_pcode;
        std::optional<std::string> a2 = f.admin2_pcode;
        if ((!spec_.admin1_pcodes.empty() && !a1) || (!spec_.admin2_pcodes.empty() && !a2)) {
            if (!has_point) return false;
            const AdminAssignment assigned = boundaries_.assign_point(*f.lat, *f.lon);
            if (!a1) a1 = assigned.admin1_pcode;
            if (!a2) a2 = assigned.admin2_pcode;
        }
        auto in = [](const std::vector<std::string>& set, const std::optional<std::string>& v) {
            return set.empty() || (v && std::find(set.begin(), set.end(), *v) != set.end());
        };
        if (!in(spec_.admin1_pcodes, a1) || !in(spec_.admin2_pcodes, a2)) return false;
    }
    if (within_) {
        if (!has_point || !inside_within(*f.lat, *f.lon)) return false;
    }
    return true;
}

}  // namespace toponym::filter
