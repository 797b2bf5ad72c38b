// The layers' field lists and the mapping from a DocumentResult to their rows: one place for a
// new field (its FieldDef here, its value in the layer's write_* or counts). Internal to
// src/io: io/layer_writer.cpp (files) and io/layer_store.cpp (databases, appending) write these
// rows through io/layer_engine.hpp's LayerWriter. Not thread-safe: one thread writes a dataset.
#pragma once

#include <ogr_core.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_index.hpp"
#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"
#include "store/gdal_util.hpp"

namespace toponym::io::engine {

class LayerWriter;
struct WriteLog;

// The fields and the id column (unique) of each layer.
struct LayerSpec {
    std::string name;
    OGRwkbGeometryType geometry;
    std::vector<FieldDef> fields;
    std::vector<std::string> unique_key;  // columns that identify a row
};

const LayerSpec& layer_spec(const std::string& name);

// Whether a layer's rows carry their document's doc_key (places and governorates do not).
bool has_doc_key(const std::string& layer);

// The document's stable key and content hash (run_files sets them; computed here for results
// made without it, e.g. by process_document alone).
std::string doc_key(const Document& d);
std::string doc_hash(const Document& d);

// The rows of one document in each detail layer; write_documents after the document's other
// rows (`log` holds those left out). A mention's row takes its point and place from the mention
// (Mention::chosen, RelativeLocation::anchor_facts); the gazetteer serves only the alternatives
// column (the other candidates, kept as gazetteer indexes).
void write_events(LayerWriter& w, const DocumentResult& r);
void write_mentions(LayerWriter& w, const DocumentResult& r, const Gazetteer& g);
void write_unresolved(LayerWriter& w, const DocumentResult& r);
void write_documents(LayerWriter& w, const DocumentResult& r, const WriteLog& log);

// One row per distinct place: how often it is named and in how many events, and the span of
// dates (of its events, or of the reports naming it when it has no dated event). Counted as
// documents arrive (add), written at the end (write); memory grows with the places named, not
// with the documents. Documents are told apart by doc_id (unique within a run, as the pipeline
// makes them), each added once. Keyed by gazetteer index (a place two stacked gazetteers both
// hold is one row, the first's): the rows are written from the gazetteer's places.
class PlaceCounts {
public:
    explicit PlaceCounts(const Gazetteer& g) : g_(g) {}

    void add(const DocumentResult& r);
    void write(LayerWriter& w) const;

private:
    struct Stats {
        std::optional<AdminAssignment> admin;  // of the first mention naming it
        std::size_t mentions = 0;
        std::size_t events = 0;
        std::size_t documents = 0;
        std::size_t last_document = 0;  // the serial of the last document counted
        std::optional<Date> first_event, last_event, first_report, last_report;
    };

    // One row per place id: a place that two stacked gazetteers both hold (a capital in the
    // embedded and the world one) is counted once, under the first's index.
    std::uint32_t row_of(std::uint32_t index) const;
    Stats& count(std::uint32_t row, const DocumentResult& r);

    const Gazetteer& g_;
    std::map<std::uint32_t, Stats> places_;  // ordered by gazetteer index: stable output
    std::size_t serial_ = 0;                 // documents added
};

// Events by type and mentions (names; relative locations are not) per governorate, counted as
// documents arrive and written at the end, one row per area of `areas`.
class GovernorateCounts {
public:
    void add(const DocumentResult& r);
    void write(LayerWriter& w, const admin::AdminIndex& areas);

private:
    std::map<std::string, std::map<std::string, int>> events_;  // pcode -> type -> count
    std::map<std::string, int> mentions_;
};

}  // namespace toponym::io::engine
