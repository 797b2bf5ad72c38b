// GEOS context lifetime and error capture (GEOS reports errors through a callback).
#include "admin/geos_context.hpp"

#include <stdexcept>

namespace toponym::admin {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    if (!handle_) throw std::runtime_error("GEOS: cannot create a context");
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::on_error(const char* message, void* self) {
    static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

}  // namespace toponym::admin
