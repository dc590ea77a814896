// The pieces every carriersim HTML report is made of (report.html, compare.html): the shared
// style sheet, sections, headline cards, colour swatches and small tables.
#ifndef CARRIERSIM_REPORTS_HTML_PAGE_H_
#define CARRIERSIM_REPORTS_HTML_PAGE_H_

#include <string>
#include <vector>

namespace carriersim {

// The style sheet every carriersim HTML report shares.
const char* ReportStyle();

// "<!DOCTYPE html>..." up to and including <body>, with the style sheet inline, and after it
// `style`: rules of one report's own.
std::string PageHead(const std::string& title, const std::string& style = "");

// A section: a heading, an optional note under it, and its body (HTML).
std::string Section(const std::string& title, const std::string& note, const std::string& body,
                    const std::string& id = "");
// A headline figure.
std::string Card(const std::string& key, const std::string& value);
// A note paragraph (text, escaped).
std::string Note(const std::string& text);
// A small square of `colour` before a name: the legend of a table row.
std::string Swatch(const std::string& colour);

// A table: header cells, then rows of cells (HTML). Columns listed in `numeric` are
// right-aligned with tabular figures.
struct HtmlTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> numeric;
  std::vector<std::string> row_classes;  // per row, or none: the class of its <tr>
};
std::string RenderTable(const HtmlTable& table);

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_HTML_PAGE_H_
