// Writing a live session's output folder: the run's reports for the time reached, its journal
// (requests.jsonl) and its outgoing HTTP requests (webhooks.csv), swapped in as a whole.
#ifndef CARRIERSIM_LIVE_LIVE_REPORTS_H_
#define CARRIERSIM_LIVE_LIVE_REPORTS_H_

#include <string>
#include <vector>

#include "reports/output_folder.h"
#include "simulator/live/live.h"

namespace carriersim {

// False and *error on the first failure; the folder then keeps what it held.
bool PublishLiveReports(const RunResult& run, const std::string& journal,
                        const std::vector<Delivery>& deliveries, OutputFolder& folder,
                        std::string* error);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_LIVE_REPORTS_H_
