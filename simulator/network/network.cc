// Provisioning, the start and the end of a run.
#include <algorithm>
#include <bit>

#include "simulator/network/network.h"

namespace carriersim {

Network::Network(const SimDirectory& directory, TimerSlot subscription_timer, Billing& billing,
                 Recorder& recorder)
    : directory_(directory),
      scenario_(directory.scenario()),
      timer_(subscription_timer),
      billing_(billing),
      recorder_(recorder),
      months_(MonthTableFor(directory.scenario().start)),
      subs_(directory.size()),
      counters_(directory),
      cells_(directory.scenario().cells),
      account_terminated_(directory.scenario().carriers.size(), kNever) {
  size_t attaches_counters = 0;
  for (const CarrierSpec& carrier : scenario_.carriers) {
    kinds_.emplace_back(carrier.profile);
    attaches_counters =
        std::max<size_t>(attaches_counters, std::popcount(kinds_.back().attaches));
    for (const StatusDef& status : carrier.profile.statuses) {
      if (status.attach.kind == AttachRule::Kind::kReject &&
          status.attach.cause == kCauseCongestion) {
        attach_cell_.resize(directory.size());
      }
    }
  }
  for (size_t k = 0; k < attaches_counters; ++k) storms_.emplace_back(directory.size());
  const int32_t first_month = static_cast<int32_t>(months_.Index(scenario_.start));
  for (const GroupSpec& group : scenario_.groups) {
    const CarrierProfile& profile = scenario_.carriers[group.carrier].profile;
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      subs_.status[sim] = group.status;
      subs_.stable[sim] = group.status;
      subs_.previous[sim] = group.status;
      subs_.counters_month[sim] = first_month;
      subs_.counting[sim] = kinds_[group.carrier].Counting(group.status, group.status);
      subs_.Set(sim, kTestMode, group.test_mode);
      subs_.Set(sim, kTerminationProtection, group.termination_protection);
      subs_.usage_limit[sim] = group.usage_limit;
      directory_.ForEachSubscription(sim, [&](SubscriptionId sub, PlanId plan) {
        const Tariff& tariff = profile.plans[plan].tariff;
        billing_.Open(sub, sim, plan, tariff, 0, RenewalSince(sim, tariff, 0));
      });
      ChargeOneOffFees(sim, std::nullopt, 0);
    }
  }
}

void Network::ChargeOneOffFees(SimId sim, std::optional<VerbId> verb, SimTime now) {
  if (verb && !KindsOf(sim).fees_on[*verb]) return;
  ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
    for (const OneOffFee& fee : tariff.one_off) {
      if (verb ? !fee.on_provisioning && fee.verb == *verb : fee.on_provisioning) {
        billing_.ChargeOneOff(sub, fee, subs_.stable[sim], now);
      }
    }
  });
}

bool Network::VerbHasFees(SimId sim, VerbId verb) const {
  if (!KindsOf(sim).fees_on[verb]) return false;
  bool fees = false;
  ForEachSubscription(sim, [&](SubscriptionId, const Tariff& tariff) {
    for (const OneOffFee& fee : tariff.one_off) {
      fees = fees || (!fee.on_provisioning && fee.verb == verb);
    }
  });
  return fees;
}

// The k-th counter of attaches of the SIM's profile counts in storms_[k].
size_t Network::AttachesSlot(SimId sim, CounterId c) const {
  const uint16_t before = static_cast<uint16_t>(KindsOf(sim).attaches & ((1u << c) - 1));
  return static_cast<size_t>(std::popcount(before));
}

void Network::Start() {
  for (SimId sim = 0; sim < subs_.size(); ++sim) ArmSubscriptionTimer(sim, 0);
}

void Network::Finish(SimTime end) {
  for (SimId sim = 0; sim < subs_.size(); ++sim) {
    Account(sim, end);
    subs_.commands_received[sim] += ScheduledCommands(sim, end);
    ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      const StatusId status = subs_.stable[sim];
      billing_.Finish(sub, tariff, status,
                      FreeSince(sim, tariff, status, subs_.stable_since[sim], end), end);
    });
  }
}

}  // namespace carriersim
