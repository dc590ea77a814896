// The emulated core network and the carrier behind it: every SIM's subscription (status, plan,
// counters), the devices' registrations and data sessions as the core sees them, the cells and
// the core's outages. One generic engine interprets every carrier profile; nothing here knows a
// carrier by name.
//
// Three doors lead in, and nothing else changes the network's state:
//  - from the devices, the NAS messages of nas/ports.h (NetworkPort): attach request and
//    complete, PDN request and release, detach; it answers through a DevicePort;
//  - from the carrier's API (the scenario timeline today, HTTP requests later): verbs, plan
//    changes, settings, account termination; each returns an Outcome;
//  - from the physical world: cells and the core going down and coming back;
// plus its own timer, the subscription timer of each SIM.
//
// Invariants:
//  1. A SIM's stable status is never transient, and `status` is either the stable status or a
//     transient one a change is passing through; nothing leaves a final status.
//  2. A SIM has an open data session only while its device is attached and the stable status
//     allows data; every session opened is in the recorder's session log, and closed there when
//     it closes.
//  3. Usage is accounted up to `session_start` of an open session; what the device sent after
//     it is asked for (DevicePort::Traffic) when it is accounted.
//  4. Every stay in a stable status is billed: billing hears of each change of stable status
//     and of plan, with the usage accounted before it.
//  5. The subscription timer of a SIM is pending whenever a rule of its profile may act on it
//     (a counter reaching a threshold, the upstream operator back, a month restarting a count),
//     at the earliest time one may. It may also fire and find nothing due (the session it
//     counted on closed since): it then re-arms or stops.
//  6. A SIM's counters are accounted up to `counted_to`; its status has not changed since.
// Thread safety: none; one network belongs to one run.
#ifndef CARRIERSIM_NETWORK_NETWORK_H_
#define CARRIERSIM_NETWORK_NETWORK_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "simulator/base/calendar.h"
#include "simulator/billing/billing.h"
#include "simulator/engine/engine.h"
#include "simulator/nas/ports.h"
#include "simulator/network/cells.h"
#include "simulator/network/counter_table.h"
#include "simulator/network/outcome.h"
#include "simulator/network/storm_counter.h"
#include "simulator/network/subscribers.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

class Network {
 public:
  // Provisions every SIM of the scenario in its group's initial status and plan, and opens its
  // subscriptions' billing. `subscription_timer` is the timer slot of the SIMs: SIM i's timer is
  // its index i (the world puts it on entity i + 1, slot 1).
  Network(const SimDirectory& directory, TimerSlot subscription_timer, Billing& billing,
          Recorder& recorder);
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // Where the network's messages to the devices go. REQUIRES: called before anything runs.
  void Connect(DevicePort devices) { devices_ = devices; }
  // Arms every SIM's subscription timer: the run starts at 0.
  void Start();

  // --- From the devices (NetworkPort) ---
  // Nothing reaches the core from a cell that is down (kNoCell); past the cell's capacity the
  // answer is #22 (NET-3); while the core is down, no answer (NET-4). Otherwise the attempt
  // counts towards a storm (SOR-7), the stable status's attach rule applies (moving ready to
  // active on the way, SOR-2), and the answer is the rule's.
  AttachAnswer AttachRequest(SimId sim, uint32_t cell, SimTime now);
  void AttachComplete(SimId sim, SimTime now);
  void PdnRequest(SimId sim, SimTime now);
  void PdnRelease(SimId sim, SimTime now);
  // Sends nobody could foresee (an external firmware's): the volume thresholds are checked again.
  void DataSent(SimId sim, SimTime now) {
    if (subs_.online[sim]) ArmSubscriptionTimer(sim, now);
  }
  void Detach(SimId sim, SimTime now, SessionEnd why);
  bool CellUp(uint32_t cell) const { return !cells_.down(cell); }
  SimTime CellBackAt(uint32_t cell) const { return cells_.back_at(cell); }

  // --- From the carrier's API ---
  // A verb performed by `role`. Refused for a role the verb does not allow, a plan that refuses
  // it, termination protection, a change already in progress, or a status it is not allowed
  // from; unchanged when the SIM is already where the verb leads. With `via`, the change passes
  // through a transient status (and waits out an upstream outage first, KOR-5).
  Outcome ApplyVerb(SimId sim, VerbId verb, SimTime now, std::string_view role);
  Outcome SendCommands(SimId sim, int64_t commands, SimTime now);
  Outcome ChangePlan(SimId sim, PlanId plan, SimTime now);
  Outcome SetTestMode(SimId sim, bool enabled);
  Outcome SetTerminationProtection(SimId sim, bool enabled);
  Outcome SetUsageLimit(SimId sim, int64_t bytes, SimTime now);
  // SOR-14: an account ends only once every SIM of the carrier is in a required status.
  Outcome TerminateAccount(uint32_t carrier, SimTime now);

  // --- From the physical world (NET-4) ---
  // Outages nest: a cell (the core) is down while any outage of it is in progress. Taking one
  // down closes no session by itself: each device that loses service leaves with
  // Detach(kLostService), as the radio network tells the core of every link it lost.
  void TakeCellDown(uint32_t cell, SimTime until) { cells_.GoDown(cell, until); }
  bool RestoreCell(uint32_t cell) { return cells_.ComeBack(cell); }  // true: it is back
  void TakeCoreDown() { ++core_outages_; }
  void RestoreCore() { --core_outages_; }

  // --- Its timer ---
  // The subscription timer fired: applies whatever rule is due.
  void OnSubscriptionTimer(SimId sim, SimTime now);

  // The run ends at `end`: usage and commands are accounted up to it, and billing closes every
  // open period.
  void Finish(SimTime end);

  // --- What it shows ---
  size_t size() const { return subs_.size(); }
  StatusId status(SimId sim) const { return subs_.status[sim]; }
  StatusId stable(SimId sim) const { return subs_.stable[sim]; }
  SimTime stable_since(SimId sim) const { return subs_.stable_since[sim]; }
  // Where a verb `to: previous` leads (KOR-7 restore).
  StatusId previous(SimId sim) const { return subs_.previous[sim]; }
  bool online(SimId sim) const { return subs_.online[sim]; }
  int64_t uplink_bytes(SimId sim) const { return subs_.uplink_bytes[sim]; }
  int64_t downlink_bytes(SimId sim) const { return subs_.downlink_bytes[sim]; }
  SimTime online_ms(SimId sim) const { return subs_.online_ms[sim]; }
  int64_t sms_sent(SimId sim) const { return subs_.sms_sent[sim]; }
  int64_t commands_received(SimId sim) const { return subs_.commands_received[sim]; }
  bool termination_protected(SimId sim) const { return subs_.Has(sim, kTerminationProtection); }
  // Counter `c` of the SIM's profile at `now` (accounting the SIM up to then).
  int64_t ReadCounter(SimId sim, CounterId c, SimTime now) {
    Account(sim, now);
    return counters_.get(sim, c);
  }
  PlanId plan(SimId sim) const { return billing_.plan(sim); }
  // When the account of `carrier` was terminated, or kNever.
  SimTime account_terminated(uint32_t carrier) const { return account_terminated_[carrier]; }
  // A shard of a run (Scenario::shard): for each account termination asked of a profile that
  // has one, in order, the shard's SIMs of the account not yet in a status it requires.
  const std::vector<int64_t>& terminate_remaining() const { return terminate_remaining_; }
  // The phase of the SIM's command schedule (DEV-3): commands arrive at anchor + k * every. The
  // schedule is the platform's (the customer's backend sends the device a command every
  // `commands-every`); the scenario writes it with the device's profile, and the network reads
  // it from there, not from the device.
  SimTime CommandAnchor(SimId sim) const;
  const StatusDef& StableStatusOf(SimId sim) const {
    return directory_.ProfileOf(sim).statuses[subs_.stable[sim]];
  }

 private:
  // status.cc: entering a status, and what the stable status means for an attached device.
  // How a SIM enters a status: a move; a return to the previous status (a restore, a resume),
  // which goes on with the stays it interrupted; or a move by a rule that lasts while its
  // counter stays reached (Subscribers::placed_by).
  enum class Entry : uint8_t { kMove, kReturn, kLastingRule };
  void SetStatus(SimId sim, StatusId to, SimTime now, ChangeCause cause,
                 Entry entry = Entry::kMove);
  void ApplyStatusToDevice(SimId sim, SimTime now);
  // What a reject or detach with `cause` through `cell` carries as T3346: its range for #22.
  DurationRange T3346Of(uint32_t cell, EmmCause cause) const;
  // Calls fn(subscription, tariff of its current plan) for each subscription of the SIM.
  template <typename Fn>
  void ForEachSubscription(SimId sim, Fn fn) const {
    const CarrierProfile& profile = directory_.ProfileOf(sim);
    directory_.ForEachSubscription(sim, [&](SubscriptionId sub, PlanId) {
      fn(sub, profile.plans[billing_.plan(sub)].tariff);
    });
  }
  // One-off fees of the SIM's plans: when it is provisioned (verb: nullopt), or on `verb`.
  void ChargeOneOffFees(SimId sim, std::optional<VerbId> verb, SimTime now);
  bool VerbHasFees(SimId sim, VerbId verb) const;

  // sessions.cc: data sessions (NET-5) and the command schedule (DEV-3).
  void OpenSession(SimId sim, SimTime now);
  void CloseSession(SimId sim, SimTime now, SessionEnd why);
  int64_t ScheduledCommands(SimId sim, SimTime now) const;

  // counting.cc: the profile's counters, accounted up to `now` with the usage of the session.
  const CounterKinds& KindsOf(SimId sim) const { return kinds_[directory_.GroupOf(sim).carrier]; }
  void Account(SimId sim, SimTime now);
  void AccrueTraffic(SimId sim, SimTime from, SimTime to, int32_t month);
  void RollMonth(SimId sim, int32_t month);
  uint16_t CountingNow(SimId sim) const { return subs_.counting[sim]; }
  void StartStays(SimId sim, uint16_t was, bool returning);
  void ResetForVerb(SimId sim, VerbId verb);
  bool VerbResets(SimId sim, VerbId verb) const;
  SimTime CountStart(SimId sim, CounterId c, SimTime now) const;
  int64_t CountedValue(SimId sim, CounterId c, SimTime now) const;
  bool MonthRestarted(SimId sim, CounterId c, SimTime now) const;
  // When the free period of `status`'s basic fee began: the stay (since `since`), or the count
  // of the fee's counter. And the renewal fee's tracking date, or kNever.
  SimTime FreeSince(SimId sim, const Tariff& tariff, StatusId status, SimTime since,
                    SimTime now) const;
  SimTime RenewalSince(SimId sim, const Tariff& tariff, SimTime now) const;
  size_t AttachesSlot(SimId sim, CounterId c) const;

  // rules.cc: the rules that move a SIM by themselves.
  std::optional<Threshold> ThresholdOf(SimId sim, size_t rule) const;
  bool Reached(SimId sim, size_t rule, SimTime now) const;
  void Move(SimId sim, size_t rule, SimTime now);
  bool FireDueRule(SimId sim, SimTime now);
  bool UndoIfBelow(SimId sim, SimTime now, ChangeCause cause);
  bool CountAttach(SimId sim, SimTime now);
  void ApplyAttachRules(SimId sim, SimTime now);
  bool FireUpstreamBack(SimId sim, SimTime now);
  SimTime AfterSpan(SimTime from, const CalendarSpan& span) const;
  SimTime UpstreamBackAt(SimId sim, SimTime now) const;
  SimTime MonthEnd(SimTime now) const;

  // rule_timer.cc: the subscription timer.
  void ArmSubscriptionTimer(SimId sim, SimTime now);
  SimTime RuleDue(SimId sim, size_t rule, SimTime now, SimTime due);
  SimTime CrossingTime(SimId sim, CounterId c, int64_t threshold, SimTime now, SimTime bound);
  SimTime CommandsDue(SimId sim, CounterId c, int64_t threshold, SimTime now) const;

  const SimDirectory& directory_;
  const Scenario& scenario_;
  TimerSlot timer_;
  Billing& billing_;
  Recorder& recorder_;
  DevicePort devices_;
  const MonthTable months_;  // calendar months of usage accrual, by table
  Subscribers subs_;
  std::vector<CounterKinds> kinds_;  // per carrier
  CounterTable counters_;
  // Per counter of attaches (the k-th of its profile uses storms_[k]): attempts in its window.
  std::vector<StormCounter> storms_;
  Cells cells_;
  int core_outages_ = 0;  // core outages in progress (NET-4)
  // The cell each SIM's device last attached through, for the T3346 of a detach with #22: kept
  // only when some status rejects with #22, so that other runs do not pay for it.
  std::vector<uint32_t> attach_cell_;
  std::vector<SimTime> account_terminated_;  // per carrier: when, or kNever
  std::vector<int64_t> terminate_remaining_;  // a shard's: see terminate_remaining()
};

}  // namespace carriersim

#endif  // CARRIERSIM_NETWORK_NETWORK_H_
