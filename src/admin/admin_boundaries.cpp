// Multi-level admin assignment.
#include "admin/admin_boundaries.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>

#include "gazetteer/embedded.hpp"
#include "store/gdal_util.hpp"

namespace toponym::admin {

namespace {

constexpr double kNearestToleranceDeg = 0.1;  // about 10 km

// Level from a layer name: admin1, adm2, ADM3_..., level1.
int level_from_name(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (int n = 1; n <= 3; ++n) {
        for (const std::string& form : {fmt::format("admin{}", n), fmt::format("adm{}", n), fmt::format("level{}", n)}) {
            if (name.find(form) != std::string::npos) return n;
        }
    }
    return 0;
}

// Level from the areas read: parent codes tell admin2 (adm1 only) from admin3 (adm1 + adm2).
int level_from_areas(const AdminIndex& index) {
    const AdminArea& a = index.areas().front();
    if (!a.adm2_pcode.empty()) return 3;
    if (!a.adm1_pcode.empty()) return 2;
    return 1;
}

std::vector<std::string> layer_names(const std::string& path) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw DataError(path, fmt::format("cannot open admin boundaries: {}", quiet.last_message()));
    std::vector<std::string> names;
    for (OGRLayer* l : ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

void set_area(const AdminIndex& index, std::size_t i, int level, AdminAssignment& out) {
    const AdminArea& a = index.areas()[i];
    if (level == 1) {
        out.admin1 = a.name_en;
        out.admin1_pcode = a.pcode;
    } else if (level == 2) {
        out.admin2 = a.name_en;
        out.admin2_pcode = a.pcode;
    } else {
        out.admin3 = a.name_en;
        out.admin3_pcode = a.pcode;
    }
}

}  // namespace

AdminBoundaries AdminBoundaries::embedded() {
    AdminBoundaries b;
    b.levels_[0].emplace(AdminIndex::from_geojson_text(embedded::admin1_geojson(), "embedded admin1 boundaries"));
    return b;
}

AdminBoundaries AdminBoundaries::from_specs(const std::vector<std::string>& specs) {
    AdminBoundaries b;
    for (const std::string& spec : specs) {
        std::string path = spec;
        std::string layer;
        // FILE:LAYER, unless the whole value is an existing file (paths may contain ':').
        if (const auto colon = spec.rfind(':'); colon != std::string::npos && !std::filesystem::exists(spec)) {
            path = spec.substr(0, colon);
            layer = spec.substr(colon + 1);
        }
        if (!std::filesystem::exists(path)) throw UsageError(spec, "admin boundaries file does not exist");
        std::vector<std::string> layers;
        if (layer.empty()) {
            for (const std::string& name : layer_names(path)) {
                if (name == "admin1" || name == "admin2" || name == "admin3") layers.push_back(name);
            }
            if (layers.empty()) layers.push_back("");
        } else {
            layers.push_back(layer);
        }
        for (const std::string& l : layers) {
            AdminIndex index = AdminIndex::from_ogr_layer(path, l, l.empty() ? spec : path + ":" + l);
            int level = level_from_name(l);
            if (level == 0) level = level_from_areas(index);
            if (b.levels_[level - 1]) throw UsageError(spec, fmt::format("admin level {} given twice", level));
            b.levels_[level - 1].emplace(std::move(index));
            if (level == 1) b.fine_admin1_ = true;
        }
    }
    if (!b.levels_[0]) {
        b.levels_[0].emplace(AdminIndex::from_geojson_text(embedded::admin1_geojson(), "embedded admin1 boundaries"));
    }
    return b;
}

void AdminBoundaries::fill_lower_levels(double lat, double lon, AdminAssignment& out) const {
    for (int level = 3; level >= 2; --level) {
        const AdminIndex* index = this->level(level);
        if (!index) continue;
        std::optional<std::size_t> i = index->locate(lat, lon);
        if (!i) i = index->nearest_within(lat, lon, kNearestToleranceDeg);
        if (!i) continue;
        const AdminArea& a = index->areas()[*i];
        // A lower area must lie in the governorate chosen (the coarse embedded polygons and a
        // gazetteer code can disagree with fine polygons at borders).
        if (!a.adm1_pcode.empty() && !out.admin1_pcode.empty() && a.adm1_pcode != out.admin1_pcode) continue;
        set_area(*index, *i, level, out);
        if (level == 3 && out.admin2_pcode.empty() && !a.adm2_pcode.empty()) {
            out.admin2_pcode = a.adm2_pcode;
            if (const AdminIndex* l2 = this->level(2)) {
                if (const AdminArea* parent = l2->find_pcode(a.adm2_pcode)) out.admin2 = parent->name_en;
            }
        }
        if (level == 3) break;  // admin3 carries its district
    }
}

AdminAssignment AdminBoundaries::assign_point(double lat, double lon) const {
    // The finest level first: an admin3 polygon names its district and governorate, so one
    // point-in-polygon test answers all three levels.
    if (const AdminIndex* l3 = level(3)) {
        if (std::optional<std::size_t> i = l3->locate(lat, lon)) {
            const AdminArea& a = l3->areas()[*i];
            if (const AdminArea* gov = admin1().find_pcode(a.adm1_pcode)) {
                AdminAssignment out;
                out.method = AdminMethod::Polygon;
                out.admin1 = gov->name_en;
                out.admin1_pcode = gov->pcode;
                set_area(*l3, *i, 3, out);
                out.admin2_pcode = a.adm2_pcode;
                if (const AdminIndex* l2 = level(2)) {
                    if (const AdminArea* district = l2->find_pcode(a.adm2_pcode)) out.admin2 = district->name_en;
                }
                return out;
            }
        }
    }
    AdminAssignment out = admin1().assign_point(lat, lon);
    if (out.admin1_pcode.empty()) return out;
    fill_lower_levels(lat, lon, out);
    return out;
}

void keep_levels_of(const Place& place, AdminAssignment& out) {
    if (!place.is_admin_area()) return;
    const std::string& code = place.feature_code;
    const int level = code == "ADM2" ? 2 : (code == "ADM3" || code == "ADM4" || code == "ADM5") ? 3 : 1;
    if (level < 3) {
        out.admin3.clear();
        out.admin3_pcode.clear();
    }
    if (level < 2) {
        out.admin2.clear();
        out.admin2_pcode.clear();
    }
}

AdminAssignment AdminBoundaries::assign(const Place& place) const {
    if (!place.country_code.empty() && place.country_code != "SY") return AdminAssignment{};
    if (place.is_country()) return AdminAssignment{};
    AdminAssignment out;
    if (fine_admin1_) {
        out = assign_point(place.lat, place.lon);
        if (out.admin1_pcode.empty() || out.method == AdminMethod::NearestPolygon) {
            if (const AdminArea* a = admin1().find_pcode(place.admin1_pcode)) {
                out = AdminAssignment{};
                out.admin1 = a->name_en;
                out.admin1_pcode = a->pcode;
                out.method = AdminMethod::Gazetteer;
                fill_lower_levels(place.lat, place.lon, out);
            }
        }
        keep_levels_of(place, out);
        return out;
    }
    out = admin1().assign(place);
    if (!out.admin1_pcode.empty()) fill_lower_levels(place.lat, place.lon, out);
    keep_levels_of(place, out);
    return out;
}

}  // namespace toponym::admin
