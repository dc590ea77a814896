// Writing CSV per RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
// a quote or a line break.
#ifndef CARRIERSIM_REPORTS_CSV_H_
#define CARRIERSIM_REPORTS_CSV_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace carriersim {

inline void AppendCsvField(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

inline void AppendCsvRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    AppendCsvField(out, f);
  }
  out += "\r\n";
}

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CSV_H_
