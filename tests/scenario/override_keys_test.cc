// Every unknown key in a carrier's `overrides:`, at every depth of the profile, is an error at
// the scenario's line and column with a did-you-mean among the keys that exist there.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

struct Case {
  const char* profile;
  const char* override;  // one line of flow YAML, at line 8 of the scenario
  int column;            // of the misspelt key (or its value)
  const char* meant;     // what the did-you-mean must name
};

// A misspelling at each depth, of each kind of key: a top-level key; a name of each collection; a
// key of a status, its attach, a verb, a counter, its reset, a rule, the network, the account
// termination, the API and its statuses; a plan's key, a status of its basic fees and a key of
// one, a transition fee's name and key, a one-off fee's name and key, the renewal, the usage, the
// month rule and a plan value.
constexpr Case kCases[] = {
    {"soracom", "titl: x", 7, "title"},
    {"soracom", "statuses: { actve: { data: true } }", 19, "active"},
    {"soracom", "verbs: { suspnd: { to: standby } }", 16, "suspend"},
    {"soracom", "counters: { dormnt: { in: [ready] } }", 19, "dormant"},
    {"soracom", "rules: { strom: { reaches: 5 } }", 16, "storm"},
    {"soracom", "plans: { plan01z: { basic: { active: free } } }", 16, "plan01s"},
    {"soracom", "statuses: { active: { atach: accept } }", 29, "attach"},
    {"soracom", "statuses: { suspended: { attach: { rejct: 8 } } }", 42, "reject"},
    {"soracom", "verbs: { activate: { form: [ready] } }", 28, "from"},
    {"soracom", "counters: { testing-time: { rest: month } }", 35, "reset"},
    {"prepaid", "counters: { volume: { reset: { verb: [top-up] } } }", 38, "verbs"},
    {"soracom", "rules: { storm: { reachs: 51 } }", 25, "reaches"},
    {"soracom", "network: { blocked-detch: re-attach }", 18, "blocked-detach"},
    {"soracom", "account-termination: { requres: [terminated] }", 30, "requires"},
    {"soracom", "api: { styl: soracom }", 14, "style"},
    {"soracom", "api: { style: soracom, statuses: { actve: ACTIVE } }", 42, "active"},
    {"soracom", "plans: { plan01s: { basik: { active: free } } }", 27, "basic"},
    {"soracom", "plans: { plan01s: { basic: { actve: free } } }", 36, "active"},
    {"soracom", "plans: { plan01s: { basic: { active: { prize: 1 USD } } } }", 46, "price"},
    {"soracom", "plans: { plan01s: { transitions: { reactivaton: { price: 1 USD } } } }", 42,
     "reactivation"},
    {"soracom", "plans: { plan01s: { transitions: { reactivation: { prise: 1 USD } } } }", 58,
     "price"},
    {"prepaid", "plans: { lifetime-1GB: { fees: { top-upp: { price: 1 USD } } } }", 40, "top-up"},
    {"prepaid", "plans: { lifetime-1GB: { fees: { top-up: { verbb: top-up } } } }", 50, "verb"},
    {"soracom", "plans: { plan01s: { renewal: { aftr: 2 years } } }", 38, "after"},
    {"soracom", "plans: { plan01s: { usage: { per-mbb: 1 USD } } }", 36, "per-mb"},
    {"soracom", "plans: { planX3-EU: { month-rule: { except-month-set: [standby] } } }", 43,
     "except-month-set-to"},
    // A plan value no rule reads is reported at its value.
    {"prepaid", "plans: { lifetime-1GB: { values: { volum: 2GB } } }", 49, "volume"},
};

std::string Text(const Case& c) {
  return std::string("name: o\nstart: 2026-01-01\nduration: 30d\ncarriers:\n  x:\n    profile: ") +
         c.profile + "\n    overrides:\n      " + c.override + R"(
devices:
  d: {}
fleet:
  - { group: g, count: 1, carrier: x, plan: )" +
         (std::string(c.profile) == "prepaid" ? "lifetime-1GB" : "plan01s") + ", device: d }\n";
}

TEST_CASE("an unknown key at any depth of overrides gets its place and a did-you-mean",
          "[loader][overrides]") {
  for (const Case& c : kCases) {
    INFO(c.override);
    const std::vector<std::string> errors = test::LoadErrors(Text(c));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("8:" + std::to_string(c.column) + ": error: ", 0) == 0);
    CHECK(errors[0].find("(did you mean '" + std::string(c.meant) + "'?)") != std::string::npos);
  }
}

TEST_CASE("a misspelt fee is not taken for a new one, a complete new fee is added",
          "[loader][overrides]") {
  Case fee = {"soracom",
              "plans: { plan01s: { transitions: { reactivaton: { price: 0.30 USD } } } }", 42,
              "reactivation"};
  CHECK(test::LoadErrors(Text(fee)) ==
        std::vector<std::string>{
            "8:42: error: carriers.x.overrides.plans.plan01s.transitions.reactivaton: no "
            "transition fee 'reactivaton' in plan 'plan01s' to override (did you mean "
            "'reactivation'?); it has 'reactivation' (a new one needs 'from' and 'to')"});
  Case one_off = {"prepaid", "plans: { lifetime-1GB: { fees: { activaton: { price: 1 USD } } } }",
                  40, "activation"};
  CHECK(test::LoadErrors(Text(one_off)) ==
        std::vector<std::string>{
            "8:40: error: carriers.x.overrides.plans.lifetime-1GB.fees.activaton: no fee "
            "'activaton' in plan 'lifetime-1GB' to override (did you mean 'activation'?); it has "
            "'activation' or 'top-up' (a new one needs 'when' or 'verb')"});
  // With what a new fee needs, it is one.
  Case added = {"soracom",
                "plans: { plan01s: { transitions: { wake-up: { from: [standby], to: [active], "
                "price: 0.20 USD } } } }",
                0, ""};
  const Scenario s = test::LoadValid(Text(added));
  const CarrierProfile& p = s.carriers[0].profile;
  CHECK(p.plans[*p.FindPlan("plan01s")].tariff.transitions.size() == 2);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
