#include "reports/trace.h"

#include "simulator/base/calendar.h"

namespace carriersim {

void AppendTraceLine(std::string& out, const TraceRecord& r) {
  const SimDirectory& directory = *r.directory;
  out += "{\"time\":\"";
  AppendTimestamp(out, directory.scenario().start + r.time);
  out += "\",\"ms\":" + std::to_string(r.time) + ",\"event\":\"" + r.event + "\"";
  if (r.device) {
    out += ",\"sim\":\"";
    directory.AppendSimName(out, r.sim);  // group names and indexes need no JSON escaping
    out += "\",\"modem\":\"";
    out += r.modem;
    out += "\",\"status\":\"" + *r.status + "\"";
  }
  out += "}\n";
}

}  // namespace carriersim
