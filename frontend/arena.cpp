// frontend/arena.cpp — chunk management for the bump allocator.
#include "frontend/arena.h"

#include <cstdlib>

namespace strata {

void* Arena::grow(size_t size, size_t align) {
  // Chunks double up to 1 MiB; a request larger than that gets a chunk of its own.
  size_t want = chunks_ ? chunks_->size * 2 : 64 * 1024;
  if (want > (1u << 20)) want = 1u << 20;
  size_t need = sizeof(Chunk) + size + align;
  if (want < need) want = need;
  auto* chunk = static_cast<Chunk*>(std::malloc(want));
  if (!chunk) throw std::bad_alloc();
  chunk->next = chunks_;
  chunk->size = want;
  chunks_ = chunk;
  reserved_ += want;
  cursor_ = reinterpret_cast<char*>(chunk + 1);
  limit_ = reinterpret_cast<char*>(chunk) + want;
  return allocate(size, align);
}

void Arena::release() {
  while (chunks_) {
    Chunk* next = chunks_->next;
    std::free(chunks_);
    chunks_ = next;
  }
  cursor_ = limit_ = nullptr;
  reserved_ = 0;
}

}  // namespace strata
