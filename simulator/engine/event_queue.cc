#include "simulator/engine/event_queue.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace carriersim {

EventQueue::EventQueue(EntityId entity_count)
    : entity_count_(entity_count),
      seq_(entity_count, 0),
      where_(size_t{entity_count} * kTimerSlots, kNowhere) {
  for (int b = 0; b < kBuckets; ++b) {
    bucket_min_time_[b] = 0;
    bucket_min_entity_[b] = 0;
  }
}

void EventQueue::ThrowBadSchedule(SimTime time, EntityId entity) const {
  if (entity >= entity_count_) {
    throw std::logic_error("event for entity " + std::to_string(entity) + " of " +
                           std::to_string(entity_count_));
  }
  if (time < now_) {
    throw std::logic_error("event scheduled in the past: at " + std::to_string(time) +
                           " ms while the simulation is at " + std::to_string(now_) + " ms");
  }
  throw std::logic_error("Schedule needs a message tag, timers use SetTimer");
}

void EventQueue::SetTimer(SimTime time, EntityId entity, EventTag slot) {
  CheckSchedule(time, entity);
  if (slot >= kTimerSlots) throw std::logic_error("no timer slot " + std::to_string(slot));
  Position& where = where_[Handle(entity, slot)];
  if (where != kNowhere) {
    Remove(where);
    --size_;
  }
  Insert(Event{time, entity, NextSeqTag(entity, slot)});
  ++size_;
}

void EventQueue::Release() {
  entity_count_ = 0;  // every later Schedule, SetTimer or CancelTimer throws
  size_ = 0;
  std::vector<Event>().swap(front_);
  std::vector<Event>().swap(run_);
  run_head_ = 0;
  for (int b = 0; b < kBuckets; ++b) std::vector<Event>().swap(buckets_[b]);
  std::fill(std::begin(bitmap_), std::end(bitmap_), 0);
  lowest_ = kBuckets;
  std::vector<uint32_t>().swap(seq_);
  std::vector<Position>().swap(where_);
}

bool EventQueue::CancelTimer(EntityId entity, EventTag slot) {
  if (entity >= entity_count_ || slot >= kTimerSlots) {
    throw std::logic_error("no timer " + std::to_string(slot) + " for entity " +
                           std::to_string(entity));
  }
  const size_t handle = Handle(entity, slot);
  if (where_[handle] == kNowhere) return false;
  Remove(where_[handle]);
  where_[handle] = kNowhere;
  --size_;
  return true;
}

bool EventQueue::SkipDeadInRun() {
  while (run_head_ < run_.size() && run_[run_head_].entity == kDead) ++run_head_;
  if (run_head_ < run_.size()) return true;
  run_.clear();  // used up; keeps its capacity for the next run
  run_head_ = 0;
  return false;
}

EntityId EventQueue::NextEntityHint() const {
  if (run_head_ < run_.size() && run_[run_head_].entity != kDead) return run_[run_head_].entity;
  if (!front_.empty()) return front_[0].entity;
  const int bucket = LowestNonEmptyBucket();
  return bucket < 0 ? 0 : bucket_min_entity_[bucket];
}

void EventQueue::InsertFront(const Event& e) {
  if (!run_.empty() && !EventBefore(run_.back(), e)) {
    PushFront(e);  // out of order for the run: the heap takes anything
    return;
  }
  if (run_head_ >= 4096 && 2 * run_head_ >= run_.size()) {
    // Drop the consumed part, so that a run fed as fast as it is eaten stays small.
    run_.erase(run_.begin(), run_.begin() + static_cast<ptrdiff_t>(run_head_));
    run_head_ = 0;
    for (size_t i = 0; i < run_.size(); ++i) {
      if (run_[i].entity != kDead) Place(run_[i], (Position{kRunBucket} << 32) | i);
    }
  }
  Place(e, (Position{kRunBucket} << 32) | run_.size());
  run_.push_back(e);
}

void EventQueue::PushFront(const Event& e) {
  front_.push_back(e);
  SiftUpFront(static_cast<uint32_t>(front_.size() - 1));
}

void EventQueue::Remove(Position position) {
  const uint32_t bucket = static_cast<uint32_t>(position >> 32);
  const uint32_t index = static_cast<uint32_t>(position);
  if (bucket == 0) {
    RemoveFromFront(index);
  } else if (bucket == kRunBucket) {
    run_[index].entity = kDead;
  } else {
    RemoveFromRadix(static_cast<int>(bucket - 1), index);
  }
}

void EventQueue::RemoveFromRadix(int bucket, uint32_t index) {
  std::vector<Event>& events = buckets_[bucket];
  if (index + 1 != events.size()) {
    events[index] = events.back();
    Place(events[index], (Position(1 + bucket) << 32) | index);
  }
  events.pop_back();
  if (events.empty()) MarkEmpty(bucket);
}

void EventQueue::RemoveFromFront(uint32_t index) {
  const Event last = front_.back();
  front_.pop_back();
  if (index == front_.size()) return;
  front_[index] = last;
  if (index > 0 && EventBefore(last, front_[(index - 1) / 2])) {
    SiftUpFront(index);
  } else {
    SiftDownFront(index);
  }
}

void EventQueue::SiftUpFront(uint32_t index) {
  const Event e = front_[index];
  while (index > 0) {
    const uint32_t parent = (index - 1) / 2;
    if (!EventBefore(e, front_[parent])) break;
    front_[index] = front_[parent];
    Place(front_[index], index);
    index = parent;
  }
  front_[index] = e;
  Place(e, index);
}

void EventQueue::SiftDownFront(uint32_t index) {
  const Event e = front_[index];
  const uint32_t n = static_cast<uint32_t>(front_.size());
  for (;;) {
    uint32_t child = 2 * index + 1;
    if (child >= n) break;
    if (child + 1 < n && EventBefore(front_[child + 1], front_[child])) ++child;
    if (!EventBefore(front_[child], e)) break;
    front_[index] = front_[child];
    Place(front_[index], index);
    index = child;
  }
  front_[index] = e;
  Place(e, index);
}

int EventQueue::LowestNonEmptyBucket() const {
  for (int w = lowest_ >> 6; w < kBitmapWords; ++w) {
    if (bitmap_[w] != 0) return w * 64 + __builtin_ctzll(bitmap_[w]);
  }
  return -1;
}

void EventQueue::Refill() {
  // The heap and the run are used up. After a mass event (a million timers at one instant, or
  // within the front's range) they would keep room for it for the rest of the simulation: give
  // large ones back, as drained buckets do.
  for (std::vector<Event>* used : {&front_, &run_}) {
    if (used->capacity() > kKeepCapacity) std::vector<Event>().swap(*used);
  }
  const int bucket = LowestNonEmptyBucket();
  lowest_ = bucket;
  std::vector<Event>& events = buckets_[bucket];
  // The bucket covers the times whose digits above its level equal base_'s and whose digit at its
  // level is the bucket's digit: [start, start + width).
  const int level = bucket / kDigits;
  const int shift = level * kDigitBits;
  const uint64_t width = uint64_t{1} << shift;
  const uint64_t digit = static_cast<uint64_t>(bucket % kDigits);
  const uint64_t above = level + 1 < kLevels ? ~((width << kDigitBits) - 1) : 0;
  const SimTime start =
      static_cast<SimTime>((static_cast<uint64_t>(base_) & above) | (digit << shift));
  MarkEmpty(bucket);
  if (events.size() <= kFrontMax) {
    // Small enough: the whole bucket becomes the front. Later buckets keep their meaning, because
    // their events differ from any time in [start, start + width) in the same digit as from base_.
    // The front ends after the bucket's latest event, not at start + width: a wide bucket with a
    // few events (the timeline's next action, days away) would otherwise take into the heap
    // everything scheduled over those days, such as the attaches of a million devices it powers
    // on. Events in [latest + 1, start + width) go to the lower buckets, which are empty.
    SimTime latest = start;
    for (const Event& e : events) latest = std::max(latest, e.time);
    front_end_ = latest + 1;
    base_ = start;
    for (const Event& e : events) PushFront(e);
  } else {
    // Spread the bucket relative to its earliest event: each event differs from it below this
    // level only, so it lands in a lower bucket (or the front), never back in `events`.
    SimTime earliest = events[0].time;
    size_t at_earliest = 0;
    for (const Event& e : events) {
      if (e.time < earliest) {
        earliest = e.time;
        at_earliest = 0;
      }
      at_earliest += e.time == earliest;
    }
    base_ = earliest;
    front_end_ = earliest + 1;
    if (at_earliest > kFrontMax) {
      StartRun(events, earliest);
    } else {
      for (const Event& e : events) Insert(e);
    }
  }
  // A bucket that once held a mass event (a million timers at one day) would keep its capacity
  // for the rest of the run, in every bucket the events passed through: give large ones back.
  if (events.capacity() > kKeepCapacity) {
    std::vector<Event>().swap(events);
  } else {
    events.clear();
  }
}

void EventQueue::StartRun(std::vector<Event>& events, SimTime instant) {
  // Only called with the front empty: the heap is empty and nothing live is left in the run.
  run_.clear();
  run_head_ = 0;
  // Room for exactly the run: growing by doubling would leave up to half of it unused.
  run_.reserve(static_cast<size_t>(std::count_if(
      events.begin(), events.end(), [&](const Event& e) { return e.time == instant; })));
  for (const Event& e : events) {
    if (e.time == instant) {
      run_.push_back(e);
    } else {
      Insert(e);
    }
  }
  std::sort(run_.begin(), run_.end(), EventBefore);
  for (size_t i = 0; i < run_.size(); ++i) {
    Place(run_[i], (Position{kRunBucket} << 32) | i);
  }
}

}  // namespace carriersim
