// What a request to the carrier (a verb, a plan change, a setting) did to one SIM.
#ifndef CARRIERSIM_NETWORK_OUTCOME_H_
#define CARRIERSIM_NETWORK_OUTCOME_H_

#include <cstdint>
#include <string>
#include <utility>

namespace carriersim {

enum class VerbResult { kApplied, kUnchanged, kRefused };

// Why a request was refused, for an API to answer with the carrier's status code: a role that
// may not act is a 403, a SIM that is not in a state to do it a 400 (or a 409), ... Expectations
// count refusals by these kinds (timeline.refused.REASON): keep kRefusalNames
// (scenario/metrics.h) in this order.
enum class Refusal : uint8_t {
  kNone,
  kRole,        // the caller's role may not do it (HOL-4)
  kPlan,        // the SIM's plan does not support it (SOR-12)
  kProtected,   // termination protection is on
  kInProgress,  // a change is already in progress
  kStatus,      // not allowed from the SIM's status
  kChannel,     // the channel takes fewer SIMs at a time (HOL-3)
  kOther,
};

struct Outcome {
  VerbResult result = VerbResult::kApplied;
  std::string reason;  // why it was refused, for reports
  Refusal refusal = Refusal::kNone;

  static Outcome Unchanged() { return {VerbResult::kUnchanged, "", Refusal::kNone}; }
  static Outcome Refused(std::string why, Refusal kind = Refusal::kOther) {
    return {VerbResult::kRefused, std::move(why), kind};
  }
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_OUTCOME_H_
