// Counters and rules: what a carrier does by itself, as data (simulator/carrier/counters.h).
#include <algorithm>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {
namespace {

// Stands for a rule's statuses that were all misspelt, so that later checks stay quiet.
constexpr uint64_t kUnresolvedSet = ~uint64_t{0};

constexpr std::string_view kCauseNames[] = {"timer", "network", "device-attach", "storm", "api"};

}  // namespace

void ProfileLoader::ReadCounters(const Field& counters) {
  MapFields map(reader_, counters);
  for (const Field& entry : map.Entries()) {
    if (profile_.counters.size() == kMaxCounters) {
      reader_.Error(entry, "too many counters (at most " + std::to_string(kMaxCounters) + ")");
      break;
    }
    CounterDef counter;
    counter.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
    MapFields fields(reader_, entry);
    const Field counts =
        fields.Required("counts", "what it adds up: time, data, sms, commands or attaches");
    const Field in = fields.Optional("in");
    const Field reset = fields.Optional("reset");
    const Field window = fields.Optional("window");
    fields.Finish();
    if (counts.present()) {
      if (auto kind = reader_.Choice(counts, {"time", "data", "sms", "commands", "attaches"},
                                     "counter kind")) {
        constexpr CounterDef::Counts kKinds[] = {
            CounterDef::Counts::kTime, CounterDef::Counts::kData, CounterDef::Counts::kSms,
            CounterDef::Counts::kCommands, CounterDef::Counts::kAttaches};
        const std::vector<std::string> names = {"time", "data", "sms", "commands", "attaches"};
        counter.counts = kKinds[std::find(names.begin(), names.end(), *kind) - names.begin()];
      }
    }
    if (in.present()) counter.in = StatusSet(in);
    if (reset.present()) ReadCounterReset(reset, counter);
    const bool attaches = counter.counts == CounterDef::Counts::kAttaches;
    if (window.present()) {
      counter.window = reader_.Duration(window, kSecond).value_or(0);
      if (!attaches) reader_.Error(window, "only a counter of attaches has a sliding window");
    } else if (attaches && counts.present()) {
      reader_.Error(entry, "a counter of attaches needs a sliding 'window', such as 1h");
    }
    if (attaches && reset.present()) {
      reader_.Error(reset, "a counter of attaches forgets by its window, and starts afresh when a "
                           "rule acts on it; it takes no 'reset'");
    }
    profile_.counters.push_back(counter);
  }
}

// never | month | stay | { verbs: [NAMES] }
void ProfileLoader::ReadCounterReset(const Field& f, CounterDef& counter) {
  if (!f.value.IsMap()) {
    if (auto choice = reader_.Choice(f, {"never", "month", "stay"}, "reset")) {
      counter.reset = *choice == "never"   ? CounterDef::Reset::kNever
                      : *choice == "month" ? CounterDef::Reset::kMonth
                                           : CounterDef::Reset::kStay;
    }
    return;
  }
  MapFields map(reader_, f);
  const Field verbs = map.Required("verbs", "the verbs that restart the count, such as [top-up]");
  map.Finish();
  if (!verbs.present()) return;
  counter.reset = CounterDef::Reset::kVerbs;
  for (const Field& element : reader_.Elements(verbs)) {
    const std::optional<std::string> name = reader_.Name(element);
    if (!name) continue;
    if (auto verb = profile_.FindVerb(*name)) {
      counter.reset_verbs.push_back(*verb);
    } else {
      reader_.Error(element, "no verb " + Quoted(*name) + " in this profile" +
                                 DidYouMean(*name, profile_.VerbNames()));
    }
  }
}

std::optional<CounterId> ProfileLoader::CounterRef(const Field& f) {
  const std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  if (auto id = profile_.FindCounter(*name)) return id;
  std::vector<std::string> names;
  for (const CounterDef& c : profile_.counters) names.push_back(c.name);
  reader_.Error(f,
                "no counter " + Quoted(*name) + " in this profile" + DidYouMean(*name, names) +
                    (names.empty() ? "; it defines none" : "; counters are " + QuotedList(names)));
  return std::nullopt;
}

// `rules: { NAME: { ... } }`, in the profile's order: the first rule that applies acts.
void ProfileLoader::ReadRules(const Field& rules) {
  MapFields map(reader_, rules);
  std::vector<Field> elements = map.Entries();
  if (elements.size() > kMaxRules) {
    reader_.Error(rules, "too many rules (at most " + std::to_string(kMaxRules) + ")");
    elements.resize(kMaxRules);
  }
  for (const Field& element : elements) {
    RuleDef rule;
    rule.name = reader_.Name(Field{element.key, element.key, element.path}).value_or("");
    MapFields fields(reader_, element);
    const Field when = fields.Optional("when");
    const Field on = fields.Optional("on");
    const Field reaches = fields.Optional("reaches");
    const Field in = fields.Optional("in");
    const Field test_mode = fields.Optional("if");
    const Field to = fields.Required("to", "a status, 'previous' or 'requested'");
    const Field cause = fields.Optional("cause");
    const Field lasts = fields.Optional("lasts");
    fields.Finish();
    bool counted = false;  // a counter that exists, whose threshold is then read
    if (when.present() == on.present()) {
      if (fields.is_map()) {
        reader_.Error(element, "give exactly one of 'when' (a counter, with 'reaches') or 'on' "
                               "(attach or upstream-back)");
      }
    } else if (when.present()) {
      if (auto counter = CounterRef(when)) {
        rule.counter = *counter;
        counted = true;
      }
      if (!reaches.present()) {
        reader_.Error(element, "missing key 'reaches': the threshold the counter " +
                                   Quoted(reader_.Text(when).value_or("")) + " is compared with");
      }
    } else if (auto event = reader_.Choice(on, {"attach", "upstream-back"}, "event")) {
      rule.on = *event == "attach" ? RuleDef::On::kAttach : RuleDef::On::kUpstreamBack;
      if (reaches.present()) reader_.Error(reaches, "only a rule on a counter ('when') has one");
    }
    const bool target_known = ReadRuleTarget(to, rule);
    ReadRuleOptions(in, test_mode, cause, lasts, rule);
    // A misspelt target is reported; the checks then pass the rule over as they do one whose
    // statuses were all misspelt, rather than read a status it does not name.
    if (!target_known) rule.in = kUnresolvedSet;
    profile_.rules.push_back(rule);
    rule_fields_.push_back(element);
    rule_reaches_.push_back(counted ? reaches : Field::Absent(element.path + ".reaches"));
  }
  ResolveRuleThresholds();
}

// False when the rule names no status it could move to (missing or misspelt: reported).
bool ProfileLoader::ReadRuleTarget(const Field& to, RuleDef& rule) {
  if (!to.present()) return false;
  if (to.value.IsScalar() && to.value.Scalar() == "previous") {
    rule.to_kind = RuleDef::To::kPrevious;
  } else if (to.value.IsScalar() && to.value.Scalar() == "requested") {
    rule.to_kind = RuleDef::To::kRequested;
  } else if (auto id = StatusRef(to)) {
    rule.to = *id;
  } else {
    return false;
  }
  return true;
}

void ProfileLoader::ReadRuleOptions(const Field& in, const Field& test_mode, const Field& cause,
                                    const Field& lasts, RuleDef& rule) {
  const bool counter_rule = rule.on == RuleDef::On::kThreshold;
  const CounterDef* counter = counter_rule && rule.counter < profile_.counters.size()
                                  ? &profile_.counters[rule.counter]
                                  : nullptr;
  if (in.present()) {
    rule.in = StatusSet(in);
    // A set whose every status was misspelt is reported already: not again as an empty one.
    if (rule.in == 0 && in.value.IsSequence() && in.value.size() > 0) rule.in = kUnresolvedSet;
  } else if (counter != nullptr) {
    rule.in = counter->in & ((uint64_t{1} << profile_.statuses.size()) - 1);
  }
  if (test_mode.present()) {
    if (reader_.Choice(test_mode, {"test-mode"}, "condition")) rule.if_test_mode = true;
    if (rule.on != RuleDef::On::kAttach) {
      reader_.Error(test_mode, "only a rule on attach depends on test mode");
    }
  }
  rule.cause = rule.on == RuleDef::On::kAttach        ? RuleDef::Cause::kDeviceAttach
               : rule.on == RuleDef::On::kUpstreamBack ? RuleDef::Cause::kNetwork
               : counter == nullptr                    ? RuleDef::Cause::kTimer
               : counter->counts == CounterDef::Counts::kTime     ? RuleDef::Cause::kTimer
               : counter->counts == CounterDef::Counts::kAttaches ? RuleDef::Cause::kStorm
                                                                   : RuleDef::Cause::kNetwork;
  if (cause.present()) {
    const std::vector<std::string> names(std::begin(kCauseNames), std::end(kCauseNames));
    if (auto name = reader_.Choice(cause, names, "cause")) {
      rule.cause = static_cast<RuleDef::Cause>(std::find(names.begin(), names.end(), *name) -
                                               names.begin());
    }
  }
  if (lasts.present()) {
    if (reader_.Choice(lasts, {"while-reached"}, "duration")) rule.lasts_while_reached = true;
    if (!counter_rule) reader_.Error(lasts, "only a rule on a counter lasts while it is reached");
  }
}

// Thresholds, typed by their counter, once the plans (and their values) are read.
void ProfileLoader::ResolveRuleThresholds() {
  for (PlanDef& plan : profile_.plans) plan.rule_thresholds.resize(profile_.rules.size());
  for (size_t r = 0; r < profile_.rules.size(); ++r) {
    RuleDef& rule = profile_.rules[r];
    if (rule.on != RuleDef::On::kThreshold || rule.counter >= profile_.counters.size()) continue;
    const Field& reaches = rule_reaches_[r];
    if (!reaches.present()) continue;
    const CounterDef& counter = profile_.counters[rule.counter];
    const std::optional<std::string> text = reader_.Text(reaches);
    if (!text) continue;
    if (*text == "usage-limit") {
      rule.threshold.kind = Threshold::Kind::kUsageLimit;
      profile_.usage_limits = true;
      if (counter.counts != CounterDef::Counts::kData) {
        reader_.Error(reaches, "a SIM's usage limit is data: counter " + Quoted(counter.name) +
                                   " does not count data");
      }
    } else if (text->rfind("plan.", 0) == 0) {
      ResolvePlanThreshold(reaches, text->substr(5), r);
    } else if (auto t = ParseThreshold(reaches, *text, counter)) {
      rule.threshold = *t;
    }
  }
}

// Every plan value is read by some rule: one that none reads is a typo of the one meant.
void ProfileLoader::CheckPlanValuesRead() {
  std::vector<bool> read(profile_.plan_values.size(), false);
  std::vector<std::string> read_names;
  for (const RuleDef& r : profile_.rules) {
    if (r.threshold.kind != Threshold::Kind::kPlan || r.threshold.plan_value >= read.size() ||
        read[r.threshold.plan_value]) {
      continue;
    }
    read[r.threshold.plan_value] = true;
    read_names.push_back(profile_.plan_values[r.threshold.plan_value]);
  }
  for (size_t v = 0; v < profile_.plan_values.size(); ++v) {
    if (read[v]) continue;
    const std::string& name = profile_.plan_values[v];
    const std::string meant = DidYouMean(name, read_names);
    for (size_t p = 0; p < plan_value_fields_.size(); ++p) {
      if (v < plan_value_fields_[p].size() && plan_value_fields_[p][v].present()) {
        reader_.Error(plan_value_fields_[p][v],
                      "no rule reads the plan value " + Quoted(name) +
                          (meant.empty() ? " (a rule reads it with reaches: plan." + Excerpt(name) +
                                               ")"
                                         : meant));
        break;
      }
    }
  }
}

// `plan.NAME`: every plan gives a value NAME, of the counter's kind.
void ProfileLoader::ResolvePlanThreshold(const Field& reaches, const std::string& name,
                                         size_t rule) {
  const auto at = std::find(profile_.plan_values.begin(), profile_.plan_values.end(), name);
  if (at == profile_.plan_values.end()) {
    reader_.Error(reaches, "no plan of this profile has a value " + Quoted(name) +
                               DidYouMean(name, profile_.plan_values));
    return;
  }
  const size_t index = static_cast<size_t>(at - profile_.plan_values.begin());
  profile_.rules[rule].threshold.kind = Threshold::Kind::kPlan;
  profile_.rules[rule].threshold.plan_value = static_cast<uint32_t>(index);
  const CounterDef& counter = profile_.counters[profile_.rules[rule].counter];
  for (size_t p = 0; p < profile_.plans.size(); ++p) {
    const Field& value = plan_value_fields_[p][index];
    if (!value.present()) {
      reader_.Error(reaches, "plan " + Quoted(profile_.plans[p].name) + " has no value " +
                                 Quoted(name) + " for this rule");
      continue;
    }
    if (auto text = reader_.Text(value)) {
      if (auto t = ParseThreshold(value, *text, counter)) profile_.plans[p].rule_thresholds[rule] = *t;
    }
  }
}

// A threshold of `counter`'s kind: a time, a data size, or a count.
std::optional<Threshold> ProfileLoader::ParseThreshold(const Field& f, const std::string& text,
                                                       const CounterDef& counter) {
  Threshold t;
  std::string error;
  switch (counter.counts) {
    case CounterDef::Counts::kTime:
      if (!ParseCalendarSpan(text, &t.span, &error)) break;
      if (t.span.empty()) error = "a time threshold must be more than 0";
      break;
    case CounterDef::Counts::kData:
      if (ParseDataSize(text, &t.amount, &error) && t.amount <= 0) {
        error = "a data threshold must be more than 0";
      }
      break;
    default:
      if (ParseCount(text, &t.amount, &error) && t.amount <= 0) {
        error = "a count threshold must be at least 1";
      }
      break;
  }
  if (error.empty()) return t;
  reader_.Error(f, "threshold of counter " + Quoted(counter.name) + ": " + error);
  return std::nullopt;
}

}  // namespace carriersim
