// Distances on the WGS 84 ellipsoid (PROJ geodesic) and a fast great-circle approximation.
#pragma once

namespace toponym::geo {

// Geodesic distance in metres between two points given as latitude, longitude in degrees.
double geodesic_distance_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

// The point `distance_m` from (lat, lon) along the geodesic starting at `azimuth_deg`
// (clockwise from north), on the WGS 84 ellipsoid (PROJ geod_direct).
struct LatLon {
    double lat = 0.0;
    double lon = 0.0;
};
LatLon geodesic_destination(double lat_deg, double lon_deg, double azimuth_deg, double distance_m);

// Great-circle (haversine, mean Earth radius) distance in kilometres: for scoring, where
// 0.5 % error does not matter and speed does.
double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

// Bearing in degrees (clockwise from north, -180..180) from (lat0, lon0) to (lat, lon) on a local
// equirectangular plane at lat0: for which side of a town or governorate a place lies, within a
// few hundred kilometres, where a few per cent do not matter.
double local_bearing_deg(double lat0_deg, double lon0_deg, double lat_deg, double lon_deg);

}  // namespace toponym::geo
