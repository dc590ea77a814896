// Parameter values (scenario/parameters.h): their kinds, order, and the values of a range.
#ifndef CARRIERSIM_SCENARIO_PARAM_VALUES_H_
#define CARRIERSIM_SCENARIO_PARAM_VALUES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simulator/scenario/parameters.h"

namespace carriersim {

// The kind of a value as written, and its place on an axis; nullopt when it is none of them.
std::optional<std::pair<ParamKind, double>> ClassifyValue(std::string_view text);

// A value of kind `value` may stand for a parameter of kind `parameter`.
bool KindsAgree(ParamKind parameter, ParamKind value);

bool SweepsAsRange(ParamKind kind);

// The values from `from` to `to` (inclusive) by `step` (empty for a count: 1), as text the
// scenario reads back; nullopt and *error when a bound or the step is not of the kind, the step
// is not positive, or there would be more than `max_values`.
std::optional<std::vector<std::string>> RangeValues(ParamKind kind, std::string_view from,
                                                    std::string_view to, std::string_view step,
                                                    size_t max_values, std::string* error);

// A value goes into the scenario's text as written: it must read back as the same single
// scalar wherever it lands (in a flow mapping, after a key). False, with *why, when not.
bool PlainSafe(std::string_view text, std::string* why);

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_PARAM_VALUES_H_
