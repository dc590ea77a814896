// Text made safe inside XML and HTML text and attribute values (junit.xml, report.html).
#ifndef CARRIERSIM_REPORTS_XML_ESCAPE_H_
#define CARRIERSIM_REPORTS_XML_ESCAPE_H_

#include <string>

namespace carriersim {

// `text` with &, <, >, " and ' escaped, and the control characters XML 1.0 cannot hold (all but
// tab and line ends) replaced by '?'.
inline std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        out += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                   ? '?'
                   : c;
    }
  }
  return out;
}

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_XML_ESCAPE_H_
