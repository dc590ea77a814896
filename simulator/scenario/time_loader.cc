// Times in a scenario: how long the run lasts (`duration` or `end`), and the instants the
// timeline, upstream outages and expectations name (`at`, `until`, `from`, `to`), each a
// duration or calendar span since `start`, a date-time, or a date-time plus or minus a span.
#include "simulator/base/calendar.h"
#include "simulator/scenario/loader_internal.h"

namespace carriersim {
namespace {

// A run is held to 100 years, as a duration is (units.cc).
constexpr SimTime kMaxRun = 100 * 366 * kDay;

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
      reader_.Error(end, "give either 'duration' (how long) or 'end' (when the run ends), not both");
    } else {
      reader_.Error(root, "missing required key 'duration' (how long to simulate, such as 30d or "
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
      reader_.Error(end, "'end' is a date or date-time, such as 2029-04-01 (the first instant not "
                         "simulated); for a length, write 'duration: " + Excerpt(*text) + "'");
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
    reader_.Error(f, "the run would last " + FormatDuration(length) +
                         "; a run lasts at most 100 years");
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

}  // namespace carriersim
