// Writing a table read with OGR back with the resolved places appended (see resolved_table.hpp).
#include "resolve/resolved_table.hpp"

#include <fmt/format.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "store/gdal_util.hpp"
#include "store/gpkg_rows.hpp"

namespace toponym::resolve {

using io::CsvCells;
using io::FieldDef;
using io::GpkgRowInserter;
using io::OutputFormat;
using io::QuietGdalErrors;
using io::SourceTable;

namespace {

const std::vector<FieldDef> kResolvedFields = {
    {"status", OFTString},       {"place_id", OFTString},     {"place_name", OFTString},   {"feature_code", OFTString},
    {"matched", OFTString},      {"method", OFTString},       {"geo_precision", OFTInteger}, {"uncertainty_m", OFTReal},
    {"confidence", OFTReal},     {"admin1", OFTString},       {"admin1_pcode", OFTString}, {"admin2", OFTString},
    {"admin2_pcode", OFTString}, {"admin3", OFTString},       {"admin3_pcode", OFTString}, {"lat", OFTReal},
    {"lon", OFTReal},            {"alternatives", OFTString, OFSTJSON}, {"note", OFTString},
};

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

std::string alternatives_json(const std::vector<Candidate>& alternatives, const Gazetteer& g) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < alternatives.size() && i < 5; ++i) {
        const Place& p = g.place(alternatives[i].place);
        out.push_back({{"place_id", p.id}, {"name", p.name}, {"lat", p.lat}, {"lon", p.lon}, {"feature_code", p.feature_code},
                       {"admin1_pcode", p.admin1_pcode}, {"score", rounded(alternatives[i].score, 1000.0)}});
    }
    return out.dump();
}

void set_text(OGRFeature& f, int field, const char* value, bool csv) {
    f.SetField(field, csv ? io::neutralise_formula(value).c_str() : value);
}

void set_text(OGRFeature& f, int field, const std::string& value, bool csv) { set_text(f, field, value.c_str(), csv); }

}  // namespace

std::vector<std::string> resolved_field_names(const SourceTable& source) {
    std::vector<std::string> names;
    for (const FieldDef& f : kResolvedFields) {
        std::string name = f.name;
        while (source.column_index(name) >= 0 ||
               std::find(names.begin(), names.end(), name) != names.end()) {
            name = "resolved_" + name;
        }
        names.push_back(name);
    }
    return names;
}

ResolvedRow prepare_resolved_row(CellResolution resolution, const Gazetteer& gazetteer) {
    ResolvedRow out;
    out.alternatives_json = resolution.place ? alternatives_json(resolution.alternatives, gazetteer) : "[]";
    out.resolution = std::move(resolution);
    return out;
}

struct ResolvedTableWriter::Impl {
    std::string error_name;
    const SourceTable& src;
    const Gazetteer& gazetteer;
    QuietGdalErrors errors;
    GDALDatasetUniquePtr ds;
    OGRLayer* layer = nullptr;
    std::vector<int> source_map;  // output field of each source field
    std::vector<int> added;       // output fields of kResolvedFields
    bool csv = false;
    OGRFeatureUniquePtr feature;            // reused for every row (GDAL's writing)
    std::unique_ptr<GpkgRowInserter> rows;  // or SQLite's, once GDAL has made the table

    Impl(const std::string& name, const SourceTable& source, const Gazetteer& g)
        : error_name(name), src(source), gazetteer(g) {}
    [[noreturn]] void fail(const std::string& what) {
        throw DataError(error_name, fmt::format("{}: {}", what, errors.last_message()));
    }
    void copy_source_row(std::size_t row, OGRFeature& f);
    void set_resolution(const ResolvedRow& resolved, OGRFeature& f);
    void insert_row(std::size_t row, const ResolvedRow& resolved);
};

ResolvedTableWriter::ResolvedTableWriter(const std::string& path, const std::string& error_name, OutputFormat format,
                                         const SourceTable& source, const Gazetteer& gazetteer, Engine engine)
    : impl_(std::make_unique<Impl>(error_name, source, gazetteer)) {
    io::ensure_gdal_registered();
    Impl& w = *impl_;
    const bool with_sqlite = engine == Engine::Auto && format == OutputFormat::GeoPackage && w.src.read_fast();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(io::driver_name(format));
    if (!driver) throw DataError(error_name, fmt::format("GDAL has no {} driver", io::driver_name(format)));
    w.ds = io::create_vector_dataset(*driver, path);
    if (!w.ds) w.fail("cannot create");
    // The GeoPackage that GpkgRowInserter fills is made without an SRS, which it then sets to
    // EPSG:4326 (a row GDAL always writes): an OGRSpatialReference opens PROJ's database, a
    // sixth of the work of reading the whole table.
    OGRSpatialReference wgs84;
    if (!with_sqlite) {
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const std::string layer_name = source.layer_name().empty() ? std::string("resolved") : source.layer_name();
    // No index in FlatGeobuf (rows without a place have no geometry); in a GeoPackage filled by
    // GpkgRowInserter, the index is packed after the rows.
    CPLStringList options = io::layer_creation_options(format, wkbPoint, format == OutputFormat::GeoPackage && !with_sqlite);
    w.layer = w.ds->CreateLayer(layer_name.c_str(), with_sqlite ? nullptr : &wgs84, wkbPoint, options.List());
    if (!w.layer) w.fail(fmt::format("cannot create layer {}", layer_name));

    const int source_columns = static_cast<int>(source.columns().size());
    for (int i = 0; i < source_columns; ++i) {
        OGRFieldDefn copy(&source.field_defn(i));
        if (w.layer->CreateField(&copy) != OGRERR_NONE) w.fail(fmt::format("cannot create field {}", copy.GetNameRef()));
    }
    const std::vector<std::string> names = resolved_field_names(source);
    for (std::size_t i = 0; i < names.size(); ++i) {
        OGRFieldDefn defn(names[i].c_str(), kResolvedFields[i].type);
        defn.SetSubType(kResolvedFields[i].subtype);
        if (w.layer->CreateField(&defn) != OGRERR_NONE) w.fail(fmt::format("cannot create field {}", names[i]));
    }
    // Field indexes in the output (drivers may reorder nothing, but look them up by name).
    const OGRFeatureDefn* out_defn = w.layer->GetLayerDefn();
    for (int i = 0; i < source_columns; ++i) {
        w.source_map.push_back(out_defn->GetFieldIndex(source.field_defn(i).GetNameRef()));
    }
    for (const std::string& name : names) w.added.push_back(out_defn->GetFieldIndex(name.c_str()));
    w.csv = format == OutputFormat::CSV;
    if (with_sqlite) {
        std::vector<std::string> columns;
        for (int i = 0; i < out_defn->GetFieldCount(); ++i) columns.emplace_back(out_defn->GetFieldDefn(i)->GetNameRef());
        const std::string table = w.layer->GetName();
        const std::string geometry = w.layer->GetGeometryColumn();
        w.layer = nullptr;
        w.ds.reset();  // GDAL writes the empty table and its metadata
        if (w.errors.failed()) w.fail("cannot create the table");
        w.rows = std::make_unique<GpkgRowInserter>(path, table, geometry, columns, 4326, error_name);
        return;
    }
    if (w.layer->StartTransaction() != OGRERR_NONE) w.fail("cannot start a transaction");
    w.feature.reset(OGRFeature::CreateFeature(w.layer->GetLayerDefn()));
}

ResolvedTableWriter::~ResolvedTableWriter() = default;

void ResolvedTableWriter::Impl::copy_source_row(std::size_t row, OGRFeature& f) {
    if (const CsvCells* cells = src.csv_cells()) {
        for (std::size_t i = 0; i < source_map.size(); ++i) {
            if (cells->is_set(row, i)) set_text(f, source_map[i], cells->c_str(row, i), csv);
        }
        return;
    }
    const OGRFeature& in = src.ogr_row(row);
    for (std::size_t i = 0; i < source_map.size(); ++i) {
        const int from = static_cast<int>(i);
        if (!in.IsFieldSet(from)) continue;
        if (in.IsFieldNull(from)) {
            f.SetFieldNull(source_map[i]);
        } else if (csv && src.field_defn(from).GetType() == OFTString) {
            set_text(f, source_map[i], in.GetFieldAsString(from), true);
        } else {
            f.SetField(source_map[i], in.GetRawFieldRef(from));
        }
    }
}

void ResolvedTableWriter::Impl::set_resolution(const ResolvedRow& resolved, OGRFeature& f) {
    const CellResolution& r = resolved.resolution;
    int k = 0;
    set_text(f, added[k++], to_string(r.status), csv);
    if (r.place) {
        const Place& p = gazetteer.place(*r.place);
        set_text(f, added[k++], p.id, csv);
        set_text(f, added[k++], p.name, csv);
        set_text(f, added[k++], p.feature_code, csv);
        set_text(f, added[k++], r.matched, csv);
        set_text(f, added[k++], r.method, csv);
        f.SetField(added[k++], r.geo_precision);
        f.SetField(added[k++], r.uncertainty_m);
        f.SetField(added[k++], rounded(r.confidence, 1000.0));
        for (const std::string* value : {&r.admin.admin1, &r.admin.admin1_pcode, &r.admin.admin2, &r.admin.admin2_pcode,
                                         &r.admin.admin3, &r.admin.admin3_pcode}) {
            if (!value->empty()) set_text(f, added[k], *value, csv);
            ++k;
        }
        f.SetField(added[k++], p.lat);
        f.SetField(added[k++], p.lon);
        f.SetField(added[k++], resolved.alternatives_json.c_str());
        OGRPoint point(p.lon, p.lat);
        f.SetGeometry(&point);
    } else {
        k = static_cast<int>(added.size()) - 2;
        f.SetField(added[k++], "[]");
    }
    if (!r.note.empty()) set_text(f, added.back(), r.note, csv);
}

// The row's cells bound by output column: the source's as text, then the resolved fields.
void ResolvedTableWriter::Impl::insert_row(std::size_t row, const ResolvedRow& resolved) {
    GpkgRowInserter& out = *rows;
    const CsvCells& cells = *src.csv_cells();
    for (std::size_t i = 0; i < source_map.size(); ++i) {
        if (cells.is_set(row, i)) out.text(static_cast<std::size_t>(source_map[i]), cells.c_str(row, i));
    }
    const CellResolution& r = resolved.resolution;
    const auto at = [&](int k) { return static_cast<std::size_t>(added[static_cast<std::size_t>(k)]); };
    int k = 0;
    out.text(at(k++), to_string(r.status));
    if (r.place) {
        const Place& p = gazetteer.place(*r.place);
        out.text(at(k++), p.id);
        out.text(at(k++), p.name);
        out.text(at(k++), p.feature_code);
        out.text(at(k++), r.matched);
        out.text(at(k++), r.method);
        out.integer(at(k++), r.geo_precision);
        out.real(at(k++), r.uncertainty_m);
        out.real(at(k++), rounded(r.confidence, 1000.0));
        for (const std::string* value : {&r.admin.admin1, &r.admin.admin1_pcode, &r.admin.admin2, &r.admin.admin2_pcode,
                                         &r.admin.admin3, &r.admin.admin3_pcode}) {
            if (!value->empty()) out.text(at(k), *value);
            ++k;
        }
        out.real(at(k++), p.lat);
        out.real(at(k++), p.lon);
        out.text(at(k++), resolved.alternatives_json);
        out.point(p.lon, p.lat);
    } else {
        out.text(at(static_cast<int>(added.size()) - 2), "[]");
    }
    if (!r.note.empty()) out.text(at(static_cast<int>(added.size()) - 1), r.note);
    out.insert();
}

void ResolvedTableWriter::write(std::size_t row, const ResolvedRow& resolved) {
    Impl& w = *impl_;
    if (w.rows) {
        w.insert_row(row, resolved);
        return;
    }
    OGRFeature& f = *w.feature;
    f.Reset();  // no field, geometry or FID left from the row before
    w.copy_source_row(row, f);
    w.set_resolution(resolved, f);
    if (w.layer->CreateFeature(&f) != OGRERR_NONE) w.fail(fmt::format("cannot write row {}", row + 1));
}

void ResolvedTableWriter::finish() {
    Impl& w = *impl_;
    if (w.rows) {
        w.rows->finish();
        w.rows.reset();
        return;
    }
    if (w.layer->CommitTransaction() != OGRERR_NONE) w.fail("cannot commit");
    w.feature.reset();
    w.errors.reset();
    w.ds.reset();
    if (w.errors.failed()) throw DataError(w.error_name, fmt::format("writing failed on close: {}", w.errors.last_message()));
}

}  // namespace toponym::resolve
