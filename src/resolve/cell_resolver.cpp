// Location cells: parts, alternatives and qualifiers around the document pipeline.
#include "resolve/cell_resolver.hpp"

#include <algorithm>
#include <array>

namespace toponym::resolve {

namespace {

struct Part {
    std::size_t begin = 0;  // bytes into the cell text
    std::size_t end = 0;
};

// Comma- or semicolon-separated parts of the cell, with their byte ranges.
std::vector<Part> split_parts(std::string_view cell) {
    std::vector<Part> parts;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= cell.size(); ++i) {
        if (i == cell.size() || cell[i] == ',' || cell[i] == ';') {
            if (cell.substr(begin, i - begin).find_first_not_of(" \t") != std::string_view::npos) parts.push_back({begin, i});
            begin = i + 1;
        }
    }
    return parts;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// "countryside of Manbij", "Manbij countryside", "outskirts of", "near", "rural", "vicinity":
// the place is the area around the named one.
bool names_surroundings(std::string_view part) {
    const std::string p = " " + lower_ascii(part) + " ";
    constexpr std::array kWords = {" countryside", " outskirts", " near ", " vicinity", " rural ", " suburb",
                                   " surroundings", " environs", " around ", " outside "};
    return std::any_of(kWords.begin(), kWords.end(), [&](const char* w) { return p.find(w) != std::string::npos; });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

void add_alternative(std::vector<Candidate>& out, const Candidate& c, std::uint32_t chosen) {
    if (c.place == chosen) return;
    if (std::any_of(out.begin(), out.end(), [&](const Candidate& o) { return o.place == c.place; })) return;
    out.push_back(c);
}

CellResolution from_mention(const Mention& m, const std::vector<Mention>& others, const PipelineContext& ctx) {
    CellResolution r;
    r.status = CellStatus::Resolved;
    r.place = m.place();
    r.matched = m.surface;
    r.confidence = m.confidence;
    r.admin = m.admin;
    const Place& p = ctx.gazetteer.place(m.place());
    r.geo_precision = p.is_admin_area() ? 3 : 1;
    r.uncertainty_m = p.radius_m;
    for (const Mention& o : others) {
        if (&o != &m) add_alternative(r.alternatives, o.candidates.front(), m.place());
    }
    for (std::size_t i = 1; i < m.candidates.size(); ++i) add_alternative(r.alternatives, m.candidates[i], m.place());
    return r;
}

constexpr double kSurroundingsRadiusM = 10000.0;  // "countryside of X": the area around X

// What the rest of the row says about where it is: the countries and governorates of the
// places named after a part (later parts, context columns).
struct RowContext {
    std::vector<std::string> countries;
    std::vector<std::string> admin1_pcodes;

    void add(const Mention& m, const Gazetteer& g) {
        const Place& p = g.place(m.place());
        if (!p.country_code.empty() && std::find(countries.begin(), countries.end(), p.country_code) == countries.end()) {
            countries.push_back(p.country_code);
        }
        if (m.admin.admin1_pcode.empty()) return;
        admin1_pcodes.push_back(m.admin.admin1_pcode);
        // "Damascus" names the city and the governorate around it (Rural Damascus) alike.
        if (m.admin.admin1_pcode == "SY01") admin1_pcodes.push_back("SY03");
        if (m.admin.admin1_pcode == "SY03") admin1_pcodes.push_back("SY01");
    }
    bool has(const std::vector<std::string>& list, const std::string& value) const {
        return std::find(list.begin(), list.end(), value) != list.end();
    }
};

// The mention with its candidates narrowed by the row's context: places in another country
// than the context's are dropped ("Al Subha, Deir ez-Zor" is not Suva), places in the
// governorate the context names go first. Returns false when no candidate is left. Sets
// `outside_governorate` when the context names governorates and no candidate lies in them:
// on Airwars, all 85 such rows were homonyms the gazetteer lacks (the row's point lay in the
// governorate named, never within 10 km of the match).
bool narrow_to_context(Mention& m, const RowContext& context, const PipelineContext& ctx, bool& outside_governorate) {
    outside_governorate = false;
    if (!context.countries.empty()) {
        std::erase_if(m.candidates, [&](const Candidate& c) {
            const std::string& country = ctx.gazetteer.place(c.place).country_code;
            return !country.empty() && !context.has(context.countries, country);
        });
        if (m.candidates.empty()) return false;
    }
    if (context.admin1_pcodes.empty()) return true;
    std::vector<Candidate> inside, outside;
    for (const Candidate& c : m.candidates) {
        (context.has(context.admin1_pcodes, ctx.gazetteer.place(c.place).admin1_pcode) ? inside : outside).push_back(c);
    }
    outside_governorate = inside.empty();
    if (!inside.empty() && inside.front().place != m.place()) {
        inside.insert(inside.end(), outside.begin(), outside.end());
        m.candidates = std::move(inside);
        m.admin = ctx.admin.assign(ctx.gazetteer.place(m.place()));
    }
    return true;
}

}  // namespace

const char* to_string(CellStatus status) {
    switch (status) {
        case CellStatus::Resolved: return "resolved";
        case CellStatus::Unresolved: return "unresolved";
        case CellStatus::Empty: return "empty";
    }
    return "empty";
}

CellResolution resolve_cell(std::string_view location, const std::vector<std::string>& context, const PipelineContext& ctx) {
    const std::string_view cell = trim(location);
    if (cell.empty()) return CellResolution{};

    // The cell on the first line, each context value on a line of its own: one small document,
    // so the resolver weighs every name against the others as in a report.
    Document doc;
    doc.doc_id = "cell";
    doc.text.assign(cell);
    for (const std::string& value : context) {
        if (!trim(value).empty()) doc.text += "\n" + std::string(trim(value));
    }
    doc.text += "\n";
    const DocumentResult result = process_document(std::move(doc), ctx);

    const std::vector<Part> parts = split_parts(cell);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        RowContext row_context;
        for (const Mention& m : result.mentions) {
            if (m.span.begin_byte >= parts[k].end) row_context.add(m, ctx.gazetteer);
        }
        const std::string_view part_text = cell.substr(parts[k].begin, parts[k].end - parts[k].begin);
        std::vector<Mention> in_part;
        for (const Mention& m : result.mentions) {
            if (m.span.begin_byte < parts[k].begin || m.span.begin_byte >= parts[k].end) continue;
            Mention narrowed = m;
            bool outside = false;
            if (!narrow_to_context(narrowed, row_context, ctx, outside)) continue;
            if (outside) continue;  // another place of that name, unknown to the gazetteer
            in_part.push_back(std::move(narrowed));
        }
        if (in_part.empty()) continue;
        CellResolution r = from_mention(in_part.front(), in_part, ctx);
        // An "X or Y" whose first option is unknown: the place is the second option.
        const std::size_t first_word = part_text.find_first_not_of(" \t") + parts[k].begin;
        const bool later_option = lower_ascii(cell.substr(first_word, in_part.front().span.begin_byte - first_word)).find(" or ") !=
                                  std::string::npos;
        r.method = k > 0 ? "fallback" : later_option ? "alternative" : "name";
        if (k > 0 || names_surroundings(part_text)) {
            // Somewhere in or around the place named, not the place itself.
            r.geo_precision = std::max(r.geo_precision, 2);
            r.uncertainty_m = std::max(r.uncertainty_m, kSurroundingsRadiusM);
        }
        if (k > 0) r.confidence *= 0.7;
        if (later_option) r.confidence *= 0.9;
        return r;
    }

    // Nothing in the cell: a context value (a governorate column) locates the row coarsely.
    for (const Mention& m : result.mentions) {
        if (m.span.begin_byte < cell.size()) continue;
        CellResolution r = from_mention(m, {}, ctx);
        // A governorate column names the governorate even where a city has the same name.
        for (const Candidate& c : m.candidates) {
            if (!ctx.gazetteer.place(c.place).is_admin_area()) continue;
            if (c.place != m.place()) {
                add_alternative(r.alternatives, m.candidates.front(), c.place);
                r.place = c.place;
                r.admin = ctx.admin.assign(ctx.gazetteer.place(c.place));
            }
            break;
        }
        const Place& p = ctx.gazetteer.place(*r.place);
        std::erase_if(r.alternatives, [&](const Candidate& c) { return c.place == *r.place; });
        r.method = "context";
        r.geo_precision = 3;
        r.uncertainty_m = std::max(p.radius_m, kSurroundingsRadiusM);
        r.confidence *= 0.5;
        return r;
    }
    CellResolution r;
    r.status = CellStatus::Unresolved;
    r.note = "no gazetteer place named in the text";
    return r;
}

}  // namespace toponym::resolve
