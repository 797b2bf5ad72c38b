// The merge of duplicates across sources (see merge.hpp).
#include "gazetteer_build/merge.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "gazetteer_build/importer.hpp"
#include "geo/geodesy.hpp"
#include "text/normalize.hpp"

namespace toponym::gazetteer_build {

namespace {

std::vector<std::string> name_keys(const Place& p) {
    std::vector<std::string> keys;
    auto add = [&](const std::string& name) {
        std::string k = text::fold_name(name);
        if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    };
    add(p.name);
    for (const auto& a : p.alternate_names) add(a);
    return keys;
}

// Folds a place of another source into `into`: names become alternates, sources and source
// ids are listed side by side ('|'), the first source's point and class stay.
void merge_into(Place& into, const Place& from) {
    add_alternate(into, from.name);
    for (const auto& a : from.alternate_names) add_alternate(into, a);
    into.source += "|" + from.source;
    into.source_id += "|" + from.source_id;
    into.population = std::max(into.population, from.population);
    into.confidence = std::max(into.confidence, from.confidence);
    if (into.admin1_pcode.empty()) into.admin1_pcode = from.admin1_pcode;
    if (into.country_code.empty()) into.country_code = from.country_code;
}

}  // namespace

std::vector<Place> merge(std::vector<Place> places, const std::vector<std::size_t>& input_of, double merge_km,
                         std::size_t& merged) {
    std::vector<Place> out;
    std::vector<std::set<std::size_t>> inputs;  // of each merged place
    std::unordered_map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < places.size(); ++i) {
        Place& p = places[i];
        const std::vector<std::string> keys = name_keys(p);
        std::optional<std::size_t> target;
        double best_km = merge_km;
        for (const auto& k : keys) {
            auto it = by_key.find(k);
            if (it == by_key.end()) continue;
            for (std::size_t m : it->second) {
                if (inputs[m].contains(input_of[i])) continue;  // one input's places stay apart
                const double km = geo::great_circle_km(p.lat, p.lon, out[m].lat, out[m].lon);
                if (km <= best_km) target = m, best_km = km;
            }
        }
        if (target) {
            merge_into(out[*target], p);
            inputs[*target].insert(input_of[i]);
            ++merged;
            for (const auto& k : keys) {
                auto& list = by_key[k];
                if (std::find(list.begin(), list.end(), *target) == list.end()) list.push_back(*target);
            }
            continue;
        }
        if (merge_km > 0) {
            for (const auto& k : keys) by_key[k].push_back(out.size());
        }
        inputs.push_back({input_of[i]});
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace toponym::gazetteer_build
