// ${name} references in a scenario's text, and the text with values put in their place.
//
// Substitution works on the text, before YAML parsing, so that a parameter can stand anywhere a
// value is written (a count, a date inside `2026-11-01 + ${idle}`, a verb used as a timeline
// key) and the loader checks the result as it checks any file. Values are single lines, so only
// columns move; ExpandedText maps a position in the expanded text back to the file.
#ifndef CARRIERSIM_SCENARIO_EXPANSION_H_
#define CARRIERSIM_SCENARIO_EXPANSION_H_

#include <string>
#include <vector>

#include "simulator/base/diagnostics.h"

namespace carriersim {

struct ParamReference {
  std::string name;
  size_t offset = 0;  // of the '$' in the text
  size_t length = 0;  // of "${name}"
  int line = 0;       // 1-based
  int column = 0;     // 1-based
};

// Every ${...} of `text` outside comments, in text order. A '$' followed by '{' that is not
// closed on its line is returned with an empty name (the caller reports it).
std::vector<ParamReference> FindReferences(const std::string& text);

class ExpandedText {
 public:
  // `values[i]` replaces `refs[i]`; REQUIRES: refs in text order, values single lines.
  ExpandedText(const std::string& text, const std::vector<ParamReference>& refs,
               const std::vector<std::string>& values);

  const std::string& text() const { return text_; }
  // Moves a diagnostic reported against the expanded text to the file's position; one inside a
  // substituted value points at its reference and says what was put there.
  void Remap(Diagnostic& d) const;

 private:
  struct Segment {
    int line = 0;
    int expanded_column = 0;
    int expanded_length = 0;
    int column = 0;  // of the reference in the file
    int length = 0;
    std::string note;  // "${idle} = 5 months"
  };
  std::string text_;
  std::vector<Segment> segments_;  // in text order
};

}  // namespace carriersim

#endif  // CARRIERSIM_SCENARIO_EXPANSION_H_
