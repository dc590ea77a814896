// The report files of a run: every CSV parses as RFC 4180 with one field count per file, and
// timeseries.csv adds up to the totals of summary.json.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {
namespace {

// An RFC 4180 parser, strict: CRLF rows, quoted fields with doubled quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r') {
      REQUIRE(i + 1 < text.size());
      REQUIRE(text[i + 1] == '\n');
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      REQUIRE(c != '\n');  // a bare LF outside quotes is not a row end in RFC 4180
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(rows.back().empty());  // the file ends with CRLF
  rows.pop_back();
  return rows;
}

size_t Column(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  REQUIRE(it != header.end());
  return static_cast<size_t>(it - header.begin());
}

// Runs `yaml` and returns the output folder.
std::string RunScenario(const TempDir& dir, const std::string& yaml) {
  const std::string file = dir.File("s.yaml");
  REQUIRE(WriteText(file, yaml));
  const CliResult r = Cli({"run", file, "--out", dir.File("out")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  return dir.File("out") + "/";
}

const char* kMixed = R"(name: mixed
start: 2026-01-15T06:00:00Z
duration: 75d
carriers:
  soracom: { profile: soracom }
devices:
  meter:
    boot: 1s..20s
    power: { duty-cycle: { on: 2h, every: 1d } }
    traffic: { every: 10m, uplink: 100B..900B, downlink: { exponential: 300B } }
  tracker: { traffic: { every: 1h, uplink: 2KB } }
fleet:
  - { group: meters, count: 20, carrier: soracom, plan: plan01s, device: meter }
  - { group: trackers, count: 10, carrier: soracom, plan: plan01s, device: tracker }
timeline:
  - { at: 20d, spread: 1d, set-to-standby: { group: trackers } }
  - { at: 40d, deactivate: { group: meters, count: 5 } }
  - { at: 50d, suspend: { group: trackers } }
)";

}  // namespace

TEST_CASE("every CSV report parses as RFC 4180, with one field count per file", "[reports]") {
  TempDir dir;
  const std::string out = RunScenario(dir, kMixed);
  for (const char* name : {"ledger.csv", "history.csv", "sessions.csv", "sims.csv",
                           "timeseries.csv"}) {
    INFO(name);
    const auto rows = ParseCsv(ReadText(out + name));
    REQUIRE(rows.size() > 1);
    for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  }
}

TEST_CASE("timeseries.csv adds up to the run's totals, and counts every SIM at every row",
          "[reports]") {
  TempDir dir;
  const std::string out = RunScenario(dir, kMixed);
  const auto rows = ParseCsv(ReadText(out + "timeseries.csv"));
  const nlohmann::json summary = nlohmann::json::parse(ReadText(out + "summary.json"));
  const std::vector<std::string>& header = rows[0];
  REQUIRE(rows.size() == 1 + 75 + 1);  // a row a day from the start, and one at the end
  CHECK(rows[1][0] == "2026-01-15T06:00:00Z");
  CHECK(rows.back()[0] == "2026-03-31T06:00:00Z");
  int64_t usage = 0, attempts = 0;
  int64_t fees_micros = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    int64_t sims = 0;
    for (size_t c = 0; c < header.size(); ++c) {
      if (header[c].rfind("sims_", 0) == 0) sims += std::stoll(rows[i][c]);
    }
    CHECK(sims == 30);
    usage += std::stoll(rows[i][Column(header, "usage_bytes")]);
    attempts += std::stoll(rows[i][Column(header, "attach_attempts")]);
    const std::string fee = rows[i][Column(header, "fees_usd")];
    const size_t dot = fee.find('.');
    std::string frac = dot == std::string::npos ? "" : fee.substr(dot + 1);
    frac.resize(6, '0');
    fees_micros += std::stoll(fee.substr(0, dot)) * 1'000'000 + std::stoll(frac);
  }
  CHECK(usage == summary["usage"]["total_bytes"].get<int64_t>());
  CHECK(attempts == summary["signaling"]["attach_attempts"].get<int64_t>());
  const std::string total = summary["fees"]["total"].get<std::string>();
  std::string frac = total.substr(total.find('.') + 1);
  frac.resize(6, '0');
  CHECK(fees_micros ==
        std::stoll(total.substr(0, total.find('.'))) * 1'000'000 + std::stoll(frac));
  // The suspension at 50d shows on the row after it: 10 trackers suspended from then on.
  CHECK(rows[51][Column(header, "sims_suspended")] == "10");
  CHECK(rows[50][Column(header, "sims_suspended")] == "0");
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("run with trace writes every event, in time order, one JSON object a line", "[reports]") {
  TempDir dir;
  const std::string file = dir.File("s.yaml");
  REQUIRE(WriteText(file, kMixed));
  REQUIRE(Cli({"run", file, "--out", dir.File("out"), "--trace"}).code == 0);
  const nlohmann::json summary = nlohmann::json::parse(ReadText(dir.File("out/summary.json")));
  const std::string trace = ReadText(dir.File("out/events.jsonl"));
  size_t lines = 0;
  int64_t last = -1;
  for (size_t at = 0; at < trace.size();) {
    const size_t end = trace.find('\n', at);
    REQUIRE(end != std::string::npos);
    const nlohmann::json event = nlohmann::json::parse(trace.substr(at, end - at));
    CHECK(event["ms"].get<int64_t>() >= last);
    last = event["ms"].get<int64_t>();
    CHECK(event.contains("event"));
    ++lines;
    at = end + 1;
  }
  CHECK(lines == summary["engine"]["events"].get<size_t>());
  // Without --trace, a trace left by an earlier run in the folder is removed.
  REQUIRE(Cli({"run", file, "--out", dir.File("out")}).code == 0);
  CHECK_FALSE(std::filesystem::exists(dir.File("out/events.jsonl")));
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test

namespace carriersim::test {
namespace CARRIERSIM_TEST_FILE {

TEST_CASE("report.html is one self-contained file with its charts and expectations",
          "[reports]") {
  TempDir dir;
  const std::string file = dir.File("s.yaml");
  REQUIRE(WriteText(file, std::string(kMixed) + "expect:\n"
                                                "  - { metric: sims.suspended, \"==\": 10 }\n"
                                                "  - { metric: sims.standby, \"==\": 10 }\n"));
  CHECK(Cli({"run", file, "--out", dir.File("out")}).code == 1);  // the second one fails
  const std::string html = ReadText(dir.File("out/report.html"));
  CHECK(html.rfind("<!DOCTYPE html>\n<html", 0) == 0);
  CHECK(html.size() > 10'000);
  // Nothing to fetch or run: no scripts, links, images or URLs but SVG's namespace name.
  for (const char* forbidden : {"<script", "<link", "<img", "src=", "href=", "url(", "@import"}) {
    INFO(forbidden);
    CHECK(html.find(forbidden) == std::string::npos);
  }
  std::string rest = html;
  for (size_t at = rest.find("http://www.w3.org/2000/svg"); at != std::string::npos;
       at = rest.find("http://www.w3.org/2000/svg")) {
    rest.erase(at, 26);
  }
  CHECK(rest.find("http") == std::string::npos);
  // Five charts at least (statuses, online, fees, attempts, attempts per cell), the expectations
  // with their verdicts, the timeline.
  size_t charts = 0;
  for (size_t at = html.find("<svg "); at != std::string::npos; at = html.find("<svg ", at + 1)) {
    ++charts;
  }
  CHECK(charts >= 4);
  CHECK(html.find(">PASS</span></td><td>sims.suspended</td><td>== 10</td>") != std::string::npos);
  CHECK(html.find(">FAIL</span></td><td>sims.standby</td><td>== 10</td>") != std::string::npos);
  CHECK(html.find("set-to-standby trackers") != std::string::npos);
  CHECK(html.find("</html>\n") == html.size() - 8);
}

}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim::test
