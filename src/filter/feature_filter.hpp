// Filtering points by governorate, district, polygon, bounding box, dates, event type and
// confidence: one compiled filter used by `toponym filter` on any layer and by `toponym map`.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/types.hpp"

namespace toponym::filter {

struct FilterSpec {
    std::vector<std::string> admin1_pcodes;  // resolved from --governorate
    std::vector<std::string> admin2_pcodes;  // resolved from --district
    std::string within_path;                 // --within: polygons (any OGR source)
    std::optional<std::array<double, 4>> bbox;  // min_lon, min_lat, max_lon, max_lat
    std::optional<Date> from;                // inclusive
    std::optional<Date> to;                  // inclusive
    std::vector<std::string> types;          // event types
    std::optional<double> min_confidence;

    bool needs_admin() const { return !admin1_pcodes.empty() || !admin2_pcodes.empty(); }
    bool needs_date() const { return from || to; }
    bool empty() const {
        return !needs_admin() && within_path.empty() && !bbox && !needs_date() && types.empty() && !min_confidence;
    }
};

// What a filter looks at in one feature. Unknown admin codes are computed from the point.
struct FeatureFacts {
    std::optional<double> lat;
    std::optional<double> lon;
    std::optional<std::string> admin1_pcode;  // as recorded in the feature (toponym's own outputs)
    std::optional<std::string> admin2_pcode;
    std::optional<Date> date;
    std::optional<std::string> type;
    std::optional<double> confidence;
};

// Parses "min_lon,min_lat,max_lon,max_lat"; throws UsageError naming `option`.
std::array<double, 4> parse_bbox(const std::string& value, const std::string& option);

class FeatureFilter {
public:
    // Loads the --within polygons (reprojected to WGS 84 when they carry another CRS).
    FeatureFilter(FilterSpec spec, const admin::AdminBoundaries& boundaries);
    ~FeatureFilter();
    FeatureFilter(FeatureFilter&&) noexcept;

    const FilterSpec& spec() const { return spec_; }

    // True if the feature passes every criterion. A feature without a point fails spatial
    // criteria; one without a date fails a date range; one without a type fails --type.
    bool matches(const FeatureFacts& facts) const;

private:
    bool inside_within(double lat, double lon) const;
    FilterSpec spec_;
    const admin::AdminBoundaries& boundaries_;
    struct Within;
    std::unique_ptr<Within> within_;
};

}  // namespace toponym::filter
