// Text report reader: front matter (title, source, url, published) and body.
#include "ingest/document_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/dates.hpp"
#include "text/utf8.hpp"

namespace toponym::ingest {

namespace fs = std::filesystem;

namespace {

bool has_txt_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".txt";
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
        s = s.substr(1, s.size() - 2);
    }
    return std::string(s);
}

void add_warning(Document& doc, int line, std::string message) {
    doc.diagnostics.push_back({Diagnostic::Severity::Warning, doc.path, line, std::move(message)});
}

// Front matter: a first line "---", then "key: value" lines, then a line "---" (or "...").
void parse_front_matter(Document& doc) {
    const std::string& t = doc.text;
    if (!t.starts_with("---\n")) return;
    std::size_t pos = 4;
    int line = 2;
    std::vector<std::pair<int, std::string_view>> lines;
    bool closed = false;
    while (pos <= t.size()) {
        std::size_t eol = t.find('\n', pos);
        if (eol == std::string::npos) eol = t.size();
        std::string_view l = std::string_view(t).substr(pos, eol - pos);
        if (trim(l) == "---" || trim(l) == "...") {
            closed = true;
            pos = std::min(eol + 1, t.size());
            break;
        }
        lines.emplace_back(line, l);
        pos = eol + 1;
        ++line;
    }
    if (!closed) {
        add_warning(doc, 1, "front matter starts with '---' but never ends; reading the whole file as text");
        return;
    }
    doc.body_begin_byte = pos;
    for (const auto& [number, l] : lines) {
        if (trim(l).empty() || trim(l).starts_with("#")) continue;
        const std::size_t colon = l.find(':');
        if (colon == std::string_view::npos) {
            add_warning(doc, number, fmt::format("front matter line is not 'key: value': \"{}\"", trim(l)));
            continue;
        }
        std::string key(trim(l.substr(0, colon)));
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = unquote(l.substr(colon + 1));
        if (key == "title") {
            doc.title = value;
        } else if (key == "source") {
            doc.source = value;
        } else if (key == "url") {
            doc.url = value;
        } else if (key == "published" || key == "date") {
            if (value.empty()) continue;
            doc.published = parse_iso_date(value);
            if (!doc.published) {
                add_warning(doc, number, fmt::format("published \"{}\" is not a date (YYYY-MM-DD); publication date unknown", value));
            }
        }
        // Other keys (author, tags, ...) are allowed and ignored.
    }
}

std::string doc_id_from_path(const std::string& path) {
    std::string stem = fs::path(path).stem().string();
    return stem.empty() ? path : stem;
}

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs, std::vector<Diagnostic>& problems) {
    std::vector<std::string> files;
    for (const std::string& input : inputs) {
        std::error_code ec;
        const fs::file_status status = fs::status(input, ec);
        if (ec || !fs::exists(status)) throw UsageError(input, "no such file or directory");
        if (!fs::is_directory(status)) {
            files.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            problems.push_back({Diagnostic::Severity::Error, input, 0, fmt::format("cannot read directory: {}", ec.message())});
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                problems.push_back({Diagnostic::Severity::Error, input, 0, fmt::format("cannot read directory: {}", ec.message())});
                break;
            }
            const fs::path& p = it->path();
            if (p.filename().string().starts_with(".")) {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            // Anything named .txt that is not a directory is an input: a broken link or a FIFO is
            // then reported by the reader and counted, never skipped in silence.
            if (has_txt_extension(p) && !it->is_directory(ec)) found.push_back(p.string());
        }
        std::sort(found.begin(), found.end());
        if (found.empty()) problems.push_back({Diagnostic::Severity::Warning, input, 0, "no .txt files in this directory"});
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

Document parse_text_document(const std::string& path, std::string_view bytes) {
    using namespace std::string_view_literals;
    if (bytes.starts_with("\xFF\xFE\0\0"sv) || bytes.starts_with("\0\0\xFE\xFF"sv)) {
        throw DataError(path, "is UTF-32 text; convert it to UTF-8 (e.g. iconv -f UTF-32 -t UTF-8)", 1);
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        throw DataError(path, "is UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", 1);
    }
    if (text::looks_binary(bytes)) {
        const std::size_t nul = bytes.find('\0');
        const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
        throw DataError(path, "is not a text file (contains NUL bytes)", line);
    }
    Document doc;
    doc.path = path;
    doc.doc_id = doc_id_from_path(path);
    text::Utf8Repair repaired = text::repair_utf8(bytes);
    doc.text = std::move(repaired.text);
    if (repaired.invalid_sequences > 0) {
        add_warning(doc, repaired.first_invalid_line,
                    fmt::format("{} invalid UTF-8 sequence{} replaced by U+FFFD", repaired.invalid_sequences,
                                repaired.invalid_sequences == 1 ? "" : "s"));
    }
    parse_front_matter(doc);
    const std::string_view body = std::string_view(doc.text).substr(doc.body_begin_byte);
    if (body.find_first_not_of(" \t\n") == std::string_view::npos) {
        const int line = 1 + static_cast<int>(std::count(doc.text.begin(), doc.text.begin() + static_cast<std::ptrdiff_t>(doc.body_begin_byte), '\n'));
        add_warning(doc, line, doc.text.empty() ? "empty file, nothing to map" : "no report text, nothing to map");
    }
    return doc;
}

Document read_text_document(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec) throw DataError(path, ec.message());  // e.g. gone since the directory was listed
    if (fs::is_directory(status)) throw DataError(path, "is a directory");
    // A FIFO, a device (/dev/zero) or a socket would block or never end: reports are files.
    if (!fs::is_regular_file(status)) throw DataError(path, "is not a regular file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > kMaxReportBytes) {
        throw DataError(path, fmt::format("is {} bytes; reports larger than {} MiB are skipped (one file per report, please)",
                                          size, kMaxReportBytes >> 20));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw DataError(path, fmt::format("read failed: {}", std::strerror(errno)));
    return parse_text_document(path, buffer.view());
}

}  // namespace toponym::ingest
