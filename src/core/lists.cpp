// Comma-separated option lists.
#include "core/lists.hpp"

namespace toponym {

std::vector<std::string> split_comma_lists(const std::vector<std::string>& values) {
    std::vector<std::string> items;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            if (comma == std::string::npos) comma = value.size();
            std::string item = value.substr(start, comma - start);
            item.erase(0, item.find_first_not_of(" \t"));
            item.erase(item.find_last_not_of(" \t") + 1);
            if (!item.empty()) items.push_back(std::move(item));
            start = comma + 1;
        }
    }
    return items;
}

}  // namespace toponym
