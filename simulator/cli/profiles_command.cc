#include <algorithm>

#include "simulator/base/diagnostics.h"
#include "simulator/carrier/builtin_profiles.h"
#include "simulator/carrier/profile_loader.h"
#include "simulator/cli/args.h"
#include "simulator/cli/commands.h"
#include "simulator/cli/exit_codes.h"

namespace carriersim {
namespace {

constexpr const char* kProfilesHelp = R"(usage: carriersim profiles [NAME]

Without NAME, lists the built-in carrier profiles. With NAME, shows that profile: its statuses
(what an attach gets, data, SMS), its counters and the rules on them, its verbs, and its plans
with their example prices. The profiles themselves are the files in scenarios/carriers/.

options:
  -h, --help  this help

exit codes: 0 ok, 2 usage error (such as an unknown profile), 70 internal error
)";

std::string StatusList(const CarrierProfile& p, uint64_t set) {
  std::vector<std::string> names;
  for (size_t s = 0; s < p.statuses.size(); ++s) {
    if (InSet(set, static_cast<StatusId>(s))) names.push_back(p.statuses[s].name);
  }
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

std::string AttachText(const AttachRule& rule) {
  switch (rule.kind) {
    case AttachRule::Kind::kAccept:
      return "accept";
    case AttachRule::Kind::kReject:
      return "reject #" + std::to_string(rule.cause) + " " + std::string(EmmCauseName(rule.cause));
  }
  return "";
}

std::string CounterText(const CarrierProfile& p, const CounterDef& c) {
  constexpr const char* kCounts[] = {"time", "data", "SMS", "commands", "attaches"};
  std::string text = std::string(kCounts[static_cast<int>(c.counts)]);
  const uint64_t all = (uint64_t{1} << p.statuses.size()) - 1;
  text += (c.in & all) == all ? " in every status" : " in " + StatusList(p, c.in);
  switch (c.reset) {
    case CounterDef::Reset::kNever:
      if (c.counts != CounterDef::Counts::kAttaches) text += ", never reset";
      break;
    case CounterDef::Reset::kMonth:
      text += ", reset each month";
      break;
    case CounterDef::Reset::kStay:
      text += ", reset each stay";
      break;
    case CounterDef::Reset::kVerbs: {
      std::vector<std::string> verbs;
      for (const VerbId v : c.reset_verbs) verbs.push_back(p.verbs[v].name);
      text += ", reset by " + QuotedList(verbs);
      break;
    }
  }
  if (c.counts == CounterDef::Counts::kAttaches) text += ", within " + FormatDuration(c.window);
  return text;
}

std::string ThresholdText(const CarrierProfile& p, const RuleDef& rule) {
  const Threshold& t = rule.threshold;
  if (t.kind == Threshold::Kind::kUsageLimit) return "the SIM's usage limit";
  if (t.kind == Threshold::Kind::kPlan) return "the plan's " + p.plan_values[t.plan_value];
  switch (p.counters[rule.counter].counts) {
    case CounterDef::Counts::kTime:
      return FormatCalendarSpan(t.span);
    case CounterDef::Counts::kData:
      return FormatDataSize(t.amount);
    default:
      return std::to_string(t.amount);
  }
}

std::string RuleText(const CarrierProfile& p, const RuleDef& rule) {
  constexpr const char* kCauses[] = {"timer", "network", "device-attach", "storm", "api"};
  std::string text = rule.name + ": ";
  switch (rule.on) {
    case RuleDef::On::kThreshold:
      text += p.counters[rule.counter].name + " reaches " + ThresholdText(p, rule);
      break;
    case RuleDef::On::kAttach:
      text += "attach";
      break;
    case RuleDef::On::kUpstreamBack:
      text += "upstream back";
      break;
  }
  text += " in " + StatusList(p, rule.in) + (rule.if_test_mode ? " in test mode" : "") + " -> ";
  text += rule.to_kind == RuleDef::To::kPrevious    ? "previous"
          : rule.to_kind == RuleDef::To::kRequested ? "requested"
                                                    : p.statuses[rule.to].name;
  text += std::string(" (") + kCauses[static_cast<int>(rule.cause)] + ")";
  if (rule.lasts_while_reached) text += ", while reached";
  return text;
}

void ShowStatuses(const CarrierProfile& p, std::ostream& out) {
  out << "statuses\n";
  for (const StatusDef& s : p.statuses) {
    out << "  " << s.name << (s.name == p.statuses[p.initial].name ? " (initial)" : "") << ": ";
    if (s.transient) {
      out << "transient";
    } else {
      out << "attach " << AttachText(s.attach) << "; data " << (s.data ? "yes" : "no")
          << "; SMS " << (s.sms ? "yes" : "no") << (s.final ? "; final" : "");
    }
    out << "\n";
  }
}

void ShowVerbs(const CarrierProfile& p, std::ostream& out) {
  out << "\nverbs\n";
  for (const VerbDef& v : p.verbs) {
    out << "  " << v.name << ": " << StatusList(p, v.from) << " -> "
        << (v.to_previous ? "previous" : p.statuses[v.to].name);
    if (v.via) out << " via " << p.statuses[*v.via].name;
    if (!v.roles.empty()) out << "; roles " << QuotedList(v.roles);
    if (!v.refused_for_plans.empty())
      out << "; refused for " << v.refused_for_plans.size() << " plans";
    if (v.protected_by_termination_protection) out << "; termination protection applies";
    for (const VerbDef::Limit& l : v.limits) out << "; " << l.channel << " at most " << l.max_sims;
    out << "\n";
  }
}

// Basic fees per status and the plan's own values of the rules' thresholds.
void ShowPlanAllowances(const CarrierProfile& p, const PlanDef& plan, std::ostream& out) {
  const Tariff& t = plan.tariff;
  for (size_t s = 0; s < t.basic.size(); ++s) {
    const StatusFee& fee = t.basic[s];
    if (!fee.charged) continue;
    out << "    " << p.statuses[s].name << ": " << FormatMoney(fee.price) << " per "
        << (fee.per == FeePeriod::kDay ? "day" : "month");
    if (!fee.free_for.empty()) out << ", free for " << FormatCalendarSpan(fee.free_for);
    if (fee.free_counter) out << " of " << p.counters[*fee.free_counter].name;
    out << "\n";
  }
  for (size_t v = 0; v < plan.rule_thresholds.size(); ++v) {
    const RuleDef& rule = p.rules[v];
    if (rule.threshold.kind != Threshold::Kind::kPlan) continue;
    RuleDef own = rule;
    own.threshold = plan.rule_thresholds[v];
    out << "    " << p.plan_values[rule.threshold.plan_value] << ": " << ThresholdText(p, own)
        << "\n";
  }
}

// Fees that fall due once: one-off, transition and renewal fees, then usage and month rules.
void ShowPlanCharges(const CarrierProfile& p, const Tariff& t, std::ostream& out) {
  for (const OneOffFee& f : t.one_off) {
    out << "    " << f.name << ": " << FormatMoney(f.price) << " "
        << (f.on_provisioning ? "when provisioned" : "on " + p.verbs[f.verb].name) << "\n";
  }
  for (const TransitionFee& f : t.transitions) {
    out << "    " << f.name << ": " << FormatMoney(f.price) << " (" << StatusList(p, f.from)
        << " -> " << StatusList(p, f.to) << ")\n";
  }
  if (t.renewal.enabled) {
    out << "    renewal: " << FormatMoney(t.renewal.price) << " after "
        << FormatCalendarSpan(t.renewal.after) << ", then every "
        << FormatCalendarSpan(t.renewal.every) << " of " << p.counters[t.renewal.counter].name
        << "\n";
  }
  if (t.usage.enabled) {
    out << "    data: " << FormatMoney(t.usage.per_mb) << " per MB";
    if (t.usage.included > 0) out << ", " << FormatDataSize(t.usage.included) << " included a month";
    out << "\n";
  }
  if (t.month_rule == MonthRule::kAtMonthEnd) {
    out << "    monthly fees: only for months that end in the status\n";
  } else if (t.month_rule == MonthRule::kNotSetTo) {
    out << "    monthly fees: not for the month in which the SIM is set to "
        << StatusList(p, t.month_not_set_to) << "\n";
  }
}

void ShowProfile(const CarrierProfile& p, std::ostream& out) {
  out << p.name << ": " << p.title << "\n\n" << p.description << "\n\n";
  ShowStatuses(p, out);
  if (!p.counters.empty()) out << "\ncounters\n";
  for (const CounterDef& c : p.counters) out << "  " << c.name << ": " << CounterText(p, c) << "\n";
  if (!p.rules.empty()) out << "\nrules\n";
  for (const RuleDef& rule : p.rules) out << "  " << RuleText(p, rule) << "\n";
  ShowVerbs(p, out);
  out << "\nplans\n";
  for (const PlanDef& plan : p.plans) {
    out << "  " << plan.name << (plan.description.empty() ? "" : ": " + plan.description) << "\n";
    ShowPlanAllowances(p, plan, out);
    ShowPlanCharges(p, plan.tariff, out);
  }
  out << "\nprices: " << p.prices << "\n";
}

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

const std::vector<OptionSpec>& ProfilesOptionSpecs() {
  static const std::vector<OptionSpec> none;  // NAME only
  return none;
}

int ProfilesCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, {}, &parsed, &error) || parsed.positional.size() > 1) {
    return UsageError(err, "profiles", error.empty() ? "at most one profile name" : error);
  }
  if (parsed.help) {
    out << kProfilesHelp;
    return kExitOk;
  }
  if (parsed.positional.empty()) {
    for (const std::string& name : BuiltinProfileNames()) {
      Diagnostics diag;
      const std::optional<CarrierProfile> p = LoadBuiltinProfile(name, diag);
      if (!p) throw std::logic_error("built-in profile " + name + " is invalid: " + diag.ToText());
      out << name << ": " << p->title << " (" << Count(p->statuses.size(), "status", "statuses")
          << ", " << Count(p->verbs.size(), "verb", "verbs") << ", "
          << Count(p->plans.size(), "plan", "plans") << ")\n";
    }
    return kExitOk;
  }
  const std::string& name = parsed.positional[0];
  if (FindBuiltinProfile(name) == nullptr) {
    err << "carriersim profiles: no built-in profile '" << name << "'"
        << DidYouMean(name, BuiltinProfileNames()) << "; built-in profiles are "
        << QuotedList(BuiltinProfileNames()) << "\n";
    return kExitUsage;
  }
  Diagnostics diag;
  const std::optional<CarrierProfile> profile = LoadBuiltinProfile(name, diag);
  if (!profile)
    throw std::logic_error("built-in profile " + name + " is invalid: " + diag.ToText());
  ShowProfile(*profile, out);
  return kExitOk;
}

}  // namespace carriersim
