// Gazetteer loading (TSV) and its name and spatial indexes.
#include "gazetteer/gazetteer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/fields.hpp"
#include "gazetteer/compiled.hpp"
#include "gazetteer/embedded.hpp"
#include "geo/geodesy.hpp"
#include "text/normalize.hpp"

namespace toponym {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct Gazetteer::SpatialIndex {
    using Point = bg::model::point<double, 2, bg::cs::spherical_equatorial<bg::degree>>;
    using Value = std::pair<Point, std::uint32_t>;
    bgi::rtree<Value, bgi::quadratic<16>> tree;
    // Per governorate pcode, the settlements' spread toward N, NE, ..., NW (see settlements_toward).
    std::unordered_map<std::string, std::array<std::optional<Spread>, 8>> sectors;
};

namespace {

constexpr std::string_view kFormatLine = "# toponym-gazetteer 1";

// English words that GeoNames lists as alternate names of some place, or that news text
// capitalises at the start of a sentence. Folded like names before use.
constexpr std::string_view kCommonWords[] = {
    "a", "about", "after", "again", "against", "air", "all", "also", "an", "and", "any", "are", "army",
    "as", "at", "back", "base", "be", "because", "been", "before", "being", "between", "big", "border",
    "both", "but", "by", "camp", "can", "capital", "centre", "center", "city", "come", "could", "country",
    "day", "did", "do", "does", "down", "during", "each", "east", "eastern", "even", "few", "first",
    "for", "forces", "from", "front", "further", "get", "go", "had", "has", "have", "he", "her", "here",
    "high", "him", "his", "home", "how", "if", "in", "into", "is", "it", "its", "just", "last", "late",
    "like", "line", "long", "made", "main", "make", "many", "may", "me", "mine", "more", "most", "much",
    "must", "my", "near", "new", "news", "no", "north", "northern", "not", "now", "of", "off", "old",
    "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "part", "people", "port",
    "post", "rose", "said", "same", "says", "see", "she", "should", "since", "so", "some", "south",
    "southern", "state", "still", "such", "take", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "time", "to", "too", "town", "two", "under",
    "up", "upon", "us", "very", "village", "war", "was", "water", "way", "we", "well", "were", "west",
    "western", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "year",
    "you", "your", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mr", "mrs", "president", "minister", "government", "regime", "rebels", "opposition",
    "tell", "tal", "al", "bab", "mount", "hill", "valley", "river", "lake", "sea", "road", "highway",
    "street", "square", "market", "school", "hospital", "mosque", "church", "bridge", "dam", "airport",
    // The generic words of Arabic place names, alone: "Khirbet" (ruin), "Sheikh", "Jabal"
    // (mountain), "Wadi" start a name; places called only that ("Al Khirbah") need the article.
    "khirbet", "sheikh", "umm", "abu", "ras", "ain", "kafr", "deir", "jabal", "wadi", "bir", "qasr", "marj",
    "jisr", "mazraa", "qalaat", "beit",
};

const StringSet& common_word_keys() {
    static const StringSet keys = [] {
        StringSet s;
        for (std::string_view w : kCommonWords) s.insert(text::fold_name(w));
        return s;
    }();
    return keys;
}

// The English words that gazetteer/build found folding to the one-word name of a small Syrian
// place ("Hall", "Hit", "Man": gazetteer/common-words.txt), folded.
const StringSet& english_word_keys() {
    static const StringSet keys = [] {
        StringSet s;
        const std::string_view words = embedded::common_words();
        for (std::size_t pos = 0; pos < words.size();) {
            std::size_t eol = words.find('\n', pos);
            if (eol == std::string_view::npos) eol = words.size();
            const std::string_view line = words.substr(pos, eol - pos);
            pos = eol + 1;
            if (line.empty() || line.front() == '#') continue;
            s.insert(text::fold_name(line));
        }
        return s;
    }();
    return keys;
}

// An alternate name that is only an abbreviation or code (IATA "ALP", "HLB"), not a name.
bool is_code_like(std::string_view name) {
    if (name.size() > 4) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// "Nubl and Zahraa", "Aleppo & suburbs": a phrase naming several places, not one name.
bool is_phrase(std::string_view name) {
    return name.find(" and ") != std::string_view::npos || name.find('&') != std::string_view::npos ||
           name.find(" or ") != std::string_view::npos;
}

bool usable_key(const std::string& key, bool has_article) {
    if (key.empty()) return false;
    if (key.find(' ') != std::string::npos) return true;  // several words: specific enough
    if (static_cast<unsigned char>(key[0]) >= 0x80) return key.size() >= 4;  // Arabic: two letters or more
    if (key.size() < 3) return false;
    if (std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return has_article || !is_common_word_key(key);
}

}  // namespace

bool is_common_word_key(std::string_view key) { return common_word_keys().contains(key); }

bool is_english_word_key(std::string_view key) { return english_word_keys().contains(key); }

Gazetteer::Gazetteer() : spatial_once_(std::make_unique<std::once_flag>()) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Gazetteer Gazetteer::from_tsv(std::string_view tsv, const std::string& origin) {
    Gazetteer g;
    int line_no = 0;
    std::vector<std::string> header;
    std::size_t pos = 0;
    bool saw_format = false;
    auto column = [&header](std::string_view name) -> int {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    int c_id = -1, c_name = -1, c_lat = -1, c_lon = -1, c_fclass = -1, c_fcode = -1, c_country = -1,
        c_admin1 = -1, c_pop = -1, c_radius = -1, c_alt = -1, c_source = -1, c_source_id = -1, c_confidence = -1;
    while (pos < tsv.size()) {
        std::size_t eol = tsv.find('\n', pos);
        if (eol == std::string_view::npos) eol = tsv.size();
        std::string_view line = tsv.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1) {
            if (line != kFormatLine) {
                throw DataError(origin, fmt::format("not a toponym gazetteer (first line must be \"{}\")", kFormatLine), 1);
            }
            saw_format = true;
            continue;
        }
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string_view> fields = split_fields(line, '\t');
        if (header.empty()) {
            for (auto f : fields) header.emplace_back(f);
            c_id = column("id"), c_name = column("name"), c_lat = column("lat"), c_lon = column("lon");
            c_fclass = column("feature_class"), c_fcode = column("feature_code"), c_country = column("country_code");
            c_admin1 = column("admin1_pcode"), c_pop = column("population"), c_radius = column("radius_m");
            c_alt = column("alternate_names"), c_source = column("source"), c_source_id = column("source_id");
            c_confidence = column("confidence");
            for (auto [col, name] : {std::pair{c_id, "id"}, {c_name, "name"}, {c_lat, "lat"}, {c_lon, "lon"}}) {
                if (col < 0) throw DataError(origin, fmt::format("header has no \"{}\" column", name), line_no);
            }
            continue;
        }
        if (fields.size() != header.size()) {
            throw DataError(origin, fmt::format("{} fields, the header has {}", fields.size(), header.size()), line_no);
        }
        auto get = [&fields](int col) -> std::string_view { return col < 0 ? std::string_view{} : fields[col]; };
        Place p;
        p.id = get(c_id);
        p.name = get(c_name);
        if (p.id.empty() || p.name.empty()) throw DataError(origin, "empty id or name", line_no);
        // Written as "inside" so that NaN ("nan" parses as a number) is outside.
        if (!parse_number(get(c_lat), p.lat) || !parse_number(get(c_lon), p.lon) ||
            !(p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180)) {
            throw DataError(origin, fmt::format("bad coordinates \"{}\", \"{}\"", get(c_lat), get(c_lon)), line_no);
        }
        p.feature_class = get(c_fclass);
        p.feature_code = get(c_fcode);
        p.country_code = get(c_country);
        p.admin1_pcode = get(c_admin1);
        if (!get(c_pop).empty() && !parse_number(get(c_pop), p.population)) {
            throw DataError(origin, fmt::format("bad population \"{}\"", get(c_pop)), line_no);
        }
        if (!get(c_radius).empty() && (!parse_number(get(c_radius), p.radius_m) || !(p.radius_m >= 0 && std::isfinite(p.radius_m)))) {
            throw DataError(origin, fmt::format("bad radius_m \"{}\"", get(c_radius)), line_no);
        }
        if (!get(c_confidence).empty() && !parse_number(get(c_confidence), p.confidence)) {
            throw DataError(origin, fmt::format("bad confidence \"{}\"", get(c_confidence)), line_no);
        }
        for (std::string_view alt : split_fields(get(c_alt), '|')) {
            if (!alt.empty()) p.alternate_names.emplace_back(alt);
        }
        p.source = get(c_source);
        p.source_id = get(c_source_id);
        if (g.by_id_.contains(p.id)) throw DataError(origin, fmt::format("duplicate id \"{}\"", p.id), line_no);
        g.by_id_.emplace(p.id, static_cast<std::uint32_t>(g.places_.size()));
        g.places_.push_back(std::move(p));
    }
    if (!saw_format) throw DataError(origin, "empty file, not a toponym gazetteer", 1);
    if (header.empty()) throw DataError(origin, "no header row", line_no);
    g.build_indexes();
    return g;
}

void Gazetteer::build_indexes() {
    for (std::uint32_t i = 0; i < places_.size(); ++i) index_place_names(i);
}

void Gazetteer::index_place_names(std::uint32_t i) {
    const Place& p = places_[i];
    auto add = [&](const std::string& name) {
        if (is_code_like(name) || is_phrase(name)) return;
        std::vector<std::string> words = text::fold_name_words(name);
        std::string key;
        for (const auto& w : words) {
            if (!key.empty()) {
                ++prefix_counts_[key];  // every proper word prefix of a key
                key.push_back(' ');
            }
            key += w;
        }
        const bool article = text::starts_with_article(name);
        if (!usable_key(key, article)) return;
        if (article && words.size() == 1 && is_common_word_key(key)) article_keys_.insert(key);
        auto& ids = by_key_[key];
        if (std::find(ids.begin(), ids.end(), i) == ids.end()) ids.push_back(i);
        max_key_words_ = std::max(max_key_words_, words.size());
    };
    add(p.name);
    for (const auto& alt : p.alternate_names) add(alt);
}

namespace {

double median_of(std::vector<double>& v) {
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// The coordinate-wise median of points (lat, lon).
std::pair<double, double> median_point(const std::vector<std::pair<double, double>>& points) {
    std::vector<double> lats, lons;
    for (const auto& [lat, lon] : points) lats.push_back(lat), lons.push_back(lon);
    return {median_of(lats), median_of(lons)};
}

// Distances and bearings on a local equirectangular projection: within one governorate (under
// 400 km) the error is a few per cent, well inside the spread the sectors describe.
constexpr double kKmPerDegree = 111.195;

std::unordered_map<std::string, std::array<std::optional<Gazetteer::Spread>, 8>> settlement_sectors(const Gazetteer& g) {
    struct Admin1 {
        std::vector<std::pair<double, double>> settlements;  // lat, lon
        const Place* capital = nullptr;
    };
    std::unordered_map<std::string, Admin1> by_admin1;
    for (const Place& p : g.places()) {
        if (p.admin1_pcode.empty() || p.feature_class != "P") continue;
        Admin1& a = by_admin1[p.admin1_pcode];
        a.settlements.emplace_back(p.lat, p.lon);
        const bool seat = p.feature_code == "PPLA" || p.feature_code == "PPLC";
        if (seat && (!a.capital || p.population > a.capital->population)) a.capital = &p;
    }
    std::unordered_map<std::string, std::array<std::optional<Gazetteer::Spread>, 8>> out;
    for (auto& [pcode, a] : by_admin1) {
        const auto [lat0, lon0] = a.capital ? std::pair{a.capital->lat, a.capital->lon} : median_point(a.settlements);
        const double kx = std::cos(lat0 * std::numbers::pi / 180.0);
        std::array<std::optional<Gazetteer::Spread>, 8>& sectors = out[pcode];
        for (int s = 0; s < 8; ++s) {
            // The sector's settlements (the capital itself in none).
            std::vector<std::pair<double, double>> in_sector;
            for (const auto& [lat, lon] : a.settlements) {
                if (lat == lat0 && lon == lon0) continue;
                const double bearing = geo::local_bearing_deg(lat0, lon0, lat, lon);
                if (std::fabs(std::remainder(bearing - 45.0 * s, 360.0)) > 45.0) continue;
                in_sector.emplace_back(lat, lon);
            }
            if (in_sector.size() < 5) continue;
            // Their median point, moved to the sector's settlement nearest it (so that it lies in
            // the governorate, not across a winding border); the radius is their median distance
            // from it.
            const auto [mlat, mlon] = median_point(in_sector);
            auto km_from = [kx](double lat1, double lon1, double lat2, double lon2) {
                return std::hypot(lat1 - lat2, (lon1 - lon2) * kx) * kKmPerDegree;
            };
            const auto nearest = std::min_element(in_sector.begin(), in_sector.end(), [&](const auto& x, const auto& y) {
                return km_from(x.first, x.second, mlat, mlon) < km_from(y.first, y.second, mlat, mlon);
            });
            std::vector<double> dist;
            for (const auto& [lat, lon] : in_sector) dist.push_back(km_from(lat, lon, nearest->first, nearest->second));
            const double d = median_of(dist);
            sectors[static_cast<std::size_t>(s)] = Gazetteer::Spread{nearest->first, nearest->second, d * 1000.0};
        }
    }
    return out;
}

}  // namespace

std::optional<Gazetteer::Spread> Gazetteer::settlements_toward(std::string_view admin1_pcode, double bearing_deg) const {
    build_spatial();
    const auto it = spatial_->sectors.find(std::string(admin1_pcode));
    if (it == spatial_->sectors.end()) return std::nullopt;
    const long s = std::lround(bearing_deg / 45.0);
    return it->second[static_cast<std::size_t>(((s % 8) + 8) % 8)];
}

// Packed (bulk-loaded) R-tree over every place, built on first use.
void Gazetteer::build_spatial() const {
    std::call_once(*spatial_once_, [this] {
        std::vector<SpatialIndex::Value> values;
        values.reserve(place_count());
        for (std::uint32_t i = 0; i < place_count(); ++i) {
            const Place& p = place(i);
            values.emplace_back(SpatialIndex::Point(p.lon, p.lat), i);
        }
        auto index = std::make_unique<SpatialIndex>();
        index->tree = decltype(index->tree)(values.begin(), values.end());
        index->sectors = settlement_sectors(*this);
        spatial_ = std::move(index);
    });
}

const Place& Gazetteer::stacked_place(std::uint32_t index) const {
    if (!edited_.empty()) {
        if (const auto it = edited_.find(index); it != edited_.end()) return it->second;
    }
    if (index >= layer_places_) return places_.at(index - layer_places_);
    for (std::size_t l = layers_.size(); l-- > 0;) {
        if (index >= layers_[l].first) return layers_[l].part->place(index - layers_[l].first);
    }
    throw std::out_of_range("place index");
}

PlaceIds Gazetteer::lookup(std::string_view key) const {
    if (compiled_) return compiled_->lookup(key);
    if (auto it = by_key_.find(key); it != by_key_.end()) return PlaceIds(std::span<const std::uint32_t>(it->second));
    // A stack: a key no two parts share is in one part at most.
    for (const Layer& layer : layers_) {
        const PlaceIds ids = layer.part->lookup(key);
        if (!ids.empty()) return ids.shifted(layer.first);
    }
    return {};
}

bool Gazetteer::has_longer_key(std::string_view key_prefix) const {
    if (compiled_) return compiled_->prefixes.find(key_prefix) != nullptr;
    if (prefix_counts_.contains(key_prefix)) return true;
    return std::any_of(layers_.begin(), layers_.end(), [&](const Layer& l) { return l.part->has_longer_key(key_prefix); });
}

bool Gazetteer::needs_article(std::string_view key) const {
    if (compiled_) return compiled_->articles.find(key) != nullptr;
    if (article_keys_.contains(key)) return true;
    return std::any_of(layers_.begin(), layers_.end(), [&](const Layer& l) { return l.part->needs_article(key); });
}

std::optional<std::uint32_t> Gazetteer::find_id(std::string_view id) const {
    if (compiled_) {
        const compiled::Entry* e = compiled_->ids.find(id);
        if (!e) return std::nullopt;
        return e->a;
    }
    auto it = by_id_.find(id);
    if (it != by_id_.end()) return it->second;
    for (const Layer& layer : layers_) {
        if (const std::optional<std::uint32_t> found = layer.part->find_id(id)) return *found + layer.first;
    }
    return std::nullopt;
}

std::size_t Gazetteer::key_count() const {
    if (compiled_) return compiled_->keys.size();
    return layers_.empty() ? by_key_.size() : layer_keys_;
}

std::vector<std::uint32_t> Gazetteer::nearest(double lat, double lon, std::size_t k) const {
    build_spatial();
    std::vector<SpatialIndex::Value> found;
    spatial_->tree.query(bgi::nearest(SpatialIndex::Point(lon, lat), static_cast<unsigned>(k)), std::back_inserter(found));
    const SpatialIndex::Point origin(lon, lat);
    std::sort(found.begin(), found.end(), [&origin](const auto& a, const auto& b) {
        return bg::comparable_distance(origin, a.first) < bg::comparable_distance(origin, b.first);
    });
    std::vector<std::uint32_t> out;
    out.reserve(found.size());
    for (const auto& v : found) out.push_back(v.second);
    return out;
}

Gazetteer Gazetteer::load_file(const std::string& path) {
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (ec) throw DataError(path, fmt::format("cannot open gazetteer file: {}", ec.message()));
    // A FIFO or a device (/dev/zero) would block or never end.
    if (!std::filesystem::is_regular_file(status)) throw DataError(path, "gazetteer is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open gazetteer file");
    char magic[compiled::kMagic.size()] = {};
    in.read(magic, static_cast<std::streamsize>(sizeof magic));
    if (in.gcount() == static_cast<std::streamsize>(sizeof magic) && std::string_view(magic, sizeof magic) == compiled::kMagic) {
        in.close();
        return open_compiled(path);
    }
    in.clear();
    in.seekg(0);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return from_tsv(buffer.view(), path);
}

Gazetteer Gazetteer::from_places(std::vector<Place> places, const std::string& origin) {
    Gazetteer g;
    g.places_ = std::move(places);
    for (std::uint32_t i = 0; i < g.places_.size(); ++i) {
        const Place& p = g.places_[i];
        if (p.id.empty() || p.name.empty()) throw DataError(origin, fmt::format("place {} has an empty id or name", i + 1));
        if (!g.by_id_.emplace(p.id, i).second) throw DataError(origin, fmt::format("duplicate id \"{}\"", p.id));
    }
    g.build_indexes();
    return g;
}

Gazetteer Gazetteer::stack(const std::vector<const Gazetteer*>& parts) {
    Gazetteer g;
    std::size_t largest = 0;
    for (std::size_t l = 0; l < parts.size(); ++l) {
        g.layers_.push_back({parts[l], g.layer_places_});
        g.layer_places_ += static_cast<std::uint32_t>(parts[l]->place_count());
        g.layer_keys_ += parts[l]->key_count();
        g.max_key_words_ = std::max(g.max_key_words_, parts[l]->max_key_words());
        if (parts[l]->key_count() > parts[largest]->key_count()) largest = l;
    }
    // Keys several parts share get postings of their own (every part's places, in part order).
    // Such a key is in some part other than the largest: only the smaller parts are scanned.
    for (std::size_t l = 0; l < parts.size(); ++l) {
        if (l == largest) continue;
        parts[l]->visit_keys([&](std::string_view key, std::span<const std::uint32_t>) {
            if (g.by_key_.contains(key)) return;
            std::size_t holders = 0;
            for (const Layer& layer : g.layers_) holders += !layer.part->lookup(key).empty();
            if (holders < 2) return;
            std::vector<std::uint32_t> ids;
            for (const Layer& layer : g.layers_) {
                for (std::uint32_t i : layer.part->lookup(key)) ids.push_back(layer.first + i);
            }
            g.layer_keys_ -= holders - 1;
            g.by_key_.emplace(std::string(key), std::move(ids));
        });
    }
    return g;
}

Place& Gazetteer::editable_place(std::uint32_t index) {
    if (layers_.empty()) return places_.at(index);
    if (index >= layer_places_) return places_.at(index - layer_places_);
    auto it = edited_.find(index);
    if (it == edited_.end()) it = edited_.emplace(index, stacked_place(index)).first;
    return it->second;
}

void Gazetteer::apply_aliases(std::string_view text, const std::string& origin) {
    if (compiled_) throw Error(ErrorKind::Data, origin, "aliases need a stacked (in-memory) gazetteer");
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string_view> fields = split_fields(line, '\t');
        if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
            throw DataError(origin, "expected name<TAB>place id or lat,lon", line_no);
        }
        const std::string key = text::fold_name(fields[0]);
        if (key.empty()) throw DataError(origin, fmt::format("\"{}\" has no letters to match", fields[0]), line_no);
        std::uint32_t target = 0;
        if (auto found = find_id(fields[1])) {
            target = *found;
        } else {
            std::vector<std::string_view> coords = split_fields(fields[1], ',');
            Place p;
            if (coords.size() != 2 || !parse_number(coords[0], p.lat) || !parse_number(coords[1], p.lon) || p.lat < -90 ||
                p.lat > 90 || p.lon < -180 || p.lon > 180) {
                throw DataError(origin, fmt::format("\"{}\" is neither a place id of the gazetteers nor lat,lon", fields[1]),
                                line_no);
            }
            if (spatial_) throw Error(ErrorKind::Data, origin, "aliases must be applied before nearest() is used");
            p.id = "alias:" + key;
            p.source_id = fmt::format("{}:{}", origin, line_no);
            if (auto earlier = find_id(p.id)) {
                // The name was given a point before (an earlier line or alias file): the later
                // point wins, and the place keeps its one id.
                target = *earlier;
                Place& moved = editable_place(target);
                moved.lat = p.lat;
                moved.lon = p.lon;
                moved.source_id = std::move(p.source_id);
            } else {
                p.name = std::string(fields[0]);
                p.feature_class = "P";
                p.feature_code = "PPL";
                p.source = "alias";
                target = static_cast<std::uint32_t>(place_count());
                by_id_[p.id] = target;
                places_.push_back(std::move(p));
            }
        }
        if (!layers_.empty() && !by_key_.contains(key) && lookup(key).empty()) ++layer_keys_;  // a new key
        by_key_[key] = {target};
        Place& chosen = editable_place(target);
        if (chosen.name != fields[0] &&
            std::find(chosen.alternate_names.begin(), chosen.alternate_names.end(), fields[0]) == chosen.alternate_names.end()) {
            chosen.alternate_names.emplace_back(fields[0]);  // so search can say why
        }
        const std::size_t words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
        for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1)) {
            ++prefix_counts_[key.substr(0, space)];
        }
        max_key_words_ = std::max(max_key_words_, words);
    }
}

const Gazetteer& Gazetteer::embedded() {
    // The compiled form opens in about a millisecond, used where it lies in the binary; parsing
    // the TSV (folding every name, Arabic transliterated) costs some 400 M instructions.
    static const Gazetteer g = [] {
        const std::string_view compiled_bytes = embedded::places_tpg();
        if (compiled_bytes.empty()) return from_tsv(embedded::places_tsv(), "embedded gazetteer");
        return open_compiled_in_place(compiled_bytes, "embedded gazetteer");
    }();
    return g;
}

void Gazetteer::for_each_key(const std::function<void(std::string_view, std::span<const std::uint32_t>)>& f) const {
    visit_keys(f);
}

}  // namespace toponym
