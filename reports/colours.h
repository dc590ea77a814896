// The colours of report.html's and compare.html's charts and tables: one colour per name, the
// same in every chart, so that "suspended" or "reactivation" reads the same everywhere. The
// standard names (the built-in carriers' statuses and fee categories, the signaling series) have
// fixed colours chosen to tell apart and to mean something (active green, suspended red); any
// other name takes one from a palette by a hash of its text, which is stable across runs and
// machines. Names that share charts and must never share a colour (a scenario's groups or cells,
// a family's variants) take distinct ones, their own where they can (DistinctColours).
#ifndef CARRIERSIM_REPORTS_COLOURS_H_
#define CARRIERSIM_REPORTS_COLOURS_H_

#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

// "#16a34a" for "active"; the same colour for the same name, always.
const char* ColourOf(std::string_view name);
// A colour for each of `names`, all different while the palettes last (24): a standard name's
// own (ColourOf) unless an earlier name has it already, else the next spare one no earlier name
// has, in order.
std::vector<std::string> DistinctColours(const std::vector<std::string>& names);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_COLOURS_H_
