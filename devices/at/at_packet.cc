// 27.007 packet domain commands: attach (+CGATT), PDP contexts (+CGDCONT), their activation
// (+CGACT) and addresses (+CGPADDR), and event reporting (+CGEREP, +CGEV).
//
// carriersim models one data session per device, the default EPS bearer the network opens at
// attach: PDP context 1 stands for it, and any other context can be defined but not activated.
#include <algorithm>
#include <cstdint>
#include <string>

#include "devices/at/at_commands.h"
#include "devices/at/at_errors.h"

namespace carriersim {

namespace {

using Form = AtForm;

constexpr std::string_view kPdpTypes[] = {"IP", "IPV6", "IPV4V6", "PPP", "NON-IP"};
constexpr size_t kMaxApnLength = 100;

bool DataUp(const ModemStatus& status) { return IsRegistered(status) && status.pdn_up; }

AtResult Attach(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CGATT: (0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info(IsRegistered(session.status) ? "+CGATT: 1" : "+CGATT: 0");
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto state = IntParam(command, 0, 0, 1);
  if (!state) return AtResult::Error();
  // The attach itself follows on the modem's timers; its outcome comes as +CEREG/+CGEV URCs.
  const bool automatic = *state == 1;
  if (automatic && session.status.fun != 1) return AtResult::Cme(kCmeOperationNotAllowed);
  if (automatic != session.status.automatic) {
    OwnAction own(session);
    session.link.SetAutomatic(automatic);
  }
  return AtResult::Ok();
}

void ListContexts(AtSession& session) {
  for (int cid = 1; cid <= kMaxContexts; ++cid) {
    const auto& context = session.contexts[cid - 1];
    if (!context) continue;
    session.Info("+CGDCONT: " + std::to_string(cid) + ",\"" + context->type + "\",\"" +
                 context->apn + "\",\"0.0.0.0\",0,0");
  }
}

std::optional<std::string> PdpType(const AtCommand& command) {
  auto type = StringParam(command, 1, std::string("IP"));
  if (!type) return std::nullopt;
  std::transform(type->begin(), type->end(), type->begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  for (std::string_view known : kPdpTypes) {
    if (*type == known) return type;
  }
  return std::nullopt;
}

// +CGDCONT=<cid>[,<PDP_type>[,<APN>,...]]: defines context <cid>; +CGDCONT=<cid> alone
// undefines it. The APN is kept as given: the carrier does not check it.
AtResult DefineContext(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      for (std::string_view type : kPdpTypes) {
        session.Info("+CGDCONT: (1-16),\"" + std::string(type) + "\",,,(0-3),(0-4)");
      }
      return AtResult::Ok();
    case Form::kRead:
      ListContexts(session);
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto cid = IntParam(command, 0, 1, kMaxContexts);
  if (!cid) return AtResult::Error();
  if (command.params.size() == 1) {
    session.contexts[*cid - 1].reset();
    return AtResult::Ok();
  }
  const auto type = PdpType(command);
  const auto apn = StringParam(command, 2, std::string());
  if (!type || !apn || apn->size() > kMaxApnLength) return AtResult::Error();
  session.contexts[*cid - 1] = PdpContext{*type, *apn};
  return AtResult::Ok();
}

// The contexts a +CGACT or +CGPADDR names from parameter `first` on, or every defined one.
std::optional<std::vector<int>> NamedContexts(const AtSession& session, const AtCommand& command,
                                              size_t first) {
  std::vector<int> cids;
  for (size_t i = first; i < command.params.size(); ++i) {
    const auto cid = IntParam(command, i, 1, kMaxContexts);
    if (!cid || !session.contexts[*cid - 1]) return std::nullopt;
    if (std::find(cids.begin(), cids.end(), *cid) == cids.end()) cids.push_back(*cid);
  }
  if (cids.empty()) {
    for (int cid = 1; cid <= kMaxContexts; ++cid) {
      if (session.contexts[cid - 1]) cids.push_back(cid);
    }
  }
  return cids;
}

AtResult ActivateDataContext(AtSession& session) {
  if (DataUp(session.status)) return AtResult::Ok();
  if (!IsRegistered(session.status)) return AtResult::Cme(kCmeNoNetworkService);
  OwnAction own(session);
  return session.link.ActivatePdn() ? AtResult::Ok() : AtResult::Cme(kCmeUnspecifiedGprsError);
}

AtResult DeactivateDataContext(AtSession& session) {
  if (session.status.pdn_up) {
    OwnAction own(session);
    session.link.DeactivatePdn();
  }
  return AtResult::Ok();
}

AtResult Activate(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CGACT: (0,1)");
      return AtResult::Ok();
    case Form::kRead:
      for (int cid = 1; cid <= kMaxContexts; ++cid) {
        if (!session.contexts[cid - 1]) continue;
        const bool active = cid == kDataContext && DataUp(session.status);
        session.Info("+CGACT: " + std::to_string(cid) + (active ? ",1" : ",0"));
      }
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto state = IntParam(command, 0, 0, 1);
  const auto cids = NamedContexts(session, command, 1);
  if (!state || !cids) return AtResult::Error();
  for (int cid : *cids) {
    if (cid != kDataContext) {
      if (*state == 1 && command.params.size() > 1) {
        return AtResult::Cme(kCmeUnspecifiedGprsError);  // no second bearer to open
      }
      continue;
    }
    const AtResult result =
        *state == 1 ? ActivateDataContext(session) : DeactivateDataContext(session);
    if (!result.ok()) return result;
  }
  return AtResult::Ok();
}

AtResult Addresses(AtSession& session, const AtCommand& command) {
  if (command.form == Form::kTest) {
    std::string cids;
    for (int cid = 1; cid <= kMaxContexts; ++cid) {
      if (!session.contexts[cid - 1]) continue;
      cids += (cids.empty() ? "" : ",") + std::to_string(cid);
    }
    session.Info("+CGPADDR: (" + cids + ")");
    return AtResult::Ok();
  }
  if (command.form == Form::kRead) return AtResult::Error();
  const auto cids = NamedContexts(session, command, 0);
  if (!cids) return AtResult::Error();
  for (int cid : *cids) {
    std::string line = "+CGPADDR: " + std::to_string(cid);
    if (cid == kDataContext && DataUp(session.status)) {
      line += ",\"" + PdnAddress(session.link.Identity().imsi) + "\"";
    }
    session.Info(line);
  }
  return AtResult::Ok();
}

AtResult EventReporting(AtSession& session, const AtCommand& command) {
  switch (command.form) {
    case Form::kTest:
      session.Info("+CGEREP: (0-2),(0,1)");
      return AtResult::Ok();
    case Form::kRead:
      session.Info("+CGEREP: " + std::to_string(session.settings.cgerep_mode) + "," +
                   std::to_string(session.settings.cgerep_bfr));
      return AtResult::Ok();
    case Form::kAction:
      return AtResult::Error();
    case Form::kSet:
      break;
  }
  const auto mode = IntParam(command, 0, 0, 2, 0);
  const auto bfr = IntParam(command, 1, 0, 1, 0);
  if (!mode || !bfr) return AtResult::Error();
  session.settings.cgerep_mode = *mode;
  session.settings.cgerep_bfr = *bfr;
  return AtResult::Ok();
}

constexpr AtCommandEntry kPacketCommands[] = {
    {"+CGATT", Attach},         {"+CGDCONT", DefineContext}, {"+CGACT", Activate},
    {"+CGPADDR", Addresses},    {"+CGEREP", EventReporting},
};

}  // namespace

std::span<const AtCommandEntry> PacketCommands() { return kPacketCommands; }

// FNV-1a of the IMSI: the same SIM gets the same address in every run, and two SIMs rarely
// share one. 10.0.0.0/8 is what carriers hand IoT SIMs; host 0 and 255 are left out.
std::string PdnAddress(std::string_view imsi) {
  uint32_t hash = 2166136261u;
  for (char c : imsi) hash = (hash ^ static_cast<uint8_t>(c)) * 16777619u;
  return "10." + std::to_string((hash >> 24) & 0xFF) + "." + std::to_string((hash >> 16) & 0xFF) +
         "." + std::to_string(1 + (hash & 0xFFFF) % 254);
}

// +CGEV (27.007 10.1.19): a change a command asked for is the module's own (ME), any other the
// network's (NW). The default bearer's activation is always the ME's: the attach asked for it.
void ReportPacketChange(AtSession& session, const ModemStatus& before) {
  if (session.settings.cgerep_mode == 0) return;
  const std::string who = session.own_action ? "ME" : "NW";
  const ModemStatus& now = session.status;
  if (DataUp(before) && !DataUp(now)) session.Urc("+CGEV: " + who + " PDN DEACT 1");
  if (IsRegistered(before) && !IsRegistered(now)) session.Urc("+CGEV: " + who + " DETACH");
  if (!DataUp(before) && DataUp(now)) session.Urc("+CGEV: ME PDN ACT 1");
}

}  // namespace carriersim
