#include "simulator/results/view_wire.h"

#include <cstring>
#include <string>

#include "devices/device_state.h"

namespace carriersim {
namespace {

constexpr uint8_t kModemStates = static_cast<uint8_t>(ModemState::kGaveUp) + 1;

// A count of things that each take at least `least` bytes (WireReader::GetLength): a corrupt
// count fails before anything is allocated for it.
size_t GetCount(WireReader& r, size_t least, const char* what) {
  return static_cast<size_t>(r.GetLength(least, std::string("a list of ") + what));
}

// A plan's number, which the wire carries in 32 bits.
PlanId GetPlan(WireReader& r) {
  const uint32_t plan = r.GetU32();
  if (plan > UINT16_MAX) throw WireError(r.description() + " names plan " + std::to_string(plan));
  return static_cast<PlanId>(plan);
}

}  // namespace

void PutFeeTotals(WireWriter& w, const FeeTotals& t) {
  w.Put(t.total);
  for (int64_t v : t.by_category) w.Put(v);
}

FeeTotals GetFeeTotals(WireReader& r) {
  FeeTotals t;
  t.total = r.GetI64();
  for (int64_t& v : t.by_category) v = r.GetI64();
  return t;
}

void PutSimTotals(WireWriter& w, const SimTotals& t) {
  for (int64_t v : {t.sims, t.listed, t.online, t.registered, t.uplink_bytes, t.downlink_bytes,
                    t.online_ms, t.sms_sent, t.commands_received, t.attach_attempts,
                    t.attach_rejects, t.pdn_requests, t.radio_ms, t.radio_ms_max,
                    t.modem_reboots, t.status_changes, t.forced_reactivations}) {
    w.Put(v);
  }
  PutFeeTotals(w, t.fees);
}

SimTotals GetSimTotals(WireReader& r) {
  SimTotals t;
  for (int64_t* v : {&t.sims, &t.listed, &t.online, &t.registered, &t.uplink_bytes,
                     &t.downlink_bytes, &t.online_ms, &t.sms_sent, &t.commands_received,
                     &t.attach_attempts, &t.attach_rejects, &t.pdn_requests, &t.radio_ms,
                     &t.radio_ms_max, &t.modem_reboots, &t.status_changes,
                     &t.forced_reactivations}) {
    *v = r.GetI64();
  }
  t.fees = GetFeeTotals(r);
  return t;
}

namespace {

void PutSimTotalsList(WireWriter& w, const std::vector<SimTotals>& list) {
  w.Put(static_cast<uint64_t>(list.size()));
  for (const SimTotals& t : list) PutSimTotals(w, t);
}

std::vector<SimTotals> GetSimTotalsList(WireReader& r) {
  std::vector<SimTotals> list(GetCount(r, sizeof(int64_t), "scopes"));
  for (SimTotals& t : list) t = GetSimTotals(r);
  return list;
}

// (carrier, plan) -> fees or totals, as std::map keeps them: in key order.
template <typename Map, typename PutValue>
void PutPlanMap(WireWriter& w, const Map& map, PutValue put) {
  w.Put(static_cast<uint64_t>(map.size()));
  for (const auto& [key, value] : map) {
    w.Put(key.first);
    w.Put(static_cast<uint32_t>(key.second));
    put(w, value);
  }
}

template <typename Map, typename GetValue>
Map GetPlanMap(WireReader& r, GetValue get) {
  Map map;
  const size_t n = GetCount(r, 2 * sizeof(uint32_t), "plans");
  for (size_t i = 0; i < n; ++i) {
    const uint32_t carrier = r.GetU32();
    const PlanId plan = GetPlan(r);
    map[{carrier, plan}] = get(r);
  }
  return map;
}

}  // namespace

void PutTotals(WireWriter& w, const Totals& t) {
  PutSimTotals(w, t.all);
  PutSimTotalsList(w, t.by_group);
  PutSimTotalsList(w, t.by_carrier);
  w.Put(static_cast<uint64_t>(t.invoices.size()));
  for (const auto& [month, fees] : t.invoices) {
    w.Put(month);
    PutFeeTotals(w, fees);
  }
  PutPlanMap(w, t.fees_by_plan, PutFeeTotals);
  for (int64_t n : t.changes_by_cause) w.Put(n);
}

Totals GetTotals(WireReader& r) {
  Totals t;
  t.all = GetSimTotals(r);
  t.by_group = GetSimTotalsList(r);
  t.by_carrier = GetSimTotalsList(r);
  const size_t months = GetCount(r, sizeof(int64_t), "months");
  for (size_t i = 0; i < months; ++i) {
    const int64_t month = r.GetI64();
    t.invoices[month] = GetFeeTotals(r);
  }
  t.fees_by_plan =
      GetPlanMap<std::map<std::pair<uint32_t, PlanId>, FeeTotals>>(r, GetFeeTotals);
  for (int64_t& n : t.changes_by_cause) n = r.GetI64();
  return t;
}

void PutCellAndPlanTotals(WireWriter& w, const CellAndPlanTotals& t) {
  PutSimTotalsList(w, t.by_cell);
  PutPlanMap(w, t.by_plan, PutSimTotals);
}

CellAndPlanTotals GetCellAndPlanTotals(WireReader& r) {
  CellAndPlanTotals t;
  t.by_cell = GetSimTotalsList(r);
  t.by_plan = GetPlanMap<std::map<std::pair<uint32_t, PlanId>, SimTotals>>(r, GetSimTotals);
  return t;
}

void PutSimRow(WireWriter& w, const SimRow& row) {
  w.Put(row.group);
  w.Put(static_cast<uint32_t>(row.plan));
  w.Put(row.status);
  w.Put(row.online);
  w.Put(row.listed);
  for (int64_t v : {row.renewal_since, row.uplink_bytes, row.downlink_bytes, row.online_ms,
                    row.sms_sent, row.commands_received, row.radio_ms, row.fees}) {
    w.Put(v);
  }
  for (uint32_t v : {row.attach_attempts, row.attach_rejects, row.pdn_requests, row.cell,
                     row.modem_reboots}) {
    w.Put(v);
  }
  // The modem's state by number: the name is one of ModemStateName's, the same on every rank.
  uint8_t state = 0;
  while (state < kModemStates &&
         std::strcmp(ModemStateName(static_cast<ModemState>(state)), row.modem) != 0) {
    ++state;
  }
  w.Put(state);
  for (int64_t v : row.fees_by_category) w.Put(v);
}

SimRow GetSimRow(WireReader& r) {
  SimRow row;
  row.group = r.GetU32();
  row.plan = GetPlan(r);
  row.status = r.GetU8();
  row.online = r.GetBool();
  row.listed = r.GetBool();
  for (int64_t* v : {&row.renewal_since, &row.uplink_bytes, &row.downlink_bytes, &row.online_ms,
                     &row.sms_sent, &row.commands_received, &row.radio_ms, &row.fees}) {
    *v = r.GetI64();
  }
  for (uint32_t* v : {&row.attach_attempts, &row.attach_rejects, &row.pdn_requests, &row.cell,
                      &row.modem_reboots}) {
    *v = r.GetU32();
  }
  const uint8_t state = r.GetU8();
  if (state >= kModemStates) {
    throw WireError(r.description() + " names modem state " + std::to_string(state));
  }
  row.modem = ModemStateName(static_cast<ModemState>(state));
  for (int64_t& v : row.fees_by_category) v = r.GetI64();
  return row;
}

void PutTraffic(WireWriter& w, const TrafficTally& t) {
  for (int64_t v : {t.sends, t.uplink, t.downlink, t.sms}) w.Put(v);
}

TrafficTally GetTraffic(WireReader& r) {
  TrafficTally t;
  for (int64_t* v : {&t.sends, &t.uplink, &t.downlink, &t.sms}) *v = r.GetI64();
  return t;
}

void PutSimValues(WireWriter& w, const std::vector<SimValue>& values) {
  w.Put(static_cast<uint64_t>(values.size()));
  for (const SimValue& v : values) {
    w.Put(v.sim);
    w.Put(v.value);
  }
}

std::vector<SimValue> GetSimValues(WireReader& r) {
  std::vector<SimValue> values(GetCount(r, sizeof(uint32_t) + sizeof(int64_t), "values"));
  for (SimValue& v : values) {
    v.sim = r.GetU32();
    v.value = r.GetI64();
  }
  return values;
}

void PutRecoveryParts(WireWriter& w, const std::vector<RecoveryPart>& parts) {
  w.Put(static_cast<uint64_t>(parts.size()));
  for (const RecoveryPart& p : parts) {
    w.Put(p.affected);
    w.PutVector(p.back);
  }
}

std::vector<RecoveryPart> GetRecoveryParts(WireReader& r) {
  std::vector<RecoveryPart> parts(GetCount(r, 2 * sizeof(uint64_t), "mass events"));
  for (RecoveryPart& p : parts) {
    p.affected = r.GetU64();
    p.back = r.GetVector<SimTime>();
  }
  return parts;
}

}  // namespace carriersim

namespace carriersim {
namespace {

void PutSample(WireWriter& w, const SignalingSample& s) {
  for (uint64_t v : {s.attempts, s.accepts, s.rejects, s.congestion, s.without_cell}) w.Put(v);
}

SignalingSample GetSample(WireReader& r) {
  SignalingSample s;
  for (uint64_t* v : {&s.attempts, &s.accepts, &s.rejects, &s.congestion, &s.without_cell}) {
    *v = r.GetU64();
  }
  return s;
}

constexpr size_t kSampleBytes = 5 * sizeof(uint64_t);

}  // namespace

void PutTable(WireWriter& w, const TimeseriesTable& t) {
  w.PutVector(t.times);
  w.Put(static_cast<uint64_t>(t.status_names.size()));
  for (const std::string& name : t.status_names) w.PutString(name);
  w.Put(static_cast<uint64_t>(t.sims.size()));
  for (const std::vector<int64_t>& row : t.sims) w.PutVector(row);
  w.PutVector(t.online);
  w.Put(static_cast<uint64_t>(t.signaling.size()));
  for (const SignalingSample& s : t.signaling) PutSample(w, s);
  w.PutVector(t.usage_bytes);
  w.PutVector(t.fee_micros);
  w.Put(static_cast<uint64_t>(t.cells.size()));
  for (const std::vector<SignalingSample>& row : t.cells) {
    w.Put(static_cast<uint64_t>(row.size()));
    for (const SignalingSample& s : row) PutSample(w, s);
  }
}

TimeseriesTable GetTable(WireReader& r) {
  TimeseriesTable t;
  t.times = r.GetVector<SimTime>();
  t.status_names.resize(GetCount(r, sizeof(uint64_t), "status names"));
  for (std::string& name : t.status_names) name = r.GetString();
  t.sims.resize(GetCount(r, sizeof(uint64_t), "rows"));
  for (std::vector<int64_t>& row : t.sims) row = r.GetVector<int64_t>();
  t.online = r.GetVector<int64_t>();
  t.signaling.resize(GetCount(r, kSampleBytes, "samples"));
  for (SignalingSample& s : t.signaling) s = GetSample(r);
  t.usage_bytes = r.GetVector<int64_t>();
  t.fee_micros = r.GetVector<int64_t>();
  t.cells.resize(GetCount(r, sizeof(uint64_t), "rows"));
  for (std::vector<SignalingSample>& row : t.cells) {
    row.resize(GetCount(r, kSampleBytes, "samples"));
    for (SignalingSample& s : row) s = GetSample(r);
  }
  // Every row has its columns: AddTable reads them by the first table's shape.
  const size_t rows = t.times.size();
  const bool shaped = t.sims.size() == rows && t.online.size() == rows &&
                      t.signaling.size() == rows && t.usage_bytes.size() == rows &&
                      t.fee_micros.size() == rows && t.cells.size() == rows;
  if (!shaped) throw WireError(r.description() + " holds a timeseries table of uneven columns");
  return t;
}

}  // namespace carriersim
