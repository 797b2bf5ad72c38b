// GDAL registration, error capture and in-memory files.
#include "store/gdal_util.hpp"

#include "core/error.hpp"

#include <fstream>

#include <cpl_csv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace toponym::io {

namespace {
thread_local QuietGdalErrors* t_current = nullptr;
std::atomic<unsigned> g_memory_file_counter{0};
}  // namespace

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GDALDatasetUniquePtr create_vector_dataset(GDALDriver& driver, const std::string& path) {
    // Set for this call on this thread, then as they were.
    const std::pair<const char*, const char*> settings[] = {{"GDAL_VALIDATE_CREATION_OPTIONS", "NO"}, {"SPATIALITE_LOAD", "NO"}};
    std::vector<std::optional<std::string>> previous;
    for (const auto& [key, value] : settings) {
        const char* was = CPLGetThreadLocalConfigOption(key, nullptr);
        previous.push_back(was ? std::optional<std::string>(was) : std::nullopt);
        CPLSetThreadLocalConfigOption(key, value);
    }
    GDALDatasetUniquePtr ds(driver.Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    for (std::size_t i = 0; i < previous.size(); ++i) {
        CPLSetThreadLocalConfigOption(settings[i].first, previous[i] ? previous[i]->c_str() : nullptr);
    }
    return ds;
}

QuietGdalErrors::QuietGdalErrors() {
    CPLPushErrorHandlerEx(
        [](CPLErr error_class, CPLErrorNum error_number, const char* message) {
            if (t_current) t_current->handler(static_cast<int>(error_class), error_number, message);
        },
        nullptr);
    previous_ = t_current;
    t_current = this;
    CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() {
    t_current = previous_;
    CPLPopErrorHandler();
}

void QuietGdalErrors::reset() {
    last_message_.clear();
    failed_ = false;
    CPLErrorReset();
}

void QuietGdalErrors::handler(int error_class, int /*error_number*/, const char* message) {
    if (error_class >= CE_Failure) {
        failed_ = true;
        last_message_ = message ? message : "unknown GDAL error";
    } else if (last_message_.empty() && message) {
        last_message_ = message;
    }
}

MemoryFile::MemoryFile(std::string_view name, std::string_view bytes)
    : path_("/vsimem/toponym-" + std::to_string(g_memory_file_counter++) + "-" + std::string(name)) {
    VSILFILE* f = VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       static_cast<vsi_l_offset>(bytes.size()), FALSE);
    if (!f) throw std::runtime_error("GDAL: cannot create " + path_);
    VSIFCloseL(f);
}

MemoryFile::~MemoryFile() { VSIUnlink(path_.c_str()); }

namespace {

// Quote parity over bytes fed in chunks (see find_unclosed_quote).
class QuoteScan {
public:
    void feed(std::string_view chunk) {
        for (char c : chunk) {
            if (c == '\n') {
                ++line_;
                if (waiting_for_eol_) next_line_offset_ = offset_ + 1, waiting_for_eol_ = false;
                if (!quoted_) {
                    row_start_ = offset_ + 1;
                    if (header_end_ == 0) header_end_ = offset_ + 1;
                }
            } else if (c == '"') {
                quoted_ = !quoted_;
                if (quoted_) opened_on_ = line_, opened_row_start_ = row_start_, waiting_for_eol_ = true;
            }
            ++offset_;
        }
    }
    std::optional<UnclosedQuote> result() const {
        if (!quoted_) return std::nullopt;
        return UnclosedQuote{opened_on_, waiting_for_eol_ ? offset_ : next_line_offset_, opened_row_start_, header_end_};
    }

private:
    bool quoted_ = false;
    bool waiting_for_eol_ = false;  // a quote opened on the current line
    int line_ = 1, opened_on_ = 0;
    std::size_t offset_ = 0, next_line_offset_ = 0;
    std::size_t row_start_ = 0, opened_row_start_ = 0, header_end_ = 0;  // rows end at newlines outside quotes
};

}  // namespace

std::optional<UnclosedQuote> find_unclosed_quote(std::string_view bytes) {
    QuoteScan scan;
    scan.feed(bytes);
    return scan.result();
}

std::optional<UnclosedQuote> find_unclosed_quote_in_file(const std::string& gdal_path) {
    VSILFILE* f = VSIFOpenL(gdal_path.c_str(), "rb");
    if (!f) return std::nullopt;  // GDAL reports it when it opens the file
    QuoteScan scan;
    char buffer[1 << 16];
    for (std::size_t n; (n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0;) scan.feed(std::string_view(buffer, n));
    VSIFCloseL(f);
    return scan.result();
}

void check_csv_quotes(const std::string& path) {
    if (const std::optional<UnclosedQuote> unclosed = find_unclosed_quote_in_file(path)) {
        throw DataError(path, "unbalanced quote: the quoted field that starts here never ends, which would swallow every row after it",
                        unclosed->line);
    }
}

bool csv_with_one_column(const std::string& path) {
    const std::string ext = CPLGetExtension(path.c_str());
    if (!EQUAL(ext.c_str(), "csv") && !EQUAL(ext.c_str(), "tsv") && !EQUAL(ext.c_str(), "txt")) return false;
    VSILFILE* fp = VSIFOpenL(path.c_str(), "rb");
    if (!fp) return false;
    const char* line = CPLReadLineL(fp);
    const bool one = line != nullptr && *line != '\0' && std::strpbrk(line, ",;\t|") == nullptr;
    VSIFCloseL(fp);
    return one;
}

GDALDatasetUniquePtr open_one_column_csv(const std::string& path) {
    ensure_gdal_registered();
    check_csv_quotes(path);  // the line parser, too, would run the rest of the file into one cell
    VSILFILE* fp = VSIFOpenL(path.c_str(), "rb");
    if (!fp) return nullptr;
    constexpr const char* kNoDelimiter = "\x1f";  // a cell is a whole (quoted) line
    constexpr std::size_t kMaxLine = 100u * 1024u * 1024u;
    char** header = CSVReadParseLine3L(fp, kMaxLine, kNoDelimiter, true, false, false, true);
    const std::string column = header && header[0] && *header[0] ? header[0] : "field_1";
    CSLDestroy(header);
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
    GDALDatasetUniquePtr ds(memory ? memory->Create("", 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
    OGRLayer* layer = ds ? ds->CreateLayer(CPLGetBasename(path.c_str()), nullptr, wkbNone, nullptr) : nullptr;
    OGRFieldDefn field(column.c_str(), OFTString);
    if (!layer || layer->CreateField(&field) != OGRERR_NONE) {
        VSIFCloseL(fp);
        return nullptr;
    }
    while (char** cells = CSVReadParseLine3L(fp, kMaxLine, kNoDelimiter, true, false, false, false)) {
        OGRFeature row(layer->GetLayerDefn());
        if (cells[0] != nullptr) row.SetField(0, cells[0]);
        CSLDestroy(cells);
        if (layer->CreateFeature(&row) != OGRERR_NONE) break;
    }
    VSIFCloseL(fp);
    return ds;
}

std::string open_failure_reason(const QuietGdalErrors& errors) {
    const std::string& message = errors.last_message();
    return message.empty() ? std::string("not a format GDAL can read, or damaged") : message;
}

}  // namespace toponym::io
