// Event statistics and their table / CSV forms.
#include "summary/stats.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <date/date.h>
#include <date/iso_week.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/where_clause.hpp"
#include "store/gdal_util.hpp"

namespace toponym::summary {

namespace {

std::vector<std::pair<std::string, std::size_t>> largest_first(const std::map<std::string, std::size_t>& m) {
    std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return v;
}

// The layer of `path` stats reads ("" = events, else the first), filtered by `where`.
struct OpenedLayer {
    GDALDatasetUniquePtr ds;
    OGRLayer* layer = nullptr;
};

OpenedLayer open_layer(const std::string& path, const std::string& layer_name, const std::string& where) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors errors;
    OpenedLayer o;
    o.ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!o.ds) throw DataError(path, fmt::format("cannot open as a vector dataset: {}", io::open_failure_reason(errors)));
    if (!layer_name.empty()) {
        o.layer = o.ds->GetLayerByName(layer_name.c_str());
        if (!o.layer) throw UsageError(path, fmt::format("has no layer \"{}\"", layer_name));
    } else {
        o.layer = o.ds->GetLayerByName("events");
        if (!o.layer) o.layer = o.ds->GetLayer(0);
        if (!o.layer) throw DataError(path, "has no layer");
    }
    if (!where.empty()) io::apply_where(*o.layer, where, o.layer->GetName());
    return o;
}

// The fields stats reads, found once per layer.
struct StatFields {
    int name = -1, pcode = -1, name2 = -1, pcode2 = -1, type = -1, date = -1, killed = -1, injured = -1, shared = -1;
    explicit StatFields(OGRFeatureDefn* defn) {
        name = defn->GetFieldIndex("admin1");
        pcode = defn->GetFieldIndex("admin1_pcode");
        name2 = defn->GetFieldIndex("admin2");
        pcode2 = defn->GetFieldIndex("admin2_pcode");
        type = defn->GetFieldIndex("event_type");
        for (const char* d : {"event_date", "date", "published"}) {
            if (date < 0) date = defn->GetFieldIndex(d);
        }
        killed = defn->GetFieldIndex("fatalities");
        injured = defn->GetFieldIndex("injured");
        shared = defn->GetFieldIndex("casualties_shared_with");
    }
    bool has_figures() const { return killed >= 0 || injured >= 0; }
};

bool present(const OGRFeature& f, int field) { return field >= 0 && f.IsFieldSetAndNotNull(field); }

Figures own_figures(const OGRFeature& f, const StatFields& x) {
    Figures own;
    const bool shared = present(f, x.shared) && *f.GetFieldAsString(x.shared) != '\0';
    if (!shared && present(f, x.killed)) own.killed = static_cast<long>(f.GetFieldAsInteger64(x.killed));
    if (!shared && present(f, x.injured)) own.injured = static_cast<long>(f.GetFieldAsInteger64(x.injured));
    return own;
}

// "Idleb (SY07)", the pcode or the name alone, or "(none)".
std::string area_of(const OGRFeature& f, int name_field, int pcode_field) {
    if (present(f, pcode_field)) {
        const std::string pcode = f.GetFieldAsString(pcode_field);
        const std::string name = present(f, name_field) ? f.GetFieldAsString(name_field) : "";
        return name.empty() ? pcode : fmt::format("{} ({})", name, pcode);
    }
    if (present(f, name_field)) return f.GetFieldAsString(name_field);
    return "(none)";
}

// "2019/12/21 ..." or "2019-12-21": the day, when the text starts with one.
std::optional<date::year_month_day> day_of(const OGRFeature& f, int field) {
    if (!present(f, field)) return std::nullopt;
    const std::string v = f.GetFieldAsString(field);
    if (v.size() < 10 || !std::isdigit(static_cast<unsigned char>(v[0]))) return std::nullopt;
    try {
        const date::year_month_day d{date::year{std::stoi(v.substr(0, 4))}, date::month{static_cast<unsigned>(std::stoi(v.substr(5, 2)))},
                                     date::day{static_cast<unsigned>(std::stoi(v.substr(8, 2)))}};
        if (d.ok()) return d;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string month_of(const OGRFeature& f, int field) {
    if (!present(f, field)) return "(no date)";
    const std::string value = f.GetFieldAsString(field);
    return value.size() >= 7 ? value.substr(0, 4) + "-" + value.substr(5, 2) : "(no date)";
}

std::string week_of(const OGRFeature& f, int field) {
    const std::optional<date::year_month_day> d = day_of(f, field);
    if (!d) return "(no date)";
    const iso_week::year_weeknum_weekday w{date::sys_days(*d)};
    return fmt::format("{}-W{:02}", static_cast<int>(w.year()), static_cast<unsigned>(w.weeknum()));
}

}  // namespace

Stats compute_stats(const std::string& path, const std::string& layer_name, const std::string& where) {
    io::QuietGdalErrors errors;
    OpenedLayer opened = open_layer(path, layer_name, where);
    OGRLayer* layer = opened.layer;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const StatFields x(defn);
    if (x.name < 0 && x.pcode < 0 && x.type < 0 && x.date < 0) {
        std::string fields;
        for (const std::string& name : io::layer_field_names(*layer)) fields += (fields.empty() ? "" : ", ") + name;
        throw DataError(path, fmt::format("layer \"{}\" has none of the fields stats counts by (admin1 or admin1_pcode, event_type, "
                                          "event_date, date or published); count by one of its own with --by FIELD (fields: {})",
                                          layer->GetName(), fields.empty() ? "none" : fields));
    }
    const int f_name = x.name, f_pcode = x.pcode, f_type = x.type, f_date = x.date, f_killed = x.killed, f_injured = x.injured,
              f_shared = x.shared;
    Stats s;
    s.layer = layer->GetName();
    s.has_figures = f_killed >= 0 || f_injured >= 0;
    for (auto& f : *layer) {
        ++s.total;
        Figures own;
        const bool shared = f_shared >= 0 && f->IsFieldSetAndNotNull(f_shared) && *f->GetFieldAsString(f_shared) != '\0';
        if (!shared && f_killed >= 0 && f->IsFieldSetAndNotNull(f_killed)) own.killed = static_cast<long>(f->GetFieldAsInteger64(f_killed));
        if (!shared && f_injured >= 0 && f->IsFieldSetAndNotNull(f_injured)) own.injured = static_cast<long>(f->GetFieldAsInteger64(f_injured));
        std::string gov = "(none)";
        if (f_pcode >= 0 && f->IsFieldSetAndNotNull(f_pcode)) {
            const std::string pcode = f->GetFieldAsString(f_pcode);
            const std::string name = f_name >= 0 && f->IsFieldSetAndNotNull(f_name) ? f->GetFieldAsString(f_name) : "";
            gov = name.empty() ? pcode : fmt::format("{} ({})", name, pcode);
        } else if (f_name >= 0 && f->IsFieldSetAndNotNull(f_name)) {
            gov = f->GetFieldAsString(f_name);
        }
        const std::string type = f_type >= 0 && f->IsFieldSetAndNotNull(f_type) ? f->GetFieldAsString(f_type) : "(none)";
        std::string month = "(no date)";
        if (f_date >= 0 && f->IsFieldSetAndNotNull(f_date)) {
            const std::string value = f->GetFieldAsString(f_date);  // "2019/12/21 ..." or "2019-12-21"
            if (value.size() >= 7) month = value.substr(0, 4) + "-" + value.substr(5, 2);
        }
        ++s.by_governorate[gov];
        ++s.by_type[type];
        ++s.by_month[month];
        ++s.governorate_by_type[gov][type];
        for (Figures* sum : {&s.figures, &s.figures_by_governorate[gov], &s.figures_by_type[type], &s.figures_by_month[month]}) {
            sum->killed += own.killed;
            sum->injured += own.injured;
        }
    }
    return s;
}

std::string format_table(const Stats& s) {
    std::string out = fmt::format("{} features\n", s.total);
    if (s.has_figures) out += fmt::format("{} killed, {} injured (each figure counted once)\n", s.figures.killed, s.figures.injured);
    auto block = [&out, &s](const char* title, const std::vector<std::pair<std::string, std::size_t>>& rows,
                            const std::map<std::string, Figures>& figures) {
        std::size_t width = std::string_view(title).size();
        for (const auto& [k, v] : rows) width = std::max(width, k.size());
        out += fmt::format("\n{:<{}}  {:>7}  {:>6}", title, width, "count", "share");
        out += s.has_figures ? fmt::format("  {:>7}  {:>7}\n", "killed", "injured") : "\n";
        for (const auto& [k, v] : rows) {
            const double share = s.total ? 100.0 * static_cast<double>(v) / static_cast<double>(s.total) : 0.0;
            out += fmt::format("{:<{}}  {:>7}  {:>5.1f}%", k, width, v, share);
            if (s.has_figures) {
                const auto it = figures.find(k);
                const Figures f = it == figures.end() ? Figures{} : it->second;
                out += fmt::format("  {:>7}  {:>7}", f.killed, f.injured);
            }
            out += "\n";
        }
    };
    block("governorate", largest_first(s.by_governorate), s.figures_by_governorate);
    block("event type", largest_first(s.by_type), s.figures_by_type);
    std::vector<std::pair<std::string, std::size_t>> months(s.by_month.begin(), s.by_month.end());  // in time order
    block("month", months, s.figures_by_month);
    return out;
}

std::string csv_cell(const std::string& value) {
    std::string v = value;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"') quoted += "\"\"";
        else quoted.push_back(c);
    }
    return quoted + "\"";
}

std::string format_csv(const Stats& s) {
    std::string out = "dimension,value,count,fatalities,injured\n";
    const auto sums = [&s](const Figures& f) { return s.has_figures ? fmt::format("{},{}", f.killed, f.injured) : std::string(","); };
    out += fmt::format("total,,{},{}\n", s.total, sums(s.figures));
    auto rows = [&](const char* dimension, const std::map<std::string, std::size_t>& m, const std::map<std::string, Figures>& figures) {
        for (const auto& [k, v] : m) {
            const auto it = figures.find(k);
            out += fmt::format("{},{},{},{}\n", dimension, csv_cell(k), v, sums(it == figures.end() ? Figures{} : it->second));
        }
    };
    rows("governorate", s.by_governorate, s.figures_by_governorate);
    rows("event_type", s.by_type, s.figures_by_type);
    rows("month", s.by_month, s.figures_by_month);
    for (const auto& [gov, types] : s.governorate_by_type) {
        for (const auto& [type, n] : types) out += fmt::format("governorate_type,{},{},,\n", csv_cell(gov + " / " + type), n);
    }
    return out;
}

namespace {

enum class Dimension { Governorate, District, Type, Month, Week, Field };

struct DimensionSpec {
    Dimension kind;
    int field = -1;  // Field: the field read
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

DimensionSpec resolve_dimension(const std::string& name, OGRLayer& layer, const StatFields& x, const std::string& path) {
    const std::string key = lower(name);
    const std::string layer_name = layer.GetName();
    const auto missing = [&](const char* what, const char* fields) {
        return DataError(path, fmt::format("layer \"{}\" has no {} field ({}): cannot count --by {}", layer_name, what, fields, name));
    };
    if (key == "governorate") {
        if (x.name < 0 && x.pcode < 0) throw missing("governorate", "admin1, admin1_pcode");
        return {Dimension::Governorate};
    }
    if (key == "district") {
        if (x.name2 < 0 && x.pcode2 < 0) throw missing("district", "admin2, admin2_pcode");
        return {Dimension::District};
    }
    if (key == "type") {
        if (x.type < 0) throw missing("type", "event_type");
        return {Dimension::Type};
    }
    if (key == "month" || key == "week") {
        if (x.date < 0) throw missing("date", "event_date, date, published");
        return {key == "month" ? Dimension::Month : Dimension::Week};
    }
    const int field = layer.GetLayerDefn()->GetFieldIndex(name.c_str());
    if (field < 0) {
        std::string fields;
        for (const std::string& f : io::layer_field_names(layer)) fields += (fields.empty() ? "" : ", ") + f;
        throw UsageError("--by", fmt::format("\"{}\" is not governorate, district, type, month, week nor a field of layer \"{}\" "
                                             "(fields: {})", name, layer_name, fields.empty() ? "none" : fields));
    }
    return {Dimension::Field, field};
}

std::string value_of(const OGRFeature& f, const DimensionSpec& d, const StatFields& x) {
    switch (d.kind) {
        case Dimension::Governorate: return area_of(f, x.name, x.pcode);
        case Dimension::District: return area_of(f, x.name2, x.pcode2);
        case Dimension::Type: return present(f, x.type) ? f.GetFieldAsString(x.type) : "(none)";
        case Dimension::Month: return month_of(f, x.date);
        case Dimension::Week: return week_of(f, x.date);
        case Dimension::Field: break;
    }
    if (!present(f, d.field)) return "(none)";
    const std::string v = f.GetFieldAsString(d.field);
    return v.empty() ? "(none)" : v;
}

bool in_time_order(const std::string& dimension) {
    const std::string key = lower(dimension);
    return key == "month" || key == "week";
}

void sums_json_key(bool has_figures, long value, nlohmann::json& out, const char* key) {
    out[key] = has_figures ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace

GroupedStats compute_grouped(const std::string& path, const std::string& layer_name, const std::vector<std::string>& by,
                             const std::string& where) {
    if (by.empty()) {
        // The default grouping: the table's three dimensions, each alone.
        const Stats s = compute_stats(path, layer_name, where);
        GroupedStats g;
        g.layer = s.layer;
        g.total = s.total;
        g.has_figures = s.has_figures;
        g.figures = s.figures;
        const auto add = [&g](const char* dimension, const std::map<std::string, std::size_t>& counts,
                              const std::map<std::string, Figures>& figures, bool time_order) {
            Grouping grouping{{dimension}, {}};
            for (const auto& [k, v] : counts) {
                const auto it = figures.find(k);
                grouping.rows.push_back({{k}, v, it == figures.end() ? Figures{} : it->second});
            }
            if (!time_order) {
                std::stable_sort(grouping.rows.begin(), grouping.rows.end(), [](const GroupRow& a, const GroupRow& b) { return a.count > b.count; });
            }
            g.groupings.push_back(std::move(grouping));
        };
        add("governorate", s.by_governorate, s.figures_by_governorate, false);
        add("type", s.by_type, s.figures_by_type, false);
        add("month", s.by_month, s.figures_by_month, true);
        return g;
    }
    io::QuietGdalErrors errors;
    OpenedLayer opened = open_layer(path, layer_name, where);
    OGRLayer& layer = *opened.layer;
    const StatFields x(layer.GetLayerDefn());
    std::vector<DimensionSpec> dims;
    for (const std::string& name : by) dims.push_back(resolve_dimension(name, layer, x, path));

    GroupedStats g;
    g.layer = layer.GetName();
    g.has_figures = x.has_figures();
    std::map<std::vector<std::string>, GroupRow> rows;
    for (auto& f : layer) {
        ++g.total;
        std::vector<std::string> keys;
        for (const DimensionSpec& d : dims) keys.push_back(value_of(*f, d, x));
        const Figures own = own_figures(*f, x);
        GroupRow& row = rows[keys];
        row.keys = keys;
        ++row.count;
        row.figures.killed += own.killed;
        row.figures.injured += own.injured;
        g.figures.killed += own.killed;
        g.figures.injured += own.injured;
    }
    Grouping grouping{by, {}};
    for (auto& [k, row] : rows) grouping.rows.push_back(std::move(row));  // key order
    if (!in_time_order(by.front())) {
        std::stable_sort(grouping.rows.begin(), grouping.rows.end(), [](const GroupRow& a, const GroupRow& b) { return a.count > b.count; });
    }
    g.groupings.push_back(std::move(grouping));
    return g;
}

std::string format_grouped_table(const GroupedStats& g) {
    std::string out = fmt::format("{} features\n", g.total);
    if (g.has_figures) out += fmt::format("{} killed, {} injured (each figure counted once)\n", g.figures.killed, g.figures.injured);
    for (const Grouping& grouping : g.groupings) {
        std::vector<std::size_t> widths;
        for (const std::string& d : grouping.by) widths.push_back(d.size());
        for (const GroupRow& row : grouping.rows) {
            for (std::size_t i = 0; i < row.keys.size(); ++i) widths[i] = std::max(widths[i], row.keys[i].size());
        }
        out += "\n";
        for (std::size_t i = 0; i < grouping.by.size(); ++i) out += fmt::format("{:<{}}  ", grouping.by[i], widths[i]);
        out += fmt::format("{:>7}  {:>6}", "count", "share");
        out += g.has_figures ? fmt::format("  {:>7}  {:>7}\n", "killed", "injured") : "\n";
        for (const GroupRow& row : grouping.rows) {
            for (std::size_t i = 0; i < row.keys.size(); ++i) out += fmt::format("{:<{}}  ", row.keys[i], widths[i]);
            const double share = g.total ? 100.0 * static_cast<double>(row.count) / static_cast<double>(g.total) : 0.0;
            out += fmt::format("{:>7}  {:>5.1f}%", row.count, share);
            if (g.has_figures) out += fmt::format("  {:>7}  {:>7}", row.figures.killed, row.figures.injured);
            out += "\n";
        }
    }
    return out;
}

std::string format_grouped_csv(const GroupedStats& g) {
    std::string out;
    for (const Grouping& grouping : g.groupings) {
        std::string header;
        for (const std::string& d : grouping.by) header += csv_cell(d) + ",";
        out += header + (g.has_figures ? "count,fatalities,injured\n" : "count\n");
        for (const GroupRow& row : grouping.rows) {
            for (const std::string& k : row.keys) out += csv_cell(k) + ",";
            out += std::to_string(row.count);
            if (g.has_figures) out += fmt::format(",{},{}", row.figures.killed, row.figures.injured);
            out += "\n";
        }
    }
    return out;
}

std::string format_grouped_json(const GroupedStats& g) {
    nlohmann::json out;
    out["layer"] = g.layer;
    out["features"] = g.total;
    sums_json_key(g.has_figures, g.figures.killed, out, "fatalities");
    sums_json_key(g.has_figures, g.figures.injured, out, "injured");
    out["groupings"] = nlohmann::json::array();
    for (const Grouping& grouping : g.groupings) {
        nlohmann::json gj;
        gj["by"] = grouping.by;
        gj["groups"] = nlohmann::json::array();
        for (const GroupRow& row : grouping.rows) {
            nlohmann::json r = nlohmann::json::object();
            for (std::size_t i = 0; i < grouping.by.size(); ++i) r[grouping.by[i]] = row.keys[i];
            r["count"] = row.count;
            sums_json_key(g.has_figures, row.figures.killed, r, "fatalities");
            sums_json_key(g.has_figures, row.figures.injured, r, "injured");
            gj["groups"].push_back(std::move(r));
        }
        out["groupings"].push_back(std::move(gj));
    }
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace toponym::summary
