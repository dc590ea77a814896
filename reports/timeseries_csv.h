// timeseries.csv: the run at a fixed interval, one row per time of TimeseriesTable.
#ifndef CARRIERSIM_REPORTS_TIMESERIES_CSV_H_
#define CARRIERSIM_REPORTS_TIMESERIES_CSV_H_

#include "reports/csv.h"
#include "simulator/results/run_result.h"

namespace carriersim {

void WriteTimeseriesCsv(const RunResult& run, CsvWriter& out);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_TIMESERIES_CSV_H_
