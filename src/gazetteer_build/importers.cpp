// The registry of gazetteer sources: every importer, in the order they are tried (importer.hpp).
#include "gazetteer_build/importer.hpp"

namespace toponym::gazetteer_build {

// Each is defined in its own file of this folder.
extern const Importer toponym_gazetteer_importer;  // toponym_gazetteer.cpp: TSV, .tpg, "embedded"
extern const Importer alternate_names_importer;    // geonames.cpp: alternateNames*.txt, joined last
extern const Importer geonames_importer;           // geonames.cpp: GeoNames dumps (.txt, .tsv)
extern const Importer table_importer;              // table.cpp: CSV/TSV tables (.csv, .tsv, .txt)
extern const Importer ogr_importer;                // ogr.cpp: anything else GDAL reads (must stay last)

const std::vector<const Importer*>& importers() {
    static const std::vector<const Importer*> table = {
        &toponym_gazetteer_importer, &alternate_names_importer, &geonames_importer, &table_importer, &ogr_importer,
    };
    return table;
}

}  // namespace toponym::gazetteer_build
