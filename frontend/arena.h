// frontend/arena.h — a bump allocator for one parse: every AST node, list and string
// of a parse lives in its arena and is freed at once with it. Nothing allocated here
// has a destructor that must run.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

namespace strata {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { release(); }

  void* allocate(size_t size, size_t align = alignof(std::max_align_t)) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cursor_) + align - 1) & ~(uintptr_t(align) - 1);
    if (p + size > reinterpret_cast<uintptr_t>(limit_)) return grow(size, align);
    cursor_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T{static_cast<Args&&>(args)...};
  }

  template <class T>
  T* array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return static_cast<T*>(allocate(sizeof(T) * (n ? n : 1), alignof(T)));
  }

  // A NUL-terminated copy of [s, s+n).
  const char* copy(const char* s, size_t n) {
    char* d = static_cast<char*>(allocate(n + 1, 1));
    if (n) std::memcpy(d, s, n);
    d[n] = 0;
    return d;
  }

  size_t bytes_reserved() const { return reserved_; }

 private:
  struct Chunk { Chunk* next; size_t size; };
  void* grow(size_t size, size_t align);
  void release();

  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  Chunk* chunks_ = nullptr;
  size_t reserved_ = 0;
};

}  // namespace strata
