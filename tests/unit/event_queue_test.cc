#include "simulator/engine/event_queue.h"

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <vector>

#include "simulator/base/rng.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

constexpr EventTag kMessage = EventQueue::kTimerSlots;  // first message tag
constexpr EventTag kOtherMessage = EventQueue::kTimerSlots + 1;

struct Popped {
  SimTime time;
  EntityId entity;
  EventTag tag;
  bool operator==(const Popped&) const = default;
};

std::vector<Popped> Drain(EventQueue& q) {
  std::vector<Popped> out;
  while (!q.empty()) {
    const Event e = q.Pop();
    out.push_back({e.time, e.entity, e.tag()});
  }
  return out;
}

TEST_CASE("events come out by time, then entity id, then scheduling order", "[engine]") {
  EventQueue q(10);
  q.Schedule(30, 1, kMessage);
  q.Schedule(10, 7, kMessage);
  q.Schedule(10, 2, kMessage);
  q.Schedule(20, 0, kMessage);
  q.Schedule(10, 2, kOtherMessage);  // same time and entity: after the first one for entity 2
  q.Schedule(10, 7, kOtherMessage);
  REQUIRE(q.size() == 6);
  CHECK(Drain(q) == std::vector<Popped>{{10, 2, kMessage},
                                        {10, 2, kOtherMessage},
                                        {10, 7, kMessage},
                                        {10, 7, kOtherMessage},
                                        {20, 0, kMessage},
                                        {30, 1, kMessage}});
}

TEST_CASE("ties at one instant are ordered by entity whatever the insertion order", "[engine]") {
  // The same set scheduled in two different orders pops in the same order: no global counter.
  std::vector<Popped> first, second;
  for (int round = 0; round < 2; ++round) {
    EventQueue q(100);
    for (int i = 0; i < 100; ++i) {
      const EntityId e = round == 0 ? static_cast<EntityId>(i) : static_cast<EntityId>(99 - i);
      q.Schedule(1000, e, kMessage);
    }
    (round == 0 ? first : second) = Drain(q);
  }
  CHECK(first == second);
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].entity == i);
}

TEST_CASE("an event scheduled at the current instant for a lower entity runs next", "[engine]") {
  EventQueue q(10);
  q.Schedule(5, 8, kMessage);
  q.Schedule(9, 1, kMessage);
  const Event first = q.Pop();
  REQUIRE(first.entity == 8);
  q.Schedule(5, 3, kMessage);  // at the same instant, scheduled while handling entity 8
  q.Schedule(7, 0, kMessage);
  CHECK(Drain(q) == std::vector<Popped>{{5, 3, kMessage}, {7, 0, kMessage}, {9, 1, kMessage}});
}

TEST_CASE("timers can be cancelled and leave nothing behind", "[engine]") {
  EventQueue q(4);
  q.SetTimer(100, 1, 0);
  q.SetTimer(200, 2, 0);
  q.SetTimer(300, 1, 1);
  REQUIRE(q.size() == 3);
  CHECK(q.IsTimerSet(1, 0));
  CHECK(q.CancelTimer(1, 0));
  CHECK_FALSE(q.IsTimerSet(1, 0));
  CHECK_FALSE(q.CancelTimer(1, 0));  // already gone
  CHECK_FALSE(q.CancelTimer(3, 2));  // never set
  CHECK(q.size() == 2);
  CHECK(Drain(q) == std::vector<Popped>{{200, 2, 0}, {300, 1, 1}});
  CHECK_FALSE(q.IsTimerSet(1, 1));  // a popped timer is no longer set
}

TEST_CASE("a released queue is empty and refuses anything more", "[engine]") {
  EventQueue q(3);
  q.SetTimer(100, 1, 0);
  q.Schedule(50, 2, 5);
  q.Release();
  CHECK(q.empty());
  CHECK(q.NextTime() == kNever);
  Event e;
  CHECK_FALSE(q.PopBefore(kNever, &e));
  CHECK_FALSE(q.IsTimerSet(1, 0));
  CHECK_THROWS_AS(q.SetTimer(200, 1, 0), std::logic_error);
  CHECK_THROWS_AS(q.Schedule(200, 2, 5), std::logic_error);
  CHECK_THROWS_AS(q.CancelTimer(1, 0), std::logic_error);
}

TEST_CASE("rescheduling a timer moves it instead of adding a second event", "[engine]") {
  EventQueue q(2);
  q.SetTimer(500, 1, 0);
  q.SetTimer(100, 1, 0);  // earlier
  REQUIRE(q.size() == 1);
  q.SetTimer(900, 1, 0);  // later
  REQUIRE(q.size() == 1);
  CHECK(Drain(q) == std::vector<Popped>{{900, 1, 0}});
}

TEST_CASE("a million reschedules keep the queue at its true size", "[engine]") {
  // Tombstone-based cancellation would grow the queue by one entry per reschedule.
  EventQueue q(1000);
  RandomStream rng = MakeStream(1, 0, StreamPurpose::kPhold);
  for (int i = 0; i < 1'000'000; ++i) {
    const EntityId e = static_cast<EntityId>(UniformBelow(rng, 1000));
    q.SetTimer(static_cast<SimTime>(UniformBelow(rng, 1'000'000)), e, 2);
  }
  CHECK(q.size() == 1000);
  size_t popped = 0;
  SimTime last = 0;
  while (!q.empty()) {
    const Event e = q.Pop();
    CHECK(e.time >= last);
    last = e.time;
    ++popped;
  }
  CHECK(popped == 1000);
}

TEST_CASE("scheduling into the past or for an unknown entity is a bug that throws", "[engine]") {
  EventQueue q(3);
  q.Schedule(50, 0, kMessage);
  q.Pop();
  CHECK_THROWS_AS(q.Schedule(49, 0, kMessage), std::logic_error);
  CHECK_THROWS_AS(q.SetTimer(10, 1, 0), std::logic_error);
  CHECK_THROWS_AS(q.Schedule(60, 3, kMessage), std::logic_error);
  CHECK_THROWS_AS(q.Schedule(60, 0, 0), std::logic_error);  // a timer tag is not a message
  CHECK_THROWS_AS(q.Pop(), std::logic_error);               // empty
  CHECK_NOTHROW(q.Schedule(50, 0, kMessage));               // the current instant is fine
}

TEST_CASE("the per-entity sequence orders correctly across its wrap-around", "[engine]") {
  const Event before{7, 3, (0x1FFFFFFFu << kEventTagBits) | kMessage};  // last sequence value
  const Event after{7, 3, (0u << kEventTagBits) | kMessage};            // next one, wrapped
  CHECK(EventBefore(before, after));
  CHECK_FALSE(EventBefore(after, before));
}

TEST_CASE("PopBefore looks ahead without disturbing later scheduling", "[engine]") {
  EventQueue q(4);
  q.Schedule(1000, 1, kMessage);
  q.Schedule(5000, 2, kMessage);
  Event e;
  CHECK_FALSE(q.PopBefore(1000, &e));  // due at 1000: not before it
  REQUIRE(q.PopBefore(1001, &e));
  CHECK(e.time == 1000);
  CHECK_FALSE(q.PopBefore(5000, &e));  // the next is due at 5000: it stays queued
  q.Schedule(2000, 3, kMessage);  // earlier than what PopBefore already looked at
  CHECK_FALSE(q.PopBefore(2000, &e));
  CHECK(Drain(q) == std::vector<Popped>{{2000, 3, kMessage}, {5000, 2, kMessage}});
}

// The queue against a reference (std::set ordered by EventBefore) under random schedules,
// timer sets, cancels, look-aheads and pops. `delay` picks how far ahead each event goes.
// With `burst_at` >= 0, every entity first gets a timer at that instant.
template <typename Delay>
void CheckAgainstReference(uint64_t seed, EntityId entities, int steps, Delay delay,
                           SimTime burst_at = -1) {
  struct Less {
    bool operator()(const Event& a, const Event& b) const { return EventBefore(a, b); }
  };
  EventQueue q(entities);
  std::set<Event, Less> reference;
  std::vector<uint32_t> seq(entities, 0);
  std::vector<std::vector<Event>> timers(entities, std::vector<Event>(EventQueue::kTimerSlots));
  std::vector<std::vector<bool>> timer_set(entities,
                                           std::vector<bool>(EventQueue::kTimerSlots, false));
  RandomStream rng = MakeStream(seed, 0, StreamPurpose::kPhold);
  SimTime now = 0;
  // Pops from both and checks they agree on the whole key. REQUIRES: reference not empty.
  const auto pop_and_check = [&] {
    const Event expected = *reference.begin();
    reference.erase(reference.begin());
    const Event got = q.Pop();
    REQUIRE(got.time == expected.time);
    REQUIRE(got.entity == expected.entity);
    REQUIRE(got.seq_tag == expected.seq_tag);
    return got;
  };
  for (EntityId e = 0; burst_at >= 0 && e < entities; ++e) {
    const Event ev{burst_at, e, (seq[e]++ << kEventTagBits) | 0};
    q.SetTimer(ev.time, e, 0);
    reference.insert(ev);
    timers[e][0] = ev;
    timer_set[e][0] = true;
  }
  for (int step = 0; step < steps; ++step) {
    const uint64_t op = UniformBelow(rng, 10);
    const EntityId e = static_cast<EntityId>(UniformBelow(rng, entities));
    if (op < 3) {
      const EventTag tag = static_cast<EventTag>(EventQueue::kTimerSlots + UniformBelow(rng, 3));
      const Event ev{now + delay(rng), e, (seq[e]++ << kEventTagBits) | tag};
      q.Schedule(ev.time, e, tag);
      reference.insert(ev);
    } else if (op < 6) {
      const EventTag slot = static_cast<EventTag>(UniformBelow(rng, EventQueue::kTimerSlots));
      if (timer_set[e][slot]) reference.erase(timers[e][slot]);
      const Event ev{now + delay(rng), e, (seq[e]++ << kEventTagBits) | slot};
      q.SetTimer(ev.time, e, slot);
      reference.insert(ev);
      timers[e][slot] = ev;
      timer_set[e][slot] = true;
    } else if (op < 7) {
      const EventTag slot = static_cast<EventTag>(UniformBelow(rng, EventQueue::kTimerSlots));
      REQUIRE(q.CancelTimer(e, slot) == timer_set[e][slot]);
      if (timer_set[e][slot]) reference.erase(timers[e][slot]);
      timer_set[e][slot] = false;
    } else if (!reference.empty()) {
      if (op == 7) {  // a look-ahead: nothing is due before the reference's first event
        Event early;
        REQUIRE_FALSE(q.PopBefore(reference.begin()->time, &early));
        continue;
      }
      const Event got = pop_and_check();
      if (got.tag() < EventQueue::kTimerSlots) timer_set[got.entity][got.tag()] = false;
      now = got.time;
    }
    REQUIRE(q.size() == reference.size());
  }
  // Drain what is left, so that every event scheduled is also checked coming out.
  while (!reference.empty()) pop_and_check();
  REQUIRE(q.empty());
}

// Times spread over many orders of magnitude: every radix level and the front heap are used.
TEST_CASE("random operations match a reference ordered set exactly", "[engine]") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    CheckAgainstReference(seed, 64, 40'000, [](RandomStream& rng) {
      const uint64_t magnitude = UniformBelow(rng, 40);
      return static_cast<SimTime>(UniformBelow(rng, (uint64_t{1} << magnitude) + 1));
    });
  }
}

// A whole group at one instant, as when it boots with a fixed delay, and most later events on a
// few instants: large same-time batches take the sorted-run path while timers in the run are
// cancelled and moved and other events join the same instant.
TEST_CASE("bursts of simultaneous events match a reference ordered set exactly", "[engine]") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    CheckAgainstReference(
        seed, 2000, 60'000,
        [](RandomStream& rng) {
          const uint64_t pick = UniformBelow(rng, 10);
          return pick < 5 ? SimTime{0} : pick < 8 ? SimTime{10'000} : SimTime{1};
        },
        10'000);
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
