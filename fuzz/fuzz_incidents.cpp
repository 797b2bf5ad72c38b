// Fuzz target: the incident-table reader (toponym eval --incidents) and its scoring: any bytes as
// a CSV with ACLED's column names. A bad row is skipped and reported naming the file; every
// row is either scored or counted bad; nothing escapes but DataError for an unreadable file and
// UsageError for a missing column, both naming the file.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "admin/admin_boundaries.hpp"
#include "core/error.hpp"
#include "eval/incidents.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const toponym::admin::AdminBoundaries boundaries = toponym::admin::AdminBoundaries::embedded();
    // The reader takes a path (OGR opens it): one scratch file per fuzzing process.
    static const std::string path = "/tmp/toponym-fuzz-incidents-" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const toponym::eval::IncidentTable table = toponym::eval::load_incidents(path, {});
        std::size_t errors = 0;
        for (const toponym::Diagnostic& d : table.problems) {
            if (d.where != path || d.line < 0) std::abort();
            errors += d.severity == toponym::Diagnostic::Severity::Error;
        }
        if (errors != table.bad_rows || table.incidents.size() + table.bad_rows != table.rows) std::abort();
        std::vector<std::vector<toponym::eval::IncidentEvent>> events;
        for (const toponym::eval::Incident& in : table.incidents) {
            if (in.text.empty() || !in.published || in.precision < 1 || in.precision > 3) std::abort();
            if (!(std::fabs(in.lat) <= 90.0) || !(std::fabs(in.lon) <= 180.0)) std::abort();
            // Every other row gets an event on its own point: within, whatever the threshold.
            events.push_back({});
            if (events.size() % 2) events.back().push_back({in.lat, in.lon, "", "here", "clashes"});
        }
        const nlohmann::json report = toponym::eval::score_incidents(table, events, boundaries, {});
        const std::size_t with_event = (table.incidents.size() + 1) / 2;
        if (report["all"]["rows"] != table.incidents.size() || report["all"]["with_event"] != with_event ||
            report["all"]["within"] != with_event || !report["worst"].empty()) {
            std::abort();
        }
        (void)toponym::eval::format_incident_report(report);
    } catch (const toponym::DataError& e) {
        if (e.where() != path) std::abort();
    } catch (const toponym::UsageError& e) {
        if (e.where() != path) std::abort();
    }
    return 0;
}
