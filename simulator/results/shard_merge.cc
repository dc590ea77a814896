#include "simulator/results/shard_merge.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "simulator/world/world.h"

namespace carriersim {
namespace {

void AddCounters(SignalingCounters& to, const SignalingCounters& c) {
  to.attach_attempts += c.attach_attempts;
  to.attach_accepts += c.attach_accepts;
  for (size_t i = 0; i < to.rejects_by_cause.size(); ++i) {
    to.rejects_by_cause[i] += c.rejects_by_cause[i];
    to.detaches_by_cause[i] += c.detaches_by_cause[i];
  }
  to.network_detaches += c.network_detaches;
  to.sessions_opened += c.sessions_opened;
  to.pdn_rejects += c.pdn_rejects;
  to.attempts_without_cell += c.attempts_without_cell;
  to.unanswered += c.unanswered;
  to.collateral_congestion += c.collateral_congestion;
}

void AddCell(CellStats& to, const CellStats& c) {
  to.attempts += c.attempts;
  to.accepts += c.accepts;
  for (const auto& [cause, n] : c.rejects_by_cause) to.rejects_by_cause[cause] += n;
  to.unanswered += c.unanswered;
  to.collateral += c.collateral;
}

// The meter of the whole run from the shards' window logs, window by window in time order: the
// first window whose sum is higher than every earlier one's is the peak, as RateMeter::Add keeps
// it when fed the whole run's events.
RateMeter MergeMeters(const std::vector<const RateMeter*>& meters, SimTime width) {
  struct Head {
    SpillLog<WindowCount>::Reader reader;
    WindowCount current;  // the window the meter is still in, read last
    WindowCount next{};
    bool done = false;
    bool current_read = false;
    void Advance() {
      if (reader.Next(&next)) return;
      done = current_read || current.count == 0;
      current_read = true;
      next = current;
    }
  };
  std::vector<Head> heads;
  for (const RateMeter* m : meters) {
    heads.push_back(Head{SpillLog<WindowCount>::Reader(*m->log, 0), {m->window, m->count}});
  }
  for (Head& h : heads) h.Advance();
  RateMeter merged;
  for (;;) {
    SimTime window = INT64_MAX;
    for (const Head& h : heads) {
      if (!h.done) window = std::min(window, h.next.window);
    }
    if (window == INT64_MAX) return merged;
    uint64_t sum = 0;
    for (Head& h : heads) {
      if (h.done || h.next.window != window) continue;
      sum += h.next.count;
      h.Advance();
    }
    merged.window = window;
    merged.count = sum;
    if (sum > merged.peak) {
      merged.peak = sum;
      merged.peak_at = window * width;
    }
  }
}

// A cell with a capacity is all in one shard: the meter of the shard that counted anything.
RateMeter OwnersMeter(const std::vector<const RateMeter*>& meters) {
  for (const RateMeter* m : meters) {
    if (m->peak > 0) return *m;
  }
  RateMeter none = *meters.front();
  none.log = nullptr;
  return none;
}

void MergeSignaling(const Scenario& whole, const std::vector<const World*>& shards,
                    SignalingMetrics& to) {
  std::vector<const RateMeter*> second, minute;
  for (const World* w : shards) {
    const SignalingMetrics& s = w->recorder().signaling();
    AddCounters(to.total, s.total);
    for (size_t g = 0; g < to.by_group.size(); ++g) AddCounters(to.by_group[g], s.by_group[g]);
    for (size_t c = 0; c < to.by_cell.size(); ++c) AddCell(to.by_cell[c], s.by_cell[c]);
    second.push_back(&s.per_second);
    minute.push_back(&s.per_minute);
  }
  to.per_second = MergeMeters(second, kSecond);
  to.per_minute = MergeMeters(minute, kMinute);
  for (size_t c = 0; c < to.by_cell.size(); ++c) {
    second.clear();
    minute.clear();
    for (const World* w : shards) {
      second.push_back(&w->recorder().signaling().by_cell[c].per_second);
      minute.push_back(&w->recorder().signaling().by_cell[c].per_minute);
    }
    const bool split = whole.cells[c].capacity == 0;
    to.by_cell[c].per_second = split ? MergeMeters(second, kSecond) : OwnersMeter(second);
    to.by_cell[c].per_minute = split ? MergeMeters(minute, kMinute) : OwnersMeter(minute);
  }
}

// Every shard begins every mass event (the timeline runs in each): the events are the same,
// their devices are the shards' own.
void MergeMassEvents(const std::vector<const World*>& shards, const SpillOptions& spill,
                     std::vector<MassEvent>& to) {
  const std::vector<MassEvent>& first = shards.front()->recorder().recovery().events();
  for (size_t i = 0; i < first.size(); ++i) {
    MassEvent& e = to.emplace_back(first[i].what, first[i].action, first[i].start, first[i].from,
                                   spill);
    std::vector<SpillLog<SimTime>::Reader> back;
    std::vector<SimTime> next;
    for (const World* w : shards) {
      const MassEvent& part = w->recorder().recovery().events()[i];
      e.affected += part.affected;
      for (EventMember m : part.members) {
        m.device = w->directory().GlobalSim(m.device);
        e.members.push_back(m);
      }
      back.emplace_back(part.back, 0);
      next.push_back(kNever);
      if (!back.back().Next(&next.back())) next.back() = kNever;
    }
    for (;;) {  // each shard's back times are in time order
      const auto it = std::min_element(next.begin(), next.end());
      if (*it == kNever) break;
      e.back.push_back(*it);
      const size_t k = static_cast<size_t>(it - next.begin());
      if (!back[k].Next(&next[k])) next[k] = kNever;
    }
  }
}

void MergeForced(const std::vector<const World*>& shards, std::vector<ForcedReactivation>& to) {
  struct Keyed {
    std::tuple<SimTime, uint32_t, uint32_t> key;
    ForcedReactivation f;
  };
  std::vector<Keyed> all;
  for (const World* w : shards) {
    const std::vector<ForcedReactivation>& forced = w->recorder().forced_reactivations();
    const std::vector<uint32_t>& order = w->recorder().shard()->forced_order;
    for (size_t i = 0; i < forced.size(); ++i) {
      const SimId sim = w->directory().GlobalSim(forced[i].sim);
      all.push_back({{forced[i].time, order[i], sim}, {forced[i].time, sim}});
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  for (const Keyed& k : all) to.push_back(k.f);
}

void AddOutcome(ActionOutcome& to, const ActionOutcome& o) {
  to.applied += o.applied;
  to.unchanged += o.unchanged;
  to.refused += o.refused;
  for (const auto& [reason, n] : o.refusals) {
    if (n > 0) to.refusals[reason] += n;  // a channel refusal of none of the shard's SIMs
  }
  for (size_t k = 0; k < kRefusalKinds; ++k) to.refused_by_kind[k] += o.refused_by_kind[k];
}

// The account terminations, decided as one network would have: the shards only counted their
// SIMs still to be terminated (Network::terminate_remaining).
void DecideTerminations(const Scenario& whole, const std::vector<const World*>& shards,
                        MergedShards& to) {
  to.account_terminated.assign(whole.carriers.size(), kNever);
  size_t asked = 0;  // terminations asked of a profile that has one, so far
  for (size_t i = 0; i < whole.timeline.size(); ++i) {
    const TimelineAction& action = whole.timeline[i];
    if (action.kind != ActionKind::kTerminateAccount) continue;
    const CarrierProfile& profile = whole.carriers[action.carrier].profile;
    if (profile.account_termination_requires == 0) continue;  // refused alike in every shard
    ActionOutcome& outcome = to.actions[i] = ActionOutcome{};
    int64_t remaining = 0;
    bool reached = true;  // a pause before the end sees only the terminations asked so far
    for (const World* w : shards) {
      const std::vector<int64_t>& counts = w->network().terminate_remaining();
      if (asked >= counts.size()) reached = false;
      if (reached) remaining += counts[asked];
    }
    if (!reached) continue;
    ++asked;
    if (to.account_terminated[action.carrier] != kNever) {
      ++outcome.unchanged;
    } else if (remaining > 0) {
      ++outcome.refused;
      ++outcome.refusals[std::to_string(remaining) + " SIMs must be terminated first"];
      ++outcome.refused_by_kind[static_cast<size_t>(Refusal::kStatus) - 1];
    } else {
      to.account_terminated[action.carrier] = action.at;
      ++outcome.applied;
    }
  }
}

void MergeActions(const Scenario& whole, const std::vector<const World*>& shards,
                  MergedShards& to) {
  to.actions.resize(whole.timeline.size());
  for (size_t i = 0; i < whole.timeline.size(); ++i) {
    const ActionKind kind = whole.timeline[i].kind;
    // Restoring cells or the core is the timeline's own doing, done alike in every shard.
    if (kind == ActionKind::kCellRestore || kind == ActionKind::kCoreRestore ||
        kind == ActionKind::kTerminateAccount) {
      to.actions[i] = shards.front()->recorder().actions()[i];
      continue;
    }
    for (const World* w : shards) AddOutcome(to.actions[i], w->recorder().actions()[i]);
  }
  DecideTerminations(whole, shards, to);
}

}  // namespace

std::unique_ptr<MergedShards> MergeShards(const Scenario& whole,
                                          const std::vector<const World*>& shards,
                                          const SpillOptions& spill) {
  auto merged = std::make_unique<MergedShards>(whole);
  MergeSignaling(whole, shards, merged->signaling);
  MergeMassEvents(shards, spill, merged->mass_events);
  MergeForced(shards, merged->forced);
  MergeActions(whole, shards, *merged);
  for (const World* w : shards) {
    merged->windows.Add(w->recorder().event_windows());
    merged->events += w->events() - w->timeline_events();
  }
  merged->events += shards.front()->timeline_events();
  return merged;
}

}  // namespace carriersim
