// Governorate (admin1) lookup for points: GEOS prepared polygons in an STRtree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/geos_context.hpp"
#include "core/types.hpp"

namespace toponym::admin {

struct AdminArea {
    std::string pcode;    // OCHA pcode, e.g. SY07
    std::string name_en;  // OCHA English name, e.g. Idleb
    std::string name_ar;
    std::string adm1_pcode;  // parent governorate (admin2/admin3 areas), else empty
    std::string adm2_pcode;  // parent district (admin3 areas), else empty
    std::vector<unsigned char> wkb;  // the polygon, ISO WKB (x = lon, y = lat)
};

class AdminIndex {
public:
    // Reads the polygons of the first layer of any OGR source (GeoJSON text for the embedded
    // boundaries). Features need a pcode field (`pcode`, or `ADMn_PCODE` as in OCHA's HDX
    // files) and an English name (`name_en`, `ADMn_EN`, `name`); `name_ar`/`ADMn_AR` and the
    // parent codes `adm1_pcode`, `adm2_pcode` are read when present. `origin` names it in errors.
    static AdminIndex from_ogr(const std::string& ogr_path, const std::string& origin);
    // The same for a named layer ("" = the first).
    static AdminIndex from_ogr_layer(const std::string& ogr_path, const std::string& layer, const std::string& origin);
    static AdminIndex from_geojson_text(std::string_view geojson, const std::string& origin);

    // The embedded governorate boundaries (Natural Earth admin1 with OCHA pcodes).
    static const AdminIndex& embedded();

    AdminIndex(AdminIndex&&) noexcept;
    ~AdminIndex();

    const std::vector<AdminArea>& areas() const { return areas_; }
    const AdminArea* find_pcode(std::string_view pcode) const;

    // Queries may run from several threads at once: each thread gets its own GEOS context and
    // copies of the geometries on first use (GEOS prepared geometries and STRtrees build their
    // internal indexes lazily, so they cannot be shared).

    // Index of the area containing the point (boundary counts as inside), if any.
    std::optional<std::size_t> locate(double lat, double lon) const;

    // Index of the nearest area within `max_distance_deg` (for points just off a coarse coast
    // or border line), if any.
    std::optional<std::size_t> nearest_within(double lat, double lon, double max_distance_deg) const;

    // Governorate of a gazetteer place: its own admin code when it has one (the coarse polygons
    // misplace border and coastal towns), else point-in-polygon, else the nearest polygon
    // within about 10 km. Places outside Syria get none.
    AdminAssignment assign(const Place& place) const;

    // Governorate of a bare point (polygon, then nearest within about 10 km).
    AdminAssignment assign_point(double lat, double lon) const;

private:
    AdminIndex();
    struct Impl;    // one thread's GEOS objects
    struct Shared;  // the per-thread copies and the index's identity
    // This thread's GEOS objects, built on its first query.
    const Impl& local() const;
    std::unique_ptr<Shared> shared_;
    std::vector<AdminArea> areas_;
};

}  // namespace toponym::admin
