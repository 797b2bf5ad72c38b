// The QGIS styles of styles/*.qml, compiled into the binary, and their embedding in a
// GeoPackage's layer_styles table (the table QGIS itself writes with "Save as Default").
#include "io/qgis_styles.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <chrono>
#include <ctime>

#include "core/embedded_file.hpp"
#include "core/error.hpp"
#include "store/gdal_util.hpp"

namespace toponym::io {

namespace {

// The QML files of styles/, compiled in (CMake passes the folder as TOPONYM_STYLES_DIR and lists
// the files as OBJECT_DEPENDS).
TOPONYM_EMBED_FILE(events_qml, TOPONYM_STYLES_DIR "/events.qml")
TOPONYM_EMBED_FILE(places_qml, TOPONYM_STYLES_DIR "/places.qml")
TOPONYM_EMBED_FILE(governorates_qml, TOPONYM_STYLES_DIR "/governorates.qml")
TOPONYM_EMBED_FILE(mentions_qml, TOPONYM_STYLES_DIR "/mentions.qml")

struct EmbeddedStyle {
    std::string_view layer;
    std::string_view (*qml)();
};

const std::array<EmbeddedStyle, 4> kStyles = {{
    {"events", events_qml},
    {"places", places_qml},
    {"governorates", governorates_qml},
    {"mentions", mentions_qml},
}};

constexpr const char* kStyleTable = "layer_styles";

// The columns of layer_styles as QGIS's OGR provider creates them (QgsOgrProviderMetadata::
// saveStyle), so that QGIS can also add its own styles to the table later.
struct StyleColumn {
    const char* name;
    OGRFieldType type;
    int width = 0;
    OGRFieldSubType subtype = OFSTNone;
};

const std::array<StyleColumn, 12> kStyleColumns = {{
    {"f_table_catalog", OFTString, 256},
    {"f_table_schema", OFTString, 256},
    {"f_table_name", OFTString, 256},
    {"f_geometry_column", OFTString, 256},
    {"styleName", OFTString, 30},
    {"styleQML", OFTString},
    {"styleSLD", OFTString},
    {"useAsDefault", OFTInteger, 0, OFSTBoolean},
    {"description", OFTString},
    {"owner", OFTString, 30},
    {"ui", OFTString, 30},
    {"update_time", OFTDateTime},
}};

OGRLayer* style_table(GDALDataset& ds, const std::string& error_name, const QuietGdalErrors& errors) {
    OGRLayer* table = ds.GetLayerByName(kStyleTable);
    if (!table) {
        const char* options[] = {"FID=id", nullptr};
        table = ds.CreateLayer(kStyleTable, nullptr, wkbNone, const_cast<char**>(options));
        if (!table) throw DataError(error_name, fmt::format("cannot create table {}: {}", kStyleTable, errors.last_message()));
    }
    // A table written by QGIS or an older toponym may lack columns: add them.
    for (const StyleColumn& c : kStyleColumns) {
        if (table->GetLayerDefn()->GetFieldIndex(c.name) >= 0) continue;
        OGRFieldDefn defn(c.name, c.type);
        defn.SetWidth(c.width);
        defn.SetSubType(c.subtype);
        if (c.type == OFTDateTime) defn.SetDefault("CURRENT_TIMESTAMP");
        if (table->CreateField(&defn) != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot add column {}.{}: {}", kStyleTable, c.name, errors.last_message()));
        }
    }
    return table;
}

std::string field_text(const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : std::string();
}

// Our earlier rows for `table_name` (same style name) go; other rows of the layer stop being
// its default, as when QGIS saves a new default style.
void retire_old_rows(OGRLayer& styles, const std::string& table_name, const std::string& style_name,
                     const std::string& error_name, const QuietGdalErrors& errors) {
    std::vector<GIntBig> to_delete;
    std::vector<OGRFeatureUniquePtr> to_update;
    styles.SetAttributeFilter(nullptr);
    styles.ResetReading();
    for (auto& f : styles) {
        if (field_text(*f, "f_table_name") != table_name) continue;
        if (field_text(*f, "styleName") == style_name) {
            to_delete.push_back(f->GetFID());
        } else if (field_text(*f, "useAsDefault") == "1") {
            OGRFeatureUniquePtr copy(f->Clone());
            copy->SetField("useAsDefault", 0);
            to_update.push_back(std::move(copy));
        }
    }
    for (GIntBig fid : to_delete) {
        if (styles.DeleteFeature(fid) != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot replace the style of {}: {}", table_name, errors.last_message()));
        }
    }
    for (OGRFeatureUniquePtr& f : to_update) {
        if (styles.SetFeature(f.get()) != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot update the styles of {}: {}", table_name, errors.last_message()));
        }
    }
}

void set_now_utc(OGRFeature& f, const char* field) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    f.SetField(field, utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
               static_cast<float>(utc.tm_sec), 100);
}

}  // namespace

std::string_view layer_style_qml(std::string_view layer) {
    for (const EmbeddedStyle& s : kStyles) {
        if (s.layer == layer) return s.qml();
    }
    return {};
}

void embed_layer_styles(GDALDataset& gpkg, const std::vector<std::string>& layers, const std::string& error_name) {
    ensure_gdal_registered();
    QuietGdalErrors errors;

    // The layers that have a style and are in the dataset (the governorates layer, for one, is
    // only written when boundaries are given), with their geometry column.
    struct Target {
        std::string table;
        std::string geometry_column;
        std::string_view qml;
    };
    std::vector<Target> targets;
    for (const std::string& name : layers) {
        const std::string_view qml = layer_style_qml(name);
        if (qml.empty()) continue;
        OGRLayer* layer = gpkg.GetLayerByName(name.c_str());
        if (!layer) continue;
        // GetName(), not `name`: QGIS matches f_table_name case-sensitively.
        targets.push_back({layer->GetName(), layer->GetGeometryColumn(), qml});
    }
    if (targets.empty()) return;

    const bool transaction = gpkg.StartTransaction() == OGRERR_NONE;
    try {
        OGRLayer* styles = style_table(gpkg, error_name, errors);
        for (const Target& t : targets) {
            const std::string style_name = t.table;  // QGIS's default name for a layer's style
            retire_old_rows(*styles, t.table, style_name, error_name, errors);
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
            f->SetField("f_table_catalog", "");
            f->SetField("f_table_schema", "");  // '' and not NULL: QGIS matches f_table_schema=''
            f->SetField("f_table_name", t.table.c_str());
            f->SetField("f_geometry_column", t.geometry_column.c_str());
            f->SetField("styleName", style_name.c_str());
            f->SetField("styleQML", std::string(t.qml).c_str());
            f->SetField("styleSLD", "");
            f->SetField("useAsDefault", 1);
            f->SetField("description", fmt::format("toponym style for the {} layer", t.table).c_str());
            f->SetField("owner", "");
            set_now_utc(*f, "update_time");
            if (styles->CreateFeature(f.get()) != OGRERR_NONE) {
                throw DataError(error_name, fmt::format("cannot write the style of {}: {}", t.table, errors.last_message()));
            }
        }
        if (transaction && gpkg.CommitTransaction() != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot commit the layer styles: {}", errors.last_message()));
        }
    } catch (...) {
        if (transaction) gpkg.RollbackTransaction();
        throw;
    }
}

std::size_t copy_layer_styles(GDALDataset& source, GDALDataset& target, const std::vector<StyledLayerCopy>& layers,
                              const std::string& error_name) {
    ensure_gdal_registered();
    QuietGdalErrors errors;
    OGRLayer* from = source.GetLayerByName(kStyleTable);
    if (!from) return 0;  // no table: GDAL's "no such layer" stays quiet
    OGRFeatureDefn* from_defn = from->GetLayerDefn();
    if (from_defn->GetFieldIndex("f_table_name") < 0 || from_defn->GetFieldIndex("styleQML") < 0) return 0;  // not QGIS's table

    // The rows to copy, read before anything is written (source and target may share a file
    // name but never a dataset).
    std::vector<std::pair<const StyledLayerCopy*, OGRFeatureUniquePtr>> rows;
    from->SetAttributeFilter(nullptr);
    from->ResetReading();
    for (auto& f : *from) {
        const std::string table = field_text(*f, "f_table_name");
        for (const StyledLayerCopy& layer : layers) {
            if (layer.source == table) rows.emplace_back(&layer, OGRFeatureUniquePtr(f->Clone()));
        }
    }
    if (rows.empty()) return 0;

    const bool transaction = target.StartTransaction() == OGRERR_NONE;
    try {
        OGRLayer* styles = style_table(target, error_name, errors);
        for (const auto& [layer, row] : rows) {
            OGRLayer* written = target.GetLayerByName(layer->target.c_str());
            if (!written) throw DataError(error_name, fmt::format("no layer \"{}\" to copy the style of", layer->target));
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
            for (const StyleColumn& c : kStyleColumns) {
                const int in = row->GetFieldIndex(c.name);
                if (in < 0 || !row->IsFieldSetAndNotNull(in)) continue;
                const int out = f->GetFieldIndex(c.name);
                // The value as it is when the column types agree, else through its text (a
                // table another program made may type a column its own way).
                if (row->GetFieldDefnRef(in)->GetType() == f->GetFieldDefnRef(out)->GetType()) {
                    f->SetField(out, row->GetRawFieldRef(in));
                } else {
                    f->SetField(out, row->GetFieldAsString(in));
                }
            }
            // GetName(): QGIS matches f_table_name case-sensitively, and the geometry column.
            f->SetField("f_table_name", written->GetName());
            f->SetField("f_geometry_column", written->GetGeometryColumn());
            if (styles->CreateFeature(f.get()) != OGRERR_NONE) {
                throw DataError(error_name, fmt::format("cannot copy the style of {}: {}", layer->target, errors.last_message()));
            }
        }
        if (transaction && target.CommitTransaction() != OGRERR_NONE) {
            throw DataError(error_name, fmt::format("cannot commit the layer styles: {}", errors.last_message()));
        }
    } catch (...) {
        if (transaction) target.RollbackTransaction();
        throw;
    }
    return rows.size();
}

}  // namespace toponym::io
