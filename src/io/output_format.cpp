// The output formats' traits table.
#include "io/output_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/error.hpp"

namespace toponym::io {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

OutputFormatTraits row(OutputFormat format, const char* name, const char* driver, std::vector<const char*> of_names,
                       std::vector<const char*> extensions) {
    OutputFormatTraits t;
    t.format = format;
    t.name = name;
    t.driver = driver;
    t.of_names = std::move(of_names);
    t.extensions = std::move(extensions);
    return t;
}

std::vector<OutputFormatTraits> make_formats() {
    std::vector<OutputFormatTraits> formats;
    {
        OutputFormatTraits t = row(OutputFormat::GeoPackage, "GPKG", "GPKG", {"gpkg", "geopackage"}, {".gpkg"});
        t.several_layers = t.all_layers_by_default = t.appendable = t.qgis_project = true;
        t.options = {{"FID", "fid"}};
        t.geometry_options = {{"GEOMETRY_NAME", "geom"}};
        t.spatial_index_yes = "YES";
        t.spatial_index_no = "NO";
        formats.push_back(std::move(t));
    }
    {
        OutputFormatTraits t = row(OutputFormat::GeoJSON, "GeoJSON", "GeoJSON", {"geojson"}, {".geojson", ".json"});
        t.qgis_project = true;
        t.options = {{"RFC7946", "YES"}, {"WRITE_NAME", "NO"}};
        formats.push_back(std::move(t));
    }
    formats.push_back(row(OutputFormat::GeoJSONSeq, "GeoJSONSeq", "GeoJSONSeq", {"geojsonseq"}, {".geojsonl", ".geojsons", ".geojsonseq"}));
    {
        OutputFormatTraits t = row(OutputFormat::CSV, "CSV", "CSV", {"csv"}, {".csv"});
        t.dates_as_text = t.spreadsheet_cells = true;
        // UTF-8 with a byte order mark: Excel opens a CSV without one in the system's ANSI code
        // page, and Arabic names and snippets come out as mojibake. GDAL, QGIS, LibreOffice,
        // pandas and R skip the mark (toponym's own reader too).
        t.options = {{"WRITE_BOM", "YES"}};
        t.geometry_options = {{"GEOMETRY", "AS_WKT"}};
        formats.push_back(std::move(t));
    }
    {
        // GDAL's KML reader drops date fields: ISO 8601 text (the TimeStamp carries the date).
        OutputFormatTraits t = row(OutputFormat::KML, "KML", "LIBKML", {"kml", "libkml"}, {".kml"});
        t.several_layers = true;
        t.geometry_less_layers = false;
        t.dates_as_text = t.kml_fields = true;
        formats.push_back(std::move(t));
    }
    {
        OutputFormatTraits t = row(OutputFormat::FlatGeobuf, "FlatGeobuf", "FlatGeobuf", {"flatgeobuf", "fgb"}, {".fgb"});
        t.geometry_less_layers = false;
        t.spatial_index_yes = "YES";
        t.spatial_index_no = "NO";
        formats.push_back(std::move(t));
    }
    {
        OutputFormatTraits t = row(OutputFormat::PostgreSQL, "PostgreSQL", "PostgreSQL", {"postgresql", "pg", "postgis"}, {});
        t.several_layers = t.all_layers_by_default = t.appendable = t.utc_times = true;
        t.options = {{"FID", "fid"}, {"LAUNDER", "NO"}};  // our names are already lower-case identifiers
        t.geometry_options = {{"GEOMETRY_NAME", "geom"}};
        t.spatial_index_yes = "GIST";
        t.spatial_index_no = "NONE";
        formats.push_back(std::move(t));
    }
    return formats;
}

}  // namespace

const std::vector<OutputFormatTraits>& output_formats() {
    static const std::vector<OutputFormatTraits> formats = make_formats();
    return formats;
}

const OutputFormatTraits& traits(OutputFormat format) {
    for (const OutputFormatTraits& t : output_formats()) {
        if (t.format == format) return t;
    }
    throw std::logic_error("no traits for an output format");
}

bool is_postgres_target(const std::string& path) { return lower(path.substr(0, 3)) == "pg:"; }

OutputFormat output_format_for(const std::string& path, const std::string& format) {
    if (!format.empty()) {
        const std::string f = lower(format);
        std::string known;
        for (const OutputFormatTraits& t : output_formats()) {
            if (std::find(t.of_names.begin(), t.of_names.end(), f) != t.of_names.end()) return t.format;
            known += (known.empty() ? "" : ", ") + std::string(t.name);
        }
        throw UsageError("--of", fmt::format("unknown output format \"{}\" ({})", format, known));
    }
    if (is_postgres_target(path)) return OutputFormat::PostgreSQL;
    const std::string p = lower(path);
    std::string known;
    for (const OutputFormatTraits& t : output_formats()) {
        for (const char* extension : t.extensions) {
            if (p.ends_with(extension)) return t.format;
        }
        if (!t.extensions.empty()) known += (known.empty() ? "" : ", ") + std::string(t.extensions.front());
    }
    throw UsageError(path, fmt::format("cannot tell the output format from the extension ({}); use --of", known));
}

const char* driver_name(OutputFormat format) { return traits(format).driver; }

bool holds_several_layers(OutputFormat format) { return traits(format).several_layers; }

CPLStringList layer_creation_options(OutputFormat format, OGRwkbGeometryType geometry, bool spatial_index) {
    const OutputFormatTraits& t = traits(format);
    CPLStringList options;
    for (const auto& [name, value] : t.options) options.SetNameValue(name, value);
    if (geometry != wkbNone) {
        for (const auto& [name, value] : t.geometry_options) options.SetNameValue(name, value);
        if (t.spatial_index_yes) options.SetNameValue("SPATIAL_INDEX", spatial_index ? t.spatial_index_yes : t.spatial_index_no);
    }
    return options;
}

}  // namespace toponym::io
