// The wire encoding (simulator/base/wire.h): what is written reads back, in the bytes the
// format promises on any host; a message that is short, long or malformed anywhere is a
// WireError that says where, and a corrupt length fails before anything is allocated for it.
#include "simulator/base/wire.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace carriersim {
namespace CARRIERSIM_TEST_FILE {
namespace {

// The writer names each width: an int literal, whose width the caller did not choose, does not
// compile.
template <typename T>
concept Puttable = requires(WireWriter w, T value) {
  w.Put(value);
};
static_assert(Puttable<uint8_t> && Puttable<uint32_t> && Puttable<uint64_t> && Puttable<int64_t> &&
              Puttable<bool>);
static_assert(!Puttable<int> && !Puttable<char> && !Puttable<uint16_t> && !Puttable<double>);

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (const int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

// One of everything.
struct Values {
  uint8_t u8 = 0;
  uint32_t u32 = 0;
  uint64_t u64 = 0;
  int64_t i64 = 0;
  bool flag = false;
  std::string text;
  std::string raw = "abc";  // three bytes, with no length before them
  std::vector<uint64_t> u64s;
  std::vector<int8_t> i8s;
  std::vector<uint16_t> u16s;
  std::vector<int32_t> i32s;
  std::vector<int64_t> i64s;
  bool operator==(const Values&) const = default;
};

std::string Write(const Values& v) {
  WireWriter w;
  w.Put(v.u8);
  w.Put(v.u32);
  w.Put(v.u64);
  w.Put(v.i64);
  w.Put(v.flag);
  w.PutString(v.text);
  w.PutBytes(v.raw);
  w.PutVector(v.u64s);
  w.PutVector(v.i8s);
  w.PutVector(v.u16s);
  w.PutVector(v.i32s);
  w.PutVector(v.i64s);
  return w.Take();
}

// No CHECK in here: Catch would swallow the WireError of a short message.
Values Read(WireReader& r) {
  Values v;
  v.u8 = r.GetU8();
  v.u32 = r.GetU32();
  v.u64 = r.GetU64();
  v.i64 = r.GetI64();
  v.flag = r.GetBool();
  v.text = r.GetString();
  v.raw = std::string(r.GetBytes(3));
  v.u64s = r.GetVector<uint64_t>();
  v.i8s = r.GetVector<int8_t>();
  v.u16s = r.GetVector<uint16_t>();
  v.i32s = r.GetVector<int32_t>();
  v.i64s = r.GetVector<int64_t>();
  return v;
}

Values Lowest() {
  Values v;
  v.i64 = std::numeric_limits<int64_t>::min();
  v.raw = std::string(3, '\0');
  v.i8s = {-128};
  v.u16s = {0};
  v.i32s = {std::numeric_limits<int32_t>::min()};
  v.i64s = {std::numeric_limits<int64_t>::min(), -1};
  return v;
}

Values Highest() {
  Values v;
  v.u8 = 255;
  v.u32 = std::numeric_limits<uint32_t>::max();
  v.u64 = std::numeric_limits<uint64_t>::max();
  v.i64 = std::numeric_limits<int64_t>::max();
  v.flag = true;
  v.text = std::string("nul\0inside \xc3\xa9", 13);
  v.raw = "raw";
  v.u64s = {0, std::numeric_limits<uint64_t>::max()};
  v.i8s = {-128, -1, 0, 127};
  v.u16s = {0, 65535};
  v.i32s = {std::numeric_limits<int32_t>::min(), -7, 7, std::numeric_limits<int32_t>::max()};
  v.i64s = {std::numeric_limits<int64_t>::max()};
  return v;
}

TEST_CASE("Wire values of every type read back as written", "[wire]") {
  for (const Values& v : {Values{}, Lowest(), Highest()}) {
    const std::string message = Write(v);
    WireReader r(message);
    CHECK(Read(r) == v);
    CHECK(r.AtEnd());
    CHECK(r.position() == message.size());
    CHECK_NOTHROW(r.ExpectEnd());
  }
  // Each value in its own bytes: a reader that took a wrong width would read other values.
  CHECK(Write(Highest()).size() ==
        1 + 4 + 8 + 8 + 1 + (8 + 13) + 3 + (8 + 16) + (8 + 4) + (8 + 4) + (8 + 16) + (8 + 8));
}

TEST_CASE("Wire bytes are little-endian and lengths are uint64s", "[wire]") {
  WireWriter w;
  w.Put(uint32_t{0x01020304});
  CHECK(w.Take() == Bytes({4, 3, 2, 1}));
  w.Put(uint64_t{0x0102030405060708});
  CHECK(w.Take() == Bytes({8, 7, 6, 5, 4, 3, 2, 1}));
  w.Put(int64_t{-2});
  CHECK(w.Take() == Bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
  w.Put(true);
  w.Put(false);
  w.Put(uint8_t{0x80});
  CHECK(w.Take() == Bytes({1, 0, 0x80}));
  w.PutString("ab");
  CHECK(w.Take() == Bytes({2, 0, 0, 0, 0, 0, 0, 0, 'a', 'b'}));
  w.PutVector(std::vector<int16_t>{-2, 0x0102});
  CHECK(w.Take() == Bytes({2, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 2, 1}));
  CHECK(w.size() == 0);  // Take empties the writer
}

TEST_CASE("A big wire vector reads back whole", "[wire]") {
  std::vector<uint64_t> values(200'000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = i * 0x9e3779b97f4a7c15;
  WireWriter w;
  w.PutVector(values);
  w.PutString(std::string(100'000, 'x'));
  const std::string message = w.Take();
  CHECK(message.size() == 8 + 8 * values.size() + 8 + 100'000);
  WireReader r(message);
  CHECK(r.GetVector<uint64_t>() == values);
  CHECK(r.GetString() == std::string(100'000, 'x'));
  CHECK(r.AtEnd());
}

TEST_CASE("A wire message cut at any byte throws WireError where it ends", "[wire]") {
  const std::string whole = Write(Highest());
  for (size_t cut = 0; cut < whole.size(); ++cut) {
    INFO("cut at byte " << cut);
    WireReader r(std::string_view(whole).substr(0, cut), "a message from rank 1");
    try {
      Read(r);
      FAIL("read a message cut short without an error");
    } catch (const WireError& e) {
      const std::string what = e.what();
      INFO(what);
      CHECK(what.rfind("a message from rank 1 ends at byte " + std::to_string(cut) + " where ",
                       0) == 0);
    }
  }
}

TEST_CASE("Wire errors say what was expected where", "[wire]") {
  WireWriter w;
  w.Put(uint32_t{7});
  w.Put(uint64_t{8});
  const std::string twelve = w.Take();
  WireReader r(twelve, "a message from rank 1");
  r.GetU32();
  r.GetU64();
  CHECK_THROWS_WITH(r.GetU64(),
                    "a message from rank 1 ends at byte 12 where 8 bytes were "
                    "expected from byte 12 (a uint64)");
  WireReader partial(std::string_view(twelve).substr(0, 7));
  partial.GetU32();
  CHECK_THROWS_WITH(partial.GetI64(),
                    "a message ends at byte 7 where 8 bytes were expected from byte 4 (an int64)");
  CHECK_THROWS_WITH(WireReader("").GetU8(),
                    "a message ends at byte 0 where 1 byte was expected from byte 0 (a uint8)");
  CHECK_THROWS_WITH(WireReader("abc").GetBytes(4),
                    "a message ends at byte 3 where 4 bytes were expected from byte 0 (bytes)");
  CHECK_THROWS_WITH(WireReader(Bytes({2})).GetBool(),
                    "a message has the byte 2 at byte 0 where a bool (0 or 1) was expected");

  w.PutString("hello");
  const std::string hello = w.Take();
  CHECK_THROWS_WITH(WireReader(std::string_view(hello).substr(0, 12)).GetString(),
                    "a message ends at byte 12 where 5 bytes were expected from byte 8 (a string)");
  CHECK_THROWS_WITH(WireReader(std::string_view(hello).substr(0, 3)).GetString(),
                    "a message ends at byte 3 where 8 bytes were expected from byte 0 (the length "
                    "of a string)");
  w.PutVector(std::vector<uint32_t>{1, 2, 3});
  const std::string vector = w.Take();
  CHECK_THROWS_WITH(WireReader(std::string_view(vector).substr(0, 17)).GetVector<uint32_t>(),
                    "a message ends at byte 17 where 3 elements of 4 bytes were expected from "
                    "byte 8 (a vector of uint32)");
}

TEST_CASE("A wire message longer than read fails ExpectEnd", "[wire]") {
  WireWriter w;
  w.Put(uint32_t{1});
  w.Put(uint8_t{2});
  const std::string message = w.Take();
  WireReader r(message, "a message from rank 3");
  r.GetU32();
  CHECK_FALSE(r.AtEnd());
  CHECK_THROWS_WITH(r.ExpectEnd(),
                    "a message from rank 3 goes on past byte 4 where it was "
                    "expected to end (5 bytes in all)");
  r.GetU8();
  CHECK(r.AtEnd());
  CHECK_NOTHROW(r.ExpectEnd());
}

// A length is checked against the bytes left before anything is allocated for it: were it not,
// these would throw std::length_error or std::bad_alloc (or take the machine's memory), not
// WireError.
TEST_CASE("A corrupt huge wire length throws without allocating", "[wire]") {
  for (const uint64_t length :
       {std::numeric_limits<uint64_t>::max(), uint64_t{1} << 62, uint64_t{1} << 40, uint64_t{17}}) {
    INFO("length " << length);
    WireWriter w;
    w.Put(length);
    w.PutBytes("sixteen bytes...");
    const std::string message = w.Take();
    CHECK_THROWS_WITH(WireReader(message).GetString(),
                      "a message ends at byte 24 where " + std::to_string(length) +
                          " bytes were expected from byte 8 (a string)");
    // count * 8 does not fit in 64 bits for the first two: the check must not overflow.
    CHECK_THROWS_WITH(WireReader(message).GetVector<uint64_t>(),
                      "a message ends at byte 24 where " + std::to_string(length) +
                          " elements of 8 bytes were expected from byte 8 (a vector of uint64)");
    CHECK_THROWS_AS(WireReader(message).GetVector<int32_t>(), WireError);
  }
  // Exactly what is left is not too much.
  WireWriter w;
  w.PutVector(std::vector<uint64_t>{1, 2});
  const std::string two = w.Take();
  CHECK(WireReader(two).GetVector<uint64_t>().size() == 2);
  CHECK_THROWS_AS(WireReader(std::string_view(two).substr(0, 23)).GetVector<uint64_t>(), WireError);
}

}  // namespace
}  // namespace CARRIERSIM_TEST_FILE
}  // namespace carriersim
