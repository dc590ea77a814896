// A 128-bit integer for the few sums and products that need more than 64 bits for a moment
// (exact decimal arithmetic, fee splits, the loader's bounds on totals). GCC and Clang both
// have __int128; __extension__ keeps -Wpedantic quiet about it.
#ifndef CARRIERSIM_BASE_INT128_H_
#define CARRIERSIM_BASE_INT128_H_

namespace carriersim {

__extension__ typedef __int128 Int128;

}  // namespace carriersim

#endif  // CARRIERSIM_BASE_INT128_H_
