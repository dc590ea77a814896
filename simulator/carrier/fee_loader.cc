// The fees of a plan beyond its basic fee: transition fees, one-off fees (on provisioning or
// on a verb) and the renewal fee, and the fee categories they open.
#include <algorithm>

#include "simulator/carrier/profile_loader_internal.h"

namespace carriersim {

// A fee's category: a standard one by its name, or one of the profile's own, opened the first
// time a fee names it (activation, top-up ...).
std::optional<FeeCategory> ProfileLoader::CategoryOf(const Field& f, const std::string& name) {
  std::vector<std::string>& names = profile_.fee_categories;
  auto at = std::find(names.begin(), names.end(), name);
  if (at == names.end()) {
    if (names.size() == kMaxFeeCategories) {
      reader_.Error(f, "too many fee categories (at most " +
                           std::to_string(kMaxFeeCategories - kStandardFeeCategories) +
                           " besides " + QuotedList(StandardFeeCategories()) + ")");
      return std::nullopt;
    }
    names.push_back(name);
    at = names.end() - 1;
  }
  return static_cast<FeeCategory>(at - names.begin());
}

// A time counter that a fee's clock follows: one whose count only a stay restarts, if anything
// (billing hears of the count at status changes).
std::optional<CounterId> ProfileLoader::TimeCounterRef(const Field& f, std::string_view what) {
  const std::optional<CounterId> id = CounterRef(f);
  if (!id) return std::nullopt;
  const CounterDef& counter = profile_.counters[*id];
  if (counter.counts != CounterDef::Counts::kTime) {
    reader_.Error(f, std::string(what) + " is a time: counter " + Quoted(counter.name) +
                         " does not count time");
    return std::nullopt;
  }
  if (counter.reset != CounterDef::Reset::kNever && counter.reset != CounterDef::Reset::kStay) {
    reader_.Error(f, std::string(what) + " follows a counter that resets never or each stay; " +
                         Quoted(counter.name) + " resets " +
                         (counter.reset == CounterDef::Reset::kMonth ? "each month" : "by verbs"));
    return std::nullopt;
  }
  return id;
}

void ProfileLoader::ReadTransitions(const Field& f, PlanDef& plan) {
  MapFields map(reader_, f);
  for (const Field& entry : map.Entries()) {
    TransitionFee fee;
    fee.name = entry.key.Scalar();
    MapFields fields(reader_, entry);
    const Field from = fields.Required("from", "the statuses it leaves");
    const Field to = fields.Required("to", "the statuses it enters");
    const Field price = fields.Required("price", "such as '0.30 USD'");
    const Field category = fields.Optional("category");
    fields.Finish();
    const Field& named = category.present() ? category : entry;
    if (auto name = category.present() ? reader_.Name(category) : std::optional(fee.name)) {
      fee.category = CategoryOf(named, *name).value_or(FeeCategory::kOther);
    }
    if (from.present()) {
      fee.from = StatusSet(from);
      if (const StatusDef* final = FinalIn(fee.from)) {
        reader_.Error(from,
                      "a fee cannot apply to leaving the final status " + Quoted(final->name));
      }
    }
    if (to.present()) fee.to = StatusSet(to);
    if (price.present()) {
      if (auto money = Price(price, plan)) fee.price = *money;
    }
    if ((from.present() && fee.from == 0) || (to.present() && fee.to == 0)) {
      reader_.Error(entry, "a transition fee needs at least one status in 'from' and in 'to'");
    }
    plan.tariff.transitions.push_back(fee);
  }
}

// `fees: { NAME: { when: provisioned | verb: VERB, price: PRICE } }`: each its own category.
void ProfileLoader::ReadOneOffFees(const Field& f, PlanDef& plan) {
  MapFields map(reader_, f);
  for (const Field& entry : map.Entries()) {
    OneOffFee fee;
    const std::optional<std::string> name = reader_.Name(Field{entry.key, entry.key, entry.path});
    if (!name) continue;
    fee.name = *name;
    MapFields fields(reader_, entry);
    const Field when = fields.Optional("when");
    const Field verb = fields.Optional("verb");
    const Field price = fields.Required("price", "such as '10.00 USD'");
    fields.Finish();
    if (!fields.is_map()) continue;
    if (when.present() == verb.present()) {
      reader_.Error(entry, "give exactly one of 'when: provisioned' (the start of the SIM's "
                           "life) and 'verb: VERB' (each time the verb is applied)");
    } else if (when.present()) {
      fee.on_provisioning = reader_.Choice(when, {"provisioned"}, "moment").has_value();
    } else if (auto name_of_verb = reader_.Name(verb)) {
      if (auto id = profile_.FindVerb(*name_of_verb)) {
        fee.verb = *id;
      } else {
        reader_.Error(verb, "no verb " + Quoted(*name_of_verb) + " in this profile" +
                                DidYouMean(*name_of_verb, profile_.VerbNames()));
      }
    }
    if (price.present()) {
      if (auto money = Price(price, plan)) fee.price = *money;
    }
    fee.category = CategoryOf(entry, fee.name).value_or(FeeCategory::kOther);
    plan.tariff.one_off.push_back(fee);
  }
}

// `renewal: { counter: TIME-COUNTER, after: SPAN, every: SPAN, price: PRICE }` (SOR-10).
void ProfileLoader::ReadRenewal(const Field& f, PlanDef& plan) {
  MapFields map(reader_, f);
  const Field counter = map.Required("counter", "the time counter whose count it follows");
  const Field after = map.Required("after", "the first fee after this long, such as 1 year");
  const Field every = map.Required("every", "then every this long, such as 1 year");
  const Field price = map.Required("price", "such as '1.00 USD'");
  if (Field statuses = map.Optional("statuses"); statuses.present()) {
    Replaced(statuses, "a time counter over those statuses that resets on each stay, named by "
                       "'counter:'");
  }
  map.Finish();
  RenewalFee& renewal = plan.tariff.renewal;
  bool counted = false;
  if (counter.present()) {
    if (auto id = TimeCounterRef(counter, "a renewal clock")) {
      renewal.counter = *id;
      counted = true;
      if (const StatusDef* final = FinalIn(profile_.counters[*id].in)) {
        reader_.Error(counter, "the final status " + Quoted(final->name) +
                                   " carries no fee: counter " +
                                   Quoted(profile_.counters[*id].name) +
                                   " of a renewal fee cannot count in it");
      }
    }
  }
  for (auto [field, span] :
       {std::pair{&after, &renewal.after}, std::pair{&every, &renewal.every}}) {
    if (!field->present()) continue;
    std::string error;
    const std::optional<std::string> text = reader_.Text(*field);
    if (!text) continue;
    if (!ParseCalendarSpan(*text, span, &error)) {
      reader_.Error(*field, error);
    } else if (span->empty()) {
      reader_.Error(*field, "must be more than 0");
    }
  }
  if (price.present()) {
    if (auto money = Price(price, plan)) renewal.price = *money;
  }
  renewal.enabled = counted && after.present() && every.present() && price.present();
}

}  // namespace carriersim
