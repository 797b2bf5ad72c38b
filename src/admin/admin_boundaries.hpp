// Admin boundaries at up to three levels (governorate, district, sub-district) and the rules
// that give every point its areas.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"

namespace toponym::admin {

// Clears the levels of `out` finer than the admin area `place` is (a governorate keeps admin1
// only, a district admin1-2); a place that is not an admin area keeps every level.
void keep_levels_of(const Place& place, AdminAssignment& out);

class AdminBoundaries {
public:
    // The embedded governorates (Natural Earth, coarse: 10–82 vertices each).
    static AdminBoundaries embedded();

    // Boundaries from `--admin` values, each FILE or FILE:LAYER. A FILE without a layer that has
    // layers named admin1/admin2/admin3 (OCHA COD-AB) gives all three; otherwise the level of a
    // layer comes from its name (admin1, adm2, ...) or its fields (ADMn_PCODE, parent codes).
    // Levels not given keep the embedded governorates for admin1. Throws DataError/UsageError.
    static AdminBoundaries from_specs(const std::vector<std::string>& specs);

    AdminBoundaries(AdminBoundaries&&) noexcept = default;

    const AdminIndex& admin1() const { return *levels_[0]; }
    const AdminIndex* level(int n) const { return levels_[n - 1] ? &*levels_[n - 1] : nullptr; }
    // True when admin1 comes from the user's (fine) boundaries rather than the embedded ones.
    bool fine_admin1() const { return fine_admin1_; }

    // Areas of a gazetteer place. With the coarse embedded polygons, a place's own admin1 code
    // decides (border and coastal towns fall outside them); with fine user polygons, the polygon
    // decides and the place's code is the fallback off the coast. admin2/admin3 from polygons,
    // kept only when consistent with the admin1 chosen, and only as fine as the place: a
    // governorate gets no district or sub-district (its centroid lies in one, but naming the
    // governorate says nothing about which), a district no sub-district (keep_levels_of).
    AdminAssignment assign(const Place& place) const;

    // Areas of a bare point (polygons, then the nearest polygon within about 10 km).
    AdminAssignment assign_point(double lat, double lon) const;

private:
    AdminBoundaries() = default;
    void fill_lower_levels(double lat, double lon, AdminAssignment& out) const;
    std::optional<AdminIndex> levels_[3];
    bool fine_admin1_ = false;
};

}  // namespace toponym::admin
