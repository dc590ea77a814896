// Sorting in bounded memory (SortWithin, simulator/base/spill_log.h) and the fee ledger that uses
// it: the order is that of a stable sort however small the memory, and the ledger's lines, sums and
// ledger.csv order are the same whether its lines are in memory or on disk.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "simulator/base/rng.h"
#include "simulator/base/spill_log.h"
#include "simulator/billing/ledger.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

struct Item {
  int32_t key;
  uint32_t order;  // as given
  bool operator==(const Item&) const = default;
};

std::vector<Item> Sorted(const std::vector<Item>& items, uint64_t memory) {
  SpillOptions options;
  options.memory = memory;
  size_t next = 0;
  std::vector<Item> out;
  SortWithin<Item>(
      options, ".test-sort.spill", "test items",
      [&](Item* item) {
        if (next == items.size()) return false;
        *item = items[next++];
        return true;
      },
      [](const Item& a, const Item& b) { return a.key < b.key; },
      [&](const Item& item) { out.push_back(item); });
  return out;
}

TEST_CASE("spill sort: any memory gives the order of a stable sort", "[spill]") {
  RandomStream rng = MakeStream(7, 1, StreamPurpose::kSelection);
  std::vector<Item> items;
  for (uint32_t i = 0; i < 5000; ++i) {
    items.push_back({static_cast<int32_t>(UniformBelow(rng, 50)) - 25, i});  // many ties
  }
  std::vector<Item> expected = items;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Item& a, const Item& b) { return a.key < b.key; });
  for (uint64_t memory : {uint64_t{1}, uint64_t{8} * sizeof(Item), uint64_t{999} * sizeof(Item),
                          uint64_t{5000} * sizeof(Item), kNoSpill}) {
    INFO("memory " << memory);
    CHECK(Sorted(items, memory) == expected);
  }
  CHECK(Sorted({}, 1).empty());
  CHECK(Sorted({}, kNoSpill).empty());
}

// Lines of every packing: whole seconds, an exact time with quantity 1, and neither (kept whole).
std::vector<FeeLine> SomeLines() {
  std::vector<FeeLine> lines;
  for (uint32_t i = 0; i < 3000; ++i) {
    const uint32_t sim = (i * 7919) % 13;
    const SimTime time = static_cast<SimTime>((i * 104729) % 97) * kDay;
    switch (i % 3) {
      case 0:
        lines.push_back(
            MakeFeeLine(sim, 1, FeeCategory::kBasic, FeeUnit::kDay, 1, time, 1000 + i, 5));
        break;
      case 1:
        lines.push_back(
            MakeFeeLine(sim, 0, FeeCategory::kReactivation, FeeUnit::kOnce, 2, time + 123, 700, 1));
        break;
      default:
        lines.push_back(MakeFeeLine(sim, 2, FeeCategory::kUsage, FeeUnit::kByte, 1, time + 7, i,
                                    int64_t{1} << 40));
    }
  }
  return lines;
}

TEST_CASE("spill sort: a fee ledger on disk reads, sums and sorts as one in memory", "[spill]") {
  const std::vector<FeeLine> lines = SomeLines();
  std::vector<FeeLine> by_time = lines;
  std::stable_sort(by_time.begin(), by_time.end(), [](const FeeLine& a, const FeeLine& b) {
    return a.time != b.time ? a.time < b.time : a.sim < b.sim;
  });
  const auto same = [](const FeeLine& a, const FeeLine& b) {
    return a.sim == b.sim && a.plan == b.plan && a.kind == b.kind && a.status == b.status &&
           a.time == b.time && a.micros == b.micros && a.quantity == b.quantity;
  };
  for (uint64_t memory : {uint64_t{100}, uint64_t{24} * 500, kNoSpill}) {
    INFO("memory " << memory);
    SpillOptions options;
    options.memory = memory;
    FeeLedger ledger(options);
    for (const FeeLine& line : lines) ledger.push_back(line);
    CHECK((memory == kNoSpill) == (ledger.on_disk() == 0));
    REQUIRE(ledger.size() == lines.size());
    size_t i = 0;
    for (const FeeLine& line : ledger) CHECK(same(line, lines[i++]));
    CHECK(i == lines.size());
    for (size_t k = 0; k < lines.size(); k += 97) CHECK(same(ledger[k], lines[k]));
    i = 0;
    ledger.ForEachByTime([&](const FeeLine& line) { CHECK(same(line, by_time[i++])); });
    CHECK(i == lines.size());
    int64_t total = 0, sim3 = 0, month0 = 0;
    for (const FeeLine& line : lines) {
      total += line.micros;
      sim3 += line.sim == 3 ? line.micros : 0;
      month0 += line.time < 31 * kDay ? line.micros : 0;
    }
    CHECK(ledger.total() == total);
    CHECK(ledger.sums().by_group()[0].total == total);
    CHECK(ledger.sums().by_sim()[3] == sim3);
    CHECK(ledger.sums().by_month().begin()->second.total == month0);  // January 1970
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
