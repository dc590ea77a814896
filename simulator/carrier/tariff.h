// What a plan charges, as data: basic fees per status (daily or calendar-monthly, with reduced
// rates and free initial periods), one-off transition fees (reactivation, suspension), renewal
// fees after time in a set of statuses, and usage fees per MB with an included allowance.
// simulator/billing/ turns a SIM's status periods into fee lines by arithmetic over them.
#ifndef CARRIERSIM_CARRIER_TARIFF_H_
#define CARRIERSIM_CARRIER_TARIFF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/base/units.h"
#include "simulator/carrier/ids.h"

namespace carriersim {

enum class FeeCategory : uint8_t { kBasic, kUsage, kReactivation, kRenewal, kSuspension, kOther };
inline constexpr int kFeeCategoryCount = 6;
std::string_view FeeCategoryName(FeeCategory category);

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
  CalendarSpan free_for;  // nothing is charged this long after the SIM entered the status
};

// A one-off fee when a SIM moves from a status in `from` to one in `to`.
struct TransitionFee {
  std::string name;  // "reactivation"
  FeeCategory category = FeeCategory::kOther;
  uint64_t from = 0;
  uint64_t to = 0;
  Money price;
};

// A fee after time spent in a set of statuses (SOR-10): first after `after`, then every `every`,
// as long as the SIM stays in the set. The start of the stay is the renewal tracking date.
struct RenewalFee {
  bool enabled = false;
  uint64_t statuses = 0;
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
  RenewalFee renewal;
  UsageTariff usage;
  Currency currency;    // every price of the plan is in it
  bool priced = false;  // false: the plan has no prices (then any scenario currency will do)
};

}  // namespace carriersim

#endif  // CARRIERSIM_CARRIER_TARIFF_H_
