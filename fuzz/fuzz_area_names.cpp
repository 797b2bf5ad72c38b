// Fuzz target: governorate names typed by users (--governorate), matched against the embedded
// gazetteer's governorates and the embedded boundaries, with suggestions on a miss.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "admin/admin_boundaries.hpp"
#include "admin/area_names.hpp"
#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    static const toponym::admin::AreaNames names =
        toponym::admin::AreaNames::governorates(toponym::Gazetteer::embedded(), &boundaries.admin1());
    const std::string_view typed(reinterpret_cast<const char*>(data), size);
    try {
        const std::string pcode = names.resolve(typed, "--governorate");
        if (pcode.empty()) std::abort();
    } catch (const toponym::UsageError& e) {
        if (e.where() != "--governorate") std::abort();
    }
    (void)names.suggestions(typed, 3);
    try {
        (void)names.resolve_all({std::string(typed)}, "--governorate");
    } catch (const toponym::UsageError&) {
    }
    return 0;
}
