// Provisioning, the start and the end of a run.
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
      cells_(directory.scenario().cells),
      storms_(directory.size()),
      account_terminated_(directory.scenario().carriers.size(), kNever) {
  for (const CarrierSpec& carrier : scenario_.carriers) {
    for (const StatusDef& status : carrier.profile.statuses) {
      if (status.attach.kind == AttachRule::Kind::kReject &&
          status.attach.cause == kCauseCongestion) {
        attach_cell_.resize(directory.size());
      }
    }
  }
  for (const GroupSpec& group : scenario_.groups) {
    const CarrierProfile& profile = scenario_.carriers[group.carrier].profile;
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      subs_.status[sim] = group.status;
      subs_.stable[sim] = group.status;
      subs_.previous[sim] = group.status;
      subs_.Set(sim, kTestMode, group.test_mode);
      subs_.Set(sim, kTerminationProtection, group.termination_protection);
      subs_.usage_limit[sim] = group.usage_limit;
      directory_.ForEachSubscription(sim, [&](SubscriptionId sub, PlanId plan) {
        billing_.Open(sub, sim, plan, profile.plans[plan].tariff, group.status, 0);
      });
    }
  }
}

void Network::Start() {
  for (SimId sim = 0; sim < subs_.size(); ++sim) ArmSubscriptionTimer(sim, 0);
}

void Network::Finish(SimTime end) {
  for (SimId sim = 0; sim < subs_.size(); ++sim) {
    AccrueUsage(sim, end);
    subs_.commands_received[sim] += ScheduledCommands(sim, end);
    ForEachSubscription(sim, [&](SubscriptionId sub, const Tariff& tariff) {
      billing_.Finish(sub, tariff, subs_.stable[sim], subs_.stable_since[sim], end);
    });
  }
}

}  // namespace carriersim
