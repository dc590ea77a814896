// What a plan charges, as data: basic fees per status (daily or calendar-monthly, with reduced
// rates and free initial periods), one-off transition fees (reactivation, suspension), renewal
// fees after time in a set of statuses, and usage fees per MB with an included allowance.
// simulator/billing/ turns a SIM's status periods into fee lines by arithmetic over them.
#ifndef CARRIERSIM_CARRIER_TARIFF_H_
#define CARRIERSIM_CARRIER_TARIFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/units.h"
#include "simulator/carrier/counters.h"
#include "simulator/carrier/ids.h"

namespace carriersim {

// What a fee line is for. The first six are every scenario's; a profile's one-off fees add
// categories of their own, named after them (activation, top-up, ...), numbered from kOther + 1
// in the scenario's table of names (Scenario::fee_categories).
enum class FeeCategory : uint8_t { kBasic, kUsage, kReactivation, kRenewal, kSuspension, kOther };
inline constexpr int kStandardFeeCategories = 6;
inline constexpr int kMaxFeeCategories = 16;  // a fee line keeps its category in 4 bits
std::string_view FeeCategoryName(FeeCategory category);  // of the standard six, else "other"
std::vector<std::string> StandardFeeCategories();       // their names, in order
// The name of `category` in a table of names (the standard six, then one-off fees' own).
std::string_view FeeCategoryName(const std::vector<std::string>& names, FeeCategory category);

enum class FeePeriod : uint8_t { kDay, kMonth };

// When a monthly basic fee is due for a calendar month.
enum class MonthRule : uint8_t {
  kAnyTime,     // the SIM was in the status at any time in the month: "the month in which the SIM
                // was set to standby is still paid"
  kAtMonthEnd,  // the SIM is in the status when the month ends (or when the run ends)
  kNotSetTo,    // any time, but for the month in which the SIM is set to a status of
                // Tariff::month_not_set_to (planX3-EU: standby or suspended)
};

// The basic fee while in one status. A day (or month) touched by several charged statuses is
// charged once, at the highest of their rates.
struct StatusFee {
  bool charged = false;
  Money price;
  FeePeriod per = FeePeriod::kDay;
  // Nothing is charged for this long of the stay in the status, or of `free_counter`'s count
  // when the plan names one (a free period that a restore does not restart, KOR-6).
  CalendarSpan free_for;
  std::optional<CounterId> free_counter;
};

// A one-off fee when a SIM moves from a status in `from` to one in `to`.
struct TransitionFee {
  std::string name;  // "reactivation"
  FeeCategory category = FeeCategory::kOther;
  uint64_t from = 0;
  uint64_t to = 0;
  Money price;
};

// A one-off fee when a SIM is provisioned (at the start of the run), or when a verb is applied
// to it (a top-up).
struct OneOffFee {
  std::string name;  // "activation"
  FeeCategory category = FeeCategory::kOther;
  bool on_provisioning = false;  // else on `verb`
  VerbId verb = 0;
  Money price;
};

// A fee after time counted by a counter (SOR-10: a stay in ready, standby or suspended): first
// after `after`, then every `every`, while the counter counts. When its count began is the
// renewal tracking date.
struct RenewalFee {
  bool enabled = false;
  CounterId counter = 0;
  CalendarSpan after;
  CalendarSpan every;
  Money price;
};

inline constexpr int64_t kBytesPerMegabyte = int64_t{1} << 20;  // as carriers bill

// Data charged per MB; each SIM's monthly usage is rounded up to a multiple of `billing_unit`,
// and `included` bytes of it are free each calendar month.
struct UsageTariff {
  bool enabled = false;
  Money per_mb;
  int64_t included = 0;
  int64_t billing_unit = 1;
  uint64_t free_statuses = 0;  // usage in these statuses is not billed
};

struct Tariff {
  std::vector<StatusFee> basic;  // indexed by StatusId
  MonthRule month_rule = MonthRule::kAnyTime;
  uint64_t month_not_set_to = 0;  // kNotSetTo: the statuses whose month is not paid
  std::vector<TransitionFee> transitions;
  std::vector<OneOffFee> one_off;
  RenewalFee renewal;
  UsageTariff usage;
  Currency currency;    // every price of the plan is in it
  bool priced = false;  // false: the plan has no prices (then any scenario currency will do)
};

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_TARIFF_H_
