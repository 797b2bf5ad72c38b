// Reading a table with OGR and writing it back with the resolved places appended.
#include "io/table_io.hpp"

#include <fmt/format.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <cstring>
#include <nlohmann/json.hpp>

#include "store/gdal_util.hpp"
#include "store/gpkg_rows.hpp"

namespace toponym::io {

struct SourceTable::Impl {
    std::string layer_name;
    std::vector<std::string> columns;
    std::vector<std::unique_ptr<OGRFieldDefn>> fields;  // copies: the dataset is closed after reading
    std::vector<OGRFeatureUniquePtr> rows;              // read by GDAL
    std::optional<CsvCells> csv;                        // or read with libcsv (every field a string)
};

namespace {

// While alive, the first row of an XLSX/ODS/XLS sheet is its header (on this thread).
class SpreadsheetHeaders {
public:
    SpreadsheetHeaders() {
        for (const char* key : kKeys) CPLSetThreadLocalConfigOption(key, "FORCE");
    }
    ~SpreadsheetHeaders() {
        for (const char* key : kKeys) CPLSetThreadLocalConfigOption(key, nullptr);
    }
    SpreadsheetHeaders(const SpreadsheetHeaders&) = delete;
    SpreadsheetHeaders& operator=(const SpreadsheetHeaders&) = delete;

private:
    static constexpr const char* kKeys[] = {"OGR_XLSX_HEADERS", "OGR_ODS_HEADERS", "OGR_XLS_HEADERS"};
};

}  // namespace

SourceTable::SourceTable() : impl_(std::make_unique<Impl>()) {}
SourceTable::SourceTable(SourceTable&&) noexcept = default;
SourceTable::~SourceTable() = default;

SourceTable SourceTable::open(const std::string& path, const std::string& layer_name, CsvReader csv_reader) {
    ensure_gdal_registered();
    QuietGdalErrors quiet;
    // CSV cells stay text (no type guessing), so that every value comes out as it went in;
    // the first row of a spreadsheet is its header even when every cell of the table is text.
    CPLStringList open_options;
    GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    const std::string driver_name = driver ? GDALGetDriverShortName(driver) : "";
    if (driver_name == "CSV") {
        open_options.SetNameValue("AUTODETECT_TYPE", "NO");
        open_options.SetNameValue("EMPTY_STRING_AS_NULL", "NO");
    }
    // GDAL 3.6's spreadsheet drivers take this as a configuration option only, read when a
    // sheet is first used: set for this thread while the table is read.
    const SpreadsheetHeaders headers;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List()));
    if (!ds && csv_with_one_column(path)) ds = open_one_column_csv(path);
    if (!ds) {
        if (driver_name == "CSV") check_csv_quotes(path);  // the likelier reason, with its line
        throw DataError(path, fmt::format("cannot open as a table: {}", open_failure_reason(quiet)));
    }
    OGRLayer* layer = layer_name.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                         : ds->GetLayerByName(layer_name.c_str());
    if (!layer) throw DataError(path, layer_name.empty() ? std::string("has no table") : fmt::format("no layer \"{}\"", layer_name));
    SourceTable table;
    Impl& impl = *table.impl_;
    impl.layer_name = layer->GetName();
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        impl.fields.push_back(std::make_unique<OGRFieldDefn>(defn->GetFieldDefn(i)));
        impl.columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    }
    // Only what GDAL's CSV driver itself opened (a one-column CSV went through its line parser).
    const bool opened_as_csv = ds->GetDriver() != nullptr && EQUAL(ds->GetDriver()->GetDescription(), "CSV");
    if (opened_as_csv && csv_reader == CsvReader::Fast &&
        std::all_of(impl.fields.begin(), impl.fields.end(), [](const auto& f) { return f->GetType() == OFTString; })) {
        impl.csv = read_csv_cells(path, impl.columns);  // a strict parse: every quote closes
        if (impl.csv) return table;
    }
    // GDAL would read every row after a quote that never closes as part of that one cell.
    if (opened_as_csv) check_csv_quotes(path);
    for (auto& feature : *layer) impl.rows.emplace_back(feature.release());
    if (quiet.failed()) {
        throw DataError(path, fmt::format("reading stopped after row {}: {}", impl.rows.size(), quiet.last_message()));
    }
    return table;
}

const std::string& SourceTable::layer_name() const { return impl_->layer_name; }
const std::vector<std::string>& SourceTable::columns() const { return impl_->columns; }
std::size_t SourceTable::row_count() const { return impl_->csv ? impl_->csv->row_count() : impl_->rows.size(); }
bool SourceTable::read_fast() const { return impl_->csv.has_value(); }
int SourceTable::row_line(std::size_t row) const { return impl_->csv ? impl_->csv->line(row) : 0; }

int SourceTable::column_index(const std::string& name) const {
    const auto& c = impl_->columns;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i] == name) return static_cast<int>(i);
    }
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (EQUAL(c[i].c_str(), name.c_str())) return static_cast<int>(i);
    }
    return -1;
}

std::string SourceTable::cell(std::size_t row, int column) const {
    if (impl_->csv) return impl_->csv->c_str(row, static_cast<std::size_t>(column));
    const OGRFeature& f = *impl_->rows.at(row);
    return f.IsFieldSetAndNotNull(column) ? std::string(f.GetFieldAsString(column)) : std::string();
}

bool SourceTable::has_value(std::size_t row, int column) const {
    if (impl_->csv) return impl_->csv->is_set(row, static_cast<std::size_t>(column));
    return impl_->rows.at(row)->IsFieldSetAndNotNull(column);
}

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
    f.SetField(field, csv ? neutralise_formula(value).c_str() : value);
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

ResolvedRow prepare_resolved_row(resolve::CellResolution resolution, const Gazetteer& gazetteer) {
    ResolvedRow out;
    out.alternatives_json = resolution.place ? alternatives_json(resolution.alternatives, gazetteer) : "[]";
    out.resolution = std::move(resolution);
    return out;
}

struct ResolvedTableWriter::Impl {
    std::string error_name;
    const SourceTable::Impl& src;
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
        : error_name(name), src(*source.impl_), gazetteer(g) {}
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
    ensure_gdal_registered();
    Impl& w = *impl_;
    const bool with_sqlite = engine == Engine::Auto && format == OutputFormat::GeoPackage && w.src.csv;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name(format));
    if (!driver) throw DataError(error_name, fmt::format("GDAL has no {} driver", driver_name(format)));
    w.ds = create_vector_dataset(*driver, path);
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
    CPLStringList options = layer_creation_options(format, wkbPoint, format == OutputFormat::GeoPackage && !with_sqlite);
    w.layer = w.ds->CreateLayer(layer_name.c_str(), with_sqlite ? nullptr : &wgs84, wkbPoint, options.List());
    if (!w.layer) w.fail(fmt::format("cannot create layer {}", layer_name));

    for (const auto& defn : w.src.fields) {
        OGRFieldDefn copy(defn.get());
        if (w.layer->CreateField(&copy) != OGRERR_NONE) w.fail(fmt::format("cannot create field {}", defn->GetNameRef()));
    }
    const std::vector<std::string> names = resolved_field_names(source);
    for (std::size_t i = 0; i < names.size(); ++i) {
        OGRFieldDefn defn(names[i].c_str(), kResolvedFields[i].type);
        defn.SetSubType(kResolvedFields[i].subtype);
        if (w.layer->CreateField(&defn) != OGRERR_NONE) w.fail(fmt::format("cannot create field {}", names[i]));
    }
    // Field indexes in the output (drivers may reorder nothing, but look them up by name).
    const OGRFeatureDefn* out_defn = w.layer->GetLayerDefn();
    for (const auto& field : w.src.fields) w.source_map.push_back(out_defn->GetFieldIndex(field->GetNameRef()));
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
    if (src.csv) {
        for (std::size_t i = 0; i < source_map.size(); ++i) {
            if (src.csv->is_set(row, i)) set_text(f, source_map[i], src.csv->c_str(row, i), csv);
        }
        return;
    }
    const OGRFeature& in = *src.rows.at(row);
    for (std::size_t i = 0; i < source_map.size(); ++i) {
        const int from = static_cast<int>(i);
        if (!in.IsFieldSet(from)) continue;
        if (in.IsFieldNull(from)) {
            f.SetFieldNull(source_map[i]);
        } else if (csv && src.fields[i]->GetType() == OFTString) {
            set_text(f, source_map[i], in.GetFieldAsString(from), true);
        } else {
            f.SetField(source_map[i], in.GetRawFieldRef(from));
        }
    }
}

void ResolvedTableWriter::Impl::set_resolution(const ResolvedRow& resolved, OGRFeature& f) {
    const resolve::CellResolution& r = resolved.resolution;
    int k = 0;
    set_text(f, added[k++], resolve::to_string(r.status), csv);
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
    for (std::size_t i = 0; i < source_map.size(); ++i) {
        if (src.csv->is_set(row, i)) out.text(static_cast<std::size_t>(source_map[i]), src.csv->c_str(row, i));
    }
    const resolve::CellResolution& r = resolved.resolution;
    const auto at = [&](int k) { return static_cast<std::size_t>(added[static_cast<std::size_t>(k)]); };
    int k = 0;
    out.text(at(k++), resolve::to_string(r.status));
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

}  // namespace toponym::io
