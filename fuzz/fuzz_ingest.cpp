// Fuzz target: the document readers of `toponym map` for JSONL (one object a line) and CSV
// (one document a row, GDAL's CSV driver). The first byte picks the reader (and, for CSV,
// whether --text-column is given). No line may disappear: every non-blank JSONL line gives
// exactly one item, a document or an error naming the file and that line; every document's
// text is valid UTF-8. Only a CSV without a text column (UsageError) or one GDAL cannot read
// at all (DataError) stops the file, naming it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "ingest/batch_reader.hpp"
#include "store/gdal_util.hpp"
#include "text/utf8.hpp"

namespace {

// Non-blank lines as read_jsonl counts them (after a BOM; CR before LF dropped).
std::size_t nonblank_lines(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t eol = bytes.find('\n', pos);
        if (eol == std::string_view::npos) eol = bytes.size();
        std::string_view line = bytes.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) ++count;
    }
    return count;
}

void check_items(const std::vector<toponym::ingest::InputItem>& items, const std::string& path, bool lines) {
    for (const toponym::ingest::InputItem& item : items) {
        if (item.document.has_value() == item.error.has_value() || item.file) std::abort();
        if (item.error && (item.error->where != path || (lines && item.error->line < 1))) std::abort();
        if (item.document) {
            if (toponym::text::repair_utf8(item.document->text).invalid_sequences != 0) std::abort();
            if (item.document->path != path) std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (mode % 2 == 0) {
        const std::string path = "fuzz.jsonl";
        const auto items = toponym::ingest::read_jsonl(bytes, path);
        if (items.size() != nonblank_lines(bytes)) std::abort();
        check_items(items, path, true);
        return 0;
    }
    const std::string path = "fuzz.csv";
    const toponym::io::MemoryFile file("fuzz.csv", bytes);
    try {
        const auto items = toponym::ingest::read_csv_documents(file.path(), path, mode & 2 ? "body" : "");
        check_items(items, path, false);
    } catch (const toponym::Error& e) {
        if (e.where() != path) std::abort();
    }
    return 0;
}
