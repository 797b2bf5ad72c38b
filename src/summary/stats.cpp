// Event statistics and their table / CSV forms.
#include "summary/stats.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/error.hpp"
#include "ingest/document_reader.hpp"
#include "io/gdal_util.hpp"

namespace toponym::summary {

namespace {

std::vector<std::pair<std::string, std::size_t>> largest_first(const std::map<std::string, std::size_t>& m) {
    std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return v;
}

}  // namespace

Stats compute_stats(const std::string& path, const std::string& layer_name) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors errors;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw DataError(path, fmt::format("cannot open as a vector dataset: {}", io::open_failure_reason(errors)));
    OGRLayer* layer = nullptr;
    if (!layer_name.empty()) {
        layer = ds->GetLayerByName(layer_name.c_str());
        if (!layer) throw UsageError(path, fmt::format("has no layer \"{}\"", layer_name));
    } else {
        layer = ds->GetLayerByName("events");
        if (!layer) layer = ds->GetLayer(0);
        if (!layer) throw DataError(path, "has no layer");
    }
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int f_name = defn->GetFieldIndex("admin1");
    const int f_pcode = defn->GetFieldIndex("admin1_pcode");
    const int f_type = defn->GetFieldIndex("event_type");
    int f_date = defn->GetFieldIndex("event_date");
    if (f_date < 0) f_date = defn->GetFieldIndex("date");
    if (f_date < 0) f_date = defn->GetFieldIndex("published");
    const int f_killed = defn->GetFieldIndex("fatalities");
    const int f_injured = defn->GetFieldIndex("injured");
    const int f_shared = defn->GetFieldIndex("casualties_shared_with");

    Stats s;
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

}  // namespace toponym::summary
