// Soracom-style event handlers that fire, which the real API sandbox never does: a rule watched
// on the SIMs of one carrier, and the actions taken when it matches. Handlers come from the
// scenario (`live: event-handlers:`, scenarios/README.md) or from POST /v1/event_handlers.
//
// Rules: a status change (into one status, or any), a session going online or offline, and a
// SIM's traffic of the day or month reaching a threshold (checked once per period per SIM).
// Actions: a verb of the carrier (activate, deactivate, standby, suspend) performed through
// LiveService::Act as api "event-handler" (so it is journaled and replays), and a web request
// handed to LiveService::Send, whose URL, header values and body may hold placeholders:
//
//   ${simId} ${iccid} ${imsi}   the SIM            ${status} ${previousStatus}  API status words
//   ${time}                     when the rule matched, ms since the epoch
//   ${handlerId} ${handlerName} the handler        ${event} statusChange, sessionCreated, ...
//
// A handler sees what happens after it exists. The rules are checked after every step of the
// live session from what the recorder added since the last check, so the work per step follows
// what happened, not the fleet's size (a traffic rule looks only at SIMs whose sessions or
// status moved). Traffic is read from the SIM's usage totals, which grow when the network
// accounts a session (when it closes, or the SIM's status changes): a long session counts on
// the day it is accounted.
#ifndef CARRIERSIM_LIVE_EVENT_HANDLERS_H_
#define CARRIERSIM_LIVE_EVENT_HANDLERS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simulator/live/live.h"

namespace carriersim {

// Sets up the scenario's handlers and watches the session for them. Once per service; the
// Soracom API calls it itself if the server has not.
void InstallEventHandlers(LiveService& live);

// `text` with each ${name} of `values` replaced; unknown placeholders stay as written.
std::string SubstitutePlaceholders(std::string_view text,
                                   const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_EVENT_HANDLERS_H_
