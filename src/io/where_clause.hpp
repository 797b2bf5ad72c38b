// `--where EXPR`: an attribute filter in OGR SQL's WHERE syntax that can only read fields.
//
// The expression is parsed against a whitelist grammar before GDAL sees it, so that whatever
// reaches OGR_L_SetAttributeFilter (OGR SQL, or SQLite's WHERE for a GeoPackage) is one
// read-only expression over the layer's fields:
//   expr      := or ; or := and (OR and)* ; and := not (AND not)* ; not := NOT not | predicate
//   predicate := sum [ (= == <> != < > <= >=) sum | [NOT] IN ( value, ... )
//                    | [NOT] LIKE/ILIKE sum [ESCAPE 'c'] | [NOT] BETWEEN sum AND sum | IS [NOT] NULL ]
//   sum       := product ((+ | -) product)* ; product := unary ((* | / | %) unary)*
//   unary     := - unary | + unary | number | 'string' | NULL | field | "field" | ( expr )
// Nothing else passes: no statement separator (;), no comment, no function call (any name
// followed by "("), no SELECT / subquery or other SQL keyword, no name that is not a field of
// the layer (matched case-insensitively, as GDAL does; FID is the feature id), no backslash
// (OGR SQL reads it as an escape in a string, SQLite does not), no "==" (not OGR SQL).
#pragma once

#include <string>
#include <vector>

class OGRLayer;

namespace toponym::io {

// Throws UsageError("--where", reason) when `expr` is not such an expression over `fields`
// (those of the layer `layer_label`, named in the message with `hint` after the field list).
void check_where(const std::string& expr, const std::vector<std::string>& fields, const std::string& layer_label = "",
                 const std::string& hint = "");

// OGR_L_SetAttributeFilter with `filter` (a checked --where, possibly ANDed with toponym's own
// filters), then one feature read so that a driver that compiles the filter only when reading
// (GeoPackage: SQLite, e.g. for ILIKE) refuses it now: UsageError naming --where.
void set_attribute_filter(OGRLayer& layer, const std::string& filter, const std::string& layer_label);

// The field names of a layer.
std::vector<std::string> layer_field_names(OGRLayer& layer);

// check_where against the layer's fields, then OGR_L_SetAttributeFilter; an expression GDAL
// still refuses (e.g. comparing a text field with a number) is a UsageError with GDAL's reason.
// `layer_label` names the layer in messages.
void apply_where(OGRLayer& layer, const std::string& expr, const std::string& layer_label);

}  // namespace toponym::io
