// A growable array in fixed-size chunks: appending never copies what is there, so a record
// store of tens of millions of entries (the fee ledger, the status history) peaks at its size,
// not at the 1.5-2x a std::vector reaches while it reallocates.
#ifndef CARRIERSIM_BASE_CHUNKED_VECTOR_H_
#define CARRIERSIM_BASE_CHUNKED_VECTOR_H_

#include <cstddef>
#include <memory>
#include <vector>

namespace carriersim {

template <typename T, size_t kChunkBits = 16>
class ChunkedVector {
 public:
  static constexpr size_t kChunk = size_t{1} << kChunkBits;

  void push_back(const T& value) {
    if ((size_ & (kChunk - 1)) == 0 && size_ / kChunk == chunks_.size()) {
      chunks_.push_back(std::make_unique_for_overwrite<T[]>(kChunk));
    }
    chunks_[size_ >> kChunkBits][size_ & (kChunk - 1)] = value;
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Empties it but keeps the chunks, to be filled again without allocating (a spill log's tail).
  void clear() { size_ = 0; }
  // Empties it and gives the chunks back.
  void release() {
    chunks_.clear();
    chunks_.shrink_to_fit();
    size_ = 0;
  }
  // The records of chunk c, contiguous: kChunk of them, or fewer in the last.
  const T* chunk(size_t c) const { return chunks_[c].get(); }
  T& operator[](size_t i) { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  const T& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }

  template <typename Self, typename Ref>
  class Iterator {
   public:
    Iterator(Self* v, size_t i) : v_(v), i_(i) {}
    Ref operator*() const { return (*v_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }

   private:
    Self* v_;
    size_t i_;
  };
  Iterator<ChunkedVector, T&> begin() { return {this, 0}; }
  Iterator<ChunkedVector, T&> end() { return {this, size_}; }
  Iterator<const ChunkedVector, const T&> begin() const { return {this, 0}; }
  Iterator<const ChunkedVector, const T&> end() const { return {this, size_}; }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_CHUNKED_VECTOR_H_
