// Reading a table with OGR, or with libcsv when it reads it as OGR would (see table_io.hpp).
#include "store/table_io.hpp"

#include <fmt/format.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <cstring>

#include "core/error.hpp"
#include "store/gdal_util.hpp"

namespace toponym::io {

struct SourceTable::Impl {
    std::string layer_name;
    std::vector<std::string> columns;
    std::vector<std::unique_ptr<OGRFieldDefn>> fields;  // copies: the dataset is closed after reading
    std::vector<OGRFeatureUniquePtr> rows;              // read by GDAL
    std::optional<CsvCells> csv;                        // or read with libcsv (every field a string)
    std::string stopped;                                // open_csv: why GDAL stopped reading early
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
    return read(path, path, layer_name, csv_reader, false);
}

SourceTable SourceTable::open_csv(const std::string& path, const std::string& shown) {
    return read(path, shown, "", CsvReader::Fast, true);
}

SourceTable SourceTable::read(const std::string& path, const std::string& shown, const std::string& layer_name, CsvReader csv_reader,
                              bool csv_only) {
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
    const char* const csv_driver[] = {"CSV", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, csv_only ? csv_driver : nullptr,
                                              open_options.List()));
    if (!ds && csv_with_one_column(path)) ds = open_one_column_csv(path);
    if (!ds && csv_only) throw DataError(shown, fmt::format("cannot read as CSV: {}", open_failure_reason(quiet)));
    if (!ds) {
        if (driver_name == "CSV") check_csv_quotes(path);  // the likelier reason, with its line
        throw DataError(path, fmt::format("cannot open as a table: {}", open_failure_reason(quiet)));
    }
    OGRLayer* layer = layer_name.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                         : ds->GetLayerByName(layer_name.c_str());
    if (!layer && csv_only) throw DataError(shown, fmt::format("cannot read as CSV: {}", open_failure_reason(quiet)));
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
    if (quiet.failed() && csv_only) {
        impl.stopped = fmt::format("reading stopped after row {}: {}", impl.rows.size(), quiet.last_message());
    } else if (quiet.failed()) {
        throw DataError(path, fmt::format("reading stopped after row {}: {}", impl.rows.size(), quiet.last_message()));
    }
    return table;
}

SourceTable SourceTable::open_delimited(const std::string& path, char separator) {
    SourceTable table;
    Impl& impl = *table.impl_;
    impl.layer_name = std::filesystem::path(path).stem().string();
    impl.csv = read_delimited_cells(path, separator, impl.columns);
    return table;
}

std::size_t SourceTable::row_width(std::size_t row) const { return impl_->csv ? impl_->csv->width(row) : impl_->columns.size(); }
bool SourceTable::row_unclosed_quote(std::size_t row) const { return impl_->csv && impl_->csv->unclosed_quote(row); }

const std::string& SourceTable::layer_name() const { return impl_->layer_name; }
const std::vector<std::string>& SourceTable::columns() const { return impl_->columns; }
std::size_t SourceTable::row_count() const { return impl_->csv ? impl_->csv->row_count() : impl_->rows.size(); }
const std::string& SourceTable::read_stopped() const { return impl_->stopped; }
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

const OGRFieldDefn& SourceTable::field_defn(int column) const { return *impl_->fields.at(static_cast<std::size_t>(column)); }
const CsvCells* SourceTable::csv_cells() const { return impl_->csv ? &*impl_->csv : nullptr; }
const OGRFeature& SourceTable::ogr_row(std::size_t row) const { return *impl_->rows.at(row); }

bool SourceTable::has_value(std::size_t row, int column) const {
    if (impl_->csv) return impl_->csv->is_set(row, static_cast<std::size_t>(column));
    return impl_->rows.at(row)->IsFieldSetAndNotNull(column);
}

}  // namespace toponym::io
