// Fuzz target: UTF-8 repair and the code point arithmetic done on its result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)toponym::text::looks_binary(bytes);
    const toponym::text::Utf8Repair r = toponym::text::repair_utf8(bytes);
    // Repairing twice changes nothing: the output is valid UTF-8 with LF line ends. (Only a
    // second byte order mark, now leading, goes: U+FEFF at the start is always dropped.)
    const toponym::text::Utf8Repair again = toponym::text::repair_utf8(r.text);
    const std::string_view unmarked = std::string_view(r.text).starts_with("\xEF\xBB\xBF")
                                          ? std::string_view(r.text).substr(3) : std::string_view(r.text);
    if (again.invalid_sequences != 0 || again.text != unmarked) std::abort();
    if ((r.invalid_sequences == 0) != (r.first_invalid_line == 0)) std::abort();
    std::size_t pos = 0, count = 0;
    std::string rebuilt;
    while (pos < r.text.size()) {
        toponym::text::append_utf8(rebuilt, toponym::text::next_code_point(r.text, pos));
        ++count;
    }
    if (rebuilt != r.text || count != toponym::text::count_code_points(r.text, r.text.size())) std::abort();
    return 0;
}
