// stdlib/bytes_like.h — reading the bytes of a "bytes-like object" (bytes, bytearray, and
// a memoryview over one of them) for the native modules that take binary data (_struct,
// binascii, _sha512). Strata has no general buffer protocol yet: these are the exporters
// that exist (and array.array). Header-only; cold paths except for the exact bytes test.
#pragma once
#include <cstdint>

#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/object.h"

namespace strata {

extern Type MemoryViewType;  // vm/memoryview.cpp

struct BytesView {
  uint8_t* data = nullptr;
  int64_t size = 0;
  bool writable = false;
};

int array_bytes(Value v, BytesView* out);  // stdlib/array.cpp: an array.array's items

// 1 with *out filled when v exports bytes, 0 when it is not bytes-like (no exception),
// -1 on error (a released memoryview). The view is valid while v is alive and unchanged.
inline int get_bytes_like(Value v, BytesView* out) {
  if (v.is_small()) return 0;
  Type* t = v.obj()->type;
  if (has_flag(t, TF_BYTES_SUBCLASS)) {
    out->data = bytes_data(v);
    out->size = bytes_size(v);
    out->writable = false;
    return 1;
  }
  if (t == &ByteArrayType || is_subtype(t, &ByteArrayType)) {
    ByteArrayObject* b = v.as<ByteArrayObject>();
    out->data = b->data;
    out->size = b->size;
    out->writable = true;
    return 1;
  }
  if (t == &MemoryViewType) {
    Ref obj(getattr(v, "obj"));
    if (!obj) return -1;
    Ref ro(getattr(v, "readonly"));
    if (!ro) return -1;
    int r = get_bytes_like(*obj, out);
    if (r > 0) out->writable = *ro == False();
    return r;
  }
  return array_bytes(v, out);
}

}  // namespace strata
