#include <limits>

#include "simulator/scenario/fee_bound.h"
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
      if (n && group_ids_.Contains(*n)) {
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
      if (auto index = Reference(f, scenario_.carriers, carrier_ids_, "carrier")) {
        group.carrier = *index;
        carrier = &scenario_.carriers[*index];
      }
    }
    const Field plan = fields.Required("plan", "a plan of the carrier's profile");
    const Field device = fields.Required("device", "one of the scenario's device profiles");
    if (device.present()) {
      if (auto index = Reference(device, scenario_.devices, device_ids_, "device profile"))
        group.device = *index;
      else
        ok = false;
    }
    if (Field f = fields.Optional("cell"); f.present()) {
      if (auto index = Reference(f, scenario_.cell_sets, cell_set_ids_, "cell"))
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
    if (Field f = fields.Optional("firmware"); f.present()) {
      group.external = reader_.Choice(f, {"external", "modelled"}, "firmware") == "external";
    }
    fields.Finish();
    if (carrier == nullptr) {
      if (!group.name.empty()) broken_.Add(group.name, 0);
      continue;
    }
    const CarrierProfile& profile = carrier->profile;
    group.status = profile.initial;
    if (plan.present()) {
      if (auto id = ProfileRef(plan, *carrier, ProfileItem::kPlan)) {
        group.plan = static_cast<PlanId>(*id);
        ok = CheckCurrency(plan, profile.plans[*id]) && ok;
      } else {
        ok = false;
      }
    }
    if (subscriptions.present()) {
      for (const Field& element : reader_.Elements(subscriptions)) {
        if (auto id = ProfileRef(element, *carrier, ProfileItem::kPlan)) {
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
      if (auto id = ProfileRef(status, *carrier, ProfileItem::kStatus)) {
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
      if (!group.name.empty()) broken_.Add(group.name, 0);
      continue;
    }
    if (!TotalsFit(count, group)) {
      broken_.Add(group.name, 0);
      continue;
    }
    if (group.external) group.device = ExternalCopyOf(group.device);
    group.first_sim = scenario_.sim_count;
    scenario_.sim_count += group.count;
    group_ids_.Add(group.name, static_cast<uint32_t>(scenario_.groups.size()));
    scenario_.groups.push_back(std::move(group));
    group_fields_.push_back({count, plan});
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

// The device profile an external firmware drives: the profile's power and modem, with the
// modem's own attach retries as its only firmware (the program on the AT line decides the
// rest) and no traffic (it sends what it sends). One copy per profile, shared by its groups.
uint32_t ScenarioLoader::ExternalCopyOf(uint32_t device) {
  const std::string& name = scenario_.devices[device].name;
  for (uint32_t d = 0; d < scenario_.devices.size(); ++d) {
    if (scenario_.devices[d].external && scenario_.devices[d].name == name) return d;
  }
  DeviceSpec copy = scenario_.devices[device];
  copy.external = true;
  copy.firmware = FirmwareSpec{};
  copy.firmware.preset = "external";
  copy.traffic = TrafficSpec{};
  scenario_.devices.push_back(std::move(copy));
  return static_cast<uint32_t>(scenario_.devices.size() - 1);
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
  max_bytes_ = BoundAdd(max_bytes_, BoundMul(group.count, MostBytesOfSim(scenario_, group)));
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

// Fees too are counted exactly in 64 bits, in micro-units: once the timeline is read, the loader
// proves that neither one SIM nor the whole fleet can be charged more (fee_bound.h). Prices are
// never negative, so every narrower sum a report makes fits as well.
void ScenarioLoader::CheckFeesFit() {
  Int128 fleet = 0;
  for (uint32_t g = 0; g < scenario_.groups.size(); ++g) {
    const GroupSpec& group = scenario_.groups[g];
    const Int128 one = SimFeeBound(scenario_, g).Total();
    fleet = BoundAdd(fleet, BoundMul(group.count, one));
    if (one <= kInt64Max && fleet <= kInt64Max) continue;
    const std::string in = " in " + FormatDuration(scenario_.duration) +
                           ", more than the reports can count (at most " +
                           FormatWideAmount(kInt64Max) + " " +
                           std::string(scenario_.currency.str()) + ")";
    if (one > kInt64Max) {
      reader_.Error(group_fields_[g].plan,
                    "one SIM of this group could be charged " + AmountText(one) + in +
                        ": lower the prices of its plans or the duration");
    } else {
      reader_.Error(group_fields_[g].count,
                    "with this group the fleet could be charged " + AmountText(fleet) + in +
                        ": lower the count, the prices or the duration");
    }
    return;  // one is enough: the others add to the same total
  }
}

// "up to 12.50 USD", or "more than ..." when the bound saturated.
std::string ScenarioLoader::AmountText(Int128 micros) const {
  const std::string currency = " " + std::string(scenario_.currency.str());
  if (micros >= kFeeBoundCap) return "more than " + FormatWideAmount(kFeeBoundCap) + currency;
  return "up to " + FormatWideAmount(micros) + currency;
}

std::optional<size_t> ScenarioLoader::ProfileRef(const Field& f, const CarrierSpec& carrier,
                                                 ProfileItem item) {
  std::optional<std::string> name = reader_.Name(f);
  if (!name) return std::nullopt;
  const CarrierProfile& profile = carrier.profile;
  const bool plan = item == ProfileItem::kPlan;
  // Looked up without building the list of names, which only a message needs.
  std::optional<size_t> id;
  if (plan) {
    if (auto p = profile.FindPlan(*name)) id = *p;
  } else if (auto s = profile.FindStatus(*name)) {
    id = *s;
  }
  if (id) return id;
  const std::vector<std::string> names = plan ? profile.PlanNames() : profile.StatusNames();
  const std::string what = plan ? "plan" : "status";
  reader_.Error(f, "carrier " + Quoted(carrier.name) + " (profile " +
                       Excerpt(carrier.profile.name) + ") has no " + what + " " + Quoted(*name) +
                       DidYouMean(*name, names) + "; its " + what + "s are " + QuotedList(names));
  return std::nullopt;
}

}  // namespace carriersim
