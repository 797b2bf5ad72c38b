// Scoring a run against gold annotation: mention detection, resolution error, governorates,
// relative locations and events, with the measures the geoparsing literature uses.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"
#include "gazetteer/gazetteer.hpp"

namespace toponym::eval {

struct GoldPoint {
    double lat = 0.0;
    double lon = 0.0;
};

// One gold toponym: a place name, or (seed gold only) a relative location expression.
struct GoldToponym {
    std::string id;
    std::size_t start = 0;  // code points, end exclusive
    std::size_t end = 0;
    std::optional<std::size_t> ext_start;  // the longer span with a generic head ("Idleb province")
    std::optional<std::size_t> ext_end;
    std::string text;
    bool relative = false;
    std::string role = "location";  // location, demonym, modifier, organisation-name, metonym
    std::optional<bool> in_syria;
    std::optional<GoldPoint> point;
    double radius_km = 0.0;
    std::string admin1_pcode;
    std::vector<GoldPoint> accept;  // other readings that count as right
    std::vector<GoldPoint> reject;  // known wrong homonyms
    std::string geonames_id;        // the gold GeoNames entry, when known
};

struct GoldEvent {
    std::string id;
    std::string type;
    std::string status;  // reported, claimed, disputed, background
    std::optional<Date> date;
    std::optional<Date> date_min;
    std::optional<Date> date_max;
    std::optional<GoldPoint> point;
    double radius_km = 0.0;
    std::string text;
};

struct GoldDocument {
    Document doc;  // the text to run, with the gold's publication date
    std::vector<GoldToponym> toponyms;
    std::vector<GoldEvent> events;
};

struct GoldCorpus {
    std::string name;
    bool has_roles = false;   // roles annotated (seed gold): location-only scores make sense
    bool has_events = false;
    std::vector<GoldDocument> documents;
    std::vector<Diagnostic> problems;  // lines that could not be read (skipped)
};

// The seed gold (seeds.json, see its README): `seeds_dir` holds the text files it names.
// The gold's publication dates are given to the documents, as front matter would.
GoldCorpus load_seed_gold(const std::string& gold_path, const std::string& seeds_dir);

// A JSONL geoparsing corpus (LGL, GeoWebNews): one document a line with "text" and
// "toponyms" (start, end, name, lat, lon). A bad line is skipped and reported in `problems`
// with the file and line.
GoldCorpus load_jsonl_gold(const std::string& path);

// Runs the system on every document of a corpus: one result per gold document, in order.
using System = std::function<DocumentResult(const Document&)>;

struct Options {
    std::size_t worst = 10;  // how many of the worst misses to list
};

// Scores one corpus; the JSON report has "mentions", "resolution", "governorate", "relative",
// "events", "roles" and "worst" sections (see evaluation.cpp for each measure).
nlohmann::json score_corpus(const GoldCorpus& corpus, const std::vector<DocumentResult>& results,
                            const Gazetteer& gazetteer, const Options& options);

// Resolution given the gold spans (the measure Mordecai and others report): each gold name with
// a point is looked up as written and resolved with the document's other gold names as
// context. Adds "given_spans" to `report`: names, those the gazetteer knows, the right GeoNames
// entry chosen, and the share within 161 km.
void score_given_spans(const GoldCorpus& corpus, const Gazetteer& gazetteer, nlohmann::json& report);

// Sums the counts of several corpus reports into an "overall" one (rates recomputed).
nlohmann::json combine_reports(const std::vector<nlohmann::json>& reports);

// The readable table of a report (several corpora and the overall column).
std::string format_table(const std::vector<nlohmann::json>& reports);

// Area under the curve of log errors, scaled to [0, 1] (0 best), as in Gritta et al. (2018).
double error_auc(const std::vector<double>& errors_km);

}  // namespace toponym::eval
