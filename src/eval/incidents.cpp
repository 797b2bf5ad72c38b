// Incident tables: reading the rows, scoring the events of each against its gold point.
#include "eval/incidents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/dates.hpp"
#include "geo/geodesy.hpp"
#include "store/table_io.hpp"
#include "text/utf8.hpp"

namespace toponym::eval {

namespace {

using nlohmann::json;

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A finite decimal number filling the whole cell (spaces around allowed), else nothing.
std::optional<double> number_of(std::string_view cell) {
    cell = trimmed(cell);
    if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// GDAL writes the date fields of a spreadsheet or GeoPackage as YYYY/MM/DD: the ISO form.
std::string iso_date_text(std::string_view cell) {
    std::string out(cell);
    const auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(out.begin() + static_cast<std::ptrdiff_t>(from), out.begin() + static_cast<std::ptrdiff_t>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (out.size() >= 10 && out[4] == '/' && out[7] == '/' && digits(0, 4) && digits(5, 2) && digits(8, 2)) out[4] = out[7] = '-';
    return out;
}

std::string column_list(const std::vector<std::string>& columns) {
    std::string out;
    for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
    return out;
}

// The column for an option, -1 when the option is empty (no such column); UsageError when the
// table lacks it.
int column_for(const io::SourceTable& table, const std::string& path, const std::string& name, const char* option) {
    if (name.empty()) return -1;
    const int i = table.column_index(name);
    if (i < 0) {
        throw UsageError(path, fmt::format("no column \"{}\" ({} chooses it; columns: {})", name, option, column_list(table.columns())));
    }
    return i;
}

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }
double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

// The median of sorted values (the mean of the middle two for an even count); infinity stays.
double median_of(const std::vector<double>& sorted) {
    if (sorted.empty()) return std::numeric_limits<double>::infinity();
    const std::size_t n = sorted.size();
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

struct Group {
    std::size_t rows = 0, within = 0, governorate_n = 0, governorate_right = 0, with_event = 0;
    std::vector<double> nearest_km;  // every row; infinity without an event

    json to_json(std::optional<double> threshold_km) const {
        std::vector<double> all = nearest_km;
        std::sort(all.begin(), all.end());
        std::vector<double> located(all.begin(), std::find_if(all.begin(), all.end(), [](double d) { return std::isinf(d); }));
        const double median = median_of(all);
        json out = {{"rows", rows},
                    {"within", within},
                    {"within_share", round3(ratio(within, rows))},
                    {"governorate_n", governorate_n},
                    {"governorate_right", governorate_right},
                    {"governorate_share", round3(ratio(governorate_right, governorate_n))},
                    {"with_event", with_event},
                    {"with_event_share", round3(ratio(with_event, rows))},
                    {"median_km", std::isfinite(median) ? json(round3(median)) : json(nullptr)},
                    {"median_km_with_event", located.empty() ? json(nullptr) : json(round3(median_of(located)))}};
        if (threshold_km) out["within_km"] = *threshold_km;
        return out;
    }
};

}  // namespace

IncidentTable load_incidents(const std::string& path, const IncidentColumns& columns) {
    const io::SourceTable table = io::SourceTable::open(path);
    const int c_id = column_for(table, path, columns.id, "--id-column");
    const int c_text = column_for(table, path, columns.text, "--text-column");
    const int c_date = column_for(table, path, columns.date, "--date-column");
    const int c_lat = column_for(table, path, columns.lat, "--lat-column");
    const int c_lon = column_for(table, path, columns.lon, "--lon-column");
    const int c_precision = column_for(table, path, columns.precision, "--precision-column");
    if (c_text < 0 || c_lat < 0 || c_lon < 0) throw UsageError(path, "the text, lat and lon columns cannot be left out");

    IncidentTable out;
    out.path = path;
    out.columns = table.columns();
    out.rows = table.row_count();
    const std::string stem = std::filesystem::path(path).stem().string();
    for (std::size_t row = 0; row < table.row_count(); ++row) {
        Incident in;
        in.row = row + 1;
        in.line = table.row_line(row);
        const std::string where = fmt::format("row {}", in.row);
        auto bad = [&](const std::string& why) {
            out.problems.push_back({Diagnostic::Severity::Error, path, in.line, fmt::format("{}: {}; row skipped", where, why)});
            ++out.bad_rows;
        };
        const auto cell = [&](int c) { return c < 0 ? std::string() : table.cell(row, c); };
        in.id = cell(c_id);
        if (in.id.empty()) in.id = fmt::format("{}-{}", stem, in.row);
        text::Utf8Repair text = text::repair_utf8(cell(c_text));
        if (trimmed(text.text).empty()) {
            bad(fmt::format("no text in column \"{}\"", columns.text));
            continue;
        }
        const std::string lat = cell(c_lat), lon = cell(c_lon);
        if (trimmed(lat).empty() || trimmed(lon).empty()) {
            bad(fmt::format("no {} (columns \"{}\", \"{}\")", trimmed(lat).empty() ? "latitude" : "longitude", columns.lat, columns.lon));
            continue;
        }
        const std::optional<double> lat_deg = number_of(lat), lon_deg = number_of(lon);
        if (!lat_deg || *lat_deg < -90.0 || *lat_deg > 90.0) {
            bad(fmt::format("latitude \"{}\" is not a number from -90 to 90", lat));
            continue;
        }
        if (!lon_deg || *lon_deg < -180.0 || *lon_deg > 180.0) {
            bad(fmt::format("longitude \"{}\" is not a number from -180 to 180", lon));
            continue;
        }
        in.lat = *lat_deg;
        in.lon = *lon_deg;
        if (c_precision >= 0) {
            const std::string p = cell(c_precision);
            const std::optional<double> v = number_of(p);
            if (!v || (*v != 1.0 && *v != 2.0 && *v != 3.0)) {
                bad(fmt::format("precision \"{}\" is not 1, 2 or 3", p));
                continue;
            }
            in.precision = static_cast<int>(*v);
        }
        if (c_date >= 0) {
            const std::string d = cell(c_date);
            in.published = parse_iso_date(iso_date_text(trimmed(d)));
            if (!in.published) {
                bad(d.empty() ? std::string("no date") : fmt::format("date \"{}\" is not a date (YYYY-MM-DD)", d));
                continue;
            }
        }
        if (text.invalid_sequences > 0) {
            out.problems.push_back({Diagnostic::Severity::Warning, path, in.line,
                                    fmt::format("{}: {} invalid UTF-8 sequence{} in the text replaced by U+FFFD", where,
                                                text.invalid_sequences, text.invalid_sequences == 1 ? "" : "s")});
        }
        in.text = std::move(text.text);
        out.incidents.push_back(std::move(in));
    }
    return out;
}

std::vector<IncidentEvent> incident_events(const DocumentResult& result) {
    std::vector<IncidentEvent> out;
    out.reserve(result.events.size());
    for (const Event& e : result.events) out.push_back({e.lat, e.lon, e.admin.admin1_pcode, e.place_name, e.event_type});
    return out;
}

json score_incidents(const IncidentTable& table, const std::vector<std::vector<IncidentEvent>>& events,
                     const admin::AdminBoundaries& boundaries, const IncidentOptions& options) {
    Group precise, coarse, all;
    struct Miss {
        double km;
        json row;
    };
    std::vector<Miss> misses;
    for (std::size_t i = 0; i < table.incidents.size(); ++i) {
        const Incident& in = table.incidents[i];
        static const std::vector<IncidentEvent> kNone;
        const std::vector<IncidentEvent>& evs = i < events.size() ? events[i] : kNone;
        const double threshold = in.precision == 1 ? options.within_km_precise : options.within_km_coarse;
        double nearest = std::numeric_limits<double>::infinity();
        for (const IncidentEvent& e : evs) nearest = std::min(nearest, geo::great_circle_km(in.lat, in.lon, e.lat, e.lon));
        const std::string gold_pcode = boundaries.assign_point(in.lat, in.lon).admin1_pcode;
        const bool within = nearest <= threshold;
        const bool governorate_right =
            !gold_pcode.empty() && std::any_of(evs.begin(), evs.end(), [&](const IncidentEvent& e) { return e.admin1_pcode == gold_pcode; });
        for (Group* g : {in.precision == 1 ? &precise : &coarse, &all}) {
            ++g->rows;
            g->within += within;
            g->governorate_n += !gold_pcode.empty();
            g->governorate_right += governorate_right;
            g->with_event += !evs.empty();
            g->nearest_km.push_back(nearest);
        }
        if (!within && !evs.empty()) {
            json found = json::array();
            for (const IncidentEvent& e : evs) {
                found.push_back({{"place_name", e.place_name}, {"event_type", e.event_type}, {"lat", e.lat}, {"lon", e.lon},
                                 {"admin1_pcode", e.admin1_pcode}, {"km", round3(geo::great_circle_km(in.lat, in.lon, e.lat, e.lon))}});
            }
            json row = {{"id", in.id},
                        {"row", in.row},
                        {"line", in.line},
                        {"precision", in.precision},
                        {"error_km", round3(nearest)},
                        {"within_km", threshold},
                        {"gold", {{"lat", in.lat}, {"lon", in.lon}, {"admin1_pcode", gold_pcode}}},
                        {"governorate_right", governorate_right},
                        {"events", std::move(found)},
                        {"text", in.text}};
            misses.push_back({nearest, std::move(row)});
        }
    }
    std::stable_sort(misses.begin(), misses.end(), [](const Miss& a, const Miss& b) { return a.km > b.km; });
    json worst = json::array();
    for (std::size_t i = 0; i < misses.size() && i < options.worst; ++i) worst.push_back(std::move(misses[i].row));
    json problems = json::array();
    for (const Diagnostic& d : table.problems) problems.push_back(d.format());
    json report = {{"file", table.path},
                   {"rows", table.rows},
                   {"bad_rows", table.bad_rows},
                   {"scored", table.incidents.size()},
                   {"misses_with_event", misses.size()}};
    report["precision_1"] = precise.to_json(options.within_km_precise);
    report["precision_2_3"] = coarse.to_json(options.within_km_coarse);
    report["all"] = all.to_json(std::nullopt);
    report["worst"] = std::move(worst);
    report["problems"] = std::move(problems);
    return report;
}

namespace {

std::string count_share(const json& g, const char* count, const char* of, const char* share) {
    if (g[of].get<std::size_t>() == 0) return "-";
    return fmt::format("{}/{} {:.1f}%", g[count].get<std::size_t>(), g[of].get<std::size_t>(), g[share].get<double>() * 100.0);
}

std::string km_cell(const json& g, const char* key) {
    if (g["rows"].get<std::size_t>() == 0) return "-";
    return g[key].is_null() ? "none" : fmt::format("{:.1f}", g[key].get<double>());
}

// The text on one line, cut after about `max_chars` code points.
std::string one_line(const std::string& text, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > max_chars) {
            out += "…";
            break;
        }
        out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }
    return out;
}

}  // namespace

std::string format_incident_report(const json& report) {
    const json& p1 = report["precision_1"];
    const json& p23 = report["precision_2_3"];
    const json& all = report["all"];
    struct Row {
        std::string label;
        std::string cells[3];
    };
    const json* groups[3] = {&p1, &p23, &all};
    std::vector<Row> rows;
    auto add = [&](std::string label, auto&& value) {
        Row r{std::move(label), {}};
        for (int i = 0; i < 3; ++i) r.cells[i] = value(*groups[i]);
        rows.push_back(std::move(r));
    };
    add("rows", [](const json& g) { return std::to_string(g["rows"].get<std::size_t>()); });
    add(fmt::format("event within {:g} km / {:g} km", p1["within_km"].get<double>(), p23["within_km"].get<double>()),
        [](const json& g) { return count_share(g, "within", "rows", "within_share"); });
    add("an event in the governorate", [](const json& g) { return count_share(g, "governorate_right", "governorate_n", "governorate_share"); });
    add("at least one event", [](const json& g) { return count_share(g, "with_event", "rows", "with_event_share"); });
    add("median km (no event = infinite)", [](const json& g) { return km_cell(g, "median_km"); });
    add("median km, rows with an event", [](const json& g) { return km_cell(g, "median_km_with_event"); });

    const char* headers[3] = {"precision 1", "precision 2-3", "all"};
    std::size_t label_width = 0, widths[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) widths[i] = std::string_view(headers[i]).size();
    for (const Row& r : rows) {
        label_width = std::max(label_width, r.label.size());
        for (int i = 0; i < 3; ++i) widths[i] = std::max(widths[i], r.cells[i].size());
    }
    std::string out = fmt::format("incidents: {} ({} rows, {} bad, {} scored)\n", report["file"].get<std::string>(),
                                  report["rows"].get<std::size_t>(), report["bad_rows"].get<std::size_t>(),
                                  report["scored"].get<std::size_t>());
    out += fmt::format("{:<{}}", "", label_width);
    for (int i = 0; i < 3; ++i) out += fmt::format("  {:>{}}", headers[i], widths[i]);
    out += "\n";
    for (const Row& r : rows) {
        out += fmt::format("{:<{}}", r.label, label_width);
        for (int i = 0; i < 3; ++i) out += fmt::format("  {:>{}}", r.cells[i], widths[i]);
        out += "\n";
    }
    if (!report["worst"].empty()) {
        const std::size_t n = report["misses_with_event"].get<std::size_t>();
        out += fmt::format("\nworst misses, incidents ({} row{} whose events are all beyond the threshold; rows without an event are counted above):\n",
                           n, n == 1 ? "" : "s");
        for (const json& m : report["worst"]) {
            const json& e = *std::min_element(m["events"].begin(), m["events"].end(),
                                              [](const json& a, const json& b) { return a["km"].get<double>() < b["km"].get<double>(); });
            const std::string where = m["line"].get<int>() > 0 ? fmt::format("line {}", m["line"].get<int>())
                                                                : fmt::format("row {}", m["row"].get<std::size_t>());
            out += fmt::format("  {} ({}, precision {}): {:.1f} km, nearest event {} ({:.4f}, {:.4f}) in {}; gold ({:.4f}, {:.4f}) in {}\n      {}\n",
                               m["id"].get<std::string>(), where, m["precision"].get<int>(), m["error_km"].get<double>(),
                               e["place_name"].get<std::string>(), e["lat"].get<double>(), e["lon"].get<double>(),
                               e["admin1_pcode"].get<std::string>().empty() ? "-" : e["admin1_pcode"].get<std::string>(),
                               m["gold"]["lat"].get<double>(), m["gold"]["lon"].get<double>(),
                               m["gold"]["admin1_pcode"].get<std::string>().empty() ? "-" : m["gold"]["admin1_pcode"].get<std::string>(),
                               one_line(m["text"].get<std::string>(), 400));
        }
    }
    return out;
}

}  // namespace toponym::eval
