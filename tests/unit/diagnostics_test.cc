#include "simulator/base/diagnostics.h"

#include <catch2/catch.hpp>

#include "simulator/base/currency.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

TEST_CASE("edit distance and did-you-mean suggestions", "[diagnostics]") {
  CHECK(EditDistance("count", "cout") == 1);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  const std::vector<std::string> keys = {"group", "count", "carrier", "plan", "device"};
  CHECK(DidYouMean("cout", keys) == " (did you mean 'count'?)");
  CHECK(DidYouMean("devise", keys) == " (did you mean 'device'?)");
  CHECK(DidYouMean("zebra", keys).empty());
  CHECK(QuotedList(keys) == "'group', 'count', 'carrier', 'plan' or 'device'");
}

TEST_CASE("diagnostics print sorted as FILE:LINE:COLUMN: error: message", "[diagnostics]") {
  Diagnostics d;
  d.Error({"b.yaml", 3, 1}, "third");
  d.Error({"a.yaml", 9, 9}, "first");
  d.Error({"b.yaml", 2, 7}, "second");
  d.Error({"missing.yaml", 0, 0}, "no position");
  CHECK(d.count() == 4);
  CHECK(d.ToText() ==
        "a.yaml:9:9: error: first\n"
        "b.yaml:2:7: error: second\n"
        "b.yaml:3:1: error: third\n"
        "missing.yaml: error: no position\n");
}

TEST_CASE("messages are printable whatever the input held", "[diagnostics]") {
  Diagnostics d;
  d.Error({"f.yaml", 1, 1}, std::string("key '\x01\xff\xc3\xa9\x7f' and 'caf\xc3\xa9'"));
  CHECK(d.ToText() == "f.yaml:1:1: error: key '\\x01\\xff\xc3\xa9\\x7f' and 'caf\xc3\xa9'\n");
}

TEST_CASE("a flood of errors keeps the first ones and counts the rest", "[diagnostics]") {
  Diagnostics d;
  for (int i = 1; i <= 150; ++i) d.Error({"f.yaml", i, 1}, "e");
  CHECK(d.count() == 150);
  CHECK(d.Sorted().size() == Diagnostics::kMaxKept);
  CHECK(d.ToText().find("\nerror: too many errors (100 of 150 shown); fix these and run again\n") !=
        std::string::npos);
  // Errors gathered apart (a profile's) keep their count when added to another's.
  Diagnostics outer;
  outer.Error({"s.yaml", 1, 1}, "first");
  outer.Append(d);
  CHECK(outer.count() == 151);
  CHECK(outer.Sorted().size() == Diagnostics::kMaxKept);
}

TEST_CASE("hardening: an input in a message is a short escaped excerpt", "[diagnostics]") {
  CHECK(Quoted("plan01s") == "'plan01s'");
  CHECK(Quoted("") == "''");
  CHECK(Quoted(std::string(40, 'x')) == "'" + std::string(40, 'x') + "'");
  CHECK(Quoted(std::string(41, 'x')) == "'" + std::string(40, 'x') + "...'");
  CHECK(Quoted(std::string(100000, 'x')) == "'" + std::string(40, 'x') + "...'");
  // Line breaks and control characters are escaped, and count as one character each.
  CHECK(Quoted("a\nb\r\tc\x01\x7f") == "'a\\nb\\r\\tc\\x01\\x7f'");
  CHECK(Quoted(std::string(39, 'x') + "\n\n") == "'" + std::string(39, 'x') + "\\n...'");
  // Letters beyond ASCII are characters, never cut in the middle; broken UTF-8 is escaped.
  std::string accents;
  for (int i = 0; i < 41; ++i) accents += "\xc3\xa9";
  CHECK(Quoted(accents) == "'" + accents.substr(0, 80) + "...'");
  CHECK(Quoted("caf\xc3") == "'caf\\xc3'");
  CHECK(Excerpt(std::string(50, 'k')) == std::string(40, 'k') + "...");
}

TEST_CASE("currency codes are ISO 4217", "[diagnostics]") {
  Currency c;
  CHECK(LookUpCurrency("JPY", &c));
  CHECK(c.str() == "JPY");
  CHECK_FALSE(LookUpCurrency("XYZ", &c));
  CHECK(SuggestCurrency("EUROS").empty());
  CHECK(SuggestCurrency("eur") == " (did you mean 'EUR'?)");
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
