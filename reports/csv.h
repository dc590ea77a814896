// Writing CSV per RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
// a quote or a line break.
//
// A million-SIM run writes gigabytes of CSV, so the writer streams: it composes rows in a buffer
// of about a megabyte and hands each full buffer to a sink (a file, or a string in tests).
#ifndef CARRIERSIM_REPORTS_CSV_H_
#define CARRIERSIM_REPORTS_CSV_H_

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace carriersim {

class CsvWriter {
 public:
  // Takes the next chunk of text; false on a write error, after which the rest is dropped.
  using Sink = std::function<bool(std::string_view chunk)>;

  explicit CsvWriter(Sink sink) : sink_(std::move(sink)), buffer_(kChunk + kSlack) {}

  void Field(std::string_view text) {
    const Specials found = Scan(text);
    char* p = Room(text.size() * (found.quote ? 2 : 1) + 3);
    if (row_started_) *p++ = ',';
    row_started_ = true;
    if (found.any) *p++ = '"';
    if (found.quote) {
      for (char c : text) {
        if (c == '"') *p++ = '"';
        *p++ = c;
      }
    } else {
      std::memcpy(p, text.data(), text.size());
      p += text.size();
    }
    if (found.any) *p++ = '"';
    used_ = static_cast<size_t>(p - buffer_.data());
  }

  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) void Field(T n) {
    char* p = Room(24);
    if (row_started_) *p++ = ',';
    row_started_ = true;
    p = std::to_chars(p, p + 22, n).ptr;
    used_ = static_cast<size_t>(p - buffer_.data());
  }

  void Row(std::initializer_list<std::string_view> fields) {
    for (std::string_view f : fields) Field(f);
    EndRow();
  }

  void EndRow() {
    char* p = Room(2);
    p[0] = '\r';
    p[1] = '\n';
    used_ += 2;
    row_started_ = false;
    if (used_ >= kChunk) Flush();
  }

  // Hands over what is left; false if any chunk could not be written.
  bool Finish() {
    Flush();
    return ok_;
  }

  // A string to compose a field in (then pass it to Field), reused to spare allocations.
  std::string& scratch() {
    scratch_.clear();
    return scratch_;
  }

 private:
  static constexpr size_t kChunk = size_t{1} << 20;
  static constexpr size_t kSlack = size_t{64} << 10;  // room for the row that crosses kChunk

  // Where the next n bytes go: rows are written through a raw pointer, not char by char.
  char* Room(size_t n) {
    if (used_ + n > buffer_.size()) buffer_.resize(std::max(buffer_.size() * 2, used_ + n));
    return buffer_.data() + used_;
  }

  struct Specials {
    bool any = false;    // the field must be quoted
    bool quote = false;  // and holds quotes to double
  };
  static Specials Scan(std::string_view text) {
    // One table lookup per byte: descriptions are long and there are millions of them.
    static constexpr auto kSpecial = [] {
      std::array<uint8_t, 256> table{};
      table[static_cast<uint8_t>(',')] = 1;
      table[static_cast<uint8_t>('\r')] = 1;
      table[static_cast<uint8_t>('\n')] = 1;
      table[static_cast<uint8_t>('"')] = 3;
      return table;
    }();
    uint8_t seen = 0;
    for (char c : text) seen |= kSpecial[static_cast<uint8_t>(c)];
    return {seen != 0, (seen & 2) != 0};
  }

  void Flush() {
    if (ok_ && used_ != 0) ok_ = sink_(std::string_view(buffer_.data(), used_));
    used_ = 0;
  }

  Sink sink_;
  std::vector<char> buffer_;
  size_t used_ = 0;
  std::string scratch_;
  bool row_started_ = false;
  bool ok_ = true;
};

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_CSV_H_
