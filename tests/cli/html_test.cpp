// Tests of the HTML preview (io::write_html_preview). Results come from the library (pipeline on
// inline reports, one with hostile markup in its text); the page is loaded in headless Chromium
// and checked from the DOM Chromium dumps after the scripts ran, through a local proxy that
// counts connections (none may be made), and from a screenshot.
//
// Needs the Debian package `chromium` (scripts/install-deps --test); without it the tests fail.
// TOPONYM_CHROMIUM=/path/to/chrome picks another binary.
#include <arpa/inet.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "admin/admin_boundaries.hpp"
#include "cli_support.hpp"
#include "core/dates.hpp"
#include "gazetteer/gazetteer.hpp"
#include "ingest/document_reader.hpp"
#include "io/html_preview.hpp"
#include "pipeline/pipeline.hpp"
#include "store/gdal_util.hpp"

namespace fs = std::filesystem;
using toponym::testing::fresh_dir;
using toponym::testing::read_file;
using toponym::testing::run_shell;
using toponym::testing::write_file;

namespace {

const char* const kHostile = "<img src=x onerror=alert(1)></script><script>alert(1)</script>";
// What the hostile text looks like as a text node in serialised HTML.
const char* const kHostileAsText = "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
// The user's name for the output: goes into <title> and the heading, so it must be escaped too.
const char* const kHostileOutputName = "events <img src=x onerror=alert(3)> & \"friends\".html";

// Reports: dated ones on three days, an undated one (no front matter), one with hostile markup
// inside the event's sentence, one whose url is a javascript: URL.
const std::vector<std::pair<std::string, std::string>> kReports = {
    {"reports/saraqib.txt",
     "---\ntitle: Strikes on Saraqib <b>again</b>\nsource: Example <i>News</i>\n"
     "url: https://example.org/reports/saraqib?a=1&b=2\npublished: 2020-01-28\n---\n"
     "Air strikes hit Saraqib " + std::string(kHostile) + " on Tuesday morning.\n"},
    {"reports/maarat.txt",
     "---\ntitle: Air strikes around Maarat al-Numan\nsource: Team sample\n"
     "url: https://example.org/reports/maarat\npublished: 2019-12-21\n---\n"
     "Air strikes hit the villages of Babila and Hish on Saturday.\n\n"
     "Shelling on Kafr Nabl damaged a school, local sources said.\n"},
    {"reports/darat-izza.txt",
     "---\ntitle: Drone strike near Darat Izza\nsource: Team sample\n"
     "url: javascript:alert(document.domain)\npublished: 2020-02-10\n---\n"
     "A drone strike hit a car on the outskirts of Darat Izza on Monday.\n\n"
     "Clashes broke out near Khan Shaykhun overnight.\n"},
    {"reports/undated.txt", "Hundreds of families were displaced from Douma towards the north, volunteers said.\n"},
};

using toponym::testing::shell_quote;

std::string file_url(const fs::path& path, const std::string& fragment = "") {
    static const std::string safe = "/-_.~";
    std::string url = "file://";
    for (unsigned char c : fs::absolute(path).string()) {
        if (std::isalnum(c) || safe.find(static_cast<char>(c)) != std::string::npos) {
            url.push_back(static_cast<char>(c));
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            url += buf;
        }
    }
    return fragment.empty() ? url : url + "#" + fragment;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The page's data (the JSON inside <script id="toponym-data">).
nlohmann::json page_json(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"toponym-data\">";
    const std::size_t b = html.find(open);
    if (b == std::string::npos) return nullptr;
    const std::size_t begin = b + open.size();
    return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
}

// The histogram's bars in a dumped DOM: (in the sliders' range, count) each.
std::vector<std::pair<bool, long>> histogram_bars(const std::string& dom) {
    static const std::regex bar("<rect class=\"hist-bar( in-range)?\"[^>]*? data-count=\"([0-9]+)\"");
    std::vector<std::pair<bool, long>> bars;
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), bar); it != std::sregex_iterator(); ++it) {
        bars.emplace_back((*it)[1].matched, std::stol((*it)[2].str()));
    }
    return bars;
}

long sum_of(const std::vector<std::pair<bool, long>>& bars, bool only_in_range) {
    long n = 0;
    for (const auto& [in_range, count] : bars) n += (!only_in_range || in_range) ? count : 0;
    return n;
}

// The Chromium binary, or "" when there is none.
std::string chromium_binary() {
    if (const char* env = std::getenv("TOPONYM_CHROMIUM"); env && *env) return ::access(env, X_OK) == 0 ? env : "";
    for (const char* name : {"chromium", "chromium-browser"}) {
        const auto r = run_shell(std::string("command -v ") + name);
        if (r.exit_code == 0 && !r.out.empty()) return r.out.substr(0, r.out.find('\n'));
    }
    return "";
}

constexpr const char* kNoChromium =
    "headless Chromium is needed to test the HTML preview and was not found: run "
    "`scripts/install-deps --test` (Debian packages chromium, fonts-dejavu-core), or set "
    "TOPONYM_CHROMIUM to a Chrome/Chromium binary";

// Chromium's own services still go on line despite --disable-background-networking and
// --disable-component-update: an on-demand component update (update.googleapis.com), the
// sign-in cookie check (accounts.google.com ListAccounts), network time (clients2.google.com)
// and, on a busy machine, the optimization guide (optimizationguide-pa.googleapis.com; its
// features are disabled).
// They are pointed at this host (RFC 2606 .invalid: never resolves), which alone bypasses the
// counting proxy, so that only requests made by the page can reach it.
constexpr const char* kServicesHost = "toponym-offline.invalid";

// Seconds a Chromium run may take (about one normally). A page script that opens a dialog
// (alert) makes headless Chromium wait for ever: such a run is killed and fails.
constexpr int kChromiumTimeout = 45;

// Runs headless Chromium on `url` with a fresh profile; `extra` are more flags (each quoted).
toponym::testing::CommandResult run_chromium(const std::string& url, const std::vector<std::string>& extra) {
    static int n = 0;
    const fs::path profile = fresh_dir("chromium-profile-" + std::to_string(n++));
    const std::string services = std::string("http://") + kServicesHost + "/";
    std::string line = "timeout " + std::to_string(kChromiumTimeout) + " " + shell_quote(chromium_binary()) +
                       " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                       " --disable-background-networking --disable-component-update --disable-sync"
                       " --disable-dev-shm-usage --hide-scrollbars"
                       " --disable-features=NetworkTimeServiceQuerying,OptimizationHints,OptimizationHintsFetching,"
                       "OptimizationGuideModelDownloading,OptimizationTargetPrediction" +
                       " " + shell_quote("--component-updater=url-source=" + services + "update") +
                       " " + shell_quote("--gaia-url=" + services) +
                       " --user-data-dir=" + shell_quote(profile.string());
    for (const auto& a : extra) line += " " + shell_quote(a);
    line += " " + shell_quote(url);
    return run_shell(line);
}

// The DOM after the page's scripts ran.
std::string dump_dom(const std::string& url, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--dump-dom", "--virtual-time-budget=5000"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_chromium(url, args);
    EXPECT_NE(r.exit_code, 124) << "Chromium did not finish within " << kChromiumTimeout << " s on " << url
                                << ": a dialog such as alert() blocks it (did text from the data run as script?)";
    EXPECT_EQ(r.exit_code, 0) << "chromium failed on " << url << ":\n" << r.err;
    return r.out;
}

// A TCP listener on 127.0.0.1 counting the connections it accepts (each answered 502 and
// closed). Given to Chromium as its proxy, it sees every http(s) request the page makes.
class ConnectionCounter {
public:
    ConnectionCounter() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) return;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 64) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            ::close(fd_);
            fd_ = -1;
            return;
        }
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { loop(); });
    }
    ~ConnectionCounter() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        if (fd_ >= 0) ::close(fd_);
    }
    ConnectionCounter(const ConnectionCounter&) = delete;
    ConnectionCounter& operator=(const ConnectionCounter&) = delete;

    bool ok() const { return fd_ >= 0; }
    int port() const { return port_; }
    int count() const { return count_.load(); }
    std::string requests() const {
        std::lock_guard<std::mutex> lock(mutex_);
        std::string all;
        for (const auto& r : requests_) all += "  " + r + "\n";
        return all;
    }

private:
    void loop() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) continue;
            ++count_;
            // The request line, for the failure message.
            std::string first;
            pollfd q{c, POLLIN, 0};
            if (::poll(&q, 1, 1000) > 0) {
                char buf[512];
                const ssize_t got = ::recv(c, buf, sizeof buf, 0);
                if (got > 0) first.assign(buf, static_cast<std::size_t>(got));
            }
            first = first.substr(0, first.find("\r\n"));
            {
                std::lock_guard<std::mutex> lock(mutex_);
                requests_.push_back(first.empty() ? "(connection, no request line)" : first);
            }
            static const char reply[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            (void)::send(c, reply, sizeof reply - 1, MSG_NOSIGNAL);
            ::close(c);
        }
    }

    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> count_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
    std::thread thread_;
};

// Every http(s) request through the counter: loopback too (<-loopback>), only Chromium's own
// services' made-up host excepted.
std::vector<std::string> proxy_flags(const ConnectionCounter& counter) {
    return {"--proxy-server=127.0.0.1:" + std::to_string(counter.port()),
            std::string("--proxy-bypass-list=<-loopback>;") + kServicesHost};
}

struct Rgb {
    int r, g, b;
};

Rgb hex_colour(const std::string& hex) {
    return {std::stoi(hex.substr(1, 2), nullptr, 16), std::stoi(hex.substr(3, 2), nullptr, 16),
            std::stoi(hex.substr(5, 2), nullptr, 16)};
}

// A PNG read back with GDAL: width, height and RGB rows.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> r, g, b;
    Rgb at(int x, int y) const {
        const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
        return {r[i], g[i], b[i]};
    }
    // Pixels with x in [x0, x1) within `tolerance` of `c` on every channel.
    std::size_t count_near(Rgb c, int tolerance, int x0, int x1) const {
        std::size_t n = 0;
        for (int y = 0; y < height; ++y) {
            for (int x = x0; x < x1; ++x) {
                const Rgb p = at(x, y);
                if (std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance && std::abs(p.b - c.b) <= tolerance) ++n;
            }
        }
        return n;
    }
};

Image read_png(const fs::path& path) {
    toponym::io::ensure_gdal_registered();
    Image img;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds || ds->GetRasterCount() < 3) return img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    const std::size_t n = static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height);
    std::vector<unsigned char>* bands[] = {&img.r, &img.g, &img.b};
    for (int i = 0; i < 3; ++i) {
        bands[i]->resize(n);
        if (ds->GetRasterBand(i + 1)->RasterIO(GF_Read, 0, 0, img.width, img.height, bands[i]->data(), img.width,
                                               img.height, GDT_Byte, 0, 0) != CE_None) {
            return Image{};
        }
    }
    return img;
}

class HtmlPreview : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("html-preview");
        const toponym::Gazetteer& gazetteer = toponym::Gazetteer::embedded();
        static const toponym::admin::AdminBoundaries admin = toponym::admin::AdminBoundaries::embedded();
        const toponym::PipelineContext ctx{gazetteer, admin};
        for (const auto& [path, text] : kReports) {
            results_.push_back(toponym::process_document(toponym::ingest::parse_text_document(path, text), ctx));
        }
        for (const auto& r : results_) {
            for (const auto& ev : r.events) {
                all_ids_.push_back(ev.event_id);
                if (!ev.event_date) ++undated_;
                if (ev.snippet.find(kHostile) != std::string::npos) hostile_id_ = ev.event_id;
                if (r.doc.url.rfind("javascript:", 0) == 0) javascript_url_id_ = ev.event_id;
                types_.insert(ev.event_type);
            }
        }
        page_ = dir_ / "preview.html";
        toponym::io::write_html_preview(page_.string(), results_, gazetteer, admin.admin1(), kHostileOutputName);
        html_ = read_file(page_);
        chromium_ = chromium_binary();
    }

    // Fails the test when Chromium is missing (never skipped into green).
    static bool have_chromium() { return !chromium_.empty(); }

    static std::string event_date(const std::string& id) {
        for (const auto& r : results_)
            for (const auto& ev : r.events)
                if (ev.event_id == id) return ev.event_date ? toponym::format_date(*ev.event_date) : "";
        return "";
    }

    static inline fs::path dir_;
    static inline fs::path page_;
    static inline std::string html_;
    static inline std::vector<toponym::DocumentResult> results_;
    static inline std::vector<std::string> all_ids_;
    static inline std::size_t undated_ = 0;
    static inline std::string hostile_id_;
    static inline std::string javascript_url_id_;
    static inline std::set<std::string> types_;
    static inline std::string chromium_;
};

TEST_F(HtmlPreview, ReportsGiveTheEventsTheTestsNeed) {
    EXPECT_GE(all_ids_.size(), 6u);
    EXPECT_GE(types_.size(), 4u) << "several event types, for the colours and the legend";
    EXPECT_GE(undated_, 1u) << "an undated event";
    EXPECT_FALSE(hostile_id_.empty()) << "no event's snippet holds the hostile markup";
    EXPECT_FALSE(javascript_url_id_.empty()) << "no event from the report with a javascript: url";
}

TEST_F(HtmlPreview, PageIsOneSelfContainedFile) {
    ASSERT_FALSE(html_.empty());
    EXPECT_NE(html_.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                         "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">"),
              std::string::npos);
    EXPECT_LT(html_.find("Content-Security-Policy"), html_.find("<style")) << "the policy comes before any content";
    EXPECT_NE(html_.find("Leaflet 1.9.4"), std::string::npos) << "Leaflet is inlined";
    EXPECT_NE(html_.find("Leaflet.markercluster 1.5.3"), std::string::npos) << "Leaflet.markercluster is inlined";
    EXPECT_NE(html_.find("MarkerClusterGroup"), std::string::npos);
    const std::string l = lower(html_);
    EXPECT_EQ(l.find("<script src"), std::string::npos);
    EXPECT_EQ(l.find("<link"), std::string::npos);
    EXPECT_EQ(l.find("<img"), std::string::npos);
    EXPECT_EQ(l.find("@import"), std::string::npos);
    EXPECT_EQ(l.find("sourcemappingurl"), std::string::npos);
}

TEST_F(HtmlPreview, DataIsJsonThatCannotLeaveItsScriptElement) {
    const std::string open = "<script type=\"application/json\" id=\"toponym-data\">";
    const std::size_t begin = html_.find(open);
    ASSERT_NE(begin, std::string::npos);
    const std::size_t end = html_.find("</script>", begin);
    ASSERT_NE(end, std::string::npos);
    const std::string text = html_.substr(begin + open.size(), end - begin - open.size());
    EXPECT_EQ(text.find('<'), std::string::npos) << "'<' inside the data is escaped";
    EXPECT_EQ(text.find('>'), std::string::npos);
    const auto data = nlohmann::json::parse(text);  // \u003c decodes back to '<'
    ASSERT_EQ(data["events"].size(), all_ids_.size());
    bool hostile_round_trips = false;
    for (const auto& ev : data["events"]) {
        if (ev["id"] == hostile_id_) hostile_round_trips = ev["snippet"].get<std::string>().find(kHostile) != std::string::npos;
    }
    EXPECT_TRUE(hostile_round_trips);
    EXPECT_GE(data["governorates"]["features"].size(), 14u);
}

TEST_F(HtmlPreview, TitleIsEscaped) {
    EXPECT_NE(html_.find("<title>toponym map: events &lt;img src=x onerror=alert(3)&gt; &amp; &quot;friends&quot;.html</title>"),
              std::string::npos);
    EXPECT_EQ(html_.find("alert(3)>"), std::string::npos);
}

TEST_F(HtmlPreview, ChromiumShowsEveryEventAndTheCounter) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const std::string dom = dump_dom(file_url(page_));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos) << "the page's script did not finish:\n" << dom.substr(0, 4000);
    EXPECT_NE(dom.find("<p id=\"script-error\" hidden=\"\"></p>"), std::string::npos) << "a script error was shown";
    for (const auto& id : all_ids_) {
        // One list entry and one marker (SVG path) per event.
        EXPECT_EQ(count_of(dom, "<li data-event-id=\"" + id + "\""), 1u) << id;
        EXPECT_EQ(count_of(dom, "data-event-id=\"" + id + "\""), 2u) << id << ": list entry and marker";
    }
    EXPECT_EQ(count_of(dom, "class=\"event-marker leaflet-interactive\""), all_ids_.size());
    EXPECT_EQ(count_of(dom, "data-shown=\"true\""), all_ids_.size());
    EXPECT_NE(dom.find("<span id=\"counter-shown\">" + std::to_string(all_ids_.size()) + " events shown</span>"),
              std::string::npos);
    EXPECT_NE(dom.find("Undated events (" + std::to_string(undated_) + "): dashed outline, always shown"), std::string::npos);
    // The governorates: one SVG path each (14 in the embedded boundaries).
    EXPECT_GE(count_of(dom, "<path class=\"leaflet-interactive\""), 14u);
    // A few events: every marker on its own, none clustered.
    EXPECT_NE(dom.find("data-clustered=\"false\""), std::string::npos);
    EXPECT_EQ(count_of(dom, "leaflet-marker-icon marker-cluster"), 0u);
    // The histogram counts every dated event once, all of them in the sliders' full range.
    const auto bars = histogram_bars(dom);
    ASSERT_GE(bars.size(), 2u) << "no histogram bars";
    EXPECT_EQ(sum_of(bars, false), static_cast<long>(all_ids_.size() - undated_));
    EXPECT_EQ(sum_of(bars, true), sum_of(bars, false)) << "every bar is in the full range";
    EXPECT_NE(dom.find(std::to_string(undated_) + " undated not counted"), std::string::npos);
}

TEST_F(HtmlPreview, DateSlidersFilterTheMarkersButNotUndatedEvents) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    // The same page with a script that moves both sliders to the last event day, as a user would.
    std::string page = html_;
    const std::string drive =
        "<script>(function () {\n"
        "  var from = document.getElementById('date-from'), to = document.getElementById('date-to');\n"
        "  from.value = to.max; from.dispatchEvent(new Event('input'));\n"
        "  to.value = to.max; to.dispatchEvent(new Event('input'));\n"
        "  document.body.setAttribute('data-driven', from.value + '-' + to.value);\n"
        "})();</script>\n";
    const std::size_t body_end = page.rfind("</body>");
    ASSERT_NE(body_end, std::string::npos);
    page.insert(body_end, drive);
    const fs::path driven = dir_ / "driven.html";
    write_file(driven, page);

    std::string last;
    for (const auto& id : all_ids_) last = std::max(last, event_date(id));
    std::set<std::string> expected;
    for (const auto& id : all_ids_) {
        const std::string d = event_date(id);
        if (d.empty() || d == last) expected.insert(id);
    }
    ASSERT_LT(expected.size(), all_ids_.size()) << "the last day must not hold every event";

    const std::string dom = dump_dom(file_url(driven));
    ASSERT_NE(dom.find("data-driven="), std::string::npos) << dom.substr(0, 4000);
    EXPECT_NE(dom.find("<span id=\"counter-shown\">" + std::to_string(expected.size()) +
                       (expected.size() == 1 ? " event shown" : " events shown") + "</span>"),
              std::string::npos);
    EXPECT_NE(dom.find("<output id=\"date-from-label\" for=\"date-from\">" + last + "</output>"), std::string::npos);
    for (const auto& id : all_ids_) {
        const bool shown = expected.count(id) > 0;
        EXPECT_EQ(count_of(dom, "data-event-id=\"" + id + "\""), shown ? 2u : 1u)
            << id << (shown ? " should have a marker" : " should have no marker");
    }
    EXPECT_EQ(count_of(dom, "data-shown=\"true\""), expected.size());
    EXPECT_EQ(count_of(dom, "data-shown=\"false\""), all_ids_.size() - expected.size());
    // The histogram highlights only the bar of the last day's period, whose count includes the
    // last day's events.
    const auto bars = histogram_bars(dom);
    ASSERT_GE(bars.size(), 2u);
    std::size_t in_range = 0;
    for (const auto& b : bars) in_range += b.first ? 1 : 0;
    EXPECT_EQ(in_range, 1u);
    EXPECT_TRUE(bars.back().first) << "the last bar holds the last day";
    EXPECT_GE(sum_of(bars, true), static_cast<long>(expected.size() - undated_));
    EXPECT_EQ(sum_of(bars, false), static_cast<long>(all_ids_.size() - undated_));
}

TEST_F(HtmlPreview, HostileTextStaysTextInListAndPopup) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    ASSERT_FALSE(hostile_id_.empty());
    // #event=ID opens that event's popup, so the popup's DOM is in the dump too.
    const std::string dom = dump_dom(file_url(page_, "event=" + hostile_id_));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos);
    ASSERT_NE(dom.find("leaflet-popup-content"), std::string::npos) << "the popup did not open";
    ASSERT_NE(dom.find("<div class=\"event-id\">" + hostile_id_ + "</div>"), std::string::npos);
    // Shown as text in the list entry and in the popup's quote...
    EXPECT_GE(count_of(dom, kHostileAsText), 2u);
    EXPECT_NE(dom.find("<blockquote class=\"snippet\">Air strikes hit Saraqib " + std::string(kHostileAsText)), std::string::npos);
    // ...and never as elements: no <img> and no script made from it, no event handler attribute.
    const std::string l = lower(dom);
    EXPECT_EQ(l.find("<img"), std::string::npos);
    EXPECT_EQ(l.find("<script>alert"), std::string::npos);
    EXPECT_EQ(l.find("onerror=\""), std::string::npos);
    EXPECT_EQ(l.find("alert(1)>"), std::string::npos);
    EXPECT_EQ(count_of(l, "<script"), 5u) << "only the page's own five script elements";
    // Report title and source with markup are text as well; the http link is kept.
    EXPECT_NE(dom.find("Strikes on Saraqib &lt;b&gt;again&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(dom.find("Example &lt;i&gt;News&lt;/i&gt;"), std::string::npos);
    EXPECT_NE(dom.find("href=\"https://example.org/reports/saraqib?a=1&amp;b=2\""), std::string::npos);
    EXPECT_NE(dom.find("rel=\"noopener noreferrer\""), std::string::npos);
    // The page title, from the output's name.
    EXPECT_NE(dom.find("<title>toponym map: events &lt;img src=x onerror=alert(3)&gt; &amp; \"friends\".html</title>"),
              std::string::npos);
}

TEST_F(HtmlPreview, JavascriptUrlIsNotALink) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    ASSERT_FALSE(javascript_url_id_.empty());
    const std::string dom = dump_dom(file_url(page_, "event=" + javascript_url_id_));
    ASSERT_NE(dom.find("<div class=\"event-id\">" + javascript_url_id_ + "</div>"), std::string::npos)
        << "the popup did not open";
    EXPECT_NE(dom.find("javascript:alert(document.domain)"), std::string::npos) << "shown as text";
    EXPECT_EQ(lower(dom).find("href=\"javascript:"), std::string::npos);
}

TEST_F(HtmlPreview, PageWithoutEventsStillWorks) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const fs::path empty = dir_ / "empty.html";
    toponym::io::write_html_preview(empty.string(), {}, toponym::Gazetteer::embedded(),
                                    toponym::admin::AdminIndex::embedded(), "empty.html");
    const std::string dom = dump_dom(file_url(empty));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos) << dom.substr(0, 4000);
    EXPECT_NE(dom.find("<span id=\"counter-shown\">0 events shown</span>"), std::string::npos);
    EXPECT_NE(dom.find("<div id=\"dates\" hidden=\"\">"), std::string::npos) << "no dates, no sliders";
    EXPECT_NE(dom.find("<p id=\"no-dates\" class=\"note\">"), std::string::npos);
    EXPECT_GE(count_of(dom, "<path class=\"leaflet-interactive\""), 14u) << "the governorates are still drawn";
}

// Arabic and mixed text in the list and the popup: every text that holds a right-to-left letter
// gets dir="auto" (the browser takes the first strong letter: an Arabic sentence naming
// 'Saraqib' reads right to left, an English one quoting «خان شيخون» left to right), and a
// value joined from two fields (place, governorate) keeps each field in its own element.
TEST_F(HtmlPreview, ArabicAndMixedTextTakeTheirOwnDirection) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const std::string mixed = "غارة جوية على Saraqib أمس أدت إلى إصابة 4 أشخاص.";
    const std::string english = "Shelling hit the town of Khan Shaykhun (خان شيخون) on Sunday, killing two civilians.";
    const toponym::admin::AdminBoundaries admin = toponym::admin::AdminBoundaries::embedded();
    const toponym::PipelineContext ctx{toponym::Gazetteer::embedded(), admin};
    const auto result = toponym::process_document(
        toponym::ingest::parse_text_document("reports/mixed.txt", "---\ntitle: Idlib update / تحديث إدلب\npublished: 2019-06-02\n---\n" +
                                                                      mixed + "\n\n" + english + "\n"),
        ctx);
    std::string mixed_id;
    for (const auto& ev : result.events) {
        if (ev.snippet == mixed) mixed_id = ev.event_id;
    }
    ASSERT_FALSE(mixed_id.empty()) << "the Arabic sentence gives an event";
    const fs::path page = dir_ / "mixed.html";
    toponym::io::write_html_preview(page.string(), {result}, toponym::Gazetteer::embedded(), admin.admin1(), "mixed.html");
    const std::string dom = dump_dom(file_url(page, "event=" + mixed_id));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos);
    ASSERT_NE(dom.find("<div class=\"event-id\">" + mixed_id + "</div>"), std::string::npos) << "the popup did not open";
    EXPECT_NE(dom.find("<blockquote class=\"snippet\" dir=\"auto\">" + mixed + "</blockquote>"), std::string::npos);
    EXPECT_NE(dom.find("<div class=\"ev-snippet\" dir=\"auto\">" + mixed + "</div>"), std::string::npos);
    EXPECT_NE(dom.find("<div class=\"ev-snippet\" dir=\"auto\">" + english + "</div>"), std::string::npos);
    EXPECT_NE(dom.find("<span dir=\"auto\">Idlib update / تحديث إدلب</span>"), std::string::npos) << "the report's title";
    EXPECT_NE(dom.find("<span class=\"parts\"><span>Sarāqib</span>, <span>Idleb</span></span>"), std::string::npos)
        << "place and governorate, each its own element";
    EXPECT_EQ(dom.find("<span dir=\"auto\">Sar"), std::string::npos) << "Latin-only text keeps the page's direction";
}

// Numbers written with more than 5 decimals in a JSON text (coordinates are rounded to 5).
std::size_t long_decimals(const std::string& json_text) {
    static const std::regex longer("[0-9]\\.[0-9]{6,}");
    return static_cast<std::size_t>(std::distance(std::sregex_iterator(json_text.begin(), json_text.end(), longer),
                                                  std::sregex_iterator()));
}

// The base map: the governorates with a label point each, the country's outline, the main
// cities and the neighbouring countries, all small (simplified, 5 decimals), and drawn.
TEST_F(HtmlPreview, BaseMapHasOutlineGovernorateNamesCitiesAndNeighbours) {
    const auto data = page_json(html_);
    const auto& features = data["governorates"]["features"];
    ASSERT_EQ(features.size(), 14u);
    for (const auto& f : features) {
        ASSERT_TRUE(f["properties"].contains("label")) << f["properties"]["name"];
        EXPECT_EQ(f["properties"]["label"].size(), 2u);
    }
    ASSERT_TRUE(data["outline"].is_object()) << "no country outline";
    EXPECT_TRUE(data["outline"]["type"] == "Polygon" || data["outline"]["type"] == "MultiPolygon");
    // In the page's own text (a number parsed and dumped again can grow 17 digits).
    const std::string open = "<script type=\"application/json\" id=\"toponym-data\">";
    const std::size_t begin = html_.find(open) + open.size();
    EXPECT_EQ(long_decimals(html_.substr(begin, html_.find("</script>", begin) - begin)), 0u)
        << "coordinates (boundaries, outline, events) have at most 5 decimals";
    EXPECT_LT(data["governorates"].dump().size() + data["outline"].dump().size(), 40000u) << "simplified";

    std::set<std::string> cities;
    std::map<int, std::size_t> tiers;
    for (const auto& c : data["cities"]) {
        cities.insert(c["name"].get<std::string>());
        ++tiers[c["tier"].get<int>()];
    }
    EXPECT_TRUE(cities.count("Aleppo") && cities.count("Damascus") && cities.count("Homs")) << data["cities"].dump();
    EXPECT_GE(tiers[1], 13u) << "the capital and the governorate seats";
    EXPECT_GE(tiers[3], 1u) << "a big city across the border";
    std::set<std::string> countries;
    for (const auto& c : data["countries"]) countries.insert(c["name"].get<std::string>());
    for (const char* name : {"Lebanon", "Iraq", "Jordan"}) EXPECT_TRUE(countries.count(name)) << name;
    EXPECT_FALSE(countries.count("Syria")) << "the country of the boundaries is not its own neighbour";
    EXPECT_LE(countries.size(), 8u) << "only neighbours";

    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const std::string dom = dump_dom(file_url(page_), {"--window-size=1400,1000"});
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos);
    EXPECT_EQ(count_of(dom, "base-label gov-label"), 14u);
    // Some names are written, some give way: small governorates (zoom) or a city label over them.
    const std::size_t gov_visible = count_of(dom, "base-label gov-label leaflet-zoom-animated\"");
    EXPECT_GE(gov_visible, 3u) << "some governorate names visible";
    EXPECT_LT(gov_visible, 14u) << "every governorate name written, however crowded";
    EXPECT_EQ(count_of(dom, "base-label country-label"), countries.size());
    EXPECT_EQ(count_of(dom, "base-label city-label"), cities.size());
    EXPECT_NE(dom.find("<span>Damascus</span>"), std::string::npos);
    // The outline is a path in its own pane.
    const std::size_t pane = dom.find("leaflet-outline-pane");
    ASSERT_NE(pane, std::string::npos);
    const std::size_t svg_end = dom.find("</svg>", pane);
    ASSERT_NE(svg_end, std::string::npos);
    EXPECT_NE(dom.substr(pane, svg_end - pane).find("<path"), std::string::npos) << "no outline path";
}

// Uncertainty circles: none at the fitted zoom, drawn (in metres) once zoomed in on events,
// gone again when the box is unticked.
TEST_F(HtmlPreview, UncertaintyCirclesAppearWhenZoomedIn) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const auto data = page_json(html_);
    nlohmann::json target;
    for (const auto& ev : data["events"]) {
        if (ev["uncertainty_m"].get<double>() > 0 && !ev["day"].is_null()) target = ev;
    }
    ASSERT_FALSE(target.is_null()) << "no event with an uncertainty";
    std::string page = html_;
    const std::string drive =
        "<script>(function () {\n"
        "  var box = document.getElementById('show-uncertainty');\n"
        "  var n = function () { return document.body.getAttribute('data-uncertainty-circles'); };\n"
        "  var atStart = n();\n"
        "  window.toponymPage.map.setView([" + target["lat"].dump() + ", " + target["lon"].dump() + "], 11, { animate: false });\n"
        "  var zoomedIn = n();\n"
        "  box.click();\n"
        "  var unticked = n();\n"
        "  box.click();\n"
        "  document.body.setAttribute('data-driven', atStart + ',' + zoomedIn + ',' + unticked + ',' + n());\n"
        "})();</script>\n";
    page.insert(page.rfind("</body>"), drive);
    const fs::path driven = dir_ / "circles.html";
    write_file(driven, page);
    const std::string dom = dump_dom(file_url(driven));
    static const std::regex driven_re("data-driven=\"([0-9]+),([0-9]+),([0-9]+),([0-9]+)\"");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(dom, m, driven_re)) << dom.substr(0, 3000);
    EXPECT_EQ(m[1].str(), "0") << "no circles at the fitted zoom";
    EXPECT_GE(std::stoi(m[2].str()), 1) << "no circle once zoomed in on an event";
    EXPECT_EQ(m[3].str(), "0") << "unticking the box removes them";
    EXPECT_EQ(m[4].str(), m[2].str()) << "ticking it again brings them back";
    EXPECT_EQ(count_of(dom, "<path class=\"uncertainty-circle\""), static_cast<std::size_t>(std::stoi(m[4].str())));
    EXPECT_EQ(count_of(dom, "uncertainty-circle leaflet-interactive"), 0u) << "circles do not take the mouse";
}

TEST_F(HtmlPreview, UnwritablePathIsADataErrorNamingTheOutput) {
    try {
        toponym::io::write_html_preview((dir_ / "no-such-dir" / "x.html").string(), results_,
                                        toponym::Gazetteer::embedded(), toponym::admin::AdminIndex::embedded(),
                                        "out/x.html");
        ADD_FAILURE() << "no error";
    } catch (const toponym::DataError& e) {
        EXPECT_EQ(e.where(), "out/x.html");
    }
}

TEST_F(HtmlPreview, LoadingThePageMakesNoNetworkRequest) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    // Control: a page that loads an http URL does reach the counting proxy, so a request from
    // the preview would be seen.
    {
        ConnectionCounter counter;
        ASSERT_TRUE(counter.ok());
        const fs::path control = dir_ / "control.html";
        write_file(control,
                   "<!DOCTYPE html><html><body><img src=\"http://toponym-control.invalid/pixel.png\">"
                   "<script>fetch('http://toponym-control.invalid/data.json').catch(function () {});</script>"
                   "</body></html>\n");
        dump_dom(file_url(control), proxy_flags(counter));
        EXPECT_GE(counter.count(), 1) << "the control page's requests did not reach the proxy: the test cannot see requests";
    }
    // The preview, with a popup open as well.
    for (const std::string& fragment : {std::string(), "event=" + hostile_id_}) {
        ConnectionCounter counter;
        ASSERT_TRUE(counter.ok());
        const std::string dom = dump_dom(file_url(page_, fragment), proxy_flags(counter));
        EXPECT_NE(dom.find("data-ready=\"true\""), std::string::npos);
        EXPECT_EQ(counter.count(), 0) << "requests made while showing the preview:\n" << counter.requests();
    }
}

TEST_F(HtmlPreview, ScreenshotShowsMarkersOnTheGovernorates) {
    ASSERT_TRUE(have_chromium()) << kNoChromium;
    const fs::path png = dir_ / "preview.png";
    const auto r = run_chromium(file_url(page_), {"--screenshot=" + png.string(), "--window-size=1200,900",
                                                  "--virtual-time-budget=5000"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(fs::exists(png)) << r.err;
    EXPECT_GT(fs::file_size(png), 20000u) << "a blank page compresses to almost nothing";
    const Image img = read_png(png);
    ASSERT_EQ(img.width, 1200);
    ASSERT_EQ(img.height, 900);
    const int map_right = img.width - 331;  // the side panel is 330 px wide, plus its border
    const std::size_t map_pixels = static_cast<std::size_t>(map_right) * static_cast<std::size_t>(img.height);
    // Governorate fill (#f6f1e4) covers a good part of the map.
    EXPECT_GT(img.count_near(hex_colour("#f6f1e4"), 4, 0, map_right), map_pixels / 6);
    // Every event type's marker colour is on the map (markers have radius 7: ~150 px each).
    const auto data = nlohmann::json::parse([&] {
        const std::string open = "<script type=\"application/json\" id=\"toponym-data\">";
        const std::size_t b = html_.find(open) + open.size();
        return html_.substr(b, html_.find("</script>", b) - b);
    }());
    for (const auto& t : data["types"]) {
        const std::size_t n = img.count_near(hex_colour(t["colour"].get<std::string>()), 24, 0, map_right);
        EXPECT_GE(n, 60u) << t["type"] << " markers not visible on the map";
    }
    if (std::getenv("TOPONYM_KEEP_TEST_FILES")) std::cerr << "screenshot: " << png << "\n";
}

}  // namespace

namespace {

// A JSONL file of `n` short team-written reports (fictional, in the general style of monitoring
// notes), each naming one of a few Syrian towns, dated over `days` days from 2021-03-01.
fs::path many_reports(const fs::path& dir, int n, int days) {
    static const char* const towns[] = {"Saraqib", "Ariha", "Khan Shaykhun", "Darat Izza", "Atarib",
                                        "Douma",   "Daraa", "Talbiseh",      "Manbij",     "Jisr al-Shughur"};
    static const char* const openings[] = {"Shelling hit the outskirts of", "Air strikes hit", "Clashes broke out near",
                                           "A drone strike hit a car in"};
    std::string lines;
    for (int i = 0; i < n; ++i) {
        const int day = (i * 7919) % days;  // every day of the span, not in order
        const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::year{2021} / 3 / 1} + std::chrono::days{day}};
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        nlohmann::json report = {
            {"id", "r" + std::to_string(i)},
            {"title", "Daily update " + std::to_string(i)},
            {"published", date},
            {"text", std::string(openings[i % 4]) + " " + towns[(i / 4) % 10] + ", residents said."}};
        lines += report.dump() + "\n";
    }
    const fs::path path = dir / ("reports-" + std::to_string(n) + ".jsonl");
    write_file(path, lines);
    return path;
}

// Maps `reports` with the CLI into DIR/STEM.gpkg and DIR/STEM.html; returns the page's path.
fs::path map_to_page(const fs::path& reports, const fs::path& dir, const std::string& stem) {
    const fs::path page = dir / (stem + ".html");
    const auto r = toponym::testing::run_toponym(
        {"map", reports.string(), "-o", (dir / (stem + ".gpkg")).string(), "--html", page.string(), "-q"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return page;
}

// Sum of the numbers on the cluster icons plus the markers shown on their own.
std::size_t markers_and_clustered(const std::string& dom) {
    static const std::regex cluster("class=\"leaflet-marker-icon marker-cluster[^\"]*\"[^>]*><div><span>([0-9]+)</span>");
    std::size_t n = count_of(dom, "class=\"event-marker leaflet-interactive\"");
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), cluster); it != std::sregex_iterator(); ++it) {
        n += std::stoul((*it)[1].str());
    }
    return n;
}

}  // namespace

// More than 300 events: the markers go into clusters (Leaflet.markercluster), which together
// with the markers left on their own account for every event; the histogram counts them all;
// nothing is loaded from the network.
TEST(HtmlPreviewMany, FourHundredEventsAreClustered) {
    const std::string chromium = chromium_binary();
    ASSERT_FALSE(chromium.empty()) << kNoChromium;
    const fs::path dir = fresh_dir("html-many-400");
    const fs::path page = map_to_page(many_reports(dir, 400, 40), dir, "many");
    const std::string html = read_file(page);
    const auto data = page_json(html);
    const std::size_t n = data["events"].size();
    ASSERT_GT(n, 300u) << "the reports must give more events than the clustering threshold";
    EXPECT_EQ(data["cluster_above"], 300);

    ConnectionCounter counter;
    ASSERT_TRUE(counter.ok());
    const std::string dom = dump_dom(file_url(page), proxy_flags(counter));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos) << dom.substr(0, 4000);
    EXPECT_NE(dom.find("<p id=\"script-error\" hidden=\"\"></p>"), std::string::npos) << "a script error was shown";
    EXPECT_NE(dom.find("data-clustered=\"true\""), std::string::npos);
    EXPECT_GE(count_of(dom, "leaflet-marker-icon marker-cluster"), 1u) << "no cluster icon";
    EXPECT_LT(count_of(dom, "class=\"event-marker leaflet-interactive\""), n) << "every marker drawn on its own";
    EXPECT_EQ(markers_and_clustered(dom), n);
    const auto bars = histogram_bars(dom);
    EXPECT_EQ(sum_of(bars, false), static_cast<long>(n));
    EXPECT_EQ(data["last_day"], 39) << "the reports span 40 days";
    EXPECT_EQ(bars.size(), 40u) << "40 days: a bar a day";
    EXPECT_NE(dom.find("data-unit=\"day\""), std::string::npos);
    EXPECT_EQ(counter.count(), 0) << "requests made while showing the page:\n" << counter.requests();

    // An event inside a cluster can still be shown: #event=ID zooms (or fans the cluster out)
    // until its marker is on the map, and opens its popup.
    const std::string id = data["events"][n / 2]["id"].get<std::string>();
    const std::string shown = dump_dom(file_url(page, "event=" + id));
    EXPECT_NE(shown.find("<div class=\"event-id\">" + id + "</div>"), std::string::npos) << "the popup did not open";
}

// The issue's size: 20,000 events. The page opens within a bounded time (measured by the page
// itself: performance.now() when its script ends), clustered, with the base-map labels and the
// histogram, listing 500 entries at first, and makes no network request.
TEST(HtmlPreviewMany, TwentyThousandEventsOpenOfflineWithLabelsAndHistogram) {
    const std::string chromium = chromium_binary();
    ASSERT_FALSE(chromium.empty()) << kNoChromium;
    const fs::path dir = fresh_dir("html-many-20000");
    const fs::path page = map_to_page(many_reports(dir, 20000, 250), dir, "big");
    const std::string html = read_file(page);
    const auto data = page_json(html);
    const std::size_t n = data["events"].size();
    ASSERT_GE(n, 20000u);
    std::cerr << "20,000-event page: " << fs::file_size(page) << " bytes\n";
    EXPECT_LT(fs::file_size(page), 20u * 1024 * 1024) << "page size";

    ConnectionCounter counter;
    ASSERT_TRUE(counter.ok());
    const std::string dom = dump_dom(file_url(page), proxy_flags(counter));
    ASSERT_NE(dom.find("data-ready=\"true\""), std::string::npos) << dom.substr(0, 4000);
    EXPECT_NE(dom.find("<p id=\"script-error\" hidden=\"\"></p>"), std::string::npos) << "a script error was shown";
    static const std::regex load("data-load-ms=\"([0-9]+)\"");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(dom, m, load));
    const long load_ms = std::stol(m[1].str());
    std::cerr << "20,000-event page: script done " << load_ms << " ms after navigation\n";
    ::testing::Test::RecordProperty("load_ms", static_cast<int>(load_ms));
    EXPECT_LT(load_ms, 30000) << "the page took too long to open";
    EXPECT_NE(dom.find("data-clustered=\"true\""), std::string::npos);
    EXPECT_EQ(markers_and_clustered(dom), n);
    EXPECT_EQ(count_of(dom, "base-label gov-label"), 14u);
    EXPECT_GE(count_of(dom, "base-label city-label tier-1"), 13u);
    EXPECT_GE(count_of(dom, "base-label country-label"), 3u);
    EXPECT_EQ(sum_of(histogram_bars(dom), false), static_cast<long>(n));
    EXPECT_NE(dom.find("data-unit=\"week\""), std::string::npos) << "about 250 days: a bar a week";
    // Every entry exists, 500 are listed.
    EXPECT_EQ(count_of(dom, "<li data-event-id=") + count_of(dom, "<li hidden=\"\" data-event-id="), n);
    EXPECT_EQ(count_of(dom, "<li data-event-id="), 500u);
    EXPECT_NE(dom.find("<button type=\"button\" id=\"list-more\">Show 500 more (500 of " + std::to_string(n) + " listed)</button>"),
              std::string::npos);
    EXPECT_EQ(counter.count(), 0) << "requests made while showing the page:\n" << counter.requests();
}
