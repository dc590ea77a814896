// The pending-event set of a discrete-event simulation.
//
// Why a radix heap: time in a simulation never goes backwards, so the pending set is a *monotone*
// priority queue, and a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990) exploits that. Events are
// kept in buckets by the highest 8-bit digit in which their time differs from a base time;
// refilling takes the lowest non-empty bucket and spreads its events over lower buckets, so every
// event moves at most once per digit, always by appending to a vector. Compared with a binary
// heap, that trades log2(n) scattered cache misses per event for a few sequential writes.
//
// The front: once the lowest bucket holds at most kFrontMax events, it is not spread further but
// moved whole into a small binary heap ordered by EventBefore (time, entity, sequence), from
// which events are popped. Events scheduled into the front's time range join that heap. This
// saves the last one or two moves of every event and is what makes the order total.
//
// The run: a refill can meet a great many events at a single instant (a group that boots with a
// fixed delay, a group-wide action). Those are ordered by (entity, sequence) alone, so they are
// sorted once into a run and popped from its head, instead of costing a heap of millions
// O(log n) cache misses each. Events scheduled into the front's time range that sort after the
// run's last event are appended to it (a group-wide action schedules its devices in id order);
// the others join the heap, and Pop takes the earlier of the two. Cancelling an event of the run
// marks it dead in place and the head skips it; the consumed part is compacted away, so dead
// entries never outlive the run and the queue still never grows by cancels. Refilling
// early (PopBefore looking at an event it leaves queued) is safe: an event scheduled later for a time before the front's end simply
// joins the front heap, so the buckets never receive a time below their base.
//
// REQUIRES of every Schedule/SetTimer: time >= the time of the last popped event (no scheduling
// into the past; violations throw std::logic_error, a bug in a model).
// Thread safety: none; one queue belongs to one simulation.
#ifndef CARRIERSIM_ENGINE_EVENT_QUEUE_H_
#define CARRIERSIM_ENGINE_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "simulator/engine/event.h"

namespace carriersim {

class EventQueue {
 public:
  static constexpr EventTag kTimerSlots = 4;  // tags 0..3 are timers, 4..7 messages

  explicit EventQueue(EntityId entity_count);

  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  // A message for `entity` at `time`. REQUIRES: tag >= kTimerSlots.
  void Schedule(SimTime time, EntityId entity, EventTag tag);

  // Sets timer `slot` of `entity` to fire at `time`, moving it if it was already pending.
  // REQUIRES: slot < kTimerSlots.
  void SetTimer(SimTime time, EntityId entity, EventTag slot);
  // Removes the pending timer; false if it was not pending.
  bool CancelTimer(EntityId entity, EventTag slot);
  bool IsTimerSet(EntityId entity, EventTag slot) const {
    const size_t handle = Handle(entity, slot);
    return handle < where_.size() && where_[handle] != kNowhere;  // none once released
  }
  // The run is over: gives back the pending events and the per-entity arrays (36 bytes an
  // entity, a tenth of a large fleet's memory while its reports are written). From then on no
  // timer is set, NextTime() is kNever and scheduling anything throws std::logic_error.
  void Release();

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  EntityId entity_count() const { return entity_count_; }

  // Removes and returns the first event in the order of EventBefore. REQUIRES: !empty().
  Event Pop();
  // The same if that event is due before `end`: then sets *e and returns true. Otherwise leaves
  // it queued and returns false (also when the queue is empty). A run loop is
  // `while (queue.PopBefore(end, &e)) Handle(e);`.
  bool PopBefore(SimTime end, Event* e);
  // When the first event is due, or kNever when the queue is empty. Not const: it may refill
  // the front, which changes no order.
  SimTime NextTime();

  // The entity whose event will most likely be popped next, for prefetching its state while the
  // current event is handled. Only a hint: it ignores events not yet scheduled, may be stale
  // after a cancel, and is 0 when the queue is empty.
  EntityId NextEntityHint() const;
  // Hint that an event is about to be scheduled for `entity`: starts loading its bookkeeping.
  void Prefetch(EntityId entity) const { __builtin_prefetch(&seq_[entity]); }

 private:
  // Where an event is: bucket 0 is the front heap, 1 + i is radix bucket i, kRunBucket the run.
  using Position = uint64_t;  // (bucket << 32) | index in that bucket
  static constexpr Position kNowhere = ~Position{0};
  static constexpr int kDigitBits = 8;
  static constexpr int kDigits = 1 << kDigitBits;
  static constexpr int kLevels = 64 / kDigitBits;
  static constexpr int kBuckets = kLevels * kDigits;
  static constexpr int kBitmapWords = kBuckets / 64;
  static constexpr size_t kFrontMax = 64;  // tuned on PHOLD; 32..256 are within noise
  static constexpr size_t kKeepCapacity = 4096;  // events a drained bucket may keep room for
  static constexpr uint32_t kRunBucket = kBuckets + 1;
  static constexpr EntityId kDead = ~EntityId{0};  // a cancelled event in the run

  static bool IsTimer(uint32_t seq_tag) { return (seq_tag & kEventTagMask) < kTimerSlots; }
  size_t Handle(EntityId entity, uint32_t slot) const {
    return size_t{entity} * kTimerSlots + slot;
  }

  void CheckSchedule(SimTime time, EntityId entity) const {
    if (entity >= entity_count_ || time < now_) [[unlikely]]
      ThrowBadSchedule(time, entity);
  }
  [[noreturn]] void ThrowBadSchedule(SimTime time, EntityId entity) const;
  uint32_t NextSeqTag(EntityId entity, EventTag tag) {
    return (seq_[entity]++ << kEventTagBits) | tag;
  }
  int BucketOf(SimTime time) const {  // REQUIRES: time >= front_end_ (> base_)
    const uint64_t differ = static_cast<uint64_t>(time) ^ static_cast<uint64_t>(base_);
    const int level = (63 - __builtin_clzll(differ)) / kDigitBits;
    const uint64_t digit = (static_cast<uint64_t>(time) >> (level * kDigitBits)) & (kDigits - 1);
    return level * kDigits + static_cast<int>(digit);
  }
  inline void Insert(const Event& e);
  void Place(const Event& e, Position position) {
    if (IsTimer(e.seq_tag)) where_[Handle(e.entity, e.tag())] = position;
  }
  void Remove(Position position);
  void RemoveFromRadix(int bucket, uint32_t index);
  void RemoveFromFront(uint32_t index);
  void SiftUpFront(uint32_t index);
  void SiftDownFront(uint32_t index);
  void PushFront(const Event& e);
  void InsertFront(const Event& e);
  // Advances the run's head past dead events; true when a live event is left in the run.
  bool RunHasNext() { return run_head_ != run_.size() && SkipDeadInRun(); }
  bool SkipDeadInRun();
  // Whether the next event comes from the run rather than the heap. REQUIRES: either non-empty.
  bool NextIsInRun() {
    return RunHasNext() && (front_.empty() || EventBefore(run_[run_head_], front_[0]));
  }
  void StartRun(std::vector<Event>& events, SimTime instant);
  // Removes the next event, from the run or the heap. REQUIRES: refilled, not empty.
  Event TakeNext(bool from_run);
  void Refill();
  int LowestNonEmptyBucket() const;
  void MarkNonEmpty(int bucket) {
    bitmap_[bucket >> 6] |= uint64_t{1} << (bucket & 63);
    if (bucket < lowest_) lowest_ = bucket;
  }
  void MarkEmpty(int bucket) { bitmap_[bucket >> 6] &= ~(uint64_t{1} << (bucket & 63)); }

  EntityId entity_count_;
  size_t size_ = 0;
  SimTime now_ = 0;           // time of the last popped event: no event may be scheduled before it
  SimTime front_end_ = 1;     // the front heap holds exactly the events with time < front_end_
  SimTime base_ = 0;          // radix buckets are relative to this time (< front_end_)
  std::vector<Event> front_;  // binary min-heap by EventBefore
  std::vector<Event> run_;    // sorted by EventBefore; [run_head_, end) is still to come
  size_t run_head_ = 0;
  std::vector<Event> buckets_[kBuckets];
  SimTime bucket_min_time_[kBuckets];  // lower bound of each bucket's times (exact until a cancel)
  EntityId bucket_min_entity_[kBuckets];
  uint64_t bitmap_[kBitmapWords] = {};  // which buckets are non-empty
  int lowest_ = kBuckets;               // no bucket below this one is non-empty
  std::vector<uint32_t> seq_;           // per entity: sequence number of its next event
  std::vector<Position> where_;         // per (entity, timer slot): where the pending timer is
};

// The hot path, inline so that a model's handlers compile into straight-line code.

inline void EventQueue::Insert(const Event& e) {
  if (e.time < front_end_) {
    InsertFront(e);
    return;
  }
  const int bucket = BucketOf(e.time);
  std::vector<Event>& events = buckets_[bucket];
  if (events.empty()) {
    MarkNonEmpty(bucket);
    bucket_min_time_[bucket] = e.time;
    bucket_min_entity_[bucket] = e.entity;
  } else if (e.time < bucket_min_time_[bucket]) {
    bucket_min_time_[bucket] = e.time;
    bucket_min_entity_[bucket] = e.entity;
  }
  Place(e, (Position(1 + bucket) << 32) | events.size());
  events.push_back(e);
}

inline Event EventQueue::Pop() {
  if (size_ == 0) throw std::logic_error("Pop from an empty event queue");
  while (front_.empty() && !RunHasNext()) Refill();
  return TakeNext(NextIsInRun());
}

inline bool EventQueue::PopBefore(SimTime end, Event* e) {
  if (size_ == 0) return false;
  while (front_.empty() && !RunHasNext()) Refill();
  const bool from_run = NextIsInRun();
  if ((from_run ? run_[run_head_].time : front_[0].time) >= end) return false;
  *e = TakeNext(from_run);
  return true;
}

inline SimTime EventQueue::NextTime() {
  if (size_ == 0) return kNever;
  while (front_.empty() && !RunHasNext()) Refill();
  return NextIsInRun() ? run_[run_head_].time : front_[0].time;
}

inline Event EventQueue::TakeNext(bool from_run) {
  Event e;
  if (from_run) {
    e = run_[run_head_++];
    if (run_head_ == run_.size()) {  // used up: start afresh, keeping the capacity
      run_.clear();
      run_head_ = 0;
    }
  } else {
    e = front_[0];
    RemoveFromFront(0);
  }
  now_ = e.time;
  if (IsTimer(e.seq_tag)) where_[Handle(e.entity, e.tag())] = kNowhere;
  --size_;
  return e;
}

inline void EventQueue::Schedule(SimTime time, EntityId entity, EventTag tag) {
  CheckSchedule(time, entity);
  if (tag < kTimerSlots || tag > kEventTagMask) [[unlikely]]
    ThrowBadSchedule(time, entity);
  Insert(Event{time, entity, NextSeqTag(entity, tag)});
  ++size_;
}

}  // namespace carriersim

#endif  // CARRIERSIM_ENGINE_EVENT_QUEUE_H_
