// Writing the pipeline's results as GDAL layers: events, mentions, unresolved, documents.
#pragma once

#include <cpl_string.h>
#include <ogr_core.h>

#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/output_format.hpp"

namespace toponym::io {

// Every layer toponym writes, in the order it writes them.
const std::vector<std::string>& all_layer_names();

// The fields of the events layer, in order (for checking a --where before any work).
std::vector<std::string> event_field_names();

// The event_id of every event whose row of the events layer passes the attribute filter
// `where` (io/where_clause.hpp, checked here again). The events are written to a temporary
// GeoPackage, removed before returning, and GDAL evaluates the expression there: it sees the
// very fields, names and types that every output format gets. Throws UsageError for an
// expression GDAL refuses, DataError naming `error_name` when the temporary cannot be written.
std::set<std::string> events_matching(const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                                      const std::string& where, const std::string& error_name);

// The layers to write: `requested` (names, comma-separated values allowed), checked against
// the known layers and the format, or by default every layer for GeoPackage and `events` for
// the others. Throws UsageError naming --layers.
std::vector<std::string> layers_for(OutputFormat format, const std::vector<std::string>& requested);

struct LayerCounts {
    std::size_t events = 0;
    std::size_t mentions = 0;
    std::size_t places = 0;
    std::size_t governorates = 0;
    std::size_t unresolved = 0;
    std::size_t documents = 0;
    // Rows left out, each reported: one whose id (the layer's unique key) repeats a row already
    // written, or one the format refused (files; a database run fails whole). The other rows
    // are written, and the documents layer marks the documents of rows left out with status
    // error and the message. A caller reports them and exits 1.
    std::vector<Diagnostic> problems;
};

// Writes `layers` to `path`, which must not exist (callers write to a temporary file and
// rename it). The same field names and values in every format (plain UTF-8 text, no
// direction marks in values); CSV adds lon/lat columns and WKT, starts with a UTF-8 byte order
// mark, and neutralises text cells that a spreadsheet would run as a formula (= + - @); KML
// carries the event date as TimeStamp and the snippet as an HTML description with its
// direction (kml_description). The governorates layer needs `governorates`. Throws
// DataError naming `error_name` (the user's path) when GDAL fails, including on close.
// GeoPackage: Auto writes the mentions and documents rows with SQLite once GDAL has made the
// file (the same file as Gdal writes, for a fifth of the work; tests compare the two).
enum class WriteEngine { Auto, Gdal };
LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<std::string>& layers, const std::vector<DocumentResult>& results,
                         const Gazetteer& gazetteer, const admin::AdminIndex* governorates,
                         WriteEngine engine = WriteEngine::Auto);

// The streamed write_layers: the same file, written from documents handed one at a time.
// Construction creates `path` (which must not exist) and its layers; add() writes a document's
// rows (events, mentions, unresolved names, its documents row) and counts it for the places and
// governorates layers; finish() writes those two, closes the file and, for a GeoPackage, inserts
// the rows kept for SQLite (spooled to an anonymous temporary file, not held in memory) and
// packs the spatial indexes. Memory: the places named and the ids written (for uniqueness), not
// the documents. Documents must come in input order with unique doc_ids (the pipeline's
// stream_inputs gives them so). Throws DataError naming `error_name` (the user's path) when GDAL
// or SQLite fail, on any call; a sink destroyed without finish() leaves an incomplete file for
// the caller to remove (io::AtomicOutput does). One thread at a time; not copyable.
class LayerSink {
public:
    LayerSink(const std::string& path, const std::string& error_name, OutputFormat format, const std::vector<std::string>& layers,
              const Gazetteer& gazetteer, const admin::AdminIndex* governorates, WriteEngine engine = WriteEngine::Auto);
    ~LayerSink();
    LayerSink(const LayerSink&) = delete;
    LayerSink& operator=(const LayerSink&) = delete;

    void add(const DocumentResult& result);
    // Once; add() may not be called after it.
    LayerCounts finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The same with the format's default layers.
LayerCounts write_layers(const std::string& path, const std::string& error_name, OutputFormat format,
                         const std::vector<DocumentResult>& results, const Gazetteer& gazetteer,
                         const admin::AdminIndex* governorates = nullptr);

// What toponym writes into a database, or appends to an existing GeoPackage.
struct StoreOptions {
    std::string schema = "public";  // PostgreSQL: the schema of the tables (created when missing)
    bool overwrite = false;         // drop toponym's tables (PostgreSQL) and write them anew
    bool append = false;            // add to the tables that are there
};

struct StoreSummary {
    LayerCounts written;                  // features written by this run
    std::size_t new_documents = 0;        // not stored before
    std::size_t unchanged_documents = 0;  // stored with the same content: nothing written
    std::size_t replaced_documents = 0;   // stored with other content: old features deleted, new written
};

// A schema name toponym accepts: a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63
// bytes). Throws UsageError naming --schema.
void check_schema_name(const std::string& schema);

// `path` with any password=... value masked, for messages.
std::string display_target(const std::string& path);

// Checks, before any work, that `target` can take the layers: for PostgreSQL the server answers
// and, without --append or --overwrite, the schema holds none of toponym's tables; for a
// GeoPackage with --append, that it opens for update. Throws UsageError (exit 2) when the
// tables are there and neither flag is given, DataError when the target cannot be opened.
void check_store_target(const std::string& target, OutputFormat format, const std::vector<std::string>& layers,
                        const StoreOptions& options);

// The layers written into a PostgreSQL schema, or appended to an existing GeoPackage, from
// documents handed as they finish (as LayerSink writes files), in one transaction: a failed run,
// or a sink destroyed without finish(), leaves nothing behind. Construction opens `target`,
// starts the transaction (PostgreSQL: and takes the schema's turn, an advisory lock held until
// the end, so that concurrent writers to one schema take turns), drops the tables with
// `overwrite`, and reads the doc_key and content_hash of the documents stored. add() matches a
// document on doc_key: one stored with the same content_hash is skipped, one stored with another
// has its features deleted (from every toponym table there, once) and written anew, a new one is
// written; the places and governorates counts are counted as documents arrive. finish() writes
// those two, recounts them over everything stored when appending, adds the id indexes of new
// tables and the styles, and commits. Memory: the keys and hashes stored, the places named and
// the ids written (for uniqueness), not the documents beyond the batch handed to add().
// Documents must come in input order with unique doc_ids (stream_inputs gives them so).
// PostgreSQL: ids are unique (unique indexes on event_id, mention_id, doc_key, place_id); the
// styles go to layer_styles for QGIS. Throws DataError naming `error_name`, UsageError when the
// tables exist and neither append nor overwrite is set. One thread at a time; not copyable.
class StoreSink {
public:
    StoreSink(const std::string& target, const std::string& error_name, OutputFormat format, const std::vector<std::string>& layers,
              const Gazetteer& gazetteer, const admin::AdminIndex* governorates, const StoreOptions& options);
    ~StoreSink();
    StoreSink(const StoreSink&) = delete;
    StoreSink& operator=(const StoreSink&) = delete;

    // Documents in input order, a batch at a time (map hands its batches of 256): each layer
    // takes the batch's rows in one go (PostgreSQL: one COPY a layer and batch, not one a
    // document, which doubled the time of a run); replaced documents' rows are deleted first.
    void add(std::span<const DocumentResult> results);
    void add(const DocumentResult& result) { add(std::span<const DocumentResult>(&result, 1)); }
    // Once; add() may not be called after it.
    StoreSummary finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The event types, in the order of the governorates layer's count fields (n_<type>).
const std::vector<std::string>& event_types();

// A text cell safe for spreadsheets: a value starting with = + - @ (or tab, CR) gets a leading
// apostrophe so that it shows as text instead of running as a formula.
std::string neutralise_formula(const std::string& value);

// A KML description (the placemark's balloon, which KML readers show as HTML) for a plain text:
// the text escaped (& < > "), in a <div> whose dir is the text's base direction by its first
// strong letter (text::base_direction): "rtl" for an Arabic snippet, also one that names
// "Kafranbel" or starts with a number, "ltr" otherwise. Without it a balloon lays an Arabic
// sentence out left to right: its Latin names and final full stop land at the wrong end.
std::string kml_description(std::string_view text);

// "]]>" becomes "]] >": libkml writes descriptions and snippets as CDATA without splitting
// that sequence, so a report quoting it could end the CDATA and inject KML elements (a
// NetworkLink that Google Earth fetches, say).
std::string break_cdata_end(std::string value);

}  // namespace toponym::io
