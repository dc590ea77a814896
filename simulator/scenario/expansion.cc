#include "simulator/scenario/expansion.h"

#include <algorithm>

#include "simulator/base/yaml_reader.h"

namespace carriersim {
std::vector<ParamReference> FindReferences(const std::string& text) {
  std::vector<ParamReference> refs;
  int line = 1;
  size_t line_start = 0;
  char quote = 0;  // inside a quoted scalar of this line
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      quote = 0;
      continue;
    }
    const char previous = i == line_start ? ' ' : text[i - 1];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '#' && (previous == ' ' || previous == '\t')) {
      // A comment: skip to the end of the line.
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    } else if ((c == '"' || c == '\'') && !IsNameChar(previous)) {
      quote = c;  // an apostrophe inside a word (don't) opens nothing
    }
    if (c != '$' || i + 1 >= text.size() || text[i + 1] != '{') continue;
    ParamReference ref;
    ref.offset = i;
    ref.line = line;
    ref.column = static_cast<int>(i - line_start) + 1;
    const size_t close = text.find_first_of("}\n", i + 2);
    if (close == std::string::npos || text[close] != '}') {
      ref.length = 2;
    } else {
      ref.name = text.substr(i + 2, close - i - 2);
      ref.length = close + 1 - i;
      if (ref.name.empty()) ref.name = " ";  // "${}": reported as no such parameter
    }
    refs.push_back(ref);
    i += ref.length - 1;
  }
  return refs;
}

ExpandedText::ExpandedText(const std::string& text, const std::vector<ParamReference>& refs,
                           const std::vector<std::string>& values) {
  size_t copied = 0;
  int shift_line = 0, shift = 0;  // columns gained on the current line so far
  for (size_t i = 0; i < refs.size(); ++i) {
    const ParamReference& ref = refs[i];
    text_.append(text, copied, ref.offset - copied);
    if (ref.line != shift_line) {
      shift_line = ref.line;
      shift = 0;
    }
    Segment s;
    s.line = ref.line;
    s.column = ref.column;
    s.length = static_cast<int>(ref.length);
    s.expanded_column = ref.column + shift;
    s.expanded_length = static_cast<int>(values[i].size());
    s.note = "${" + ref.name + "} = " + values[i];
    segments_.push_back(std::move(s));
    text_ += values[i];
    shift += static_cast<int>(values[i].size()) - static_cast<int>(ref.length);
    copied = ref.offset + ref.length;
  }
  text_.append(text, copied, std::string::npos);
}

void ExpandedText::Remap(Diagnostic& d) const {
  auto it = std::lower_bound(segments_.begin(), segments_.end(), d.where.line,
                             [](const Segment& s, int line) { return s.line < line; });
  int shift = 0;
  for (; it != segments_.end() && it->line == d.where.line; ++it) {
    if (d.where.column < it->expanded_column) break;
    if (d.where.column < it->expanded_column + std::max(it->expanded_length, 1)) {
      d.where.column = it->column;
      d.message += " (" + it->note + ")";
      return;
    }
    shift = (it->column + it->length) - (it->expanded_column + it->expanded_length);
  }
  d.where.column += shift;
}

}  // namespace carriersim
