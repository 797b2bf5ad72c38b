// Owning wrappers for the GEOS C API (re-entrant "_r" functions, one context per owner).
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>

namespace toponym::admin {

// A GEOS context handle. Not shared between threads: each thread that runs GEOS owns one.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return handle_; }
    // The last error GEOS reported on this context ("" if none).
    const std::string& last_error() const { return last_error_; }

private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t handle_;
    std::string last_error_;
};

struct GeometryDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
struct PreparedDeleter {
    GEOSContextHandle_t ctx;
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(ctx, g); }
};
struct StrTreeDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSSTRtree* t) const { GEOSSTRtree_destroy_r(ctx, t); }
};

using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;
using StrTreePtr = std::unique_ptr<GEOSSTRtree, StrTreeDeleter>;

}  // namespace toponym::admin
