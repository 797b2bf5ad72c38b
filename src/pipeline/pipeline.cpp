// Pipeline orchestration.
#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/stable_id.hpp"
#include "events/date_resolver.hpp"
#include "events/event_builder.hpp"
#include "geoparse/mention_finder.hpp"
#include "geoparse/qualifiers.hpp"
#include "geoparse/relative.hpp"
#include "geoparse/resolver.hpp"
#include "geoparse/roles.hpp"
#include "ingest/document_reader.hpp"
#include "pipeline/parallel.hpp"
#include "text/sentences.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

namespace toponym {

namespace {

// Copies what the rows need of each mention's chosen place and each relative location's anchor
// onto them (types.hpp: PlaceFacts), once no stage changes a reading any more.
void add_place_facts(DocumentResult& result, const Gazetteer& g) {
    for (Mention& m : result.mentions) {
        if (!m.candidates.empty()) m.chosen = PlaceFacts::of(g.place(m.place()));
    }
    for (RelativeLocation& rel : result.relatives) rel.anchor_facts = PlaceFacts::of(g.place(rel.anchor_place));
}

}  // namespace

DocumentResult process_document(Document doc, const PipelineContext& ctx, Stages stages) {
    DocumentResult result;
    result.doc = std::move(doc);
    // No published date in the front matter: a date line near the top of the text ("02 October,
    // 2016") dates the report.
    if (!result.doc.published && stages == Stages::All) {
        result.doc.published = events::find_dateline(std::string_view(result.doc.text).substr(result.doc.body_begin_byte));
    }
    const Document& d = result.doc;
    const std::size_t body_cp = text::count_code_points(d.text, d.body_begin_byte);
    int body_line = 1;
    for (std::size_t i = 0; i < d.body_begin_byte; ++i) body_line += d.text[i] == '\n';

    const std::vector<text::Token> tokens = text::tokenize(d.text, d.body_begin_byte, body_line, body_cp);
    geoparse::MentionScan scan = geoparse::find_mentions(d.text, tokens, ctx.gazetteer, ctx.fuzzy, d.names_end_byte);
    geoparse::drop_villages_out_of_context(d.text, tokens, scan.matches, ctx.gazetteer, d.names_end_byte);
    geoparse::add_the_capital(tokens, ctx.gazetteer, scan.matches);
    result.mentions = geoparse::resolve_mentions(d.text, tokens, scan.matches, ctx.gazetteer);
    geoparse::assign_roles(d.text, tokens, scan.matches, result.mentions, ctx.gazetteer);
    geoparse::apply_qualifiers(d.text, tokens, scan.matches, result.mentions, ctx.gazetteer);
    geoparse::contradict_far_spellings(d.text, result.mentions, ctx.gazetteer);
    geoparse::contradict_far_from_named_governorates(d.text, result.mentions, ctx.gazetteer);
    for (Mention& m : result.mentions) m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
    if (stages == Stages::Mentions) {
        add_place_facts(result, ctx.gazetteer);
        return result;
    }
    result.relatives = geoparse::find_relatives(d.text, tokens, scan.matches, result.mentions, ctx.gazetteer);
    for (RelativeLocation& rel : result.relatives) {
        rel.admin = ctx.admin.assign_point(rel.lat, rel.lon);
        // "The southern areas of Hama province" lie in Hama: a typical offset that leaves the
        // governorate (an elongated one, or near its edge) is halved until it is inside.
        const Place& anchor = ctx.gazetteer.place(rel.anchor_place);
        const bool inside_wanted = anchor.is_admin_area() && !anchor.is_country() && !anchor.admin1_pcode.empty() &&
                                   !rel.distance_km && !rel.direction.empty();
        for (double scale = 0.5; inside_wanted && rel.admin.admin1_pcode != anchor.admin1_pcode && scale > 0.1; scale /= 2) {
            geoparse::locate_relative(rel, anchor, ctx.gazetteer, scale);
            rel.admin = ctx.admin.assign_point(rel.lat, rel.lon);
        }
        // "Idlib's southern countryside" names no district: the point's areas go no finer than
        // the area it is measured from.
        admin::keep_levels_of(anchor, rel.admin);
    }

    for (std::size_t mi : geoparse::prefer_readings_near_relatives(d.text, result.mentions, result.relatives, ctx.gazetteer)) {
        result.mentions[mi].admin = ctx.admin.assign(ctx.gazetteer.place(result.mentions[mi].place()));
    }

    // Sentences serve the unresolved names' snippets and the events, whose places are mentions:
    // a report that names no place (a third of a news corpus) needs no sentence splitting.
    if (result.mentions.empty() && result.relatives.empty() && scan.unknown.empty()) {
        add_place_facts(result, ctx.gazetteer);
        return result;
    }
    const std::vector<text::ByteRange> sentences = text::split_sentences(d.text, d.body_begin_byte);
    for (const geoparse::CueName& cue : scan.unknown) {
        UnresolvedName u;
        u.span = geoparse::token_span(tokens, cue.first_token, cue.last_token);
        u.surface = d.text.substr(u.span.begin_byte, u.span.end_byte - u.span.begin_byte);
        u.reason = "not in gazetteer (introduced as a " + cue.head + ")";
        for (const text::ByteRange& s : sentences) {
            if (s.begin <= u.span.begin_byte && u.span.end_byte <= s.end) {
                u.snippet = d.text.substr(s.begin, s.end - s.begin);
                break;
            }
        }
        result.unresolved.push_back(std::move(u));
    }
    events::build_events(result, tokens, sentences, ctx.gazetteer);
    add_place_facts(result, ctx.gazetteer);
    return result;
}

void share_casualties(std::vector<Event>& events) {
    // Events of one sentence with one casualty phrase: "barrel bombs on A and B, killing four
    // civilians" states four deaths once. The most precise event (the first of them when
    // equal) keeps the figures, the others point at it.
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& first = events[i];
        if ((!first.killed && !first.injured) || !first.casualties_shared_with.empty()) continue;
        std::vector<std::size_t> group = {i};
        for (std::size_t j = i + 1; j < events.size(); ++j) {
            const Event& e = events[j];
            if (e.sentence.begin_cp == first.sentence.begin_cp && e.casualty_text == first.casualty_text && e.killed == first.killed &&
                e.injured == first.injured && e.casualties_shared_with.empty()) {
                group.push_back(j);
            }
        }
        if (group.size() < 2) continue;
        const std::size_t holder = *std::min_element(group.begin(), group.end(), [&](std::size_t a, std::size_t b) {
            return events[a].geo_precision < events[b].geo_precision;  // stable: the first of equals
        });
        for (std::size_t j : group) {
            if (j == holder) continue;
            events[j].killed.reset();
            events[j].injured.reset();
            events[j].casualties_shared_with = events[holder].event_id;
        }
    }
}

void assign_stable_ids(DocumentResult& result) {
    Document& d = result.doc;
    d.doc_key = document_key(d.source, d.doc_id);
    if (d.content_hash.empty()) d.content_hash = content_hash(d.text);
    // The id is a hash of what the event is (type and kind, place, sentence). Two events of one
    // sentence may still agree on all of that (one told for two days, say): the second gets
    // its ordinal among them as one more part, so ids are unique within the document by
    // construction, and the same text gives the same ids whatever the thread count.
    std::set<std::string> taken;
    std::map<std::string, std::string> renamed;  // a second call (another doc_id): old id -> new
    for (Event& ev : result.events) {
        const std::string sentence = std::to_string(ev.sentence.begin_cp);
        std::string id = stable_id("ev-", {d.doc_key, d.content_hash, ev.event_type, ev.subtype, ev.place_id, ev.place_name, sentence});
        for (int n = 2; !taken.insert(id).second; ++n) {
            id = stable_id("ev-", {d.doc_key, d.content_hash, ev.event_type, ev.subtype, ev.place_id, ev.place_name, sentence,
                                   std::to_string(n)});
        }
        if (!ev.event_id.empty()) renamed[ev.event_id] = id;
        ev.event_id = std::move(id);
    }
    for (Event& ev : result.events) {
        if (const auto it = renamed.find(ev.casualties_shared_with); it != renamed.end()) ev.casualties_shared_with = it->second;
    }
    share_casualties(result.events);
}


namespace {

DocumentResult failed_result(const std::string& path, const std::string& id, Diagnostic problem) {
    DocumentResult result;
    result.failed = true;
    result.doc.path = path;
    result.doc.doc_id = id;
    result.doc.diagnostics.push_back(std::move(problem));
    return result;
}

// One job: read the item if it is still a file, then run every stage on it.
DocumentResult process_item(ingest::InputItem& item, const PipelineContext& ctx, bool keep_text) {
    ingest::parse_pending(item);
    if (item.error) return failed_result(item.error->where, item.label, *item.error);
    DocumentResult result;
    try {
        result = process_document(item.file ? ingest::read_text_document(*item.file) : std::move(*item.document), ctx);
    } catch (const DataError& e) {
        return failed_result(item.label, item.label, {Diagnostic::Severity::Error, e.where(), e.line(), e.what()});
    }
    item.document.reset();
    result.text_bytes = result.doc.text.size();
    result.doc.content_hash = content_hash(result.doc.text);  // before the text may be dropped
    if (!keep_text) {
        result.doc.text.clear();
        result.doc.text.shrink_to_fit();
    }
    return result;
}

// Document ids unique within a run: same file name in two folders, or an id repeated in a
// JSONL file: the second keeps its path (line) as id, then "#2", "#3"...
class UniqueIds {
public:
    void make_unique(Document& doc, const std::string& label) {
        if (ids_.insert(doc.doc_id).second) return;
        doc.doc_id = label;
        for (int n = 2; !ids_.insert(doc.doc_id).second; ++n) doc.doc_id = label + "#" + std::to_string(n);
    }

private:
    std::set<std::string> ids_;
};

}  // namespace

RunResult run_inputs(std::vector<ingest::InputItem> inputs, const PipelineContext& ctx, const RunOptions& options,
                     const ProgressCallback& progress) {
    RunResult run;
    run.documents.resize(inputs.size());
    parallel_for(
        inputs.size(), options.threads,
        [&](std::size_t i) { run.documents[i] = process_item(inputs[i], ctx, options.keep_text); },
        [&](std::size_t done, std::size_t total) {
            if (progress && done > 0) progress(done, total, inputs[done - 1].label);
        });
    // Ids and problems in input order, on this thread.
    UniqueIds ids;
    for (std::size_t i = 0; i < run.documents.size(); ++i) {
        DocumentResult& result = run.documents[i];
        if (result.failed) ++run.failed_inputs;
        ids.make_unique(result.doc, inputs[i].label);
        assign_stable_ids(result);
        for (const Diagnostic& diag : result.doc.diagnostics) run.problems.push_back(diag);
    }
    return run;
}

StreamSummary stream_inputs(ingest::InputStream& inputs, const PipelineContext& ctx, const RunOptions& options,
                            const std::function<void(DocumentResult&&)>& consume, const ProgressCallback& progress) {
    StreamSummary summary;
    const std::size_t total = inputs.total();
    const std::size_t batch_size = 256 * worker_count(options.threads, total);
    UniqueIds ids;
    std::vector<ingest::InputItem> batch;
    std::vector<DocumentResult> results;
    for (;;) {
        batch.clear();
        while (batch.size() < batch_size) {
            std::optional<ingest::InputItem> item = inputs.next();
            if (!item) break;
            batch.push_back(std::move(*item));
        }
        if (batch.empty()) break;
        results.clear();
        results.resize(batch.size());
        parallel_for_ordered(
            batch.size(), options.threads,
            [&](std::size_t i) {
                results[i] = process_item(batch[i], ctx, options.keep_text);
            },
            [&](std::size_t i) {
                DocumentResult& result = results[i];
                if (result.failed) ++summary.failed_inputs;
                ids.make_unique(result.doc, batch[i].label);
                assign_stable_ids(result);
                ++summary.documents;
                const std::string label = batch[i].label;
                consume(std::move(result));
                result = DocumentResult{};
                if (progress) progress(summary.documents, total, label);
            });
    }
    return summary;
}

RunResult run_files(const std::vector<std::string>& files, const PipelineContext& ctx, const ProgressCallback& progress) {
    std::vector<ingest::InputItem> inputs;
    inputs.reserve(files.size());
    for (const std::string& path : files) {
        ingest::InputItem item;
        item.label = path;
        item.file = path;
        inputs.push_back(std::move(item));
    }
    return run_inputs(std::move(inputs), ctx, RunOptions{}, progress);
}

}  // namespace toponym
