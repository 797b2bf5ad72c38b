// Fuzz target: name folding. Names reach it from reports (valid UTF-8 after repair) and from
// user gazetteers and option values (raw bytes), so it gets both.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace {

void fold_all(std::string_view name) {
    const std::string key = toponym::text::fold_name(name);
    const std::vector<std::string> words = toponym::text::fold_name_words(name);
    (void)toponym::text::starts_with_article(name);
    (void)toponym::text::fold_word(name);
    // A key is its words joined by single spaces, never with empty words.
    std::string joined;
    for (const std::string& w : words) {
        if (w.empty()) std::abort();
        joined += (joined.empty() ? "" : " ") + w;
    }
    if (!words.empty() && joined != key) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    fold_all(bytes);
    fold_all(toponym::text::repair_utf8(bytes).text);
    return 0;
}
