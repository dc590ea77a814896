#include "simulator/nas/emm_cause.h"

namespace carriersim {
namespace {

struct CauseName {
  EmmCause cause;
  std::string_view name;
};

// The causes an attach reject or a network-initiated detach can carry.
constexpr CauseName kCauses[] = {
    {2, "IMSI unknown in HSS"},
    {3, "Illegal UE"},
    {5, "IMEI not accepted"},
    {6, "Illegal ME"},
    {7, "EPS services not allowed"},
    {8, "EPS services and non-EPS services not allowed"},
    {11, "PLMN not allowed"},
    {12, "Tracking area not allowed"},
    {13, "Roaming not allowed in this tracking area"},
    {14, "EPS services not allowed in this PLMN"},
    {15, "No suitable cells in tracking area"},
    {17, "Network failure"},
    {19, "ESM failure"},
    {22, "Congestion"},
    {42, "Severe network failure"},
    {111, "Protocol error, unspecified"},
};

}  // namespace

std::string_view EmmCauseName(EmmCause cause) {
  for (const CauseName& c : kCauses) {
    if (c.cause == cause) return c.name;
  }
  return "";
}

bool IsKnownEmmCause(EmmCause cause) { return !EmmCauseName(cause).empty(); }

}  // namespace carriersim
