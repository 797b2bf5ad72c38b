// CSV/TSV tables with name, lat and lon columns as sources: one place a row, or with --cluster
// (incident tables) one place per cluster of the points a name is given.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>

#include "core/fields.hpp"
#include "gazetteer_build/importer.hpp"
#include "geo/geodesy.hpp"
#include "store/table_io.hpp"
#include "text/normalize.hpp"

namespace toponym::gazetteer_build {

namespace {

// By extension: .csv, .tsv, and .txt files no importer before this one took.
bool accepts_table(const std::string& path, const std::string&, const BuildOptions&) {
    const std::string ext = extension(path);
    return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

struct TableRow {
    int line = 0;
    std::string name;
    std::vector<std::string> alternates;
    double lat = 0, lon = 0;
    std::string row_id;
};

// Incident tables: the first comma part of a location ("Al-Mohsenli, countryside of Manbij,
// Aleppo") is the place; "A or B" and "A and B" name several places and are skipped.
std::optional<std::string> incident_place_name(std::string_view location) {
    std::string name = clean_name(split_fields(location, ',').front());
    if (name.find(" or ") != std::string::npos || name.find(" and ") != std::string::npos || name.find('/') != std::string::npos ||
        name.find('&') != std::string::npos) {
        return std::nullopt;
    }
    return name;
}

struct Cluster {
    std::vector<const TableRow*> rows;
    double lat = 0, lon = 0;  // running centre
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Clusters the points of each folded name; one place per cluster, at the median point, with a
// confidence from how many rows agree and how much of the name's rows the cluster holds.
void add_clusters(Context& ctx, const std::vector<TableRow>& rows, SourceStats& stats) {
    std::map<std::string, std::vector<const TableRow*>> by_key;
    for (const TableRow& r : rows) by_key[text::fold_name(r.name)].push_back(&r);
    for (auto& [key, group] : by_key) {
        if (key.empty()) continue;
        ++stats.names;
        std::vector<Cluster> clusters;
        for (const TableRow* r : group) {
            Cluster* best = nullptr;
            double best_km = ctx.options.cluster_km;
            for (Cluster& c : clusters) {
                const double km = geo::great_circle_km(r->lat, r->lon, c.lat, c.lon);
                if (km <= best_km) best = &c, best_km = km;
            }
            if (!best) {
                clusters.push_back({{}, r->lat, r->lon});
                best = &clusters.back();
            }
            best->rows.push_back(r);
            const double n = static_cast<double>(best->rows.size());
            best->lat += (r->lat - best->lat) / n;
            best->lon += (r->lon - best->lon) / n;
        }
        std::stable_sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) { return a.rows.size() > b.rows.size(); });
        for (std::size_t c = 0; c < clusters.size(); ++c) {
            const Cluster& cl = clusters[c];
            std::vector<double> lats, lons;
            std::map<std::string, std::size_t> spellings;
            for (const TableRow* r : cl.rows) lats.push_back(r->lat), lons.push_back(r->lon), ++spellings[r->name];
            Place p;
            p.lat = median(lats);
            p.lon = median(lons);
            // The most frequent spelling is the name; the others are alternates.
            std::string best_name;
            std::size_t best_count = 0;
            for (const auto& [name, count] : spellings) {
                if (count > best_count) best_name = name, best_count = count;
            }
            p.name = best_name;
            for (const auto& [name, count] : spellings) add_alternate(p, name);
            for (const TableRow* r : cl.rows) {
                for (const auto& alt : r->alternates) add_alternate(p, alt);
            }
            std::vector<double> distances;
            for (const TableRow* r : cl.rows) distances.push_back(geo::great_circle_km(p.lat, p.lon, r->lat, r->lon));
            std::sort(distances.begin(), distances.end());
            const double spread_km = distances[static_cast<std::size_t>(0.9 * static_cast<double>(distances.size() - 1))];
            p.radius_m = std::max(1000.0, spread_km * 1000.0);
            const double n = static_cast<double>(cl.rows.size());
            const double agreement = n / static_cast<double>(group.size());
            p.confidence = std::round(agreement * n / (n + 1.0) * 1000.0) / 1000.0;
            p.id = fmt::format("{}:{}", stats.source, key);
            std::replace(p.id.begin(), p.id.end(), ' ', '-');
            if (c > 0) p.id += fmt::format("#{}", c + 1);
            std::string ids;
            for (const TableRow* r : cl.rows) ids += (ids.empty() ? "" : ",") + r->row_id;
            p.source = stats.source;
            p.source_id = ids;
            p.feature_class = "P";
            p.feature_code = "PPL";
            p.country_code = "SY";
            if (auto governorate = ctx.syrian_governorate(p.lat, p.lon)) p.admin1_pcode = *governorate;
            if (!ctx.keep(p, stats)) continue;
            ++stats.clusters;
            ctx.add(std::move(p), stats);
        }
    }
}

// Tab when the file is named .tsv or its first line has tabs and no comma; else comma.
char separator_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open");
    std::string head;
    std::getline(in, head);
    return extension(path) == ".tsv" || (head.find('\t') != std::string::npos && head.find(',') == std::string::npos) ? '\t' : ',';
}

void import_table(Context& ctx, const std::string& path) {
    SourceStats stats = ctx.start(path, ctx.options.cluster ? "table (clustered)" : "table", file_stem(path));
    const io::SourceTable table = io::SourceTable::open_delimited(path, separator_of(path));
    if (table.columns().empty()) throw DataError(path, "no header row", 1);
    std::vector<std::string> fields;
    for (const auto& cell : table.columns()) fields.emplace_back(trim(cell));
    NameFields nf = detect_name_fields(fields, ctx.options);
    const int f_lat = find_field(fields, {"lat", "latitude", "y"});
    const int f_lon = find_field(fields, {"lon", "lng", "long", "longitude", "x"});
    if (nf.name < 0 || f_lat < 0 || f_lon < 0) {
        throw DataError(path, "the header needs a name column (name, name_en, location_text ...) and lat and lon columns", 1);
    }
    const int f_id = find_field(fields, {"id", "pcode", "source_id", "code"});
    const int f_class = find_field(fields, {"feature_class", "fclass", "class"});
    const int f_type = find_field(fields, {"type", "feature_code", "fcode"});
    const int f_population = find_field(fields, {"population", "pop"});
    const int f_alternates = find_field(fields, {"alternate_names", "alt_names", "alternatenames", "aliases"});
    const int f_country = find_field(fields, {"country_code", "country", "cc", "iso2"});
    const int f_adm1 = find_field(fields, {"admin1_pcode", "adm1_pcode", "admin1", "adm1"});
    const int f_accuracy = find_field(fields, {"geo_accuracy"});
    std::erase(nf.alternates, f_alternates);  // a list, split below
    const bool cluster = ctx.options.cluster;
    std::vector<TableRow> rows;
    const int f_level = find_field(fields, {"level"});
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        const std::size_t width = table.row_width(r);
        if (width == 1 && trim(table.cell(r, 0)).empty()) continue;  // blank line
        ++stats.rows;
        const int line = table.row_line(r);
        const bool bad = table.row_unclosed_quote(r);
        if (bad || width != fields.size()) {
            ctx.bad_row(stats, path, line, bad ? std::string("unclosed quote") : fmt::format("{} cells, the header has {}", width, fields.size()));
            continue;
        }
        const auto text = [&](int i) { return i >= 0 ? std::string(trim(table.cell(r, i))) : std::string(); };
        const std::string raw_name = text(nf.name);
        const std::string lat_text = text(f_lat), lon_text = text(f_lon);
        if (lat_text.empty() && lon_text.empty()) {
            ++stats.no_coordinates;
            continue;
        }
        TableRow row;
        row.line = line;
        row.row_id = f_id >= 0 && !text(f_id).empty() ? text(f_id) : std::to_string(line);
        if (!parse_number(lat_text, row.lat) || !parse_number(lon_text, row.lon) || !valid_coordinates(row.lat, row.lon)) {
            ctx.bad_row(stats, path, line, fmt::format("bad coordinates \"{}\", \"{}\"", lat_text, lon_text));
            continue;
        }
        if (raw_name.empty()) {
            ctx.bad_row(stats, path, line, "empty name");
            continue;
        }
        if (cluster) {
            std::optional<std::string> name = incident_place_name(raw_name);
            if (!name || name->empty()) {
                ++stats.ambiguous;
                continue;
            }
            row.name = *name;
            // A governorate-level point says nothing about where the named place is.
            if (lower(text(f_accuracy)).find("province") != std::string::npos) {
                ++stats.filtered;
                continue;
            }
        } else {
            row.name = clean_name(raw_name);
        }
        for (int alt : nf.alternates) {
            const std::string a = text(alt);
            if (!a.empty()) row.alternates.push_back(cluster ? clean_name(split_fields(a, ',').front()) : a);
        }
        if (f_alternates >= 0) {
            const std::string all = text(f_alternates);
            for (std::string_view a : split_fields(all, all.find('|') != std::string::npos ? '|' : ';')) {
                if (!trim(a).empty()) row.alternates.emplace_back(trim(a));
            }
        }
        if (cluster || ctx.options.syria_only) {
            if (!ctx.syrian_governorate(row.lat, row.lon)) {
                ++stats.outside_syria;
                continue;
            }
        }
        if (cluster) {
            rows.push_back(std::move(row));
            continue;
        }
        Place p;
        p.name = row.name;
        for (const auto& a : row.alternates) add_alternate(p, a);
        p.lat = row.lat;
        p.lon = row.lon;
        p.source = stats.source;
        p.source_id = row.row_id;
        p.id = fmt::format("{}:{}", stats.source, row.row_id);
        std::string type = text(f_type);
        if (const std::string level = lower(text(f_level)); type.empty() && !level.empty()) {
            // syria-admin-names.csv style: admin1..3, neighbourhood
            if (level.rfind("admin", 0) == 0 && level.size() == 6) type = "ADM" + level.substr(5);
            else if (level.find("neighbo") != std::string::npos) type = "PPLX";
        }
        p.feature_class = text(f_class);
        if (type.size() == 1 && p.feature_class.empty()) std::swap(type, p.feature_class);
        p.feature_code = type.empty() ? "PPL" : type;
        if (p.feature_class.empty()) p.feature_class = p.feature_code.rfind("ADM", 0) == 0 ? "A" : "P";
        p.country_code = upper(text(f_country));
        p.admin1_pcode = text(f_adm1);
        if (p.country_code.empty() && p.admin1_pcode.rfind("SY", 0) == 0) p.country_code = "SY";
        if (const std::string pop = text(f_population); !pop.empty() && !parse_number(pop, p.population)) {
            ctx.bad_row(stats, path, line, fmt::format("bad population \"{}\"", pop));
            continue;
        }
        if (!ctx.keep(p, stats)) continue;
        p.radius_m = 0;
        ctx.add(std::move(p), stats);
    }
    if (cluster) add_clusters(ctx, rows, stats);
    ctx.finish(std::move(stats));
}

}  // namespace

extern const Importer table_importer{"table", accepts_table, import_table};

}  // namespace toponym::gazetteer_build
