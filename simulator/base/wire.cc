#include "simulator/base/wire.h"

namespace carriersim {

void WireWriter::PutString(std::string_view text) {
  Put(static_cast<uint64_t>(text.size()));
  buffer_.append(text);
}

std::string WireWriter::Take() {
  std::string taken = std::move(buffer_);
  buffer_.clear();  // a moved-from string is valid but unspecified
  return taken;
}

// Byte by byte, lowest first: the same bytes on a big-endian host, and no alignment needed.
void WireWriter::PutLittle(uint64_t value, size_t width) {
  for (size_t i = 0; i < width; ++i) {
    buffer_.push_back(static_cast<char>(static_cast<uint8_t>(value >> (8 * i))));
  }
}

bool WireReader::GetBool() {
  const size_t at = position_;
  const uint64_t byte = GetLittle(1, "a bool");
  if (byte > 1) {
    throw WireError(description_ + " has the byte " + std::to_string(byte) + " at byte " +
                    std::to_string(at) + " where a bool (0 or 1) was expected");
  }
  return byte == 1;
}

std::string WireReader::GetString() {
  const uint64_t size = GetLength(1, "a string");
  return std::string(GetBytes(static_cast<size_t>(size)));
}

std::string_view WireReader::GetBytes(size_t size) {
  if (size > bytes_.size() - position_) Short(size, 1, "bytes");
  const std::string_view bytes = bytes_.substr(position_, size);
  position_ += size;
  return bytes;
}

void WireReader::ExpectEnd() const {
  if (AtEnd()) return;
  throw WireError(description_ + " goes on past byte " + std::to_string(position_) +
                  " where it was expected to end (" + std::to_string(bytes_.size()) +
                  " bytes in all)");
}

uint64_t WireReader::GetLittle(size_t width, std::string_view what) {
  if (width > bytes_.size() - position_) Short(width, 1, what);
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value |= uint64_t{static_cast<uint8_t>(bytes_[position_ + i])} << (8 * i);
  }
  position_ += width;
  return value;
}

uint64_t WireReader::GetLength(size_t width, std::string_view what) {
  const uint64_t count = GetLittle(8, std::string("the length of ").append(what));
  // Divided, not multiplied: count * width may not fit in 64 bits.
  if (count > (bytes_.size() - position_) / width) Short(count, width, what);
  return count;
}

std::string WireReader::VectorName(size_t width, bool is_signed) {
  return std::string("a vector of ") + (is_signed ? "int" : "uint") + std::to_string(8 * width);
}

void WireReader::Short(uint64_t count, size_t width, std::string_view what) const {
  std::string expected = std::to_string(count);
  if (width == 1) {
    expected += count == 1 ? " byte was" : " bytes were";
  } else {
    expected +=
        (count == 1 ? " element of " : " elements of ") + std::to_string(width) + " bytes were";
  }
  throw WireError(description_ + " ends at byte " + std::to_string(bytes_.size()) + " where " +
                  expected + " expected from byte " + std::to_string(position_) + " (" +
                  std::string(what) + ")");
}

}  // namespace carriersim
