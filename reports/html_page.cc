#include "reports/html_page.h"

#include <algorithm>

#include "reports/xml_escape.h"

namespace carriersim {
namespace {

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f4f6;color:#111827}
header{background:#1e293b;color:#f8fafc;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:2px 0;color:#cbd5e1;font-size:13px}
main{max-width:960px;margin:0 auto;padding:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .v{font-size:20px;font-weight:600}
.card .k{font-size:12px;color:#6b7280;text-transform:uppercase;letter-spacing:.04em}
section{background:#fff;border-radius:8px;padding:14px 18px;margin-bottom:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section h2{font-size:16px;margin:0 0 8px}
section h3{font-size:14px;margin:14px 0 6px}
section p.note{font-size:12px;color:#6b7280;margin:4px 0 8px}
.cols{display:grid;grid-template-columns:3fr 2fr;gap:18px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:6px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e7eb}
th{color:#374151;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.bar{height:8px;border-radius:2px;min-width:1px}
.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}
tr.failed td{background:#fef2f2}
svg.chart{width:100%;height:auto}
svg .grid{stroke:#e5e7eb;stroke-width:1}
svg .tick,svg .legend,svg .unit{font-size:11px;fill:#4b5563}
svg .marker{stroke:#475569;stroke-width:1;stroke-dasharray:4 3}
svg .mlabel{font-size:10px;fill:#334155;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .band{fill:#94a3b8;fill-opacity:.12}
footer{font-size:12px;color:#6b7280;text-align:center;padding:8px 0 24px}
)";

}  // namespace

const char* ReportStyle() { return kStyle; }

std::string PageHead(const std::string& title, const std::string& style) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" +
         XmlEscape(title) + "</title><style>" + kStyle + style + "</style></head><body>\n";
}

std::string Section(const std::string& title, const std::string& note, const std::string& body,
                    const std::string& id) {
  return "<section" + (id.empty() ? "" : " id=\"" + XmlEscape(id) + "\"") + "><h2>" +
         XmlEscape(title) + "</h2>" + (note.empty() ? "" : Note(note)) + body + "</section>\n";
}

std::string Card(const std::string& key, const std::string& value) {
  return "<div class=\"card\"><div class=\"k\">" + XmlEscape(key) + "</div><div class=\"v\">" +
         XmlEscape(value) + "</div></div>";
}

std::string Note(const std::string& text) {
  return "<p class=\"note\">" + XmlEscape(text) + "</p>";
}

std::string Swatch(const std::string& colour) {
  return "<span class=\"sw\" style=\"background:" + colour + "\"></span>";
}

std::string RenderTable(const HtmlTable& table) {
  const auto numeric = [&](size_t c) {
    return std::find(table.numeric.begin(), table.numeric.end(), c) != table.numeric.end();
  };
  std::string html = "<table><tr>";
  for (size_t c = 0; c < table.header.size(); ++c) {
    html += (numeric(c) ? "<th class=\"n\">" : "<th>") + XmlEscape(table.header[c]) + "</th>";
  }
  html += "</tr>";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<std::string>& row = table.rows[r];
    const bool styled = r < table.row_classes.size() && !table.row_classes[r].empty();
    html += styled ? "<tr class=\"" + table.row_classes[r] + "\">" : std::string("<tr>");
    for (size_t c = 0; c < row.size(); ++c) {
      html += (numeric(c) ? "<td class=\"n\">" : "<td>") + row[c] + "</td>";
    }
    html += "</tr>";
  }
  return html + "</table>";
}

}  // namespace carriersim
