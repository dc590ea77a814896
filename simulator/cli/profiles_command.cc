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
(what an attach gets, data, SMS, automatic changes), its verbs, and its plans with their example
prices. The profiles themselves are the files in scenarios/carriers/.
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

std::string AttachText(const CarrierProfile& p, const AttachRule& rule) {
  switch (rule.kind) {
    case AttachRule::Kind::kAccept:
      return "accept";
    case AttachRule::Kind::kReject:
      return "reject #" + std::to_string(rule.cause) + " " + std::string(EmmCauseName(rule.cause));
    case AttachRule::Kind::kBecomeThenAccept:
      return "become " + p.statuses[rule.become].name +
             (rule.become_in_test_mode
                  ? " (" + p.statuses[*rule.become_in_test_mode].name + " in test mode)"
                  : "");
  }
  return "";
}

std::string AutomaticText(const CarrierProfile& p, const AutoTransition& t) {
  std::string after;
  switch (t.trigger) {
    case AutoTransition::Trigger::kTime:
      after = FormatCalendarSpan(t.time);
      break;
    case AutoTransition::Trigger::kData:
      after = FormatDataSize(t.bytes);
      break;
    case AutoTransition::Trigger::kCommands:
      after = std::to_string(t.commands) + " commands";
      break;
  }
  return "after " + after + " -> " + (t.to_requested ? "requested" : p.statuses[t.to].name);
}

void ShowProfile(const CarrierProfile& p, std::ostream& out) {
  out << p.name << ": " << p.title << "\n\n" << p.description << "\n\nstatuses\n";
  for (const StatusDef& s : p.statuses) {
    out << "  " << s.name << (s.name == p.statuses[p.initial].name ? " (initial)" : "") << ": ";
    if (s.transient) {
      out << "transient";
      if (s.waits_for_upstream)
        out << ", waits for upstream then " << p.statuses[s.outage_then].name;
    } else {
      out << "attach " << AttachText(p, s.attach) << "; data " << (s.data ? "yes" : "no")
          << "; SMS " << (s.sms ? "yes" : "no") << (s.final ? "; final" : "");
    }
    for (const AutoTransition& t : s.automatic) out << "; " << AutomaticText(p, t);
    out << "\n";
  }
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
  out << "\nplans\n";
  for (const PlanDef& plan : p.plans) {
    out << "  " << plan.name << (plan.description.empty() ? "" : ": " + plan.description) << "\n";
    const Tariff& t = plan.tariff;
    for (size_t s = 0; s < t.basic.size(); ++s) {
      const StatusFee& fee = t.basic[s];
      if (!fee.charged) continue;
      out << "    " << p.statuses[s].name << ": " << FormatMoney(fee.price) << " per "
          << (fee.per == FeePeriod::kDay ? "day" : "month");
      if (!fee.free_for.empty()) out << ", free for " << FormatCalendarSpan(fee.free_for);
      out << "\n";
    }
    for (const TransitionFee& f : t.transitions) {
      out << "    " << f.name << ": " << FormatMoney(f.price) << " (" << StatusList(p, f.from)
          << " -> " << StatusList(p, f.to) << ")\n";
    }
    if (t.renewal.enabled) {
      out << "    renewal: " << FormatMoney(t.renewal.price) << " after "
          << FormatCalendarSpan(t.renewal.after) << ", then every "
          << FormatCalendarSpan(t.renewal.every) << " in " << StatusList(p, t.renewal.statuses)
          << "\n";
    }
    if (t.usage.enabled) {
      out << "    data: " << FormatMoney(t.usage.per_mb) << " per MB";
      if (t.usage.included > 0)
        out << ", " << FormatDataSize(t.usage.included) << " included a month";
      out << "\n";
    }
    if (t.month_rule == MonthRule::kAtMonthEnd) {
      out << "    monthly fees: only for months that end in the status\n";
    } else if (t.month_rule == MonthRule::kNotSetTo) {
      out << "    monthly fees: not for the month in which the SIM is set to "
          << StatusList(p, t.month_not_set_to) << "\n";
    }
  }
  out << "\nprices: " << p.prices << "\n";
}

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

int ProfilesCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ParsedArgs parsed;
  std::string error;
  if (!ParseArgs(args, {}, &parsed, &error) || parsed.positional.size() > 1) {
    err << "carriersim profiles: " << (error.empty() ? "at most one profile name" : error) << "\n"
        << kProfilesHelp;
    return kExitUsage;
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
