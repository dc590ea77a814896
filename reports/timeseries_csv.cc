#include "reports/timeseries_csv.h"

#include <string>
#include <vector>

#include "reports/csv_reports.h"
#include "simulator/base/calendar.h"
#include "simulator/base/units.h"

namespace carriersim {

void WriteTimeseriesCsv(const RunResult& run, CsvWriter& out) {
  const TimeseriesTable& t = run.timeseries();
  std::vector<std::string> header = {"time"};
  for (const std::string& name : t.status_names) header.push_back("sims_" + name);
  for (const char* column : {"online", "attach_attempts", "attach_accepts", "attach_rejects",
                             "congestion_rejects", "attempts_without_cell", "usage_bytes"}) {
    header.emplace_back(column);
  }
  header.push_back(AmountColumn(run.scenario(), "fees"));
  for (const std::string& column : header) out.Field(column);
  out.EndRow();
  for (size_t i = 0; i < t.times.size(); ++i) {
    out.Field(FormatTimestamp(run.scenario().start + t.times[i]));
    for (const int64_t n : t.sims[i]) out.Field(n);
    out.Field(t.online[i]);
    const SignalingSample& s = t.signaling[i];
    out.Field(s.attempts);
    out.Field(s.accepts);
    out.Field(s.rejects);
    out.Field(s.congestion);
    out.Field(s.without_cell);
    out.Field(t.usage_bytes[i]);
    std::string& amount = out.scratch();
    AppendAmount(amount, t.fee_micros[i]);
    out.Field(amount);
    out.EndRow();
  }
}

}  // namespace carriersim
