// The bytes of a message between processes (the ranks of a run, rank_links.h): integers in
// little-endian whatever the host, so that ranks on different machines read each other, and
// strings and vectors after their length. No names, tags or versions: both ends are the same
// binary, and the reader asks for exactly what the writer put, in the same order.
//
// A message comes from another process, so the reader trusts nothing in it: every read is
// checked against the bytes left, a length is checked before anything is allocated for it (a
// corrupt length must fail at once, not after asking for gigabytes), and a short or malformed
// message throws WireError saying which message, where it ended and what was expected there:
// "a message from rank 1 ends at byte 12 where 8 bytes were expected from byte 8 (a uint64)".
#ifndef CARRIERSIM_BASE_WIRE_H_
#define CARRIERSIM_BASE_WIRE_H_

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace carriersim {

class WireError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The integers a vector may hold on the wire: any but bool (std::vector<bool> packs bits).
template <typename T>
concept WireInteger = std::integral<T> && !std::same_as<T, bool>;

class WireWriter {
 public:
  // Each in its own width: one byte for uint8_t and bool (0 or 1), four for uint32_t, eight
  // for uint64_t and int64_t (two's complement).
  void Put(uint8_t value) { PutLittle(value, 1); }
  void Put(uint32_t value) { PutLittle(value, 4); }
  void Put(uint64_t value) { PutLittle(value, 8); }
  void Put(int64_t value) { PutLittle(static_cast<uint64_t>(value), 8); }
  void Put(bool value) { PutLittle(value ? 1 : 0, 1); }
  // Any other type would convert to one of the above, and which one decides the bytes: the
  // writer names the width, so that the reader's Get* matches it on sight.
  template <typename T>
  void Put(T value) = delete;

  // Its length (a uint64), then its bytes.
  void PutString(std::string_view text);
  // The bytes alone: for what the reader knows the length of (GetBytes).
  void PutBytes(std::string_view bytes) { buffer_.append(bytes); }
  // Its length (a uint64), then each element in its width (sizeof(T)), little-endian.
  template <WireInteger T>
  void PutVector(const std::vector<T>& values) {
    Put(static_cast<uint64_t>(values.size()));
    buffer_.reserve(buffer_.size() + values.size() * sizeof(T));
    for (const T value : values) {
      // Two's complement for signed types: the conversion to unsigned is defined as modular.
      PutLittle(static_cast<uint64_t>(static_cast<std::make_unsigned_t<T>>(value)), sizeof(T));
    }
  }

  size_t size() const { return buffer_.size(); }
  // The message so far; the writer is empty again.
  std::string Take();

 private:
  void PutLittle(uint64_t value, size_t width);

  std::string buffer_;
};

// Reads a message, which must outlive the reader (and the views GetBytes returns).
class WireReader {
 public:
  // `description` names the message in errors: "a message from rank 1".
  explicit WireReader(std::string_view bytes, std::string description = "a message")
      : bytes_(bytes), description_(std::move(description)) {}

  uint8_t GetU8() { return static_cast<uint8_t>(GetLittle(1, "a uint8")); }
  uint32_t GetU32() { return static_cast<uint32_t>(GetLittle(4, "a uint32")); }
  uint64_t GetU64() { return GetLittle(8, "a uint64"); }
  // Back from two's complement: the conversion to signed is defined as modular in C++20.
  int64_t GetI64() { return static_cast<int64_t>(GetLittle(8, "an int64")); }
  bool GetBool();  // 0 or 1; any other byte is malformed
  std::string GetString();
  // The next `size` bytes, as a view into the message.
  std::string_view GetBytes(size_t size);
  template <WireInteger T>
  std::vector<T> GetVector() {
    const std::string what = VectorName(sizeof(T), std::is_signed_v<T>);
    const uint64_t count = GetLength(sizeof(T), what);
    std::vector<T> values;
    values.reserve(static_cast<size_t>(count));  // at most the bytes left, GetLength checked
    for (uint64_t i = 0; i < count; ++i) {
      values.push_back(
          static_cast<T>(static_cast<std::make_unsigned_t<T>>(GetLittle(sizeof(T), what))));
    }
    return values;
  }

  bool AtEnd() const { return position_ == bytes_.size(); }
  // Throws WireError unless every byte was read: a longer message than the reader expects is
  // as wrong as a shorter one.
  void ExpectEnd() const;
  size_t position() const { return position_; }
  // The message as errors name it: "a message from rank 1".
  const std::string& description() const { return description_; }
  // A count (a uint64) of elements of at least `width` bytes each that follow, checked against
  // the bytes left before the caller allocates for them; `what` holds them, for errors ("a
  // string", "a list of scopes").
  uint64_t GetLength(size_t width, std::string_view what);

 private:
  uint64_t GetLittle(size_t width, std::string_view what);
  static std::string VectorName(size_t width, bool is_signed);  // "a vector of int32"
  // Throws: `count` elements of `width` bytes each do not fit in what is left.
  [[noreturn]] void Short(uint64_t count, size_t width, std::string_view what) const;

  std::string_view bytes_;
  std::string description_;
  size_t position_ = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_WIRE_H_
