#include <limits>

#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

constexpr Int128 kInt64Max = std::numeric_limits<int64_t>::max();

}  // namespace

void ScenarioLoader::ReadFleet(const Field& fleet) {
  for (const Field& element : reader_.Elements(fleet)) {
    MapFields fields(reader_, element);
    if (!fields.is_map()) continue;
    GroupSpec group;
    bool ok = true;
    const Field name = fields.Required("group", "the group's name");
    if (name.present()) {
      std::optional<std::string> n = reader_.Name(name);
      if (n && FindByName<uint32_t>(scenario_.groups, *n)) {
        reader_.Error(name, "group " + Quoted(*n) + " is defined twice");
        ok = false;
      }
      group.name = n.value_or("");
      ok = ok && n.has_value();
    }
    const Field count = fields.Required("count", "how many SIMs and devices");
    if (count.present()) {
      std::optional<int64_t> c = reader_.Count(count, 1, kMaxSims);
      group.count = c.value_or(0);
      ok = ok && c.has_value();
      if (c && scenario_.sim_count + *c > kMaxSims) {
        reader_.Error(count,
                      "the fleet would have more than " + std::to_string(kMaxSims) + " SIMs");
        ok = false;
      }
    }
    const CarrierSpec* carrier = nullptr;
    if (Field f = fields.Required("carrier", "one of the scenario's carriers"); f.present()) {
      if (auto index = Reference(f, scenario_.carriers, "carrier")) {
        group.carrier = *index;
        carrier = &scenario_.carriers[*index];
      }
    }
    const Field plan = fields.Required("plan", "a plan of the carrier's profile");
    const Field device = fields.Required("device", "one of the scenario's device profiles");
    if (device.present()) {
      if (auto index = Reference(device, scenario_.devices, "device profile"))
        group.device = *index;
      else
        ok = false;
    }
    if (Field f = fields.Optional("cell"); f.present()) {
      if (auto index = Reference(f, scenario_.cell_sets, "cell"))
        group.cell_set = *index;
      else
        ok = false;
    }
    // A missing required key has been reported; the group is not usable without it.
    ok = ok && name.present() && count.present() && plan.present() && device.present();
    const Field status = fields.Optional("status");
    if (Field f = fields.Optional("power"); f.present()) {
      group.powered = reader_.Bool(f).value_or(true);
    }
    if (Field f = fields.Optional("test-mode"); f.present()) {
      group.test_mode = reader_.Bool(f).value_or(false);
    }
    if (Field f = fields.Optional("termination-protection"); f.present()) {
      group.termination_protection = reader_.Bool(f).value_or(false);
    }
    const Field usage_limit = fields.Optional("usage-limit");
    const Field subscriptions = fields.Optional("subscriptions");
    fields.Finish();
    if (carrier == nullptr) {
      if (!group.name.empty()) broken_.push_back(group.name);
      continue;
    }
    const CarrierProfile& profile = carrier->profile;
    group.status = profile.initial;
    if (plan.present()) {
      if (auto id = ProfileRef(plan, *carrier, profile.PlanNames(), "plan")) {
        group.plan = static_cast<PlanId>(*id);
        ok = CheckCurrency(plan, profile.plans[*id]) && ok;
      } else {
        ok = false;
      }
    }
    if (subscriptions.present()) {
      for (const Field& element : reader_.Elements(subscriptions)) {
        if (auto id = ProfileRef(element, *carrier, profile.PlanNames(), "plan")) {
          group.extra_plans.push_back(static_cast<PlanId>(*id));
          ok = CheckCurrency(element, profile.plans[*id]) && ok;
        } else {
          ok = false;
        }
      }
    }
    if (usage_limit.present()) {
      group.usage_limit = reader_.DataSize(usage_limit).value_or(0);
      if (group.usage_limit > 0 && !profile.usage_limits) {
        reader_.Error(usage_limit, "carrier " + Quoted(carrier->name) + " (profile " +
                                       Excerpt(profile.name) + ") has no usage limits");
        ok = false;
      }
    }
    if (status.present()) {
      if (auto id = ProfileRef(status, *carrier, profile.StatusNames(), "status")) {
        group.status = static_cast<StatusId>(*id);
        if (const std::string why = profile.WhyNotAStart(group.status); !why.empty()) {
          reader_.Error(status, why);
          ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (!ok) {
      if (!group.name.empty()) broken_.push_back(group.name);
      continue;
    }
    if (!TotalsFit(count, group)) {
      broken_.push_back(group.name);
      continue;
    }
    group.first_sim = scenario_.sim_count;
    scenario_.sim_count += group.count;
    scenario_.groups.push_back(group);
  }
  // Additional subscriptions are numbered after every SIM's own.
  scenario_.subscription_count = scenario_.sim_count;
  for (GroupSpec& group : scenario_.groups) {
    group.first_extra = scenario_.subscription_count;
    scenario_.subscription_count += group.count * static_cast<int64_t>(group.extra_plans.size());
  }
  if (fleet.value.IsSequence() && fleet.value.size() == 0) {
    reader_.Error(fleet, "no groups defined: add one such as '- { group: NAME, count: 10, ... }'");
  }
}

// Reports count every byte and millisecond exactly in 64 bits. Rather than check each addition
// during a run, the loader proves that no total can overflow: each group's largest possible
// usage and online time, summed over the fleet so far, must fit.
bool ScenarioLoader::CheckCurrency(const Field& f, const PlanDef& plan) {
  if (!plan.tariff.priced || plan.tariff.currency == scenario_.currency) return true;
  reader_.Error(f, "plan " + Quoted(plan.name) + " is priced in " +
                       std::string(plan.tariff.currency.str()) + " but the scenario reports in " +
                       std::string(scenario_.currency.str()) + ": set 'currency: " +
                       std::string(plan.tariff.currency.str()) + "' or override the plan's prices");
  return false;
}

bool ScenarioLoader::TotalsFit(const Field& count, const GroupSpec& group) {
  const TrafficSpec& traffic = scenario_.devices[group.device].traffic;
  const Int128 sends = traffic.every > 0 ? scenario_.duration / traffic.every + 1 : 0;
  max_bytes_ += Int128{group.count} * sends *
                (Int128{traffic.uplink.largest()} + Int128{traffic.downlink.largest()});
  max_online_ms_ += Int128{group.count} * scenario_.duration;
  if (max_bytes_ > kInt64Max) {
    reader_.Error(count, "with this group the fleet could carry more than 8 EB of data in " +
                             FormatDuration(scenario_.duration) +
                             ", more than the reports can count: lower the count, the traffic "
                             "sizes or the duration");
    return false;
  }
  if (max_online_ms_ > kInt64Max) {
    reader_.Error(count,
                  "with this group the fleet could be online for more than 2^63 SIM-ms "
                  "in " +
                      FormatDuration(scenario_.duration) +
                      ", more than the reports can count: lower the count or the duration");
    return false;
  }
  return true;
}

std::optional<size_t> ScenarioLoader::ProfileRef(const Field& f, const CarrierSpec& carrier,
                                                 const std::vector<std::string>& names,
                                                 std::string_view what) {
  std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  auto it = std::find(names.begin(), names.end(), *name);
  if (it != names.end()) return static_cast<size_t>(it - names.begin());
  reader_.Error(f, "carrier " + Quoted(carrier.name) + " (profile " +
                       Excerpt(carrier.profile.name) + ") has no " + std::string(what) + " " +
                       Quoted(*name) + DidYouMean(*name, names) + "; its " + std::string(what) +
                       "s are " + QuotedList(names));
  return std::nullopt;
}

}  // namespace carriersim
