#include "reports/trace.h"

#include "reports/csv_reports.h"
#include "reports/network_json.h"
#include "simulator/base/calendar.h"

namespace carriersim {
namespace {

const char* EventName(const Event& e) {
  if (e.entity == kTimelineEntity) return "timeline";
  switch (e.tag()) {
    case kModemTimer:
      return "modem-timer";
    case kSubscriptionTimer:
      return "subscription-timer";
    case kFirmwareTimer:
      return "firmware-watchdog";
    case kPowerTimer:
      return "power-schedule";
    default:
      return "message";
  }
}

}  // namespace

void AppendTraceLine(std::string& out, const World& world, const Event& e) {
  out += "{\"time\":\"";
  AppendTimestamp(out, world.scenario.start + e.time);
  out += "\",\"ms\":" + std::to_string(e.time) + ",\"event\":\"" + EventName(e) + "\"";
  if (e.entity != kTimelineEntity) {
    const DeviceId d = DeviceOfEntity(e.entity);
    out += ",\"sim\":\"";
    AppendSimName(out, world, d);  // group names and indexes need no JSON escaping
    out += "\",\"modem\":\"";
    out += ModemStateName(world.fleet.modem[d]);
    out += "\",\"status\":\"" + world.ProfileOf(d).statuses[world.subscribers.status[d]].name +
           "\"";
  }
  out += "}\n";
}

}  // namespace carriersim
