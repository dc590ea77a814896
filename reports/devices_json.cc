#include "reports/devices_json.h"

#include <string>

#include "simulator/base/units.h"

namespace carriersim {
namespace {

using Json = nlohmann::ordered_json;

// A multiplier as the scenario writes it: 2, or 1.5 (kept in thousandths).
Json Multiplier(int64_t milli) {
  if (milli % 1000 == 0) return milli / 1000;
  return static_cast<double>(milli) / 1000.0;
}

const char* JitterName(Jitter jitter) {
  switch (jitter) {
    case Jitter::kNone:
      return "none";
    case Jitter::kFull:
      return "full";
    case Jitter::kEqual:
      return "equal";
    case Jitter::kDecorrelated:
      return "decorrelated";
  }
  return "none";
}

const char* PermanentRejectName(PermanentReject policy) {
  switch (policy) {
    case PermanentReject::kRespect:
      return "respect";
    case PermanentReject::kRetry:
      return "retry";
    case PermanentReject::kReboot:
      return "reboot";
  }
  return "respect";
}

Json BackoffJson(const Backoff& b, bool with_jitter) {
  Json j = {{"initial", FormatDuration(b.initial)},
            {"multiplier", Multiplier(b.multiplier_milli)},
            {"cap", FormatDuration(b.cap)}};
  if (with_jitter) j["jitter"] = JitterName(b.jitter);
  return j;
}

Json RetryJson(const FirmwareSpec& f) {
  switch (f.retry_policy) {
    case RetryPolicy::kModem:
      return Json{{"policy", "modem"}};
    case RetryPolicy::kFixed:
      return Json{{"policy", "fixed"}, {"interval", FormatDuration(f.retry.initial)}};
    case RetryPolicy::kExponential:
      break;
  }
  Json j = {{"policy", "exponential"}};
  j.update(BackoffJson(f.retry, true));
  return j;
}

Json ModemJson(const ModemSpec& m) {
  return Json{{"boot", FormatDurationRange(m.boot)},
              {"attach_time", FormatDurationRange(m.attach_time)},
              {"t3411", FormatDuration(m.t3411)},
              {"t3402", FormatDuration(m.t3402)},
              {"attempts_before_t3402", m.attempts_before_t3402},
              {"t3410", FormatDuration(m.t3410)},
              {"loss_detection", FormatDurationRange(m.loss_detection)},
              {"no_cell", m.search_without_cell ? "search" : "retry"},
              {"cell_search", FormatDurationRange(m.cell_search)},
              {"rat", m.nb_iot ? "nb-iot" : "lte-m"}};
}

Json FirmwareJson(const FirmwareSpec& f) {
  return Json{{"preset", f.preset},
              {"retry", RetryJson(f)},
              {"max_attempts", f.max_attempts},
              {"reboot_after_failures", f.reboot_after_failures},
              {"reboot_after_no_service", FormatDuration(f.reboot_after_no_service)},
              {"reboot_backoff", BackoffJson(f.reboot_backoff, true)},
              {"pdn_retry", BackoffJson(f.pdn_retry, false)},
              {"permanent_reject", PermanentRejectName(f.permanent_reject)}};
}

}  // namespace

Json DevicesJson(const Scenario& scenario) {
  Json devices = Json::array();
  for (const DeviceSpec& d : scenario.devices) {
    devices.push_back({{"device", d.name},
                       {"modem", ModemJson(d.modem)},
                       {"firmware", FirmwareJson(d.firmware)}});
  }
  return devices;
}

}  // namespace carriersim
