// The `devices:` part of a scenario: each device profile's modem timers, firmware reconnect
// policy (DEV-2), power schedule (DEV-1) and traffic (DEV-3).
#include <charconv>

#include "simulator/base/calendar.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

const std::vector<std::string> kPresets = {"modem", "gsma-ts34", "naive"};
const std::vector<std::string> kRetryPolicies = {"modem", "fixed", "exponential"};
const std::vector<std::string> kJitters = {"none", "full", "equal", "decorrelated"};
const std::vector<std::string> kPermanentRejects = {"respect", "retry", "reboot"};

// Where a `firmware:` block starts before its own keys apply.
FirmwareSpec Preset(const std::string& name) {
  FirmwareSpec f;
  f.preset = name;
  if (name == "gsma-ts34") {
    // GSMA TS.34's advice as we read it: a randomised, growing back-off, and no retry at all
    // after an identity-related reject (#3, #6, #7, #8), which needs a power cycle.
    f.retry_policy = RetryPolicy::kExponential;
    f.retry = {1 * kMinute, 2000, 30 * kMinute, Jitter::kEqual};
  } else if (name == "naive") {
    // The storm maker: a short fixed retry, and a modem reboot after every failure, even a
    // permanent reject (the reboot clears the modem's invalid-SIM flag).
    f.retry_policy = RetryPolicy::kFixed;
    f.retry = {5 * kSecond, 1000, 5 * kSecond, Jitter::kNone};
    f.reboot_after_failures = 1;
    f.permanent_reject = PermanentReject::kReboot;
  }
  return f;
}

template <typename E>
std::optional<E> ChoiceIndex(YamlReader& reader, const Field& f,
                             const std::vector<std::string>& choices, std::string_view what) {
  std::optional<std::string> choice = reader.Choice(f, choices, what);
  if (!choice) return std::nullopt;
  return static_cast<E>(std::find(choices.begin(), choices.end(), *choice) - choices.begin());
}

}  // namespace

void ScenarioLoader::ReadDevices(const Field& devices) {
  MapFields map(reader_, devices);
  for (const Field& entry : map.Entries()) {
    DeviceSpec device;
    device.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
    MapFields fields(reader_, entry);
    const Field boot = fields.Optional("boot");
    if (boot.present()) device.modem.boot = reader_.DurationSpan(boot).value_or(device.modem.boot);
    if (Field f = fields.Optional("power"); f.present()) ReadPower(f, &device.power);
    if (Field f = fields.Optional("traffic"); f.present()) ReadTraffic(f, &device.traffic);
    if (Field f = fields.Optional("modem"); f.present()) ReadModem(f, &device.modem);
    const Field firmware = fields.Optional("firmware");
    if (firmware.present()) ReadFirmware(firmware, &device.firmware);
    fields.Finish();
    if (firmware.present()) CheckRebootLoop(boot.present() ? boot : firmware, device);
    device_ids_.Add(device.name, static_cast<uint32_t>(scenario_.devices.size()));
    scenario_.devices.push_back(device);
  }
  if (map.is_map() && scenario_.devices.empty()) reader_.Error(devices, "no devices defined");
}

// A firmware that reboots after a failed attach, with no wait before the reboot, on a modem that
// boots and attaches in no time, loops: attach, reject, reboot, attach, ... every millisecond
// (the engine's floor) for as long as the SIM is rejected: 86 million attempts a SIM-day. Every
// other retry path waits at least a second (T3411, T3402, retry intervals and back-offs), so a
// reboot cycle must be able to take one too.
void ScenarioLoader::CheckRebootLoop(const Field& where, const DeviceSpec& device) {
  const FirmwareSpec& firmware = device.firmware;
  const bool reboots = firmware.reboot_after_failures > 0 ||
                       firmware.permanent_reject == PermanentReject::kReboot;
  const SimTime longest = device.modem.boot.max + device.modem.attach_time.max;
  if (!reboots || firmware.reboot_backoff.initial > 0 || longest >= kSecond) return;
  reader_.Error(where, "device '" + device.name + "' reboots its modem after a failed attach (" +
                           (firmware.reboot_after_failures > 0
                                ? "reboot-after-failures: " +
                                      std::to_string(firmware.reboot_after_failures)
                                : std::string("permanent-reject: reboot")) +
                           ") with no wait before rebooting (reboot-backoff starts at 0), and boots and attaches in " +
                           (longest == 0 ? "no time" : "at most " + FormatDuration(longest)) +
                           ": a rejected SIM's device would attach, be rejected and reboot over "
                           "and over, less than a second apart. Give 'boot' (plus "
                           "modem.attach-time) up to 1s or more, or a reboot-backoff such as "
                           "{ initial: 1m }");
}

// power: { duty-cycle: { on: 5m, every: 1h }, off-seasons: [{ from: 12-01, to: 03-01 }] }
void ScenarioLoader::ReadPower(const Field& f, PowerSpec* power) {
  MapFields fields(reader_, f);
  if (Field duty = fields.Optional("duty-cycle"); duty.present()) {
    MapFields cycle(reader_, duty);
    const Field on = cycle.Required("on", "how long the device is on each period, such as 5m");
    const Field every = cycle.Required("every", "the period, such as 1h");
    cycle.Finish();
    if (on.present() && every.present()) {
      const std::optional<SimTime> on_for = reader_.Duration(on, kSecond);
      const std::optional<SimTime> period = reader_.Duration(every, kSecond);
      if (on_for && period && *on_for > *period) {
        reader_.Error(on, "the duty cycle is on for " + FormatDuration(*on_for) +
                              ", longer than its period (every " + FormatDuration(*period) + ")");
      } else if (on_for && period) {
        power->on = *on_for;
        power->every = *period;
      }
    }
  }
  if (Field seasons = fields.Optional("off-seasons"); seasons.present()) {
    for (const Field& element : reader_.Elements(seasons)) {
      MapFields season(reader_, element);
      const Field from = season.Required("from", "the first day off, such as 12-01");
      const Field to = season.Required("to", "the day power returns, such as 03-01");
      season.Finish();
      if (!from.present() || !to.present()) continue;
      const std::optional<int> first = MonthDay(from);
      const std::optional<int> back = MonthDay(to);
      if (first && back && *first == *back) {
        reader_.Error(to, "the season ends on the day it starts; leave it out for none");
      } else if (first && back) {
        power->off_seasons.push_back({*first, *back});
      }
    }
  }
  fields.Finish();
}

// "MM-DD" as month * 100 + day; a day that exists every year.
std::optional<int> ScenarioLoader::MonthDay(const Field& f) {
  std::optional<std::string> text = reader_.Text(f);
  if (!text) return std::nullopt;
  const std::string& t = *text;
  const auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9' ? t[i] - '0' : -100; };
  const bool shaped = t.size() == 5 && t[2] == '-';
  const int month = shaped ? digit(0) * 10 + digit(1) : 0;
  const int day = shaped ? digit(3) * 10 + digit(4) : 0;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(2023, month)) {
    reader_.Error(f,
                  Quoted(*text) + " is not a day of the year as MM-DD, such as 12-01" +
                      std::string(month == 2 && day == 29 ? " (02-29 is not in every year)" : ""));
    return std::nullopt;
  }
  return month * 100 + day;
}

void ScenarioLoader::ReadTraffic(const Field& f, TrafficSpec* traffic) {
  MapFields fields(reader_, f);
  const Field every = fields.Required("every", "how often the device sends, such as 1h");
  if (every.present()) traffic->every = reader_.Duration(every, kSecond).value_or(0);
  if (Field u = fields.Optional("uplink"); u.present()) traffic->uplink = ReadSize(u);
  if (Field d = fields.Optional("downlink"); d.present()) traffic->downlink = ReadSize(d);
  if (Field n = fields.Optional("sms"); n.present()) {
    traffic->sms = reader_.Count(n, 0, 1'000'000).value_or(0);
  }
  if (Field c = fields.Optional("commands-every"); c.present()) {
    traffic->commands_every = reader_.Duration(c, kSecond).value_or(0);
  }
  fields.Finish();
}

// 2KB (fixed), 1KB..4KB (uniform), { exponential: 2KB } (the mean) or
// { lognormal: 2KB, sigma: 0.5 } (the median, and sigma of the underlying normal).
SizeSpec ScenarioLoader::ReadSize(const Field& f) {
  SizeSpec size;
  if (!f.value.IsMap()) {
    std::optional<std::string> text = reader_.Text(f);
    if (!text) return size;
    const size_t dots = text->find("..");
    if (dots == std::string::npos) {
      size.bytes = reader_.DataSize(f).value_or(0);
      return size;
    }
    std::string error;
    int64_t low = 0, high = 0;
    if (!ParseDataSize(text->substr(0, dots), &low, &error) ||
        !ParseDataSize(text->substr(dots + 2), &high, &error)) {
      reader_.Error(f, error + " (in the range " + Quoted(*text) + ")");
    } else if (low > high) {
      reader_.Error(f, "the range " + Quoted(*text) + " ends below where it starts");
    } else {
      size = {SizeSpec::Kind::kUniform, low, high, 0};
    }
    return size;
  }
  MapFields fields(reader_, f);
  const Field exponential = fields.Optional("exponential");
  const Field lognormal = fields.Optional("lognormal");
  const Field sigma = fields.Optional("sigma");
  fields.Finish();
  if (exponential.present() == lognormal.present()) {
    reader_.Error(f, "give a size (2KB), a range (1KB..4KB), { exponential: MEAN } or "
                     "{ lognormal: MEDIAN, sigma: S }");
    return size;
  }
  if (sigma.present() != lognormal.present()) {
    reader_.Error(lognormal.present() ? f : sigma,
                  lognormal.present() ? "a log-normal size needs 'sigma', such as 0.5"
                                      : "'sigma' goes with 'lognormal'");
    return size;
  }
  // Draws are capped at kMaxDrawFactor times the mean or median: the cap must fit 64 bits.
  const Field& centre = exponential.present() ? exponential : lognormal;
  const std::optional<int64_t> bytes = reader_.DataSize(centre);
  if (!bytes) return size;
  constexpr int64_t kMaxCentre = int64_t{8} << 40;  // x kMaxDrawFactor, and sums, fit 64 bits
  if (*bytes > kMaxCentre) {
    reader_.Error(centre, "a drawn size's mean or median must be at most 8TB");
    return size;
  }
  if (exponential.present()) return {SizeSpec::Kind::kExponential, *bytes, 0, 0};
  std::optional<std::string> text = reader_.Text(sigma);
  double s = 0;
  const char* end = text ? text->data() + text->size() : nullptr;
  // Sigma is kept in thousandths: a smaller one but 0 would silently become 0.
  if (text &&
      (std::from_chars(text->data(), end, s).ptr != end || !(s == 0 || s >= 0.001) || s > 3)) {
    reader_.Error(sigma, Quoted(*text) +
                             " is not a sigma from 0 to 3 (0, or 0.001 and up), "
                             "such as 0.5");
  } else if (text) {
    const int64_t sigma_milli = static_cast<int64_t>(s * 1000 + 0.5);
    // No spread (sigma 0, as scenarios/README.md allows): every draw is the median, so the
    // size is fixed, which is also exact (exp(log(m)) need not round back to m).
    size = sigma_milli == 0 ? SizeSpec{SizeSpec::Kind::kFixed, *bytes, 0, 0}
                            : SizeSpec{SizeSpec::Kind::kLogNormal, *bytes, 0, sigma_milli};
  }
  return size;
}

void ScenarioLoader::ReadModem(const Field& f, ModemSpec* modem) {
  MapFields fields(reader_, f);
  if (Field t = fields.Optional("t3411"); t.present()) {
    modem->t3411 = reader_.Duration(t, kSecond).value_or(modem->t3411);
  }
  if (Field t = fields.Optional("t3402"); t.present()) {
    modem->t3402 = reader_.Duration(t, kSecond).value_or(modem->t3402);
  }
  if (Field n = fields.Optional("attempts-before-t3402"); n.present()) {
    modem->attempts_before_t3402 =
        static_cast<int>(reader_.Count(n, 1, 255).value_or(modem->attempts_before_t3402));
  }
  if (Field t = fields.Optional("attach-time"); t.present()) {
    modem->attach_time = reader_.DurationSpan(t).value_or(modem->attach_time);
  }
  if (Field t = fields.Optional("t3410"); t.present()) {
    modem->t3410 = reader_.Duration(t, kSecond).value_or(modem->t3410);
  }
  if (Field t = fields.Optional("loss-detection"); t.present()) {
    modem->loss_detection = reader_.DurationSpan(t).value_or(modem->loss_detection);
  }
  if (Field n = fields.Optional("no-cell"); n.present()) {
    if (auto mode = reader_.Choice(n, {"retry", "search"}, "no-cell behaviour")) {
      modem->search_without_cell = *mode == "search";
    }
  }
  if (Field t = fields.Optional("cell-search"); t.present()) {
    modem->cell_search = reader_.DurationSpan(t).value_or(modem->cell_search);
  }
  if (Field r = fields.Optional("rat"); r.present()) {
    if (auto rat = reader_.Choice(r, {"lte-m", "nb-iot"}, "radio access technology")) {
      modem->nb_iot = *rat == "nb-iot";
    }
  }
  fields.Finish();
}

// initial / multiplier / cap / jitter of a back-off, from the keys of `fields`. `allowed` is
// false when the policy has no back-off: then each key present is an error saying why.
void ScenarioLoader::ReadBackoff(MapFields& fields, Backoff* backoff, bool allowed,
                                 std::string_view why_not) {
  const Field initial = fields.Optional("initial");
  const Field multiplier = fields.Optional("multiplier");
  const Field cap = fields.Optional("cap");
  const Field jitter = fields.Optional("jitter");
  for (const Field* f : {&initial, &multiplier, &cap, &jitter}) {
    if (f->present() && !allowed) reader_.Error(*f, std::string(why_not));
  }
  if (!allowed) return;
  if (initial.present()) backoff->initial = reader_.Duration(initial, kSecond).value_or(0);
  if (multiplier.present()) {
    backoff->multiplier_milli = reader_.Multiplier(multiplier).value_or(1000);
  }
  if (cap.present()) backoff->cap = reader_.Duration(cap, kSecond).value_or(backoff->initial);
  if (jitter.present()) {
    backoff->jitter = ChoiceIndex<Jitter>(reader_, jitter, kJitters, "jitter").value_or(Jitter{});
  }
  if (backoff->cap < backoff->initial) {
    if (cap.present()) {
      reader_.Error(cap, "the cap (" + FormatDuration(backoff->cap) +
                             ") is below the initial back-off (" +
                             FormatDuration(backoff->initial) + ")");
    } else {
      backoff->cap = backoff->initial;  // no cap given: one below the initial wait means none
    }
  }
}

void ScenarioLoader::ReadFirmware(const Field& f, FirmwareSpec* firmware) {
  MapFields fields(reader_, f);
  if (!fields.is_map()) return;
  if (Field p = fields.Optional("preset"); p.present()) {
    if (auto name = reader_.Choice(p, kPresets, "firmware preset")) *firmware = Preset(*name);
  }
  if (Field r = fields.Optional("retry"); r.present()) {
    if (auto policy = ChoiceIndex<RetryPolicy>(reader_, r, kRetryPolicies, "retry policy")) {
      if (*policy != firmware->retry_policy) {
        // A policy chosen here starts from its own defaults, not the preset's numbers.
        firmware->retry = *policy == RetryPolicy::kFixed
                              ? Backoff{30 * kSecond, 1000, 30 * kSecond, Jitter::kNone}
                              : Backoff{30 * kSecond, 2000, 30 * kMinute, Jitter::kNone};
      }
      firmware->retry_policy = *policy;
    }
  }
  const bool fixed = firmware->retry_policy == RetryPolicy::kFixed;
  if (Field i = fields.Optional("interval"); i.present()) {
    if (!fixed) {
      reader_.Error(i, "'interval' goes with 'retry: fixed'; the exponential policy has "
                       "initial, multiplier, cap and jitter");
    } else if (auto every = reader_.Duration(i, kSecond)) {
      firmware->retry = {*every, 1000, *every, Jitter::kNone};
    }
  }
  ReadBackoff(fields, &firmware->retry,
              firmware->retry_policy == RetryPolicy::kExponential,
              fixed ? "'retry: fixed' takes 'interval'; initial, multiplier, cap and jitter go "
                      "with 'retry: exponential'"
                    : "back-off keys go with 'retry: exponential' (or 'fixed' with 'interval'); "
                      "'retry: modem' leaves retries to the modem's T3411 and T3402");
  if (Field n = fields.Optional("max-attempts"); n.present()) {
    firmware->max_attempts = static_cast<int>(reader_.Count(n, 0, 1'000'000'000).value_or(0));
  }
  if (Field n = fields.Optional("reboot-after-failures"); n.present()) {
    firmware->reboot_after_failures = static_cast<int>(reader_.Count(n, 0, 1'000'000).value_or(0));
  }
  if (Field t = fields.Optional("reboot-after-no-service"); t.present()) {
    firmware->reboot_after_no_service = reader_.Duration(t, kSecond).value_or(0);
  }
  if (Field b = fields.Optional("reboot-backoff"); b.present()) {
    MapFields backoff(reader_, b);
    if (backoff.is_map()) {
      firmware->reboot_backoff = {0, 2000, kHour, Jitter::kNone};
      ReadBackoff(backoff, &firmware->reboot_backoff, true, "");
      backoff.Finish();
    }
  }
  if (Field b = fields.Optional("pdn-retry"); b.present()) {
    MapFields backoff(reader_, b);
    if (backoff.is_map()) {
      ReadBackoff(backoff, &firmware->pdn_retry, true, "");
      if (firmware->pdn_retry.jitter != Jitter::kNone) {
        reader_.Error(b, "PDN retries are counted, not simulated one by one, so they take no jitter");
      }
      backoff.Finish();
    }
  }
  if (Field p = fields.Optional("permanent-reject"); p.present()) {
    firmware->permanent_reject =
        ChoiceIndex<PermanentReject>(reader_, p, kPermanentRejects, "permanent-reject policy")
            .value_or(firmware->permanent_reject);
  }
  fields.Finish();
}

}  // namespace carriersim
