// What one run of a family adds up to, in the figures a comparison shows: fees by category,
// and what the fleet went through operationally.
#ifndef CARRIERSIM_COMPARE_FIGURES_H_
#define CARRIERSIM_COMPARE_FIGURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/results/run_result.h"

namespace carriersim {

// The figures, in the order compare.csv gives them after the fee categories.
enum class Figure : uint8_t {
  kFeesTotal,            // micro-units of the scenario's currency
  kReactivations,        // a SIM back to a status with data from one without (SOR-5, SOR-6)
  kPowerCycleNeeded,     // devices at the end that stay silent until power-cycled (NET-1)
  kForcedReactivations,  // the network's, after a signaling storm (SOR-7)
  kAttachAttempts,       // made by the devices
  kRadioMsPerDevice,     // radio-on time, per device
  kStatusChanges,
  kCount,
};
inline constexpr size_t kFigureCount = static_cast<size_t>(Figure::kCount);

// "fees_total", "reactivations", ...: the column names.
std::string_view FigureName(Figure figure);
// "total cost", "reactivations", ...: for people.
std::string_view FigureLabel(Figure figure);
bool FigureIsMoney(Figure figure);

struct RunFigures {
  std::vector<int64_t> fees_by_category;  // micro-units, by the family's category names
  std::vector<int64_t> figures;           // by Figure
  uint64_t events = 0;
};

// `categories`: the family's fee category names; a run's categories are found among them.
RunFigures MeasureRun(const RunResult& run, const std::vector<std::string>& categories);

}  // namespace carriersim

#endif  // CARRIERSIM_COMPARE_FIGURES_H_
