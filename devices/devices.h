// The devices of a run: each a modem (3GPP TS 24.301 attach with T3411/T3402/T3346/T3410, the
// invalid SIM after a permanent reject, NET-1..3), the firmware's reconnect policy on top of it
// (DEV-2), a power supply that follows the timeline's switch and a schedule (DEV-1), and traffic
// (DEV-3). Device d holds SIM d.
//
// Doors: to the network only through a NetworkPort (attach request and complete, PDN request,
// detach); from it only through the DevicePort calls below; from the physical world, the
// timeline's power switch, a SIM taken out, a cell or the core going away; and its three timers.
//
// Invariants:
//  1. A device is kRegistered exactly when the network holds it attached; its data session is
//     the network's business.
//  2. A device that is on has a pending modem timer unless it is registered, holds an invalid
//     SIM or gave up; one that is off has no modem or watchdog timer.
//  3. A device refused a data session while registered (SOR-4) is pdn_refused, since
//     pdn_refused_since, until the session comes up or the device leaves the network; its
//     requests are counted then.
//  4. Every random draw comes from the device's own streams, so what one device does never
//     depends on the others or on the order events were handled in.
// Thread safety: none; one Devices belongs to one run.
#ifndef CARRIERSIM_DEVICES_DEVICES_H_
#define CARRIERSIM_DEVICES_DEVICES_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "devices/device_state.h"
#include "devices/external.h"
#include "devices/send_window.h"
#include "simulator/engine/engine.h"
#include "simulator/nas/ports.h"
#include "simulator/observers/recorder.h"
#include "simulator/scenario/sim_directory.h"

namespace carriersim {

class Devices {
 public:
  struct Timers {
    TimerSlot modem;     // boot over, retry or back-off over, an answer arrives, a reboot due
    TimerSlot firmware;  // the no-service watchdog
    TimerSlot power;     // the power schedule changes state
  };
  // Device d's timers are index d of each slot (the world puts them on entity d + 1).
  Devices(const SimDirectory& directory, Timers timers, Recorder& recorder);
  Devices(const Devices&) = delete;
  Devices& operator=(const Devices&) = delete;

  // Where the devices' messages to the network go. REQUIRES: called before anything runs.
  void Connect(NetworkPort network) { network_ = network; }
  // Switches on the devices of the groups that start powered.
  void Start();

  // --- From the network (DevicePort) ---
  void NetworkDetach(SimId sim, SimTime now, const NetworkDetachRequest& request);
  void PdnReject(SimId sim, SimTime now);
  void PdnEstablished(SimId sim, SimTime now);
  // A modelled firmware takes no action on a command: it counts towards the SIM's rules only.
  // An external one is told (a ModemReport), and its modem announces the SMS.
  void DownlinkSms(SimId sim, SimTime now, int64_t count);
  TrafficTally Traffic(SimId sim, SimTime from, SimTime to) const;
  SimTime DataCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold, SimTime bound);
  SimTime SmsCrossing(SimId sim, SimTime from, int64_t counted, int64_t threshold) const;

  // --- From the physical world ---
  // The timeline's power switch. Each returns whether the modem's power changed; a power cycle
  // of a device that is on restarts its modem. While switched on, the power schedule rules.
  bool SwitchOn(DeviceId d, SimTime now);
  bool SwitchOff(DeviceId d, SimTime now);
  bool SwitchCycle(DeviceId d, SimTime now);
  // The SIM taken out and put back while the device is on: the modem drops off the network and
  // reads the SIM again, forgetting an invalid SIM and its counters (NET-1), then attaches after
  // its boot time. False when the device is off.
  bool ReinsertSim(DeviceId d, SimTime now);
  // The device's cell or the core went away (NET-4): it notices after its modem's
  // loss-detection time and starts attaching. Returns whether it had service to lose.
  bool LoseService(DeviceId d, SimTime now);
  // Until when nothing outside a device can change what it meets but its own power schedule
  // (the next timeline action): a device in a dead cell counts its retries up to then by
  // arithmetic instead of events. An earlier time than the truth is safe, a later one is not;
  // until it is first set it is 0, which simulates every retry.
  void SetQuietUntil(SimTime t) { quiet_until_ = t; }
  // Off only to check that the arithmetic changes nothing.
  void set_fast_forward(bool on) { fast_forward_ = on; }

  // --- From an external firmware (devices/at, through the live server and the timeline) ---
  // Only for devices of a `firmware: external` group. Each returns whether it changed anything
  // (false: nothing to do, or not possible now: no power, not registered, no data session).
  bool SetFunctionality(DeviceId d, int fun, SimTime now);  // AT+CFUN=0|1|4
  bool ResetModem(DeviceId d, SimTime now);                 // AT+CFUN=1,1: a power cycle
  bool SetAutomatic(DeviceId d, bool automatic, SimTime now);  // AT+COPS=0|2, AT+CGATT
  bool RequestPdn(DeviceId d, SimTime now);  // the network answers at once (PdnEstablished...)
  bool ReleasePdn(DeviceId d, SimTime now);
  bool SendData(DeviceId d, int64_t bytes, SimTime now);  // echoed back: uplink and downlink
  bool SendSms(DeviceId d, SimTime now);
  bool external(DeviceId d) const { return !external_.empty() && SpecOf(d).external; }
  // REQUIRES: external(d).
  ExternalStatus StatusOfExternal(DeviceId d) const;
  // From now on every change of an external modem's status is kept as a ModemReport until
  // taken: a live session turns them into unsolicited result codes.
  void CollectModemReports() { collect_reports_ = true; }
  std::vector<ModemReport> TakeModemReports() { return std::exchange(reports_, {}); }

  // --- Its timers ---
  void OnModemTimer(DeviceId d, SimTime now);
  void OnWatchdog(DeviceId d, SimTime now);
  void OnPowerTimer(DeviceId d, SimTime now);

  // The run ends at `end`: data session requests of refused devices are counted up to it.
  void Finish(SimTime end);

  // --- What they show ---
  size_t size() const { return state_.size(); }
  ModemState modem(DeviceId d) const { return state_[d].modem; }
  uint32_t cell(DeviceId d) const { return state_[d].cell; }
  uint32_t attach_attempts(DeviceId d) const { return state_[d].attach_attempts; }
  uint32_t rejects(DeviceId d) const { return rejects_[d]; }  // attach rejects, any cause
  SimTime radio_ms(DeviceId d) const { return state_[d].radio_ms; }
  uint32_t reboots(DeviceId d) const { return reboots_[d]; }
  // The energy proxy so far (DEV-4): what recovering from a mass event costs is its difference.
  EnergyReading energy(DeviceId d) const {
    return {state_[d].attach_attempts, reboots_[d], state_[d].radio_ms};
  }
  uint32_t pdn_requests(DeviceId d) const { return pdn_requests_[d]; }
  SimTime traffic_anchor(DeviceId d) const { return traffic_anchor_[d]; }
  SimTime t3346_until(DeviceId d) const { return state_[d].t3346_until; }
  uint16_t reboots_in_row(DeviceId d) const { return state_[d].reboots_in_row; }
  // The duty cycle's phase: on in [phase + k * every, phase + k * every + on).
  SimTime PowerPhase(DeviceId d) const;

 private:
  const DeviceSpec& SpecOf(DeviceId d) const { return directory_.DeviceSpecOf(d); }

  // modem.cc
  bool PowerOn(DeviceId d, SimTime now);
  void StartModem(DeviceId d, SimTime now);
  bool PowerOff(DeviceId d, SimTime now, SessionEnd why);
  void WaitThenAttach(DeviceId d, SimTime at);
  void SendAttach(DeviceId d, SimTime now);
  void Receive(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
               const DurationRange& t3346);
  void LeaveNetwork(DeviceId d, SimTime now, SessionEnd why);

  // firmware.cc
  void OnAttachFailure(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
                       const DurationRange& t3346);
  SimTime NextAttempt(DeviceId d, SimTime now, AttachOutcome outcome, EmmCause cause,
                      const DurationRange& t3346);
  SimTime RetryWait(DeviceId d, bool congestion);
  SimTime SkipDeadAir(DeviceId d, SimTime now, SimTime at);
  void ScheduleReboot(DeviceId d, SimTime now);
  void RebootModem(DeviceId d, SimTime now);
  void ArmWatchdog(DeviceId d, SimTime now);

  // power.cc
  bool FollowSchedule(DeviceId d, SimTime now);
  SimTime NextPowerChange(DeviceId d, SimTime now) const;

  // traffic.cc
  void EndPdnRefusal(DeviceId d, SimTime now);

  // external.cc
  ExternalModem& Ext(DeviceId d) { return external_[ExternalIndex(d)]; }
  const ExternalModem& Ext(DeviceId d) const { return external_[ExternalIndex(d)]; }
  size_t ExternalIndex(DeviceId d) const {
    const GroupSpec& group = directory_.GroupOf(d);
    return external_offset_[directory_.group(d)] + (d - static_cast<DeviceId>(group.first_sim));
  }
  void SetUpExternal();
  // After anything that may change an external modem: reports its status if it changed.
  void NoteExternal(DeviceId d, SimTime now) {
    if (!external_.empty() && SpecOf(d).external) ReportExternal(d, now);
  }
  void ReportExternal(DeviceId d, SimTime now);
  void NoteReject(DeviceId d, EmmCause cause);
  bool ExternalPowerOn(DeviceId d);   // false: it already had power
  bool ExternalPowerOff(DeviceId d);  // false: it had none
  void RadioOff(DeviceId d, SimTime now, SessionEnd why);
  void RadioOn(DeviceId d, SimTime now);
  bool AddSend(DeviceId d, SimTime now, int64_t bytes, int64_t sms);
  TrafficTally ExternalTraffic(DeviceId d, SimTime from, SimTime to) const;
  SimTime ExternalCrossing(DeviceId d, SimTime from, int64_t counted, int64_t threshold,
                           bool sms) const;

  const SimDirectory& directory_;
  Timers timers_;
  Recorder& recorder_;
  NetworkPort network_;
  SimTime quiet_until_ = 0;
  bool fast_forward_ = true;

  std::vector<DeviceState> state_;      // hot: one record per device
  std::vector<RandomStream> boot_rng_;  // boot durations
  std::vector<uint32_t> rejects_;
  std::vector<uint32_t> reboots_;        // energy proxy: modem reboots
  std::vector<SimTime> traffic_anchor_;  // the device sends at anchor + k * every
  // Attached but refused a data session (SOR-4): since when it has been asking (while
  // DeviceState::pdn_refused), and how many requests it made in earlier such periods (the
  // current one is counted when it ends).
  std::vector<SimTime> pdn_refused_since_;
  std::vector<uint32_t> pdn_requests_;
  // While a #22 answer is on its way: its T3346. Allocated with the run's first one.
  std::vector<DurationRange> answer_t3346_;
  // Send windows of the devices whose send sizes are drawn: device i of group g has
  // windows_[window_offset_[g] + i]. Allocated when a device is first asked about a threshold.
  std::vector<uint32_t> window_offset_;  // per group
  uint32_t drawn_devices_ = 0;
  std::vector<SendWindow> windows_;
  // External devices (external.cc): device i of group g is external_[external_offset_[g] + i];
  // empty when the scenario has none, which is all the hot path checks.
  std::vector<uint32_t> external_offset_;  // per group
  std::vector<ExternalModem> external_;
  bool collect_reports_ = false;
  std::vector<ModemReport> reports_;
};

}  // namespace carriersim

#endif  // CARRIERSIM_DEVICES_DEVICES_H_
