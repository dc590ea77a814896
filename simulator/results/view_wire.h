// The answers of a ShardView (results/shard_view.h) as bytes (base/wire.h), for a part of a run
// held by another rank: each type is written field by field and read back in the same order.
// A message that does not hold what is expected throws WireError. Internal to results/.
#ifndef CARRIERSIM_RESULTS_VIEW_WIRE_H_
#define CARRIERSIM_RESULTS_VIEW_WIRE_H_

#include <vector>

#include "simulator/base/wire.h"
#include "simulator/results/shard_view.h"
#include "simulator/results/timeseries.h"

namespace carriersim {

void PutFeeTotals(WireWriter& w, const FeeTotals& t);
FeeTotals GetFeeTotals(WireReader& r);
void PutSimTotals(WireWriter& w, const SimTotals& t);
SimTotals GetSimTotals(WireReader& r);
void PutTotals(WireWriter& w, const Totals& t);
Totals GetTotals(WireReader& r);
void PutCellAndPlanTotals(WireWriter& w, const CellAndPlanTotals& t);
CellAndPlanTotals GetCellAndPlanTotals(WireReader& r);
void PutSimRow(WireWriter& w, const SimRow& row);
SimRow GetSimRow(WireReader& r);
void PutTraffic(WireWriter& w, const TrafficTally& t);
TrafficTally GetTraffic(WireReader& r);
void PutSimValues(WireWriter& w, const std::vector<SimValue>& values);
std::vector<SimValue> GetSimValues(WireReader& r);
void PutRecoveryParts(WireWriter& w, const std::vector<RecoveryPart>& parts);
std::vector<RecoveryPart> GetRecoveryParts(WireReader& r);
// A rank's timeseries.csv table: its shards' added up (AddTable).
void PutTable(WireWriter& w, const TimeseriesTable& t);
TimeseriesTable GetTable(WireReader& r);

}  // namespace carriersim

#endif  // CARRIERSIM_RESULTS_VIEW_WIRE_H_
