// Geodesic distances with PROJ's geodesic library; haversine via Boost.Geometry.
#include "geo/geodesy.hpp"

#include <cmath>
#include <numbers>

#include <geodesic.h>

#include <boost/geometry.hpp>

namespace toponym::geo {

namespace {
const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, 6378137.0, 1.0 / 298.257223563);
        return init;
    }();
    return g;
}
}  // namespace

double geodesic_distance_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
    double s12 = 0.0;
    geod_inverse(&wgs84(), lat1_deg, lon1_deg, lat2_deg, lon2_deg, &s12, nullptr, nullptr);
    return s12;
}

LatLon geodesic_destination(double lat_deg, double lon_deg, double azimuth_deg, double distance_m) {
    LatLon out;
    geod_direct(&wgs84(), lat_deg, lon_deg, azimuth_deg, distance_m, &out.lat, &out.lon, nullptr);
    return out;
}

double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
    namespace bg = boost::geometry;
    using Point = bg::model::point<double, 2, bg::cs::spherical_equatorial<bg::degree>>;
    constexpr double kEarthRadiusKm = 6371.0088;
    return bg::distance(Point(lon1_deg, lat1_deg), Point(lon2_deg, lat2_deg),
                        bg::strategy::distance::haversine<double>(kEarthRadiusKm));
}

double local_bearing_deg(double lat0_deg, double lon0_deg, double lat_deg, double lon_deg) {
    const double dx = (lon_deg - lon0_deg) * std::cos(lat0_deg * std::numbers::pi / 180.0);
    return std::atan2(dx, lat_deg - lat0_deg) * 180.0 / std::numbers::pi;
}

}  // namespace toponym::geo
