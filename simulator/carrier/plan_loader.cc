// Plans and their tariffs: the part of a carrier profile that says what each status costs.
#include <algorithm>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

void ProfileLoader::ReadPlans(const Field& plans) {
  MapFields map(reader_, plans);
  for (const Field& entry : map.Entries()) {
    PlanDef plan;
    plan.name = reader_.Name(Field{entry.key, entry.key, entry.path}).value_or("");
    plan.tariff.basic.resize(profile_.statuses.size());
    plan_currency_set_.push_back(false);
    MapFields fields(reader_, entry);
    if (Field f = fields.Optional("description"); f.present()) {
      plan.description = reader_.Text(f).value_or("");
    }
    if (Field f = fields.Optional("currency"); f.present()) {
      if (auto currency = reader_.CurrencyCode(f)) {
        plan.tariff.currency = *currency;
        plan_currency_set_.back() = true;
      }
    }
    const Field values = fields.Optional("values");
    const Field basic = fields.Required("basic", "the basic fee of every status, or 'free'");
    const Field month_rule = fields.Optional("month-rule");
    const Field transitions = fields.Optional("transitions");
    const Field one_off = fields.Optional("fees");
    const Field renewal = fields.Optional("renewal");
    const Field usage = fields.Optional("usage");
    fields.Finish();
    ReadPlanValues(values);
    if (basic.present()) ReadBasicFees(basic, plan);
    if (month_rule.present()) ReadMonthRule(month_rule, plan);
    if (transitions.present()) ReadTransitions(transitions, plan);
    if (one_off.present()) ReadOneOffFees(one_off, plan);
    if (renewal.present()) ReadRenewal(renewal, plan);
    if (usage.present()) ReadUsage(usage, plan);
    profile_.plans.push_back(std::move(plan));
  }
  for (std::vector<Field>& row : plan_value_fields_) {
    row.resize(profile_.plan_values.size(), Field::Absent(""));
  }
  if (profile_.plans.empty() && map.is_map()) reader_.Error(plans, "no plans defined");
  if (profile_.plans.size() > kMaxPlans) {
    reader_.Error(plans, "too many plans (at most " + std::to_string(kMaxPlans) + ")");
  }
}

// `values: { NAME: THRESHOLD }`: what rules written `reaches: plan.NAME` compare with on this
// plan. Typed by the rules' counters once the rules are read (ResolveRuleThresholds).
void ProfileLoader::ReadPlanValues(const Field& f) {
  std::vector<Field>& row = plan_value_fields_.emplace_back(profile_.plan_values.size(),
                                                            Field::Absent(""));
  if (!f.present()) return;
  MapFields map(reader_, f);
  for (const Field& entry : map.Entries()) {
    const std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
    if (!name) continue;
    auto at = std::find(profile_.plan_values.begin(), profile_.plan_values.end(), *name);
    if (at == profile_.plan_values.end()) {
      profile_.plan_values.push_back(*name);
      row.resize(profile_.plan_values.size(), Field::Absent(""));
      at = profile_.plan_values.end() - 1;
    }
    row[static_cast<size_t>(at - profile_.plan_values.begin())] = entry;
  }
}

// A price in the plan's currency: the first price sets it when the plan does not say.
std::optional<Money> ProfileLoader::Price(const Field& f, PlanDef& plan) {
  std::optional<Money> price = reader_.MoneyAmount(f);
  if (!price) return std::nullopt;
  plan.tariff.priced = true;
  if (!plan_currency_set_.back()) {
    plan.tariff.currency = price->currency;
    plan_currency_set_.back() = true;
  } else if (!(price->currency == plan.tariff.currency)) {
    reader_.Error(f, "plan " + Quoted(plan.name) + " is priced in " +
                         std::string(plan.tariff.currency.str()) + ", not " +
                         std::string(price->currency.str()));
    return std::nullopt;
  }
  return price;
}

void ProfileLoader::ReadBasicFees(const Field& f, PlanDef& plan) {
  MapFields map(reader_, f);
  std::vector<bool> given(profile_.statuses.size(), false);
  for (const Field& entry : map.Entries()) {
    const std::optional<StatusId> id = StatusRef(Field{entry.key, entry.key, entry.path});
    if (!id) continue;
    const StatusDef& status = profile_.statuses[*id];
    given[*id] = true;
    if (entry.value.IsScalar() && entry.value.Scalar() == "free") continue;
    if (status.final || status.transient) {
      reader_.Error(entry, std::string(status.final ? "final" : "transient") + " status " +
                               Quoted(status.name) + " has no fee of its own; remove it");
      continue;
    }
    MapFields fee_fields(reader_, entry);
    if (!fee_fields.is_map()) continue;
    StatusFee& fee = plan.tariff.basic[*id];
    const Field price = fee_fields.Required("price", "such as '0.06 USD'");
    const Field per = fee_fields.Required("per", "day or month");
    const Field free_for = fee_fields.Optional("free-for");
    const Field counter = fee_fields.Optional("counter");
    fee_fields.Finish();
    if (price.present()) {
      if (auto money = Price(price, plan)) fee.price = *money;
    }
    if (per.present()) {
      if (auto unit = reader_.Choice(per, {"day", "month"}, "fee period")) {
        fee.per = *unit == "day" ? FeePeriod::kDay : FeePeriod::kMonth;
      }
    }
    if (free_for.present()) {
      std::string error;
      if (auto text = reader_.Text(free_for);
          text && !ParseCalendarSpan(*text, &fee.free_for, &error)) {
        reader_.Error(free_for, error);
      }
    }
    if (counter.present()) {
      fee.free_counter = TimeCounterRef(counter, "the free period");
      if (!free_for.present()) reader_.Error(counter, "a counter only measures 'free-for'");
    }
    fee.charged = price.present() && per.present();
  }
  if (!map.is_map()) return;
  for (size_t s = 0; s < profile_.statuses.size(); ++s) {
    const StatusDef& status = profile_.statuses[s];
    if (!given[s] && !status.final && !status.transient) {
      reader_.Error(f, "plan " + Quoted(plan.name) + " has no basic fee for status " +
                           Quoted(status.name) + " (write '" + Excerpt(status.name) +
                           ": free' if it costs nothing)");
    }
  }
}

// `any-time`, `at-month-end`, or `{ except-month-set-to: [statuses] }`.
void ProfileLoader::ReadMonthRule(const Field& f, PlanDef& plan) {
  Tariff& tariff = plan.tariff;
  if (!f.value.IsMap()) {
    if (auto rule = reader_.Choice(f, {"any-time", "at-month-end"}, "month rule")) {
      tariff.month_rule = *rule == "any-time" ? MonthRule::kAnyTime : MonthRule::kAtMonthEnd;
    }
    return;
  }
  MapFields map(reader_, f);
  const Field set_to = map.Required("except-month-set-to",
                                    "the statuses whose month is not paid when the SIM is set to "
                                    "one of them");
  map.Finish();
  if (!set_to.present()) return;
  tariff.month_rule = MonthRule::kNotSetTo;
  tariff.month_not_set_to = StatusSet(set_to);
}

void ProfileLoader::ReadUsage(const Field& f, PlanDef& plan) {
  MapFields map(reader_, f);
  const Field per_mb = map.Required("per-mb", "the price of 1 MB (1,048,576 bytes)");
  const Field included = map.Optional("included");
  const Field unit = map.Optional("billing-unit");
  const Field free_in = map.Optional("free-in");
  map.Finish();
  UsageTariff& usage = plan.tariff.usage;
  if (per_mb.present()) {
    if (auto money = Price(per_mb, plan)) usage.per_mb = *money;
  }
  if (included.present()) usage.included = reader_.DataSize(included).value_or(0);
  if (unit.present()) {
    usage.billing_unit = reader_.DataSize(unit).value_or(1);
    if (usage.billing_unit < 1) reader_.Error(unit, "the billing unit must be at least 1B");
  }
  if (free_in.present()) usage.free_statuses = StatusSet(free_in);
  usage.enabled = per_mb.present();
}

}  // namespace carriersim
