// Tables for `toponym resolve`: any OGR-readable table in, the same rows out with the resolved
// place of a column appended.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "io/layer_writer.hpp"
#include "resolve/cell_resolver.hpp"

namespace toponym::io {

// The rows of one layer of a table (CSV with a header row, XLSX, GeoPackage, ... anything OGR
// reads), kept with their field types. CSV cells are read as text, as written.
class SourceTable {
public:
    // Opens `path` (layer `layer`, or the first). Throws DataError naming the path.
    static SourceTable open(const std::string& path, const std::string& layer = "");
    SourceTable(SourceTable&&) noexcept;
    ~SourceTable();

    const std::string& layer_name() const;
    const std::vector<std::string>& columns() const;
    // Index of the column named `name` (exact, else case-insensitive), or -1.
    int column_index(const std::string& name) const;
    std::size_t row_count() const;
    // The cell as text; "" when null or unset.
    std::string cell(std::size_t row, int column) const;

private:
    SourceTable();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend void write_resolved_table(const std::string&, const std::string&, OutputFormat, const SourceTable&,
                                     const std::vector<resolve::CellResolution>&, const Gazetteer&);
};

// The names of the fields `toponym resolve` appends, in order, as they will be named next to
// the columns of `source` (a name the table already has gets the prefix "resolved_").
std::vector<std::string> resolved_field_names(const SourceTable& source);

// Writes every row of `source` (same order, every column with its type) followed by the
// resolved fields (status, place_id, place_name, feature_code, matched, method, geo_precision,
// uncertainty_m, confidence, admin1..admin3 with pcodes, lat, lon, alternatives as JSON,
// note), with the place as point geometry (none when unresolved). `path` must not exist.
// CSV cells that a spreadsheet would run as formulas are neutralised, the table's own too.
// Throws DataError naming `error_name`.
void write_resolved_table(const std::string& path, const std::string& error_name, OutputFormat format,
                          const SourceTable& source, const std::vector<resolve::CellResolution>& rows,
                          const Gazetteer& gazetteer);

}  // namespace toponym::io
