#include "simulator/live/virtual_modems.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "devices/at/at_modem.h"
#include "simulator/base/calendar.h"
#include "simulator/live/sms_texts.h"

namespace carriersim {
namespace {

// 27.005's <scts>: "yy/MM/dd,hh:mm:ss+zz" (quarter hours from UTC: 0, as the simulator is UTC).
std::string ServiceCentreTime(UnixMillis t) {
  const CivilDateTime c = ToCivil(t);
  char text[32];
  std::snprintf(text, sizeof text, "%02d/%02d/%02d,%02d:%02d:%02d+00",
                static_cast<int>(c.date.year % 100), c.date.month, c.date.day, c.hour, c.minute,
                c.second);
  return text;
}

}  // namespace

ModemStatus ToModemStatus(const ExternalStatus& s, const DeviceSpec& device) {
  ModemStatus m;
  m.powered = s.powered;
  m.fun = s.fun;
  m.automatic = s.automatic;
  m.modem = s.modem;
  m.last_cause = s.last_cause;
  m.pdn_up = s.pdn_up;
  m.cell_up = s.cell_up;
  m.cell = s.cell;
  m.act = device.modem.nb_iot ? 9 : 7;
  return m;
}

// One device's serial line: its interpreter, and the link through which the interpreter acts.
struct VirtualModems::Line final : ModemLink {
  Line(LiveService& live, SimId sim, std::string name, ModemIdentity identity)
      : live(live), sim(sim), name(std::move(name)), id(std::move(identity)) {}

  const ModemIdentity& Identity() const override { return id; }
  ModemStatus Status() override { return Current(); }
  void SetFunctionality(int fun) override { Act(ActionKind::kModemFunctionality, fun); }
  void Reset() override { Act(ActionKind::kModemReset); }
  void SetAutomatic(bool automatic) override { Act(ActionKind::kModemAutomatic, 0, automatic); }
  bool ActivatePdn() override {
    Act(ActionKind::kModemPdn, 0, true);
    return Current().pdn_up;
  }
  void DeactivatePdn() override { Act(ActionKind::kModemPdn, 0, false); }
  bool SendData(int64_t bytes) override {
    return Act(ActionKind::kModemSend, bytes).result == VerbResult::kApplied;
  }
  bool SendSms() override { return Act(ActionKind::kModemSms).result == VerbResult::kApplied; }

  ModemStatus Current() const {
    const World& world = live.world();
    return ToModemStatus(world.devices().StatusOfExternal(sim),
                         world.directory().DeviceSpecOf(sim));
  }
  // A request at the time reached, as an API request is: the journal keeps it.
  Outcome Act(ActionKind kind, int64_t amount = 0, bool enabled = false) {
    const GroupSpec& group = live.world().directory().GroupOf(sim);
    TimelineAction a;
    a.kind = kind;
    a.target = Target{Target::Kind::kSim, live.world().directory().group(sim), 0, 0,
                      static_cast<int64_t>(sim) - group.first_sim};
    a.amount = amount;
    a.enabled = enabled;
    a.role = "device";
    a.channel = "at";
    return live.Act(a, "at", name);
  }

  LiveService& live;
  SimId sim;
  std::string name;
  ModemIdentity id;
  std::unique_ptr<AtModem> at;
};

VirtualModems::VirtualModems(LiveService& live) : live_(live) {
  const Scenario& s = live.scenario();
  const SimIds& ids = live.ids();
  std::string revision = "carriersim-";
  revision += CARRIERSIM_VERSION;
  bool first = true;
  for (const GroupSpec& group : s.groups) {
    if (!s.devices[group.device].external) continue;
    const CarrierSpec& carrier = s.carriers[group.carrier];
    for (int64_t i = 0; i < group.count; ++i) {
      const SimId sim = static_cast<SimId>(group.first_sim + i);
      if (first) first_sim_ = sim;
      first = false;
      const std::string imsi = ids.Imsi(sim);
      ModemIdentity id{"carriersim",   "Virtual LTE-M module", revision,     ids.Imei(sim),    imsi,
                       ids.Iccid(sim), carrier.name,           carrier.name, imsi.substr(0, 5)};
      auto line =
          std::make_unique<Line>(live, sim, group.name + "-" + std::to_string(i), std::move(id));
      line->at = std::make_unique<AtModem>(*line);
      if (line_of_sim_.size() <= sim - first_sim_)
        line_of_sim_.resize(sim - first_sim_ + 1, UINT32_MAX);
      line_of_sim_[sim - first_sim_] = static_cast<uint32_t>(lines_.size());
      lines_.push_back(std::move(line));
    }
  }
  if (lines_.empty()) return;
  live.AddObserver({[this] { AfterStep(); }, [this] { Resync(); }});
}

VirtualModems::~VirtualModems() = default;

const std::string& VirtualModems::name(size_t i) const { return lines_[i]->name; }
SimId VirtualModems::sim(size_t i) const { return lines_[i]->sim; }
const ModemIdentity& VirtualModems::identity(size_t i) const { return lines_[i]->id; }
ModemStatus VirtualModems::status(size_t i) const { return lines_[i]->Current(); }

VirtualModems::Counters VirtualModems::counters(size_t i) const {
  const Devices& d = live_.world().devices();
  const SimId sim = lines_[i]->sim;
  return {d.attach_attempts(sim), d.rejects(sim), d.reboots(sim), d.radio_ms(sim)};
}

void VirtualModems::Feed(size_t i, std::string_view bytes) {
  live_.Sync();  // the commands act at the time the bytes arrived
  lines_[i]->at->Feed(bytes);
}

std::string VirtualModems::TakeOutput(size_t i) { return lines_[i]->at->TakeOutput(); }

void VirtualModems::LineDropped(size_t i) { lines_[i]->at->OnLineDropped(); }

// The world moved or was acted on: each modem hears of its device's changes, in order.
void VirtualModems::AfterStep() {
  std::vector<bool> touched(lines_.size());
  for (const ModemReport& r : live_.TakeModemReports()) {
    if (r.device < first_sim_ || r.device - first_sim_ >= line_of_sim_.size()) continue;
    const uint32_t i = line_of_sim_[r.device - first_sim_];
    if (i == UINT32_MAX) continue;
    Line& line = *lines_[i];
    if (r.sms > 0) {
      // Each announced; past the modem's store they would be lost anyway, so a burst of
      // thousands of commands costs no more than the store holds.
      const std::string when = ServiceCentreTime(live_.scenario().start + r.at);
      for (int64_t k = 0; k < std::min<int64_t>(r.sms, 20); ++k) {
        // The words an API sent (KORE Commands); the scenario's commands have none.
        line.at->OnSms(
            {"carriersim", live_.ApiState<SmsTexts>("sms-texts").Take(line.sim, "command"), when});
      }
    } else {
      line.at->OnStatus(ToModemStatus(r.status, live_.world().directory().DeviceSpecOf(line.sim)));
    }
    touched[i] = true;
  }
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (touched[i] && on_output_) on_output_(i);
  }
}

// The session restarted from the scenario's start: each modem is told where its device is now.
void VirtualModems::Resync() {
  live_.ApiState<SmsTexts>("sms-texts").pending.clear();
  for (size_t i = 0; i < lines_.size(); ++i) {
    lines_[i]->at->OnStatus(lines_[i]->Current());
    if (on_output_) on_output_(i);
  }
}

}  // namespace carriersim
