#include "simulator/compare/job_result.h"

#include <utility>


namespace carriersim {
namespace {

// Little-endian fixed-width integers, and lengths before every list and string: the ranks of
// one job run the same binary, but the encoding does not rely on it.
void PutU64(uint64_t v, std::string& out) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutString(std::string_view s, std::string& out) {
  PutU64(s.size(), out);
  out.append(s);
}
void PutInts(const std::vector<int64_t>& values, std::string& out) {
  PutU64(values.size(), out);
  for (int64_t v : values) PutU64(static_cast<uint64_t>(v), out);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return at_ == bytes_.size(); }
  bool U64(uint64_t* v) {
    if (bytes_.size() - at_ < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) {
      *v |= uint64_t{static_cast<unsigned char>(bytes_[at_ + static_cast<size_t>(i)])} << (8 * i);
    }
    at_ += 8;
    return true;
  }
  bool String(std::string* s) {
    uint64_t n = 0;
    if (!U64(&n) || n > bytes_.size() - at_) return false;
    s->assign(bytes_.substr(at_, n));
    at_ += n;
    return true;
  }
  bool Ints(std::vector<int64_t>* values) {
    uint64_t n = 0;
    if (!U64(&n) || n > (bytes_.size() - at_) / 8) return false;
    values->resize(n);
    for (int64_t& v : *values) {
      uint64_t u = 0;
      U64(&u);
      v = static_cast<int64_t>(u);
    }
    return true;
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

bool ReadOne(Reader& in, JobResult* r) {
  uint64_t has_figures = 0, failures = 0, error = 0;
  if (!in.U64(&has_figures) || has_figures > 1) return false;
  if (has_figures == 1) {
    RunFigures f;
    if (!in.Ints(&f.fees_by_category) || !in.Ints(&f.figures) || !in.U64(&f.events)) return false;
    r->figures = std::move(f);
  }
  if (!in.U64(&failures)) return false;
  for (uint64_t i = 0; i < failures; ++i) {
    std::string text;
    if (!in.String(&text)) return false;
    r->failures.push_back(std::move(text));
  }
  if (!in.U64(&r->expectations) || !in.U64(&error) ||
      error > static_cast<uint64_t>(JobResult::Error::kDisk)) {
    return false;
  }
  r->error = static_cast<JobResult::Error>(error);
  return in.String(&r->error_text);
}

}  // namespace

void EncodeJobResult(const JobResult& result, std::string& out) {
  PutU64(result.figures ? 1 : 0, out);
  if (result.figures) {
    PutInts(result.figures->fees_by_category, out);
    PutInts(result.figures->figures, out);
    PutU64(result.figures->events, out);
  }
  PutU64(result.failures.size(), out);
  for (const std::string& f : result.failures) PutString(f, out);
  PutU64(result.expectations, out);
  PutU64(static_cast<uint64_t>(result.error), out);
  PutString(result.error_text, out);
}

std::optional<std::vector<JobResult>> DecodeJobResults(std::string_view bytes) {
  std::vector<JobResult> results;
  Reader in(bytes);
  while (!in.done()) {
    JobResult r;
    if (!ReadOne(in, &r)) return std::nullopt;
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace carriersim
