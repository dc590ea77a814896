#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "reports/csv.h"
#include "simulator/base/calendar.h"

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

std::string Collect(const std::function<void(CsvWriter&)>& write) {
  std::string text;
  CsvWriter out([&text](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  write(out);
  REQUIRE(out.Finish());
  return text;
}

TEST_CASE("CsvWriter: RFC 4180 quoting, numbers and CRLF rows", "[csv]") {
  const std::string text = Collect([](CsvWriter& out) {
    out.Row({"plain", "with,comma", "say \"hi\"", "two\nlines", ""});
    out.Field(int64_t{-42});
    out.Field(uint32_t{7});
    out.Field("cr\r");
    out.EndRow();
  });
  CHECK(text ==
        "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"
        "-42,7,\"cr\r\"\r\n");
}

TEST_CASE("CsvWriter: streams in chunks and loses nothing at their edges", "[csv]") {
  std::vector<size_t> chunks;
  std::string text;
  CsvWriter out([&](std::string_view chunk) {
    chunks.push_back(chunk.size());
    text.append(chunk);
    return true;
  });
  const std::string long_field(3 << 20, 'x');  // longer than a chunk: the buffer grows
  std::string expected;
  for (int i = 0; i < 100'000; ++i) {
    out.Field(i);
    out.Field("row, number");
    out.EndRow();
    expected += std::to_string(i) + ",\"row, number\"\r\n";
  }
  out.Field(long_field);
  out.EndRow();
  expected += long_field + "\r\n";
  REQUIRE(out.Finish());
  CHECK(chunks.size() >= 2);  // about 2 MB of rows, then one row longer than a chunk
  CHECK(text == expected);
}

TEST_CASE("CsvWriter: a failed write is reported and stops the stream", "[csv]") {
  int calls = 0;
  CsvWriter out([&calls](std::string_view) {
    ++calls;
    return false;
  });
  for (int i = 0; i < 300'000; ++i) {
    out.Field("some text to fill chunks");
    out.EndRow();
  }
  CHECK_FALSE(out.Finish());
  CHECK(calls == 1);
}

// The formatting as printf would do it, from the civil fields.
std::string ReferenceTimestamp(UnixMillis t) {
  const CivilDateTime c = ToCivil(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d",
                static_cast<long long>(c.date.year), c.date.month, c.date.day, c.hour, c.minute,
                c.second);
  std::string text = buf;
  if (c.millisecond != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", c.millisecond);
    text += buf;
  }
  return text + "Z";
}

TEST_CASE("DateText: the same text as the calendar's formatting, in and out of its table",
          "[csv][calendar]") {
  std::string error;
  const UnixMillis first = *ParseTimestamp("2026-01-01T00:00:00Z", &error);
  const DateText dates(first, first + 400 * kDay);
  // Every 7 h 13 min 1.5 s across two years, from before the table to after it.
  for (UnixMillis t = first - 200 * kDay; t < first + 600 * kDay; t += 26'981'500) {
    std::string date, stamp, month;
    dates.AppendDate(date, t);
    dates.AppendTimestamp(stamp, t);
    dates.AppendMonth(month, t);
    REQUIRE(date == FormatDate(t));
    REQUIRE(stamp == ReferenceTimestamp(t));
    REQUIRE(FormatTimestamp(t) == stamp);
    REQUIRE(month == FormatDate(t).substr(0, 7));
  }
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
