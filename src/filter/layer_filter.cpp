// Layer filtering with GDAL/OGR: read, test each feature, copy the kept ones.
#include "filter/layer_filter.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>

#include "core/dates.hpp"
#include "io/qgis_styles.hpp"
#include "io/where_clause.hpp"
#include "store/gdal_util.hpp"

namespace toponym::filter {

namespace {

bool ends_with_ci(std::string s, std::string_view suffix) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s.ends_with(suffix);
}

int field_index(OGRFeatureDefn* defn, const std::string& name) { return name.empty() ? -1 : defn->GetFieldIndex(name.c_str()); }

std::optional<Date> date_of(const OGRFeature& f, int field) {
    if (field < 0 || !f.IsFieldSetAndNotNull(field)) return std::nullopt;
    const OGRFieldType type = f.GetFieldDefnRef(field)->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
        float ss = 0;
        if (!f.GetFieldAsDateTime(field, &y, &m, &d, &hh, &mm, &ss, &tz)) return std::nullopt;
        const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
        if (!ymd.ok()) return std::nullopt;
        return date::sys_days(ymd);
    }
    return parse_iso_date(f.GetFieldAsString(field));
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int two_digits(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// An unsigned integer without a leading zero ("0" itself is one) from `at`: where it ends.
std::optional<std::size_t> plain_integer(std::string_view s, std::size_t at) {
    std::size_t end = at;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    if (end == at || (s[at] == '0' && end - at > 1)) return std::nullopt;
    return end;
}

std::size_t skip_sign(std::string_view s) { return !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0; }

// Within int32 for OFTInteger, int64 for OFTInteger64: GDAL clamps a bigger one (a long id
// of digits would come out as 9223372036854775807).
bool clean_integer(std::string_view s, bool wide) {
    const auto end = plain_integer(s, skip_sign(s));
    if (!end || *end != s.size()) return false;
    const std::string_view digits_and_minus = s[0] == '+' ? s.substr(1) : s;
    std::int64_t value = 0;
    const auto [at, error] = std::from_chars(digits_and_minus.data(), digits_and_minus.data() + digits_and_minus.size(), value);
    if (error != std::errc{} || at != digits_and_minus.data() + digits_and_minus.size()) return false;
    return wide || (value >= std::numeric_limits<std::int32_t>::min() && value <= std::numeric_limits<std::int32_t>::max());
}

bool clean_real(std::string_view s) {
    std::size_t at = skip_sign(s);
    bool any_digit = false;
    if (at < s.size() && s[at] != '.') {
        const auto end = plain_integer(s, at);
        if (!end) return false;
        at = *end;
        any_digit = true;
    }
    if (at < s.size() && s[at] == '.') {
        const std::size_t from = ++at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        if (at == from) return false;  // "5." or "."
        any_digit = true;
    }
    if (!any_digit) return false;
    // Digits alone past what a double holds exactly (an id, a phone number): text, not rounded.
    if (at == s.size() && s.find('.') == std::string_view::npos && at - skip_sign(s) > 15) return false;
    if (at < s.size() && (s[at] == 'e' || s[at] == 'E')) {
        ++at;
        if (at < s.size() && (s[at] == '-' || s[at] == '+')) ++at;
        const std::size_t from = at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        if (at == from) return false;
    }
    return at == s.size();
}

bool clean_date(std::string_view s) {  // YYYY-MM-DD, a day of the calendar
    if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2)) return false;
    const date::year_month_day ymd{date::year{std::stoi(std::string(s.substr(0, 4)))},
                                   date::month{static_cast<unsigned>(two_digits(s, 5))},
                                   date::day{static_cast<unsigned>(two_digits(s, 8))}};
    return ymd.ok();
}

bool clean_time(std::string_view s) {  // HH:MM[:SS[.s]]
    if (s.size() < 5 || !digits(s, 0, 2) || s[2] != ':' || !digits(s, 3, 2)) return false;
    if (two_digits(s, 0) > 23 || two_digits(s, 3) > 59) return false;
    if (s.size() == 5) return true;
    if (s[5] != ':' || !digits(s, 6, 2) || two_digits(s, 6) > 60) return false;
    if (s.size() == 8) return true;
    if (s[8] != '.' || s.size() == 9) return false;
    return digits(s, 9, s.size() - 9);
}

bool clean_date_time(std::string_view s) {  // a date, or a date, T or space, a time, a zone
    if (s.size() == 10) return clean_date(s);
    if (s.size() < 16 || !clean_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != ' ')) return false;
    std::string_view rest = s.substr(11);
    if (rest.ends_with('Z')) {
        rest.remove_suffix(1);
    } else if (const std::size_t sign = rest.find_first_of("+-"); sign != std::string_view::npos) {
        const std::string_view zone = rest.substr(sign + 1);
        const bool ok = (zone.size() == 2 && digits(zone, 0, 2)) || (zone.size() == 4 && digits(zone, 0, 4)) ||
                        (zone.size() == 5 && digits(zone, 0, 2) && zone[2] == ':' && digits(zone, 3, 2));
        if (!ok || two_digits(zone, 0) > 14) return false;
        rest = rest.substr(0, sign);
    }
    return clean_time(rest);
}

// A CSV column GDAL typed, with the column of its text as read (KEEP_SOURCE_COLUMNS).
struct TypedCsvColumn {
    int field = -1;
    int text = -1;       // NAME_original, right after it
    bool clean = true;   // every non-empty cell a clean value of the type: else written as text
};

// The typed columns of a CSV layer and, after reading every row, whether each is clean. The
// layer is read once (no filter set yet) and left reset.
std::vector<TypedCsvColumn> vet_csv_types(OGRLayer& layer) {
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::vector<TypedCsvColumn> columns;
    for (int i = 0; i + 1 < defn->GetFieldCount(); ++i) {
        OGRFieldDefn* field = defn->GetFieldDefn(i);
        OGRFieldDefn* next = defn->GetFieldDefn(i + 1);
        // GDAL puts the text column right after the typed one; a column of the same name in
        // the file itself comes later, and follows a String one.
        if (field->GetType() == OFTString || next->GetType() != OFTString) continue;
        if (std::string(next->GetNameRef()) != std::string(field->GetNameRef()) + "_original") continue;
        columns.push_back({i, i + 1, true});
        ++i;
    }
    if (columns.empty()) return columns;
    layer.ResetReading();
    for (auto& feature : layer) {
        for (TypedCsvColumn& c : columns) {
            if (!c.clean || !feature->IsFieldSetAndNotNull(c.text)) continue;
            const std::string_view text = feature->GetFieldAsString(c.text);
            if (!text.empty() && !clean_csv_text(defn->GetFieldDefn(c.field)->GetType(), text)) c.clean = false;
        }
    }
    layer.ResetReading();
    return columns;
}

struct AdminFields {
    int admin1 = -1, admin1_pcode = -1, admin2 = -1, admin2_pcode = -1, admin3 = -1, admin3_pcode = -1, method = -1;
};

}  // namespace

std::string sql_literal(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += "''";
        else out.push_back(c);
    }
    return out + "'";
}

std::vector<std::string> csv_open_options() {
    return {"X_POSSIBLE_NAMES=lon,longitude,lng,x", "Y_POSSIBLE_NAMES=lat,latitude,y", "KEEP_GEOM_COLUMNS=YES",
            "AUTODETECT_TYPE=YES", "AUTODETECT_SIZE_LIMIT=0", "QUOTED_FIELDS_AS_STRING=YES", "KEEP_SOURCE_COLUMNS=YES"};
}

bool clean_csv_text(OGRFieldType type, std::string_view text) {
    switch (type) {
        case OFTInteger: return clean_integer(text, false);
        case OFTInteger64: return clean_integer(text, true);
        case OFTReal: return clean_real(text);
        case OFTDate: return clean_date(text);
        case OFTDateTime: return clean_date_time(text);
        case OFTTime: return false;  // GeoPackage has no time of day: GDAL would write "10:20" as "10:20:00"
        case OFTString: return true;
        default: return false;
    }
}

std::vector<LayerFilterCount> filter_layers(const LayerFilterOptions& options, const FeatureFilter& filter,
                                            const admin::AdminBoundaries& boundaries, const FeatureProgress& progress) {
    io::ensure_gdal_registered();
    io::QuietGdalErrors errors;
    const bool csv = ends_with_ci(options.input, ".csv");
    if (csv) io::check_csv_quotes(options.input);
    std::vector<std::string> open_options_storage = csv ? csv_open_options() : std::vector<std::string>{};
    std::vector<const char*> open_options;
    for (const auto& o : open_options_storage) open_options.push_back(o.c_str());
    open_options.push_back(nullptr);
    GDALDatasetUniquePtr in(GDALDataset::Open(options.input.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              open_options.data()));
    if (!in) throw DataError(options.input, fmt::format("cannot open as a vector dataset: {}", io::open_failure_reason(errors)));

    // Which layers.
    std::vector<OGRLayer*> layers;
    if (!options.layers.empty()) {
        for (const std::string& name : options.layers) {
            OGRLayer* l = in->GetLayerByName(name.c_str());
            if (!l) throw UsageError(options.input, fmt::format("has no layer \"{}\"", name));
            layers.push_back(l);
        }
    } else {
        for (OGRLayer* l : in->GetLayers()) {
            if (l->GetGeomType() != wkbNone) layers.push_back(l);
        }
        if (options.format == io::OutputFormat::GeoJSON && layers.size() > 1) {
            OGRLayer* events = in->GetLayerByName("events");
            if (!events) throw UsageError(options.input, "has several layers and GeoJSON holds one: choose it with --layer");
            layers = {events};
        }
        if (layers.empty()) throw UsageError(options.input, "has no layer with geometry (for a CSV: lon/lat columns)");
    }
    if (options.format == io::OutputFormat::GeoJSON && layers.size() > 1) {
        throw UsageError(options.output_name, "GeoJSON holds one layer: choose one with --layer or write a .gpkg");
    }

    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(io::driver_name(options.format));
    GDALDatasetUniquePtr out = io::create_vector_dataset(*driver, options.output_path);
    if (!out) throw DataError(options.output_name, fmt::format("cannot create: {}", errors.last_message()));

    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    std::vector<LayerFilterCount> counts;
    std::vector<io::StyledLayerCopy> styled;  // the layers written, for their QGIS styles
    for (OGRLayer* layer : layers) {
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const std::string layer_name = layer->GetName();
        // A CSV's typed columns: each written with its type when clean, else as its text.
        std::vector<TypedCsvColumn> typed = csv ? vet_csv_types(*layer) : std::vector<TypedCsvColumn>{};
        // A CSV or KML output has no types to keep: there the cells stay exactly as they were
        // (GDAL would write a date 2021/03/04 and quote integers).
        if (options.format == io::OutputFormat::CSV || options.format == io::OutputFormat::KML) {
            for (TypedCsvColumn& c : typed) c.clean = false;
        }
        std::vector<bool> text_column(static_cast<std::size_t>(defn->GetFieldCount()), false);  // GDAL's NAME_original
        for (const TypedCsvColumn& c : typed) text_column[static_cast<std::size_t>(c.text)] = true;
        const int f_admin1 = defn->GetFieldIndex("admin1_pcode");
        const int f_admin2 = defn->GetFieldIndex("admin2_pcode");
        int f_date = field_index(defn, options.date_field);
        if (!options.date_field.empty() && f_date < 0) {
            throw UsageError("--date-field", fmt::format("layer \"{}\" has no field \"{}\"", layer_name, options.date_field));
        }
        for (const char* name : {"event_date", "date", "published"}) {
            if (f_date < 0 && options.date_field.empty()) f_date = defn->GetFieldIndex(name);
        }
        const std::string type_name = options.type_field.empty() ? "event_type" : options.type_field;
        const int f_type = defn->GetFieldIndex(type_name.c_str());
        const int f_confidence = defn->GetFieldIndex("confidence");
        const FilterSpec& spec = filter.spec();
        if (!spec.types.empty() && f_type < 0) {
            throw UsageError("--type", fmt::format("layer \"{}\" has no \"{}\" field (use --type-field)", layer_name, type_name));
        }
        if (spec.needs_date() && f_date < 0) {
            throw UsageError("--from/--to", fmt::format("layer \"{}\" has no date field (use --date-field)", layer_name));
        }
        if (spec.min_confidence && f_confidence < 0) {
            throw UsageError("--min-confidence", fmt::format("layer \"{}\" has no \"confidence\" field", layer_name));
        }

        // Points in another CRS are tested in WGS 84.
        OGRSpatialReference* source_srs = layer->GetSpatialRef();
        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        if (source_srs && !source_srs->IsSame(&wgs84)) {
            to_wgs84.reset(OGRCreateCoordinateTransformation(source_srs, &wgs84));
            if (!to_wgs84) throw DataError(options.input, fmt::format("layer \"{}\": cannot transform its CRS to WGS 84", layer_name));
        }

        LayerFilterCount count{layer_name, 0, 0};
        count.read = static_cast<std::size_t>(std::max<GIntBig>(0, layer->GetFeatureCount(TRUE)));
        // Cheap prefilters GDAL can run with its indexes; every feature is still tested below.
        if (spec.bbox && !to_wgs84) layer->SetSpatialFilterRect((*spec.bbox)[0], (*spec.bbox)[1], (*spec.bbox)[2], (*spec.bbox)[3]);
        // --where is checked against the layer's fields by the whitelist before GDAL sees it,
        // then evaluated by GDAL with the governorate prefilter (AND).
        std::string attribute;
        if (!spec.admin1_pcodes.empty() && f_admin1 >= 0) {
            std::string list;
            for (const auto& p : spec.admin1_pcodes) list += (list.empty() ? "" : ",") + sql_literal(p);
            attribute = fmt::format("admin1_pcode IN ({})", list);
        }
        if (!options.where.empty()) {
            std::vector<std::string> fields = io::layer_field_names(*layer);
            for (std::size_t i = text_column.size(); i-- > 0;) {
                if (text_column[i]) fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(i));
            }
            io::check_where(options.where, fields, layer_name,
                            layers.size() > 1 ? "; choose the layers to filter with --layer" : "");
            attribute = attribute.empty() ? options.where : fmt::format("({}) AND ({})", attribute, options.where);
        }
        if (!options.where.empty()) {
            io::set_attribute_filter(*layer, attribute, layer_name);
        } else if (!attribute.empty() && layer->SetAttributeFilter(attribute.c_str()) != OGRERR_NONE) {
            throw DataError(options.input, fmt::format("layer \"{}\": attribute filter failed: {}", layer_name, errors.last_message()));
        }

        char** lco = nullptr;
        if (options.format == io::OutputFormat::GeoJSON) lco = CSLSetNameValue(lco, "RFC7946", "YES");
        // As toponym's other CSV outputs: a byte order mark, for spreadsheets (layer_writer).
        if (options.format == io::OutputFormat::CSV) lco = CSLSetNameValue(lco, "WRITE_BOM", "YES");
        OGRLayer* target = out->CreateLayer(layer_name.c_str(), source_srs ? source_srs : &wgs84,
                                            layer->GetGeomType(), lco);
        CSLDestroy(lco);
        if (!target) throw DataError(options.output_name, fmt::format("cannot create layer \"{}\": {}", layer_name, errors.last_message()));
        std::vector<int> midnight;  // target fields of CSV dates written as DateTime
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (text_column[static_cast<std::size_t>(i)]) continue;
            OGRFieldDefn copy(defn->GetFieldDefn(i));
            const auto column = std::find_if(typed.begin(), typed.end(), [i](const TypedCsvColumn& c) { return c.field == i; });
            if (column != typed.end() && !column->clean) {
                copy.SetType(OFTString);
                copy.SetSubType(OFSTNone);
                copy.SetWidth(0);
                copy.SetPrecision(0);
            } else if (column != typed.end() && copy.GetType() == OFTDate && options.format == io::OutputFormat::GeoPackage) {
                // As toponym's event_date: QGIS 3.22's temporal controller shows a GeoPackage
                // DATE one day early; a DateTime at midnight without a time zone works.
                copy.SetType(OFTDateTime);
                midnight.push_back(target->GetLayerDefn()->GetFieldCount());
            }
            if (target->CreateField(&copy) != OGRERR_NONE) {
                throw DataError(options.output_name, fmt::format("cannot create field \"{}\"", copy.GetNameRef()));
            }
        }
        // The columns written as their text: (source text field, target field).
        std::vector<std::pair<int, int>> as_text;
        for (const TypedCsvColumn& c : typed) {
            if (!c.clean) as_text.emplace_back(c.text, target->GetLayerDefn()->GetFieldIndex(defn->GetFieldDefn(c.field)->GetNameRef()));
        }
        AdminFields admin_out;
        if (options.add_admin) {
            auto ensure = [&](const char* name) {
                int existing = target->GetLayerDefn()->GetFieldIndex(name);
                if (existing >= 0) return existing;
                OGRFieldDefn f(name, OFTString);
                if (target->CreateField(&f) != OGRERR_NONE) throw DataError(options.output_name, fmt::format("cannot create field \"{}\"", name));
                return target->GetLayerDefn()->GetFieldIndex(name);
            };
            admin_out = {ensure("admin1"), ensure("admin1_pcode"), ensure("admin2"), ensure("admin2_pcode"),
                         ensure("admin3"), ensure("admin3_pcode"), ensure("admin_method")};
        }
        if (target->StartTransaction() != OGRERR_NONE) throw DataError(options.output_name, "cannot start a transaction");

        const std::size_t total = count.read;
        std::size_t done = 0;
        std::size_t in_transaction = 0;
        for (auto& feature : *layer) {
            ++done;
            FeatureFacts facts;
            if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty()) {
                OGRPoint point;
                if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
                    point = *g->toPoint();
                } else if (g->Centroid(&point) != OGRERR_NONE) {
                    point.empty();
                }
                double x = point.getX();
                double y = point.getY();
                if (!point.IsEmpty() && (!to_wgs84 || to_wgs84->Transform(1, &x, &y))) {
                    facts.lon = x;
                    facts.lat = y;
                }
            }
            if (f_admin1 >= 0 && feature->IsFieldSetAndNotNull(f_admin1)) facts.admin1_pcode = feature->GetFieldAsString(f_admin1);
            if (f_admin2 >= 0 && feature->IsFieldSetAndNotNull(f_admin2)) facts.admin2_pcode = feature->GetFieldAsString(f_admin2);
            facts.date = date_of(*feature, f_date);
            if (f_type >= 0 && feature->IsFieldSetAndNotNull(f_type)) facts.type = feature->GetFieldAsString(f_type);
            if (f_confidence >= 0 && feature->IsFieldSetAndNotNull(f_confidence)) facts.confidence = feature->GetFieldAsDouble(f_confidence);
            if (progress && done % 4096 == 0) progress(done, total, layer_name);
            if (!filter.matches(facts)) continue;

            OGRFeatureUniquePtr copy(OGRFeature::CreateFeature(target->GetLayerDefn()));
            copy->SetFrom(feature.get(), TRUE);  // by name: GDAL's NAME_original columns are not in the target
            copy->SetFID(OGRNullFID);
            for (const int field : midnight) {
                int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
                float ss = 0;
                if (copy->IsFieldSetAndNotNull(field) && copy->GetFieldAsDateTime(field, &y, &m, &d, &hh, &mm, &ss, &tz)) {
                    copy->SetField(field, y, m, d, 0, 0, 0.0f, 0);  // no time zone: QGIS 3.22 misses a last event with Z
                }
            }
            for (const auto& [text, field] : as_text) {
                if (feature->IsFieldSetAndNotNull(text)) copy->SetField(field, feature->GetFieldAsString(text));
                else copy->SetFieldNull(field);
            }
            if (options.add_admin && facts.lat && facts.lon) {
                const AdminAssignment a = boundaries.assign_point(*facts.lat, *facts.lon);
                auto set = [&](int field, const std::string& v) {
                    if (!v.empty()) copy->SetField(field, v.c_str());
                };
                set(admin_out.admin1, a.admin1);
                set(admin_out.admin1_pcode, a.admin1_pcode);
                set(admin_out.admin2, a.admin2);
                set(admin_out.admin2_pcode, a.admin2_pcode);
                set(admin_out.admin3, a.admin3);
                set(admin_out.admin3_pcode, a.admin3_pcode);
                copy->SetField(admin_out.method, to_string(a.method));
            }
            if (target->CreateFeature(copy.get()) != OGRERR_NONE) {
                throw DataError(options.output_name, fmt::format("cannot write a feature: {}", errors.last_message()));
            }
            ++count.kept;
            // Large transactions, but bounded: GeoPackage journals grow with them.
            if (++in_transaction == 100000) {
                if (target->CommitTransaction() != OGRERR_NONE || target->StartTransaction() != OGRERR_NONE) {
                    throw DataError(options.output_name, "cannot commit a transaction");
                }
                in_transaction = 0;
            }
        }
        if (target->CommitTransaction() != OGRERR_NONE) throw DataError(options.output_name, "cannot commit a transaction");
        if (progress) progress(total, total, layer_name);
        counts.push_back(count);
        styled.push_back({layer_name, target->GetName()});
    }
    // The QGIS styles of the layers written, as QGIS and toponym keep them in a GeoPackage or
    // SQLite file: its layer_styles rows (their own table is never one of them).
    const std::string input_driver = in->GetDriver() ? in->GetDriver()->GetDescription() : "";
    std::erase_if(styled, [](const io::StyledLayerCopy& l) { return EQUAL(l.target.c_str(), "layer_styles"); });
    if (options.format == io::OutputFormat::GeoPackage && (input_driver == "GPKG" || input_driver == "SQLite") && !styled.empty()) {
        io::copy_layer_styles(*in, *out, styled, options.output_name);
    }
    errors.reset();
    out.reset();
    if (errors.failed()) throw DataError(options.output_name, fmt::format("writing failed on close: {}", errors.last_message()));
    return counts;
}

}  // namespace toponym::filter
