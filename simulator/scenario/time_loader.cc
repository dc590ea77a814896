// Times in a scenario: how long the run lasts (`duration` or `end`), and the instants the
// timeline, upstream outages and expectations name (`at`, `until`, `from`, `to`), each a
// duration or calendar span since `start`, a date-time, or a date-time plus or minus a span.
#include "simulator/base/calendar.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

// A run is held to 100 years, as a duration is (units.cc).
constexpr SimTime kMaxRun = 100 * 366 * kDay;
// Actions that `every` repeats, in a scenario: each is an action of the timeline, reported on
// its own in summary.json.
constexpr int64_t kMaxRepeatedActions = 100'000;

const char kTimeForms[] =
    "a duration since start such as 10d, a date-time such as 2026-01-11T00:00:00Z, or a "
    "date-time plus or minus a calendar span such as '2026-11-01 + 5 months'";

// Text that starts like a date (YYYY-): read as a date-time, not as a duration since start.
bool LooksLikeDate(const std::string& text) {
  return text.size() >= 5 && text[4] == '-' &&
         std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// `duration: 30d` or `duration: 3 years` (on the calendar from `start`), or `end: 2029-04-01`:
// exactly one of them. `root` is the scenario's mapping, for the message when both are missing.
void ScenarioLoader::ReadRunLength(const Field& root, bool have_start, const Field& duration,
                                   const Field& end) {
  if (duration.present() == end.present()) {
    if (duration.present()) {
      reader_.Error(end,
                    "give either 'duration' (how long) or 'end' (when the run ends), not both");
    } else {
      reader_.Error(root,
                    "missing required key 'duration' (how long to simulate, such as 30d or "
                    "3 years), or 'end' (when the run ends, such as 2029-04-01)");
    }
    return;
  }
  const Field& f = duration.present() ? duration : end;
  std::optional<UnixMillis> until;
  if (duration.present()) {
    const std::optional<std::string> text = reader_.Text(duration);
    const std::optional<SimTime> length = text ? SinceStart(duration, *text) : std::nullopt;
    if (!length || !have_start) return;
    until = scenario_.start + *length;
  } else {
    const std::optional<std::string> text = reader_.Text(end);
    if (!text) return;
    if (!LooksLikeDate(*text)) {
      reader_.Error(end,
                    "'end' is a date or date-time, such as 2029-04-01 (the first instant not "
                    "simulated); for a length, write 'duration: " +
                        Excerpt(*text) + "'");
      return;
    }
    std::string error;
    until = ParseTimeExpression(*text, &error);
    if (!until) {
      reader_.Error(end, Quoted(*text) + ": " + error);
      return;
    }
    if (!have_start) return;
    if (*until <= scenario_.start) {
      reader_.Error(end, Quoted(*text) + " is not after the start (" +
                             FormatTimestamp(scenario_.start) + ")");
      return;
    }
  }
  const SimTime length = *until - scenario_.start;
  if (length < 1) {
    reader_.Error(f, "must be at least 1ms, got " + Quoted(f.value.Scalar()));
  } else if (length > kMaxRun) {
    reader_.Error(
        f, "the run would last " + FormatDuration(length) + "; a run lasts at most 100 years");
  } else {
    scenario_.duration = length;
  }
}

// A duration (`10d`), or months and years counted on the calendar from `start` (`5 months`,
// `1 year 2d`): the milliseconds from `start`. Durations are tried first, so that their messages
// stay those of a duration.
std::optional<SimTime> ScenarioLoader::SinceStart(const Field& f, const std::string& text) {
  SimTime ms = 0;
  std::string error;
  if (ParseDuration(text, &ms, &error)) return ms;
  CalendarSpan span;
  if (!error.starts_with("months and years") || !ParseCalendarSpan(text, &span, &error)) {
    reader_.Error(f, error);
    return std::nullopt;
  }
  return AddSpan(scenario_.start, span) - scenario_.start;
}

std::optional<SimTime> ScenarioLoader::ReadAt(const Field& at, bool within_run) {
  if (!at.value.IsScalar()) {
    reader_.Error(at, std::string("expected a time: ") + kTimeForms + "; got " +
                          YamlReader::KindOf(at.value));
    return std::nullopt;
  }
  const std::string text = at.value.Scalar();
  std::optional<SimTime> when;
  std::string error;
  if (LooksLikeDate(text)) {
    const std::optional<UnixMillis> t = ParseTimeExpression(text, &error);
    if (!t) {
      reader_.Error(at, Quoted(text) + ": " + error);
      return std::nullopt;
    }
    when = *t - scenario_.start;
    if (*when < 0) {
      reader_.Error(at, Quoted(text) + " is before the scenario start");
      return std::nullopt;
    }
  } else if (when = SinceStart(at, text); !when) {
    return std::nullopt;
  }
  if (within_run && scenario_.duration > 0 && *when >= scenario_.duration) {
    reader_.Error(at, Quoted(text) + " is not before the end of the run (duration " +
                          FormatDuration(scenario_.duration) + ")");
    return std::nullopt;
  }
  return when;
}

// Whether each time of a repeated action ends before the next begins: the SIMs of a spread
// action all act (or the outage ends) first. Reports the error otherwise.
bool ScenarioLoader::RepeatsApart(const Field& every, const CalendarSpan& span, SimTime shortest,
                                  const TimelineAction& action) {
  const bool outage =
      action.kind == ActionKind::kCellOutage || action.kind == ActionKind::kCoreOutage;
  const SimTime length = outage ? action.amount : action.spread;
  // An outage that ends as it starts again would never end; a spread may fill its period.
  if (outage ? length < shortest : length <= shortest) return true;
  reader_.Error(every,
                "'every: " + FormatCalendarSpan(span) + "' repeats the action " +
                    FormatDuration(shortest) + (span.months > 0 ? " (at the shortest)" : "") +
                    " after it starts, " +
                    (outage ? "before its outage of " + FormatDuration(length) + " is over"
                            : "before its spread of " + FormatDuration(length) + " is over") +
                    ": each time must end before the next begins; repeat less often, or "
                    "make " +
                    (outage ? "'for'" : "'spread'") + " shorter");
  return false;
}

// `every: SPAN` (and `until: TIME`, exclusive, default the end of the run) beside `at`: the entry
// acts at at + k x SPAN, each counted on the calendar from `at` (31 Jan + 2 months is 31 Mar,
// not 28 Mar), while before `until` and the end of the run.
ScenarioLoader::Repetition ScenarioLoader::ReadRepetition(const Field& every, const Field& until,
                                                          SimTime at,
                                                          const TimelineAction* action) {
  Repetition repeat;
  if (!every.present()) {
    if (until.present()) {
      reader_.Error(until, "'until' ends a repetition: give 'every' too (such as every: 1 month)");
      return repeat;
    }
    repeat.ok = true;
    repeat.times = {at};
    return repeat;
  }
  const std::optional<CalendarSpan> span = reader_.Span(every);
  const std::optional<SimTime> end =
      until.present() ? ReadAt(until, false) : std::optional(scenario_.duration);
  if (span && span->empty()) {
    reader_.Error(every, "must be more than 0: the action repeats after this long");
    return repeat;
  }
  if (!span || !end || at < 0 || scenario_.duration <= 0) return repeat;
  if (*end <= at) {
    reader_.Error(until, Quoted(until.value.Scalar()) + " is not after 'at' (" +
                             FormatDuration(at) + "): the action would never happen");
    return repeat;
  }
  const SimTime limit = std::min(*end, scenario_.duration);
  SimTime t = at;
  SimTime shortest = 0;  // between two times (the last one and the next, outside, included)
  for (int64_t k = 1;; ++k) {
    repeat.times.push_back(t);
    if (repeated_actions_ + static_cast<int64_t>(repeat.times.size()) > kMaxRepeatedActions) {
      reader_.Error(every, "with this 'every', the actions the timeline repeats pass " +
                               std::to_string(kMaxRepeatedActions) +
                               " (the most a scenario may have): repeat less often, or end "
                               "sooner with 'until'");
      return Repetition{};
    }
    const CalendarSpan step{static_cast<int32_t>(span->months * k), span->ms * k};
    const SimTime next = AddSpan(scenario_.start + at, step) - scenario_.start;
    shortest = k == 1 ? next - t : std::min(shortest, next - t);
    if (next >= limit) break;
    t = next;
  }
  if (action != nullptr && !RepeatsApart(every, *span, shortest, *action)) return Repetition{};
  repeated_actions_ += static_cast<int64_t>(repeat.times.size());
  repeat.ok = true;
  return repeat;
}

}  // namespace carriersim
