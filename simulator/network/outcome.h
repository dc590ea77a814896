// What a request to the carrier (a verb, a plan change, a setting) did to one SIM.
#ifndef CARRIERSIM_NETWORK_OUTCOME_H_
#define CARRIERSIM_NETWORK_OUTCOME_H_

#include <string>
#include <utility>

namespace carriersim {

enum class VerbResult { kApplied, kUnchanged, kRefused };

struct Outcome {
  VerbResult result = VerbResult::kApplied;
  std::string reason;  // why it was refused, for reports

  static Outcome Unchanged() { return {VerbResult::kUnchanged, ""}; }
  static Outcome Refused(std::string why) { return {VerbResult::kRefused, std::move(why)}; }
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_OUTCOME_H_
