// The `network:` part of a scenario: the cells devices camp on and their attach capacity (NET-3).
#include <cmath>

#include "simulator/scenario/loader_internal.h"

namespace carriersim {

void ScenarioLoader::ReadNetwork(const Field& network) {
  Field cells = Field::Absent("network.cells");
  if (network.present()) {
    MapFields top(reader_, network);
    cells = top.Optional("cells");
    top.Finish();
  }
  if (cells.present()) {
    for (const Field& element : reader_.Elements(cells)) {
      MapFields fields(reader_, element);
      if (!fields.is_map()) continue;
      CellSpec cell;
      CellSet set;
      const Field name = fields.Required("name", "the cell's name, which groups refer to");
      const Field count = fields.Optional("count");
      const Field capacity = fields.Optional("capacity");
      const Field t3346 = fields.Optional("t3346");
      fields.Finish();
      bool ok = name.present();
      if (name.present()) {
        std::optional<std::string> n = reader_.Name(name);
        ok = n.has_value();
        if (n && cell_set_ids_.Contains(*n)) {
          reader_.Error(name, "cell " + Quoted(*n) + " is defined twice");
          ok = false;
        }
        set.name = n.value_or("");
      }
      if (count.present()) {
        std::optional<int64_t> c = reader_.Count(count, 1, 1'000'000);
        ok = ok && c.has_value();
        set.count = static_cast<uint32_t>(c.value_or(1));
      }
      if (capacity.present()) {
        if (std::optional<Rate> rate = reader_.RateValue(capacity)) {
          if (rate->count < 1) {
            reader_.Error(capacity, "a capacity of zero admits no device at all; give at least "
                                    "1 attach request per period, such as 50/s");
            ok = false;
          } else if (rate->count != std::floor(rate->count) || rate->count > 1e12) {
            reader_.Error(capacity, "a cell admits a whole number of attach requests per "
                                    "period: write 2.5/s as 5/2s");
            ok = false;
          } else {
            cell.capacity = static_cast<int64_t>(rate->count);
            cell.window = rate->per;
          }
        } else {
          ok = false;
        }
      }
      if (t3346.present()) {
        std::optional<DurationRange> range = reader_.DurationSpan(t3346);
        if (range && range->min < kSecond) {
          reader_.Error(t3346, "T3346 must be at least 1s: a congested cell that lets devices "
                               "retry at once sheds no load");
          range.reset();
        }
        ok = ok && range.has_value();
        cell.t3346 = range.value_or(cell.t3346);
      }
      if (ok && scenario_.cells.size() + set.count > kMaxCells) {
        reader_.Error(count.present() ? count : name,
                      "more than " + std::to_string(kMaxCells) + " cells in one scenario");
        ok = false;
      }
      if (!ok) {
        if (!set.name.empty()) broken_.Add(set.name, 0);
        continue;
      }
      set.first = static_cast<uint32_t>(scenario_.cells.size());
      for (uint32_t i = 0; i < set.count; ++i) {
        cell.name = set.count == 1 ? set.name : set.name + "-" + std::to_string(i + 1);
        scenario_.cells.push_back(cell);
      }
      cell_set_ids_.Add(set.name, static_cast<uint32_t>(scenario_.cell_sets.size()));
      scenario_.cell_sets.push_back(set);
    }
  }
  if (cells.present() && cells.value.IsSequence() && cells.value.size() == 0) {
    reader_.Error(cells, "no cells defined: add one such as '- { name: metro, capacity: 50/s }', "
                         "or leave 'cells' out for one cell without a capacity limit");
  }
  if (!cells.present()) {
    // No cells given: one cell without a capacity limit carries every device.
    scenario_.cells.push_back(CellSpec{"default", 0, kSecond, {5 * kMinute, 15 * kMinute}});
    cell_set_ids_.Add("default", 0);
    scenario_.cell_sets.push_back(CellSet{"default", 0, 1});
  }
}

}  // namespace carriersim
