// Writing and opening the compiled gazetteer format (layout in compiled.hpp).
#include "gazetteer/compiled.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "core/error.hpp"

namespace toponym {

namespace compiled {

static_assert(std::endian::native == std::endian::little, "the compiled gazetteer format is little-endian");
static_assert(sizeof(Entry) == 16 && sizeof(PlaceRecord) == 112 && sizeof(Header) == 32 + 16 * kSectionCount);

std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a: stable across builds and platforms
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

const Entry* HashIndex::find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash(key) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t e = slots_[slot];
        if (e == 0) return nullptr;
        const Entry& entry = entries_[e - 1];
        if (std::string_view(strings_ + entry.str.offset, entry.str.length) == key) return &entry;
    }
}

namespace {

// Accumulates the sections of a file being written.
class Writer {
public:
    StrRef add_string(std::string_view s) {
        auto it = dedup_.find(std::string(s));
        if (it != dedup_.end()) return it->second;
        const StrRef r{static_cast<std::uint32_t>(strings_.size()), static_cast<std::uint32_t>(s.size())};
        if (strings_.size() + s.size() > UINT32_MAX) throw Error(ErrorKind::Data, "gazetteer", "too much text for the format (4 GiB)");
        strings_.append(s);
        dedup_.emplace(std::string(s), r);
        return r;
    }

    // Entries sorted by string (a deterministic file) and their hash table.
    void add_index(Section entries_section, Section slots_section, std::vector<std::pair<std::string_view, std::pair<std::uint32_t, std::uint32_t>>> rows) {
        std::sort(rows.begin(), rows.end());
        std::vector<Entry> entries;
        entries.reserve(rows.size());
        for (const auto& [s, ab] : rows) entries.push_back({add_string(s), ab.first, ab.second});
        std::size_t capacity = std::bit_ceil(std::max<std::size_t>(2, rows.size() * 2));
        std::vector<std::uint32_t> slots(capacity, 0);
        for (std::uint32_t i = 0; i < rows.size(); ++i) {
            std::size_t slot = hash(rows[i].first) & (capacity - 1);
            while (slots[slot] != 0) slot = (slot + 1) & (capacity - 1);
            slots[slot] = i + 1;
        }
        set(entries_section, entries);
        set(slots_section, slots);
    }

    template <typename T>
    void set(Section s, const std::vector<T>& v) {
        sections_[s].assign(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }

    void write(const std::string& path, std::uint32_t place_count, std::uint32_t max_key_words) {
        sections_[kStrings] = strings_;
        Header h{};
        std::memcpy(h.magic, kMagic.data(), kMagic.size());
        h.version = kVersion;
        h.byte_order = kByteOrderMark;
        h.place_count = place_count;
        h.max_key_words = max_key_words;
        std::uint64_t offset = sizeof(Header);
        for (std::uint32_t s = 0; s < kSectionCount; ++s) {
            offset = (offset + 7) & ~std::uint64_t{7};
            h.sections[s] = {offset, sections_[s].size()};
            offset += sections_[s].size();
        }
        h.file_size = offset;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) throw DataError(path, "cannot write the compiled gazetteer");
        out.write(reinterpret_cast<const char*>(&h), sizeof h);
        std::uint64_t written = sizeof h;
        for (std::uint32_t s = 0; s < kSectionCount; ++s) {
            static const char zeros[8] = {};
            out.write(zeros, static_cast<std::streamsize>(h.sections[s].offset - written));
            out.write(sections_[s].data(), static_cast<std::streamsize>(sections_[s].size()));
            written = h.sections[s].offset + sections_[s].size();
        }
        out.close();
        if (!out) throw DataError(path, "write failed (disk full?)");
    }

private:
    std::string strings_;
    std::unordered_map<std::string, StrRef> dedup_;
    std::string sections_[kSectionCount];
};

[[noreturn]] void corrupt(const std::string& path, const std::string& what) {
    throw DataError(path, fmt::format("corrupt or truncated compiled gazetteer: {}; rebuild it with `toponym gazetteer build`", what));
}

template <typename T>
std::span<const T> section_span(const std::string& path, const char* base, const Header& h, Section s) {
    const SectionRange r = h.sections[s];
    if (r.offset % 8 != 0 || r.offset > h.file_size || r.size > h.file_size - r.offset || r.size % sizeof(T) != 0) {
        corrupt(path, fmt::format("section {} out of range", static_cast<int>(s)));
    }
    return {reinterpret_cast<const T*>(base + r.offset), r.size / sizeof(T)};
}

}  // namespace

}  // namespace compiled

Gazetteer::Compiled::~Compiled() {
    if (address) munmap(address, length);
}

void Gazetteer::save_compiled(const std::string& path) const {
    using namespace compiled;
    Writer w;
    std::vector<PlaceRecord> records;
    std::vector<StrRef> alts;
    records.reserve(place_count());
    for (const Place& p : places()) {
        PlaceRecord r{};
        r.id = w.add_string(p.id);
        r.name = w.add_string(p.name);
        r.feature_class = w.add_string(p.feature_class);
        r.feature_code = w.add_string(p.feature_code);
        r.country_code = w.add_string(p.country_code);
        r.admin1_pcode = w.add_string(p.admin1_pcode);
        r.source = w.add_string(p.source);
        r.source_id = w.add_string(p.source_id);
        r.lat = p.lat, r.lon = p.lon, r.radius_m = p.radius_m, r.confidence = p.confidence;
        r.population = p.population;
        r.first_alt = static_cast<std::uint32_t>(alts.size());
        r.alt_count = static_cast<std::uint32_t>(p.alternate_names.size());
        for (const auto& alt : p.alternate_names) alts.push_back(w.add_string(alt));
        records.push_back(r);
    }
    w.set(kPlaces, records);
    w.set(kAlts, alts);

    using Rows = std::vector<std::pair<std::string_view, std::pair<std::uint32_t, std::uint32_t>>>;
    Rows keys;
    std::vector<std::uint32_t> postings;
    // Copies: a stack hands out the postings of a part shifted in a buffer it reuses.
    std::vector<std::pair<std::string_view, std::vector<std::uint32_t>>> key_lists;
    visit_keys([&](std::string_view key, std::span<const std::uint32_t> ids) {
        key_lists.emplace_back(key, std::vector<std::uint32_t>(ids.begin(), ids.end()));
    });
    std::sort(key_lists.begin(), key_lists.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, ids] : key_lists) {
        keys.push_back({key, {static_cast<std::uint32_t>(postings.size()), static_cast<std::uint32_t>(ids.size())}});
        postings.insert(postings.end(), ids.begin(), ids.end());
    }
    w.set(kPostings, postings);
    w.add_index(kKeyEntries, kKeySlots, std::move(keys));

    // A stack visits its prefixes and articles from maps it builds for the visit: the keys are
    // valid during the call only, so they are kept here.
    std::deque<std::string> visited;
    Rows prefixes;
    visit_prefixes([&](std::string_view key, std::uint32_t count) { prefixes.push_back({visited.emplace_back(key), {count, 0}}); });
    w.add_index(kPrefixEntries, kPrefixSlots, std::move(prefixes));
    Rows articles;
    visit_articles([&](std::string_view key) { articles.push_back({visited.emplace_back(key), {0, 0}}); });
    w.add_index(kArticleEntries, kArticleSlots, std::move(articles));
    Rows ids;
    for (std::uint32_t i = 0; i < place_count(); ++i) {
        if (find_id(place(i).id) == i) ids.push_back({place(i).id, {i, 0}});
    }
    w.add_index(kIdEntries, kIdSlots, std::move(ids));
    w.write(path, static_cast<std::uint32_t>(place_count()), static_cast<std::uint32_t>(max_key_words_));
}

Gazetteer Gazetteer::open_compiled(const std::string& path) {
    using namespace compiled;
    auto mapped = std::make_shared<Compiled>();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw DataError(path, fmt::format("cannot open gazetteer file: {}", std::strerror(errno)));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        ::close(fd);
        throw DataError(path, "cannot stat gazetteer file");
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size < sizeof(Header)) {  // before mmap, which refuses an empty file
        ::close(fd);
        corrupt(path, fmt::format("{} bytes, shorter than the header", size));
    }
    void* address = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (address == MAP_FAILED) throw DataError(path, fmt::format("cannot map gazetteer file: {}", std::strerror(errno)));
    mapped->address = address;
    mapped->length = size;
    return open_compiled_bytes(std::move(mapped), std::string_view(static_cast<const char*>(address), size), path);
}

Gazetteer Gazetteer::open_compiled_in_place(std::string_view bytes, const std::string& origin) {
    return open_compiled_bytes(std::make_shared<Compiled>(), bytes, origin);
}

Gazetteer Gazetteer::open_compiled_bytes(std::shared_ptr<Compiled> mapped, std::string_view bytes, const std::string& path) {
    using namespace compiled;
    const std::size_t size = bytes.size();
    if (size < sizeof(Header)) corrupt(path, fmt::format("{} bytes, shorter than the header", size));
    const char* base = bytes.data();
    // The sections hold 8-byte numbers read in place (a mapping is page-aligned; bytes in the
    // binary are aligned by their .balign).
    if (reinterpret_cast<std::uintptr_t>(base) % 8 != 0) corrupt(path, "bytes not 8-byte aligned in memory");
    Header h;
    std::memcpy(&h, base, sizeof h);
    if (std::string_view(h.magic, 8) != kMagic) throw DataError(path, "not a compiled toponym gazetteer (no TOPONYMG header)");
    if (h.byte_order != kByteOrderMark) {
        throw DataError(path, "compiled gazetteer written with another byte order; rebuild it on this machine");
    }
    if (h.version != kVersion) {
        throw DataError(path, fmt::format("compiled gazetteer format version {}, this toponym reads version {}; rebuild it "
                                          "with `toponym gazetteer build`",
                                          h.version, kVersion));
    }
    if (h.file_size != size) corrupt(path, fmt::format("header says {} bytes, the file has {}", h.file_size, size));

    const auto strings = section_span<char>(path, base, h, kStrings);
    const auto records = section_span<PlaceRecord>(path, base, h, kPlaces);
    const auto alts = section_span<StrRef>(path, base, h, kAlts);
    mapped->strings = strings.data();
    mapped->postings = section_span<std::uint32_t>(path, base, h, kPostings);
    if (records.size() != h.place_count) corrupt(path, "place count");
    auto check_ref = [&](StrRef r) {
        if (r.offset > strings.size() || r.length > strings.size() - r.offset) corrupt(path, "string reference out of range");
    };
    auto index = [&](Section entries_s, Section slots_s, bool postings) {
        const auto entries = section_span<Entry>(path, base, h, entries_s);
        const auto slots = section_span<std::uint32_t>(path, base, h, slots_s);
        if (!slots.empty() && !std::has_single_bit(slots.size())) corrupt(path, "hash table size");
        if (slots.size() < entries.size()) corrupt(path, "hash table too small");
        for (const Entry& e : entries) {
            check_ref(e.str);
            if (postings && (e.a > mapped->postings.size() || e.b > mapped->postings.size() - e.a)) corrupt(path, "postings range");
        }
        std::size_t free_slots = 0;
        for (std::uint32_t s : slots) {
            if (s > entries.size()) corrupt(path, "hash slot out of range");
            free_slots += s == 0;
        }
        if (!slots.empty() && free_slots == 0) corrupt(path, "hash table full");
        return HashIndex(strings.data(), entries, slots);
    };
    mapped->keys = index(kKeyEntries, kKeySlots, true);
    mapped->prefixes = index(kPrefixEntries, kPrefixSlots, false);
    mapped->articles = index(kArticleEntries, kArticleSlots, false);
    mapped->ids = index(kIdEntries, kIdSlots, false);
    for (std::uint32_t p : mapped->postings) {
        if (p >= h.place_count) corrupt(path, "posting names a place past the end");
    }
    for (const Entry& e : mapped->ids.entries()) {
        if (e.a >= h.place_count) corrupt(path, "id names a place past the end");
    }

    Gazetteer g;
    g.places_.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        const PlaceRecord& r = records[i];
        Place& p = g.places_[i];
        for (StrRef ref : {r.id, r.name, r.feature_class, r.feature_code, r.country_code, r.admin1_pcode, r.source, r.source_id}) {
            check_ref(ref);
        }
        if (r.first_alt > alts.size() || r.alt_count > alts.size() - r.first_alt) corrupt(path, "alternate names range");
        // As the TSV reader checks them: a bad point would mislead every distance computed.
        if (!(r.lat >= -90 && r.lat <= 90 && r.lon >= -180 && r.lon <= 180) || !(r.radius_m >= 0 && std::isfinite(r.radius_m))) {
            corrupt(path, fmt::format("place {} has a point or radius out of range", i + 1));
        }
        p.id = mapped->string(r.id);
        p.name = mapped->string(r.name);
        p.feature_class = mapped->string(r.feature_class);
        p.feature_code = mapped->string(r.feature_code);
        p.country_code = mapped->string(r.country_code);
        p.admin1_pcode = mapped->string(r.admin1_pcode);
        p.source = mapped->string(r.source);
        p.source_id = mapped->string(r.source_id);
        p.lat = r.lat, p.lon = r.lon, p.radius_m = r.radius_m, p.confidence = r.confidence;
        p.population = r.population;
        p.alternate_names.reserve(r.alt_count);
        for (std::uint32_t a = 0; a < r.alt_count; ++a) {
            check_ref(alts[r.first_alt + a]);
            p.alternate_names.emplace_back(mapped->string(alts[r.first_alt + a]));
        }
    }
    g.max_key_words_ = h.max_key_words;
    g.compiled_ = std::move(mapped);
    return g;
}

}  // namespace toponym
