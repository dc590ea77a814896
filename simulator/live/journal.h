// The journal of a live session, requests.jsonl: every request the carrier accepted and every
// control action, one JSON object a line, in the order they acted, then a last line with the time
// the session ended. `carriersim run SCENARIO --replay requests.jsonl` plays it back offline and
// writes the same reports byte for byte (results/session.h says why it can).
//
//   {"t":3600000,"time":"2026-01-01T01:00:00Z","api":"soracom","who":"keyId-ops",
//    "action":"verb","result":"applied","verb":"suspend","sim":"trackers#3","role":"owner",
//    "channel":"api"}
//   {"end":7200000,"time":"2026-01-01T02:00:00.000Z"}
//
// SIMs, verbs, plans and cells are written by their scenario names, so that a journal reads
// without the emulator and fails clearly against a scenario it does not belong to.
#ifndef CARRIERSIM_LIVE_JOURNAL_H_
#define CARRIERSIM_LIVE_JOURNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/diagnostics.h"
#include "simulator/results/session.h"

namespace carriersim {

// How reports name what a request did (a mass event's "cell-outage (control)"): the same in the
// live session and in its replay, which reads only the journal.
std::string RequestText(ActionKind kind, std::string_view api);
// One request as a journal line, without the line break.
std::string JournalLine(const Scenario& scenario, const Request& request);
// The last line: when the session ended.
std::string JournalEndLine(const Scenario& scenario, SimTime end);

struct ReplayScript {
  std::vector<Request> requests;  // in the order they acted
  SimTime end = 0;
};

// Reads a journal written for `scenario`. Every problem is reported as FILE:LINE:COLUMN in
// `diag`; nullopt if there was any (a journal is used whole or not at all).
std::optional<ReplayScript> ReadJournal(const std::string& file, const std::string& text,
                                        const Scenario& scenario, Diagnostics& diag);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_JOURNAL_H_
