// The scenario loader, shared by the files that each read one part of a scenario:
// scenario_loader.cc (top level, carriers, devices), fleet_loader.cc and timeline_loader.cc.
// Not part of the public surface: use scenario_loader.h.
#ifndef CARRIERSIM_SCENARIO_LOADER_INTERNAL_H_
#define CARRIERSIM_SCENARIO_LOADER_INTERNAL_H_

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/base/int128.h"
#include "simulator/base/named.h"
#include "simulator/base/yaml_reader.h"
#include "simulator/scenario/model.h"
#include "simulator/scenario/parameters.h"

namespace carriersim {

class ScenarioLoader {
 public:
  ScenarioLoader(const std::string& file, Diagnostics& diag);
  // A run of a family (scenario/parameters.h): expectations restricted to some variants or
  // sweep values (`variant:`, `where:`) are kept only in the runs they name.
  ScenarioLoader(const std::string& file, Diagnostics& diag, const CompareSpec* spec,
                 const RunPoint* point)
      : ScenarioLoader(file, diag) {
    spec_ = spec;
    point_ = point;
  }

  std::optional<Scenario> Load(const YAML::Node& root);
  // A file the scenario names (a carrier profile) could not be read.
  bool io_error() const { return io_error_; }

 private:
  // scenario_loader.cc
  void ReadCarriers(const Field& carriers);
  std::optional<CarrierProfile> LoadProfile(const Field& f, const Field& overrides);
  void RenumberFeeCategories(const Field& where, CarrierProfile& profile);
  void ReadOutages(const Field& f, CarrierSpec* carrier);
  // device_loader.cc
  void ReadDevices(const Field& devices);
  void ReadPower(const Field& f, PowerSpec* power);
  std::optional<int> MonthDay(const Field& f);
  void ReadTraffic(const Field& f, TrafficSpec* traffic);
  SizeSpec ReadSize(const Field& f);
  void ReadModem(const Field& f, ModemSpec* modem);
  void ReadFirmware(const Field& f, FirmwareSpec* firmware);
  void ReadBackoff(MapFields& fields, Backoff* backoff, bool allowed, std::string_view why_not);
  void CheckRebootLoop(const Field& where, const DeviceSpec& device);
  // network_loader.cc
  void ReadNetwork(const Field& network);
  // fleet_loader.cc
  void ReadFleet(const Field& fleet);
  bool TotalsFit(const Field& count, const GroupSpec& group);
  uint32_t ExternalCopyOf(uint32_t device);
  void CheckFeesFit();  // once the timeline is read: it may change plans and charge verbs
  std::string AmountText(Int128 micros) const;
  // A plan or status of the carrier's profile, by name.
  enum class ProfileItem : uint8_t { kPlan, kStatus };
  std::optional<size_t> ProfileRef(const Field& f, const CarrierSpec& carrier, ProfileItem item);
  // time_loader.cc
  void ReadRunLength(const Field& root, bool have_start, const Field& duration, const Field& end);
  std::optional<SimTime> SinceStart(const Field& f, const std::string& text);
  // A time since start (reported and nullopt when invalid); with `within_run`, one before the
  // end of the run.
  std::optional<SimTime> ReadAt(const Field& at, bool within_run);
  // The times a timeline entry acts at (since start, increasing): `at`, then each time `every`
  // repeats it. Not ok after an error (reported).
  struct Repetition {
    bool ok = false;
    std::vector<SimTime> times;
  };
  // `action` is null when the entry's action is invalid: `every` and `until` are still checked.
  Repetition ReadRepetition(const Field& every, const Field& until, SimTime at,
                            const TimelineAction* action);
  bool RepeatsApart(const Field& every, const CalendarSpan& span, SimTime shortest,
                    const TimelineAction& action);
  // timeline_loader.cc
  void ReadTimeline(const Field& timeline, bool have_duration);
  void AddOccurrences(const TimelineAction& action, const Repetition& repeat, const Field& spread);
  bool ReadAction(const Field& entry, TimelineAction* action);
  bool ReadSpread(const Field& spread, TimelineAction* action);
  bool ReadOutage(MapFields& fields, ActionKind kind, const std::string& name,
                  TimelineAction* action);
  std::optional<Target> ReadTarget(MapFields& fields);
  std::optional<std::pair<uint32_t, int64_t>> ReadSimRef(const Field& sim);
  // A cell by its name (metro-3) or a set of cells by the set's name: first cell and count.
  std::optional<std::pair<uint32_t, uint32_t>> ReadCellRef(const Field& cell);
  std::string TargetText(const Target& target) const;
  // live_loader.cc: `live:`, for carriersim serve
  void ReadLive(const Field& live);
  void ReadApiUsers(const Field& users);
  void ReadEventHandlers(const Field& handlers);
  bool ReadHandlerRule(const Field& rule, const CarrierProfile& profile, EventHandlerSpec* handler);
  bool ReadHandlerAction(const Field& entry, const CarrierProfile& profile, HandlerAction* action);
  bool ReadWebhook(const Field& f, WebhookSpec* webhook);
  // expect_loader.cc
  void ReadExpectations(const Field& expect, bool have_duration);
  std::optional<Expectation> ReadExpectation(MapFields& fields, const Field& element,
                                             const std::vector<std::string>& statuses,
                                             bool have_duration);
  bool ReadExpectScope(MapFields& fields, const MetricDef& def, bool with_action,
                       ExpectScope* scope);
  bool ReadExpectAt(const Field& at, const Field& metric, const MetricDef& def, bool have_duration,
                    Expectation* e);
  bool ReadComparison(const Field& value, CompareOp op, Expectation* e);
  bool ReadTolerance(const Field& tolerance, const Field& metric, Expectation* e);
  std::optional<int64_t> ReadMetricValue(const Field& f, MetricUnit unit);
  // run_filter.cc: false when the expectation's `variant:` or `where:` leave this run out.
  bool AppliesToRun(MapFields& fields);
  // expect_keys.cc: the keys that narrow a metric beyond its scope, and `per-sim:`.
  struct ExpectKeys {
    Field per_sim, action, month, billed_under, from, to;
  };
  ExpectKeys ReadExpectKeyFields(MapFields& fields);
  // Checks each key given against the metric and reads it into `e`; `narrowing` gets each one's
  // words for the expectation's text ("month 2027-02", "each SIM").
  bool ReadExpectKeys(const ExpectKeys& keys, const MetricRef& ref,
                      const std::vector<std::string>& statuses, bool have_duration, Expectation* e,
                      std::vector<std::string>* narrowing);
  bool ReadQuantifier(const Field& f, const MetricRef& ref, Expectation* e, std::string* words);
  std::optional<int32_t> ReadActionRef(const Field& f, const MetricRef& ref);
  std::optional<int64_t> ReadMonth(const Field& f, bool have_duration);
  bool ReadBilledUnder(const Field& f, const ExpectScope& scope, Expectation* e,
                       std::string* words);
  // The plan `f` names: of carrier `only`, or of the one carrier that has a plan of that name.
  std::optional<std::pair<uint32_t, PlanId>> FindPlan(const Field& f, std::optional<uint32_t> only);
  // Reports are in one currency: a plan priced in another cannot be used.
  bool CheckCurrency(const Field& f, const PlanDef& plan);

  // The index of the item `f` names, looked up in `index`, or nullopt after reporting an
  // undefined name.
  template <typename T>
  std::optional<uint32_t> Reference(const Field& f, const std::vector<T>& items,
                                    const NameIndex& index, std::string_view what) {
    std::optional<std::string> name = reader_.Name(f);
    if (!name) return std::nullopt;
    if (auto found = index.Find(*name)) return found;
    if (broken_.Contains(*name)) return std::nullopt;
    reader_.Error(f, "no " + std::string(what) + " '" + *name + "' in this scenario" +
                         Suggestions(*name, items));
    return std::nullopt;
  }
  // " (did you mean 'x'?); defined: 'x', 'y'" for a name not found among `items`: the list only
  // when it is short, and nothing once the errors kept are full (a file wrong on every line of a
  // long list must not cost a scan of the list per line).
  template <typename T>
  std::string Suggestions(const std::string& name, const std::vector<T>& items) {
    if (reader_.diag().count() >= Diagnostics::kMaxKept) return "";
    const std::vector<std::string> names = NamesOf(items);
    constexpr size_t kListedNames = 20;
    return DidYouMean(name, names) +
           (names.empty() || names.size() > kListedNames ? "" : "; defined: " + QuotedList(names));
  }

  YamlReader reader_;
  Scenario scenario_;
  const CompareSpec* spec_ = nullptr;  // with point_: loading one run of a family
  const RunPoint* point_ = nullptr;
  // Names defined but invalid (a carrier whose profile failed, a group with an error): their
  // errors are reported once, where they are defined, not again at every reference.
  NameIndex broken_;
  // The scenario's carriers, devices, cell sets and groups by name (named.h).
  NameIndex carrier_ids_, device_ids_, cell_set_ids_, group_ids_;
  bool io_error_ = false;
  int64_t repeated_actions_ = 0;  // actions that `every` made, in all (ReadRepetition)
  // Largest usage and online time the groups read so far could reach (see TotalsFit).
  Int128 max_bytes_ = 0;
  Int128 max_online_ms_ = 0;
  // Per group of the scenario: where its count and plan are written, for CheckFeesFit.
  struct GroupFields {
    Field count;
    Field plan;
  };
  std::vector<GroupFields> group_fields_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_LOADER_INTERNAL_H_
