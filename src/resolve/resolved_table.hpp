// Writing `toponym resolve`'s output: the rows of the table read (store/table_io.hpp) with the
// resolved place of a column appended, as any format the map writers know.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "io/layer_writer.hpp"
#include "store/table_io.hpp"
#include "resolve/cell_resolver.hpp"

namespace toponym::resolve {

// A row's resolution with the text the writer needs, prepared where it was resolved (on a
// worker thread), so that the writer, which runs alone, only copies.
struct ResolvedRow {
    CellResolution resolution;
    std::string alternatives_json;  // up to 5 alternatives: place_id, name, lat, lon, feature_code, admin1_pcode, score
};
ResolvedRow prepare_resolved_row(CellResolution resolution, const Gazetteer& gazetteer);

// The names of the fields `toponym resolve` appends, in order, as they will be named next to
// the columns of `source` (a name the table already has gets the prefix "resolved_").
std::vector<std::string> resolved_field_names(const io::SourceTable& source);

// Writes every row of `source` (same order, every column with its type) followed by the
// resolved fields (status, place_id, place_name, feature_code, matched, method, geo_precision,
// uncertainty_m, confidence, admin1..admin3 with pcodes, lat, lon, alternatives as JSON,
// note), with the place as point geometry (none when unresolved), one row at a time as they
// are resolved. `path` must not exist. CSV cells that a spreadsheet would run as formulas are
// neutralised, the table's own too. Throws DataError naming `error_name`.
class ResolvedTableWriter {
public:
    // How rows reach a GeoPackage: Auto inserts them with SQLite directly (store/gpkg_rows.hpp) when
    // the source was read as text (a CSV), else through GDAL; Gdal always through GDAL (to
    // compare the two).
    enum class Engine { Auto, Gdal };
    ResolvedTableWriter(const std::string& path, const std::string& error_name, io::OutputFormat format,
                        const io::SourceTable& source, const Gazetteer& gazetteer, Engine engine = Engine::Auto);
    ~ResolvedTableWriter();
    ResolvedTableWriter(const ResolvedTableWriter&) = delete;
    ResolvedTableWriter& operator=(const ResolvedTableWriter&) = delete;
    // Row `row` of the source with its resolution; rows must come in order.
    void write(std::size_t row, const ResolvedRow& resolved);
    // Commits and closes the file.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace toponym::resolve
