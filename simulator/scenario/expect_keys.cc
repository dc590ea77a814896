// The keys of an expectation beyond its metric, scope, time and comparison: `per-sim:` (a
// statistic over the SIMs of the scope), `action:` (a timeline entry by its name), `month:` and
// `billed-under:` (fees), `from:` and `to:` (status changes). Each is checked against the
// metric: a key that would not change what is measured is an error, never ignored.
#include "simulator/base/calendar.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

bool IsMassEvent(ActionKind kind) {
  return kind == ActionKind::kPowerOn || kind == ActionKind::kPowerCycle ||
         kind == ActionKind::kCellOutage || kind == ActionKind::kCoreOutage;
}

// "2027-02": the month's index (MonthIndex), or nullopt.
std::optional<int64_t> ParseMonth(const std::string& text) {
  const auto digits = [&](size_t from, size_t n) {
    int value = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const int year = digits(0, 4), month = digits(5, 2);
  if (year < 0 || month < 1 || month > 12) return std::nullopt;
  return MonthIndex(FromCivil(CivilDateTime{{year, month, 1}, 0, 0, 0, 0}));
}

std::string MonthText(int64_t month) { return FormatDate(StartOfMonthIndex(month)).substr(0, 7); }

}  // namespace

ScenarioLoader::ExpectKeys ScenarioLoader::ReadExpectKeyFields(MapFields& fields) {
  ExpectKeys keys;
  keys.per_sim = fields.Optional("per-sim");
  keys.action = fields.Optional("action");
  keys.month = fields.Optional("month");
  keys.billed_under = fields.Optional("billed-under");
  keys.from = fields.Optional("from");
  keys.to = fields.Optional("to");
  return keys;
}

bool ScenarioLoader::ReadExpectKeys(const ExpectKeys& keys, const MetricRef& ref,
                                    const std::vector<std::string>& statuses, bool have_duration,
                                    Expectation* e, std::vector<std::string>* narrowing) {
  const MetricDef& def = *ref.def;
  bool ok = true;
  // A key the metric does not take: `goes_with` says which metrics do.
  const auto takes = [&](const Field& f, bool taken, std::string_view goes_with) {
    if (!f.present() || taken) return f.present();
    reader_.Error(f, "'" + f.key.Scalar() + "' goes with " + std::string(goes_with) + ", not " +
                         Quoted(ref.Name()));
    ok = false;
    return false;
  };
  if (takes(keys.action, def.scopes & kScopeAction, "timeline.*, recovery.pNN and energy.*")) {
    const std::optional<int32_t> index = ReadActionRef(keys.action, ref);
    ok = ok && index;
    if (index) {
      e->filter.action = *index;
      narrowing->push_back("action " + scenario_.timeline[static_cast<size_t>(*index)].name);
    }
  }
  const std::string_view fees = "fees.total and fees.CATEGORY";
  if (takes(keys.billed_under, CountsFees(def.id), fees)) {
    std::string words;
    ok = ReadBilledUnder(keys.billed_under, e->scope, e, &words) && ok;
    narrowing->push_back(words);
  }
  if (takes(keys.month, CountsFees(def.id), fees)) {
    const std::optional<int64_t> month = ReadMonth(keys.month, have_duration);
    ok = ok && month;
    if (month) {
      e->filter.month = *month;
      narrowing->push_back("month " + MonthText(*month));
    }
  }
  for (const Field* f : {&keys.from, &keys.to}) {
    if (!takes(*f, CountsChanges(def.id), "status_changes and status_changes.CAUSE")) continue;
    const std::optional<std::string> status = reader_.Name(*f);
    if (!status) {
      ok = false;
      continue;
    }
    if (std::find(statuses.begin(), statuses.end(), *status) == statuses.end()) {
      reader_.Error(*f, "no status " + Quoted(*status) + " in this scenario's carriers" +
                            DidYouMean(*status, statuses));
      ok = false;
      continue;
    }
    (f == &keys.from ? e->filter.from : e->filter.to) = *status;
    narrowing->push_back((f == &keys.from ? "from " : "to ") + *status);
  }
  if (keys.per_sim.present()) {
    std::string words;
    ok = ReadQuantifier(keys.per_sim, ref, e, &words) && ok;
    narrowing->push_back(words);
  }
  return ok;
}

// `per-sim: each | min | max | mean | pNN`.
bool ScenarioLoader::ReadQuantifier(const Field& f, const MetricRef& ref, Expectation* e,
                                    std::string* words) {
  const std::optional<std::string> text = reader_.Name(f);
  if (!text) return false;
  if (!PerSim(*ref.def)) {
    reader_.Error(f, Quoted(ref.Name()) +
                         " is not measured per SIM; 'per-sim' takes a metric that is, such as "
                         "fees.total or energy.attach_attempts");
    return false;
  }
  if (e->scope.kind == ExpectScope::Kind::kSim) {
    reader_.Error(f,
                  "'per-sim' takes a statistic over the SIMs of a scope, and 'sim' names one "
                  "SIM: give one or the other");
    return false;
  }
  using Q = Quantifier;
  const std::pair<std::string_view, Q> kNames[] = {
      {"each", Q::kEach}, {"min", Q::kMin}, {"max", Q::kMax}, {"mean", Q::kMean}};
  for (const auto& [name, q] : kNames) {
    if (*text != name) continue;
    e->quantifier = q;
    *words = q == Q::kEach ? "each SIM" : *text + " over SIMs";
    return true;
  }
  int percent = 0;
  const bool digits =
      text->size() >= 2 && text->size() <= 4 && (*text)[0] == 'p' &&
      std::all_of(text->begin() + 1, text->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) percent = std::stoi(text->substr(1));
  if (!digits || percent < 1 || percent > 100 || (*text)[1] == '0') {
    reader_.Error(f, "unknown quantifier " + Quoted(*text) +
                         DidYouMean(*text, std::vector<std::string>{"each", "min", "max", "mean",
                                                                    "p50", "p95", "p99"}) +
                         "; expected each, min, max, mean or pNN (p1 to p100, such as p95)");
    return false;
  }
  e->quantifier = Q::kPercentile;
  e->percentile = percent;
  *words = *text + " over SIMs";
  return true;
}

// `action: NAME`: the timeline entry given that `name:`. Recovery and energy take the mass event
// it started, so it must be an outage, a power-on or a power-cycle.
std::optional<int32_t> ScenarioLoader::ReadActionRef(const Field& f, const MetricRef& ref) {
  const std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  std::vector<std::string> names;
  std::optional<int32_t> found;
  for (size_t i = 0; i < scenario_.timeline.size(); ++i) {
    const TimelineAction& a = scenario_.timeline[i];
    // An outage's end is an action of its own, with the outage's name: the outage is meant.
    if (a.name.empty() || a.kind == ActionKind::kCellRestore ||
        a.kind == ActionKind::kCoreRestore) {
      continue;
    }
    if (std::find(names.begin(), names.end(), a.name) == names.end()) names.push_back(a.name);
    if (a.name == *name && !found) found = static_cast<int32_t>(i);
  }
  if (!found) {
    reader_.Error(f,
                  "no timeline entry named " + Quoted(*name) +
                      (names.empty() ? "; give the entry a 'name:' to refer to it"
                                     : DidYouMean(*name, names) + "; named: " + QuotedList(names)));
    return std::nullopt;
  }
  const TimelineAction& a = scenario_.timeline[static_cast<size_t>(*found)];
  if (ref.def->scopes != kScopeAction && !IsMassEvent(a.kind)) {
    reader_.Error(f, Quoted(*name) + " (" + a.text + ") is not a mass event; " +
                         Quoted(ref.Name()) +
                         " per action takes an outage, a power-on or a power-cycle");
    return std::nullopt;
  }
  return found;
}

// `month: 2027-02`: a calendar month the run bills.
std::optional<int64_t> ScenarioLoader::ReadMonth(const Field& f, bool have_duration) {
  const std::optional<std::string> text = reader_.Text(f);
  if (!text) return std::nullopt;
  const std::optional<int64_t> month = ParseMonth(*text);
  if (!month) {
    reader_.Error(f, "expected a month as YYYY-MM, such as 2026-02, not " + Quoted(*text));
    return std::nullopt;
  }
  if (!have_duration || scenario_.duration <= 0) return month;
  const int64_t first = MonthIndex(scenario_.start);
  const int64_t last = MonthIndex(scenario_.start + scenario_.duration - 1);
  if (*month < first || *month > last) {
    reader_.Error(
        f, Quoted(*text) + " is outside the run, which bills " +
               (first == last ? MonthText(first) : MonthText(first) + " to " + MonthText(last)));
    return std::nullopt;
  }
  return month;
}

// `billed-under: PLAN`: fee lines that plan charged. The scope's carrier, if it has one, tells
// plans of the same name apart.
bool ScenarioLoader::ReadBilledUnder(const Field& f, const ExpectScope& scope, Expectation* e,
                                     std::string* words) {
  std::optional<uint32_t> only;
  if (scope.kind == ExpectScope::Kind::kCarrier || scope.kind == ExpectScope::Kind::kPlan) {
    only = scope.index;
  }
  const std::optional<std::pair<uint32_t, PlanId>> plan = FindPlan(f, only);
  if (!plan) return false;
  e->filter.billed_under = true;
  e->filter.billed_carrier = plan->first;
  e->filter.billed_plan = plan->second;
  *words = "billed under plan " + scenario_.carriers[plan->first].profile.plans[plan->second].name +
           " of " + scenario_.carriers[plan->first].name;
  return true;
}

// The plan `f` names, of carrier `only` or of the one carrier that has a plan of that name.
std::optional<std::pair<uint32_t, PlanId>> ScenarioLoader::FindPlan(const Field& f,
                                                                    std::optional<uint32_t> only) {
  const std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  std::vector<std::pair<uint32_t, PlanId>> found;
  std::vector<std::string> all;
  for (uint32_t c = 0; c < scenario_.carriers.size(); ++c) {
    if (only && c != *only) continue;
    const std::vector<std::string> plans = scenario_.carriers[c].profile.PlanNames();
    for (size_t p = 0; p < plans.size(); ++p) {
      if (plans[p] == *name) found.emplace_back(c, static_cast<PlanId>(p));
      all.push_back(plans[p]);
    }
  }
  if (found.size() == 1) return found[0];
  reader_.Error(f, found.empty()
                       ? "no plan " + Quoted(*name) + " in " +
                             (only ? "carrier " + Quoted(scenario_.carriers[*only].name)
                                   : std::string("this scenario's carriers")) +
                             DidYouMean(*name, all)
                       : "several carriers have a plan " + Quoted(*name) + "; add 'carrier:'");
  return std::nullopt;
}

}  // namespace carriersim
