// carriersim's exit codes, documented in README.md. CI jobs rely on them: never renumber.
#ifndef CARRIERSIM_CLI_EXIT_CODES_H_
#define CARRIERSIM_CLI_EXIT_CODES_H_

namespace carriersim {

enum ExitCode : int {
  kExitOk = 0,
  kExitExpectationsFailed = 1,  // the run finished but an expectation of the scenario failed
  kExitUsage = 2,               // bad command line
  kExitInvalidScenario = 3,     // the scenario (or a profile it uses) is invalid
  kExitIoError = 4,             // an input file is missing, an output folder unwritable or in use
  // The run stopped before its end: a SIM's events looped without time passing, or its fees
  // passed what the reports can count. Both are the scenario's doing, found only by running it.
  kExitRunStopped = 5,
  kExitInternal = 70,           // a bug in carriersim (EX_SOFTWARE)
};

// Every code above, for what lists them all (carriersim --help, run --help).
inline constexpr ExitCode kExitCodes[] = {kExitOk,    kExitExpectationsFailed, kExitUsage,
                                          kExitInvalidScenario, kExitIoError, kExitInternal};

}  // namespace carriersim

#endif  // CARRIERSIM_CLI_EXIT_CODES_H_
