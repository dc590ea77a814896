#include "simulator/results/shard_merge.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <tuple>

#include "simulator/results/shard_view.h"

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

// A cell with a capacity is all in one shard: the meter of the shard that counted anything.
RateMeter OwnersMeter(const std::vector<const RateMeter*>& meters) {
  for (const RateMeter* m : meters) {
    if (m->peak > 0) return *m;
  }
  RateMeter none = *meters.front();
  none.log = nullptr;
  return none;
}

// The meters several shards count (RateMeter::log), from every shard's windows: sorted by
// (meter, window), the counts of one window added up, then the first window whose sum is
// higher than every earlier one's is the peak, as RateMeter::Add keeps it when fed the whole
// run's events. `meters[id]`: where the whole run's meter goes (null: none has that id).
void MergeLoggedMeters(const std::vector<ShardCounts>& shards, const SpillOptions& spill,
                       const std::vector<RateMeter*>& meters) {
  size_t shard = 0;
  std::optional<SpillLog<WindowCount>::Reader> reader;
  std::vector<WindowCount> current;  // the windows the shards' meters are still in
  for (const ShardCounts& w : shards) {
    const SignalingMetrics& s = (*w.signaling);
    const auto add = [&](const RateMeter& m) {
      m.ForEachEntry([&](const WindowCount& entry) { current.push_back(entry); });
    };
    add(s.per_second);
    add(s.per_minute);
    for (const CellStats& c : s.by_cell) {
      if (c.per_second.log != nullptr) add(c.per_second);
      if (c.per_minute.log != nullptr) add(c.per_minute);
    }
  }
  size_t next_current = 0;
  const auto next = [&](WindowCount* out) {
    for (;;) {
      if (!reader && shard < shards.size()) {
        reader.emplace(shards[shard].shard->rate_log, 0);
      }
      if (reader && reader->Next(out)) return true;
      if (shard < shards.size()) {
        reader.reset();
        ++shard;
        continue;
      }
      if (next_current == current.size()) return false;
      *out = current[next_current++];
      return true;
    }
  };
  uint32_t meter = UINT32_MAX;
  SimTime window = 0;
  uint64_t sum = 0;
  const auto close = [&] {
    if (meter == UINT32_MAX) return;
    RateMeter& m = *meters[meter];
    m.window = window;
    m.count = sum;
    if (sum > m.peak) {
      m.peak = sum;
      m.peak_at = window * (meter % 2 == 0 ? kSecond : kMinute);
    }
  };
  SortWithin<WindowCount>(
      spill, ".rates-merge.spill", "the attach requests per second and minute, sorted", next,
      [](const WindowCount& a, const WindowCount& b) {
        return a.meter != b.meter ? a.meter < b.meter : a.window < b.window;
      },
      [&](const WindowCount& w) {
        if (w.meter != meter || w.window != window) {
          close();
          meter = w.meter;
          window = w.window;
          sum = 0;
        }
        sum += w.count;
      });
  close();
}

void MergeSignaling(const Scenario& whole, const std::vector<ShardCounts>& shards,
                    const SpillOptions& spill, SignalingMetrics& to) {
  for (const ShardCounts& w : shards) {
    const SignalingMetrics& s = (*w.signaling);
    AddCounters(to.total, s.total);
    for (size_t g = 0; g < to.by_group.size(); ++g) AddCounters(to.by_group[g], s.by_group[g]);
    for (size_t c = 0; c < to.by_cell.size(); ++c) AddCell(to.by_cell[c], s.by_cell[c]);
  }
  std::vector<RateMeter*> logged = {&to.per_second, &to.per_minute};
  for (size_t c = 0; c < to.by_cell.size(); ++c) {
    CellStats& cell = to.by_cell[c];
    if (whole.cells[c].capacity == 0) {
      logged.push_back(&cell.per_second);
      logged.push_back(&cell.per_minute);
      continue;
    }
    std::vector<const RateMeter*> second, minute;
    for (const ShardCounts& w : shards) {
      second.push_back(&(*w.signaling).by_cell[c].per_second);
      minute.push_back(&(*w.signaling).by_cell[c].per_minute);
    }
    cell.per_second = OwnersMeter(second);
    cell.per_minute = OwnersMeter(minute);
    logged.push_back(nullptr);
    logged.push_back(nullptr);
  }
  MergeLoggedMeters(shards, spill, logged);
}

// Every shard begins every mass event (the timeline runs in each): the events are the same,
// their devices are the shards' own.
void MergeMassEvents(const std::vector<ShardCounts>& shards, const SpillOptions& spill,
                     std::vector<MassEvent>& to) {
  const std::vector<MassEvent>& first = *shards.front().mass_events;
  for (size_t i = 0; i < first.size(); ++i) {
    MassEvent& e = to.emplace_back(first[i].what, first[i].action, first[i].start, first[i].from,
                                   spill);
    std::vector<const SpillLog<SimTime>*> back;  // each shard's, in time order
    for (const ShardCounts& w : shards) {
      const MassEvent& part = (*w.mass_events)[i];
      e.affected += part.affected;
      for (EventMember m : part.members) {
        m.device = w.directory->GlobalSim(m.device);
        e.members.push_back(m);
      }
      back.push_back(&part.back);
    }
    MergeSorted(back, std::less<SimTime>(), [&](SimTime t) { e.back.push_back(t); });
    // As Recovery keeps them: an older event's records on disk, not in memory.
    if (i + 1 < first.size()) {
      e.members.SpillIfOver(Recovery::kOlderEventMemory);
      e.back.SpillIfOver(Recovery::kOlderEventMemory);
    }
  }
}

void MergeForced(const std::vector<ShardCounts>& shards, std::vector<ForcedReactivation>& to) {
  struct Keyed {
    std::tuple<SimTime, uint32_t, uint32_t> key;
    ForcedReactivation f;
  };
  std::vector<Keyed> all;
  for (const ShardCounts& w : shards) {
    const std::vector<ForcedReactivation>& forced = *w.forced;
    const std::vector<uint32_t>& order = w.shard->forced_order;
    for (size_t i = 0; i < forced.size(); ++i) {
      const SimId sim = w.directory->GlobalSim(forced[i].sim);
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
void DecideTerminations(const Scenario& whole, const std::vector<ShardCounts>& shards,
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
    for (const ShardCounts& w : shards) {
      const std::vector<int64_t>& counts = *w.terminate_remaining;
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

void MergeActions(const Scenario& whole, const std::vector<ShardCounts>& shards,
                  MergedShards& to) {
  to.actions.resize(whole.timeline.size());
  for (size_t i = 0; i < whole.timeline.size(); ++i) {
    const ActionKind kind = whole.timeline[i].kind;
    // Restoring cells or the core is the timeline's own doing, done alike in every shard.
    if (kind == ActionKind::kCellRestore || kind == ActionKind::kCoreRestore ||
        kind == ActionKind::kTerminateAccount) {
      to.actions[i] = (*shards.front().actions)[i];
      continue;
    }
    for (const ShardCounts& w : shards) AddOutcome(to.actions[i], (*w.actions)[i]);
  }
  DecideTerminations(whole, shards, to);
}

}  // namespace

std::unique_ptr<MergedShards> MergeShards(const Scenario& whole,
                                          const std::vector<const ShardView*>& parts,
                                          const SpillOptions& spill) {
  std::vector<ShardCounts> shards;
  for (const ShardView* part : parts) shards.push_back(part->Counts());
  auto merged = std::make_unique<MergedShards>(whole);
  MergeSignaling(whole, shards, spill, merged->signaling);
  MergeMassEvents(shards, spill, merged->mass_events);
  MergeForced(shards, merged->forced);
  MergeActions(whole, shards, *merged);
  for (const ShardCounts& w : shards) {
    merged->windows.Add(*w.windows);
    merged->events += w.events - w.timeline_events;
  }
  merged->events += shards.front().timeline_events;
  return merged;
}

}  // namespace carriersim
