// Names of enumerations used in outputs.
#include "core/types.hpp"

namespace toponym {

const char* to_string(AdminMethod method) {
    switch (method) {
        case AdminMethod::Gazetteer: return "gazetteer";
        case AdminMethod::Polygon: return "polygon";
        case AdminMethod::NearestPolygon: return "nearest_polygon";
        case AdminMethod::None: break;
    }
    return "none";
}

}  // namespace toponym
