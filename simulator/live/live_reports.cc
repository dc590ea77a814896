#include "simulator/live/live_reports.h"

#include <cstdint>

#include "reports/output_files.h"
#include "reports/report_set.h"
#include "simulator/base/calendar.h"

namespace carriersim {

bool PublishLiveReports(const RunResult& run, const std::string& journal,
                        const std::vector<Delivery>& deliveries, OutputFolder& folder,
                        std::string* error) {
  StagingFolder staging;
  uint64_t bytes_left = UINT64_MAX;
  const UnixMillis start = run.scenario().start;
  return folder.Stage(&staging, error) && WriteReports(run, staging, &bytes_left, error) &&
         WriteReportFile(staging, "requests.jsonl", journal, &bytes_left, error) &&
         WriteCsvReport(
             staging, "webhooks.csv",
             [&](CsvWriter& csv) {
               csv.Row({"time", "method", "url", "reason", "attempts", "status", "error"});
               for (const Delivery& d : deliveries) {
                 csv.Field(FormatTimestamp(start + d.at));
                 csv.Field(d.method);
                 csv.Field(d.url);
                 csv.Field(d.reason);
                 csv.Field(d.attempts);
                 csv.Field(d.status);
                 csv.Field(d.error);
                 csv.EndRow();
               }
             },
             &bytes_left, error) &&
         folder.Publish(&staging, error);
}

}  // namespace carriersim
