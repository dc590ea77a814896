// The validated, typed scenario. Everything downstream of the loader reads this, never YAML:
// when a Scenario exists, every name in it resolved and every value is in range.
#ifndef CARRIERSIM_SCENARIO_MODEL_H_
#define CARRIERSIM_SCENARIO_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simulator/base/sim_time.h"
#include "simulator/base/units.h"
#include "simulator/carrier/profile.h"
#include "simulator/scenario/metrics.h"

namespace carriersim {

// SIMs in one scenario. Memory is the limit: about 400 bytes per SIM today (its network, device,
// billing and queue state, measured at 1 million), plus 24 per fee line, 16 per status change
// and 24 per data session, so 20 million idle SIMs need some 5-8 GB.
inline constexpr int64_t kMaxSims = 20'000'000;
inline constexpr size_t kMaxCells = 1'000'000;

// The size of each send: fixed, or drawn per send from a distribution (DEV-3). Draws are capped
// at kMaxDrawFactor times the mean (or median), so that a run's totals have a bound.
struct SizeSpec {
  enum class Kind : uint8_t { kFixed, kUniform, kExponential, kLogNormal };
  static constexpr int64_t kMaxDrawFactor = 1000;
  Kind kind = Kind::kFixed;
  int64_t bytes = 0;        // fixed: the size; uniform: the low end; exponential: the mean;
                            // log-normal: the median
  int64_t high = 0;         // uniform: the high end, inclusive
  int64_t sigma_milli = 0;  // log-normal: sigma of the underlying normal, in thousandths
  bool fixed() const { return kind == Kind::kFixed; }
  int64_t largest() const {
    switch (kind) {
      case Kind::kFixed: return bytes;
      case Kind::kUniform: return high;
      default: return bytes * kMaxDrawFactor;
    }
  }
};

// What a device does on the air once attached (DEV-3): every `every` it sends `uplink` and
// receives `downlink` bytes, and sends `sms` SMS, all in its data session; separately, the
// platform sends it a command (an SMS) every `commands_every`.
struct TrafficSpec {
  SimTime every = 0;  // 0: the device sends nothing
  SizeSpec uplink;
  SizeSpec downlink;
  int64_t sms = 0;
  SimTime commands_every = 0;  // 0: no scheduled commands
  bool sends() const { return every > 0 && (uplink.largest() > 0 || downlink.largest() > 0); }
};

// Timers of the modem (3GPP TS 24.301), settable per device profile.
struct ModemSpec {
  DurationRange boot{10 * kSecond, 10 * kSecond};  // power on -> first attach attempt
  SimTime t3411 = 10 * kSecond;                    // between failed attach attempts
  SimTime t3402 = 12 * kMinute;  // after `attempts_before_t3402` failures in a row
  int attempts_before_t3402 = 5;
  // An attach attempt takes this long, with the radio on, before its answer arrives.
  DurationRange attach_time{0, 0};  // 0: the answer comes at once
  SimTime t3410 = 15 * kSecond;  // an attempt the network never answers fails after this
  // How long an idle device takes to notice that its cell (or the core) went away.
  DurationRange loss_detection{0, 60 * kSecond};
  // What the modem does without a cell. false: it attaches anyway and each attempt fails as a
  // lower-layer failure, retried by T3411/T3402 (the fleet benchmark's model). true: it makes no
  // attempt and searches; it finds the cell `cell_search` after the cell is back, and attaches.
  bool search_without_cell = false;
  DurationRange cell_search{0, 30 * kSecond};
  // The radio access technology it uses (`rat: lte-m | nb-iot`): what an AT client sees as
  // <AcT> (7 E-UTRAN for LTE-M, 9 E-UTRAN NB-S1); the model's timers say the rest.
  bool nb_iot = false;
};

// A back-off: the k-th wait in a row (k = 0, 1, ...) is min(cap, initial * multiplier^k), then
// jittered. The multiplier is kept in thousandths so that every machine computes the same waits.
enum class Jitter : uint8_t {
  kNone,          // the wait itself
  kFull,          // uniform in [0, wait]
  kEqual,         // wait/2 + uniform in [0, wait/2]
  kDecorrelated,  // uniform in [initial, 3 x the previous wait], capped (AWS's "decorrelated")
};
struct Backoff {
  SimTime initial = 0;
  int64_t multiplier_milli = 1000;
  SimTime cap = 0;
  Jitter jitter = Jitter::kNone;
};

// The firmware's reconnect policy on top of the modem (DEV-2).
enum class RetryPolicy : uint8_t {
  kModem,        // leave retries to the modem's 3GPP timers (T3411, T3402)
  kFixed,        // the firmware attaches again after `retry.initial`
  kExponential,  // after the `retry` back-off
};
enum class PermanentReject : uint8_t {
  kRespect,  // no attach until power-cycled (NET-1)
  kRetry,    // toggle the radio, which clears the modem's invalid-SIM flag, and retry
  kReboot,   // reboot the modem (after the reboot back-off) and attach again
};
struct FirmwareSpec {
  std::string preset = "modem";  // where the defaults came from, for reports
  RetryPolicy retry_policy = RetryPolicy::kModem;
  Backoff retry;
  int max_attempts = 0;           // failures in a row before giving up until power-cycled; 0: never
  int reboot_after_failures = 0;  // reboot the modem after this many failures in a row; 0: never
  SimTime reboot_after_no_service = 0;  // reboot when without service this long; 0: never
  Backoff reboot_backoff;               // wait before the r-th reboot in a row (r = 0, 1, ...)
  // Requests for a data session (PDN connection) after the network refused one while the device
  // stays attached (SOR-4): the k-th retry in a row after the k-th wait; never jittered.
  Backoff pdn_retry{1 * kMinute, 1000, 30 * kMinute, Jitter::kNone};
  PermanentReject permanent_reject = PermanentReject::kRespect;
};

// A yearly period with the device switched off (a farm sensor in winter): from 00:00 UTC on
// `from` to 00:00 UTC on `to`, each written month * 100 + day; `to` <= `from` ends the next year.
struct Season {
  int from = 0;
  int to = 0;
};

// When a switched-on device has power (DEV-1): on for `on` out of every `every` (a duty cycle, at
// a phase drawn per device), except during the off seasons. The timeline's power-on and
// power-off switch the device on and off; the schedule applies while it is switched on.
struct PowerSpec {
  SimTime on = 0;
  SimTime every = 0;  // 0: no duty cycle
  std::vector<Season> off_seasons;
  bool scheduled() const { return every > 0 || !off_seasons.empty(); }
};

struct DeviceSpec {
  std::string name;
  PowerSpec power;
  ModemSpec modem;
  FirmwareSpec firmware;
  TrafficSpec traffic;
  // Driven by a program outside carriersim over AT commands (`firmware: external` on a group):
  // the loader gives such a group its own copy of the profile, with the modem's own retries
  // (T3411/T3402, the invalid SIM) as the only firmware and no traffic of its own.
  bool external = false;
};

// A radio cell. Attach requests past `capacity` in one window are rejected with #22
// (congestion) and a T3346 back-off drawn from `t3346` (NET-3).
struct CellSpec {
  std::string name;
  int64_t capacity = 0;      // attach requests per `window`; 0: unlimited
  SimTime window = kSecond;  // capacity 3000/min is 3000 per minute-long window
  DurationRange t3346{5 * kMinute, 15 * kMinute};
};

// Cells defined together: `name` alone, or `name-1` .. `name-N`. Groups and outages name them.
struct CellSet {
  std::string name;
  uint32_t first = 0;  // index into Scenario::cells
  uint32_t count = 1;
};

// A window during which the carrier's upstream operator accepts no status changes (KOR-5).
struct Outage {
  SimTime from = 0;
  SimTime to = 0;
};

struct CarrierSpec {
  std::string name;  // as the scenario calls it
  CarrierProfile profile;
  std::vector<Outage> upstream_outages;  // sorted, not overlapping
};

struct GroupSpec {
  std::string name;
  int64_t count = 0;
  uint32_t carrier = 0;  // index into Scenario::carriers
  PlanId plan = 0;
  uint32_t device = 0;  // index into Scenario::devices
  // Device i of the group camps on cell first + i % count of this cell set.
  uint32_t cell_set = 0;
  StatusId status = 0;  // initial subscriber status
  bool powered = true;  // devices on at the start
  bool external = false;  // `firmware: external`: each device's firmware is an AT client
  bool test_mode = false;
  bool termination_protection = false;
  int64_t usage_limit = 0;          // bytes per calendar month; 0: none
  std::vector<PlanId> extra_plans;  // additional subscriptions on each SIM (SOR-13)
  int64_t first_sim = 0;            // SIMs of the group are [first_sim, first_sim + count)
  // Additional subscriptions of SIM first_sim + i are first_extra + i * extra_plans.size() + k.
  int64_t first_extra = 0;
};

// Which SIMs of a group an action addresses.
struct Target {
  enum class Kind : uint8_t { kGroup, kCount, kFraction, kSim };
  Kind kind = Kind::kGroup;
  uint32_t group = 0;
  int64_t count = 0;    // kCount: this many, chosen at random (deterministic for a seed)
  double fraction = 0;  // kFraction: this share, rounded to the nearest SIM
  int64_t index = 0;    // kSim: the SIM at this index in the group
};

enum class ActionKind : uint8_t {
  kVerb,  // a verb of the carrier profile
  kPowerOn,
  kPowerOff,
  kPowerCycle,
  kReinsertSim,  // the SIM taken out and put back: the modem forgets an invalid SIM (NET-1)
  kChangePlan,  // to `plan`
  kTestMode,    // on or off (`enabled`)
  kTerminationProtection,
  kUsageLimit,        // `amount` bytes per month; 0 removes the limit
  kSendCommand,       // `amount` SMS commands to each SIM
  kTerminateAccount,  // of `carrier`
  kCellOutage,        // cells [first_cell, first_cell + cell_count) go down until `until`
  kCellRestore,       // the end of a cell outage (added by the loader)
  kCoreOutage,        // the core answers no attach until `until`
  kCoreRestore,
  // What an external firmware does through its modem (devices/at), on one SIM's device; only
  // from a live session or its journal, never written in a scenario's timeline.
  kModemFunctionality,  // AT+CFUN=`amount` (0, 1 or 4)
  kModemReset,          // AT+CFUN=1,1
  kModemAutomatic,      // AT+COPS=0 (`enabled`) or 2, AT+CGATT
  kModemPdn,            // the data session asked for (`enabled`) or released
  kModemSend,           // `amount` bytes to the echo service, which sends them back
  kModemSms,            // a mobile-originated SMS
};

struct TimelineAction {
  SimTime at = 0;
  ActionKind kind = ActionKind::kVerb;
  VerbId verb = 0;
  Target target;
  PlanId plan = 0;
  bool enabled = false;
  int64_t amount = 0;
  uint32_t carrier = 0;
  uint32_t first_cell = 0;  // cell outages
  uint32_t cell_count = 0;
  SimTime until = 0;  // outages: when they end
  // Each SIM acts at a time drawn uniformly from [at, at + spread), so that a fleet does not act
  // in lockstep; 0: all at `at`.
  SimTime spread = 0;
  std::string role = "owner";   // who performs it (`as:`)
  std::string channel = "api";  // through what (`via:`): api, dashboard, ...
  std::string text;             // "suspend trackers", for reports
  std::string name;             // `name:`, for expectations on it (`action: NAME`); may be empty
  int line = 0;                 // where the action is written, for reports
  uint64_t key = 0;             // identifies the action for its random selection
};

// Where an expectation measures its metric.
struct ExpectScope {
  enum class Kind : uint8_t { kAll, kGroup, kCarrier, kPlan, kCell, kSim };
  Kind kind = Kind::kAll;
  uint32_t index = 0;  // the group, carrier (for kPlan too), first cell, or SIM
  uint32_t count = 1;  // kCell: cells [index, index + count), a cell set
  PlanId plan = 0;
  std::string text;  // "group trackers", for reports; empty for kAll
};

enum class CompareOp : uint8_t { kLess, kLessEqual, kEqual, kNotEqual, kGreaterEqual, kGreater,
                                 kBetween };

// How an expectation takes a per-SIM metric over the SIMs of its scope (`per-sim:`): every SIM
// must pass the comparison, or a statistic of their values is compared.
enum class Quantifier : uint8_t { kNone, kEach, kMin, kMax, kMean, kPercentile };

// What narrows a metric beyond its scope; each applies to the metrics the catalogue allows it for
// (scenario/metrics.h), and the loader refuses it anywhere else.
struct ExpectFilter {
  // `action: NAME`: index into Scenario::timeline; -1: none. The action's outcome (timeline.*),
  // or the mass event it started (recovery.pNN, energy.*).
  int32_t action = -1;
  int64_t month = -1;  // `month: 2027-02`: fees of that invoice month (MonthIndex); -1: all
  // `billed-under: PLAN`: fees billed under that plan of that carrier, whichever plan the SIM
  // is on now (`plan:` is the scope of the SIMs on a plan now).
  bool billed_under = false;
  uint32_t billed_carrier = 0;
  PlanId billed_plan = 0;
  std::string from, to;  // status_changes: the status names left and entered; empty: any
};

// An assertion on a metric (`expect:`), checked after the run (or at `at`). Values are in the
// metric's unit: a count, bytes, micro-units of the scenario's currency, or milliseconds.
struct Expectation {
  MetricId metric = MetricId::kSims;
  std::string parameter;  // of a metric family: a status, category, cause, percentage, reason
  MetricUnit unit = MetricUnit::kCount;
  ExpectScope scope;
  ExpectFilter filter;
  Quantifier quantifier = Quantifier::kNone;
  int percentile = 0;  // kPercentile: 1..100
  SimTime at = -1;  // -1: at the end of the run
  CompareOp op = CompareOp::kEqual;
  int64_t value = 0;
  int64_t high = 0;       // kBetween: [value, high]
  int64_t tolerance = 0;  // money: how far the actual amount may be off
  std::string text;       // the expectation as written: "fees.total (group trackers) <= 20 USD"
  std::string expected;   // the comparison alone: "<= 20 USD"
  int line = 0;
};

// --- Live mode (`carriersim serve`): who may call the emulated carrier APIs, and what fires ---

// A credential of one carrier's API, with the role its verbs see (`roles:` of a verb).
struct ApiUser {
  uint32_t carrier = 0;
  // Soracom: an auth key id or a user name; KORE: an account SID or an OAuth client id;
  // Hologram: the user the API key belongs to.
  std::string name;
  std::string secret;  // the auth key, password, auth token, client secret or API key
  std::string role = "owner";
  int line = 0;
};

// An outgoing HTTP request an event handler makes; `body` and `url` may hold placeholders
// (${simId}, ${imsi}, ${status}, ...: simulator/live/event_handlers.h).
struct WebhookSpec {
  std::string url;  // http://host:port/path (no TLS)
  std::string method = "POST";
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HandlerAction {
  enum class Kind : uint8_t { kWebhook, kVerb };
  Kind kind = Kind::kWebhook;
  WebhookSpec webhook;
  VerbId verb = 0;  // kVerb: a verb of the carrier's profile
};

// Soracom-style event handlers, which the real sandbox never fires: a rule watched on every SIM
// of a carrier, and the actions taken when it matches.
struct EventHandlerSpec {
  enum class Rule : uint8_t { kStatusChange, kSessionStatus, kDailyTraffic, kMonthlyTraffic };
  std::string name;
  uint32_t carrier = 0;
  Rule rule = Rule::kStatusChange;
  std::optional<StatusId> status;  // kStatusChange: entering this status (any when absent)
  bool online = true;              // kSessionStatus: going online (or offline)
  int64_t bytes = 0;               // traffic rules: the day's or month's bytes reach this
  std::vector<HandlerAction> actions;
  int line = 0;
};

struct LiveSpec {
  std::string control_key;  // of /_carriersim/; empty: derived from the seed, printed at start
  std::vector<ApiUser> users;
  std::vector<EventHandlerSpec> handlers;
};

// A shard of a fleet (`run --threads`): a scenario that holds some of the whole fleet's SIMs,
// renumbered from 0 group by group in their whole-fleet order, and who they are in the whole
// fleet. A SIM's random streams, its name and its cell follow its place in the whole fleet, and
// an action's selection is drawn over the whole group, so a shard's SIMs do in it what they do
// in the whole. Empty in a scenario that is the whole fleet.
struct ShardPart {
  std::vector<int64_t> group_first;  // per group: its first SIM in the whole fleet
  std::vector<int64_t> group_count;  // per group: its SIMs in the whole fleet
  // Per group, where the shard's SIMs of it are in the whole group: consecutive from index
  // group_begin (a group on cells without a capacity, the usual case: no memory per SIM), or,
  // when group_begin is -1, at the ascending indexes of group_indexes.
  std::vector<int64_t> group_begin;
  std::vector<std::vector<uint32_t>> group_indexes;

  bool active() const { return !group_count.empty(); }
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;         // as given on the command line
  std::string file_sha256;  // of the file's bytes as read
  UnixMillis start = 0;
  SimTime duration = 0;
  uint64_t seed = 1;
  SimTime timeseries_interval = kDay;  // rows of timeseries.csv
  Currency currency;  // every amount in the reports is in this currency
  std::vector<CarrierSpec> carriers;
  // The names of the fee categories (FeeCategory indexes it): the standard six, then the
  // carriers' own one-off fees (activation, top-up ...), each name once.
  std::vector<std::string> fee_categories = StandardFeeCategories();
  std::vector<DeviceSpec> devices;
  std::vector<CellSpec> cells;  // at least one
  std::vector<CellSet> cell_sets;
  std::vector<GroupSpec> groups;
  std::vector<TimelineAction> timeline;  // in time order; file order among equal times
  std::vector<Expectation> expectations;  // in file order
  LiveSpec live;  // `carriersim serve` only
  int64_t sim_count = 0;
  int64_t subscription_count = 0;  // SIMs plus additional subscriptions
  ShardPart shard;  // empty: the whole fleet
};

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_MODEL_H_
