// Small RAII helpers around GDAL's global state: driver registration, error capture, /vsimem/.
#pragma once

#include <string>
#include <string_view>

namespace toponym::io {

// Registers GDAL's drivers once (thread-safe).
void ensure_gdal_registered();

// While alive, GDAL errors and warnings are captured here instead of printed on stderr (the
// library never prints): `last_message()` gives the last failure's text.
class QuietGdalErrors {
public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

    const std::string& last_message() const { return last_message_; }
    bool failed() const { return failed_; }
    void reset();

private:
    void handler(int error_class, int error_number, const char* message);
    std::string last_message_;
    bool failed_ = false;
    QuietGdalErrors* previous_ = nullptr;
};

// Bytes exposed to GDAL as a /vsimem/ file for the lifetime of this object (not copied).
class MemoryFile {
public:
    MemoryFile(std::string_view name, std::string_view bytes);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Throws DataError naming the line where a quoted field opens and never closes. GDAL's CSV
// reader would take the rest of the file as that one field and lose every row after it.
void check_csv_quotes(const std::string& path);

// GDAL's reason for failing to open `path`, or a plain one when GDAL gave none.
std::string open_failure_reason(const QuietGdalErrors& errors);

}  // namespace toponym::io
