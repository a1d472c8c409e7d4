// vm/bytes.h — bytes and bytearray. Implemented in vm/bytes.cpp.
#pragma once
#include <string_view>

#include "vm/object.h"

namespace strata {

struct BytesObject {
  Object ob;
  int64_t size;
  int64_t hash;  // -1 until computed
  // size bytes follow inline, then a 0 byte.
};
inline uint8_t* bytes_data(Value b) { return reinterpret_cast<uint8_t*>(b.as<BytesObject>() + 1); }
inline int64_t bytes_size(Value b) { return b.as<BytesObject>()->size; }

struct ByteArrayObject {
  Object ob;
  int64_t size;
  int64_t allocated;
  uint8_t* data;  // mem_alloc'ed
  int64_t exports;
};

Value bytes_from(std::string_view data);
Value bytearray_from(std::string_view data);
Value bytes_repr(Value b);

}  // namespace strata
