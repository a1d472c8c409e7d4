// stdlib/io.h — the `_io` module's shared layout (stdlib/io.cpp: the base classes, FileIO,
// BytesIO, the buffered classes and open(); stdlib/io_text.cpp: StringIO, TextIOWrapper,
// IncrementalNewlineDecoder) and what `_codecs` (stdlib/codecs.cpp) offers them. Private
// to these three files; the rest of the runtime sees only the module defs and io_open.
#pragma once
#include <cstdint>
#include <string_view>

#include "vm/module.h"
#include "vm/object.h"

namespace strata {

extern const BuiltinModuleDef io_module_def;      // `_io`
extern const BuiltinModuleDef codecs_module_def;  // `_codecs`

// Writes out what buffered file objects still hold (called once at exit, before the
// standard streams are flushed; vm/runtime.cpp).
void io_flush_at_exit();

// io.open / builtins.open (METH_FASTCALL | METH_KEYWORDS; self unused).
Value io_open(Value self, const Value* args, size_t nargs, Value kwnames);

namespace io {

inline constexpr int64_t kDefaultBufferSize = 8192;

// The head of every _io object: _IOBase's __dict__ (io.py's subclasses and open()'s `mode`
// attribute live there), the weak-reference list, and _IOBase's own closed flag (what
// `__IOBase_closed` is in CPython).
struct IOBaseObject {
  Object ob;
  Value dict;
  Value weakreflist;
  bool iobase_closed;
  bool finalizing;
};

extern Type IOBaseType, RawIOBaseType, BufferedIOBaseType, TextIOBaseType;
extern Type FileIOType, BytesIOType, BufferedReaderType, BufferedWriterType,
    BufferedRandomType, BufferedRWPairType;
extern Type StringIOType, TextIOWrapperType, IncrementalNewlineDecoderType;
extern Value UnsupportedOperation;  // the heap type io.UnsupportedOperation

int ready_types();  // type_ready for every _io type and UnsupportedOperation, once

// Shared helpers (stdlib/io.cpp).
Value raise_closed();                       // ValueError "I/O operation on closed file."
Value raise_unsupported(const char* msg);   // io.UnsupportedOperation(msg)
void iobase_traverse(Object* o, VisitFn visit, void* arg);
void iobase_clear(Object* o);
void finalize_io_object(Object* o);  // the finalize slot of every io type
// The bytes of a bytes-like object (bytes, bytearray, memoryview of either); false with
// TypeError "a bytes-like object is required, not 'T'".
bool bytes_like(Value v, const char** data, int64_t* n);
// A writable buffer (bytearray or memoryview of one) for readinto(); false with TypeError.
bool writable_buffer(Value v, char** data, int64_t* n, const char* fname);
// Parses an optional size argument (None or an index) as CPython's _Py_convert_optional_to_
// ssize_t; *out stays as preset when absent or None.
bool optional_size(Value v, int64_t* out);
// `self.closed` is true (-1 on error).
int is_closed_attr(Value self);
// Whether a native file object (FileIO, Buffered*) can be used without method calls.
bool is_exact_buffered(Value v);
// Native buffered operations used by TextIOWrapper's fast path (v is_exact_buffered).
int buffered_write_bytes(Value v, const char* data, int64_t n);  // -1 on error
Value buffered_read1(Value v, int64_t n);                          // bytes
int buffered_flush(Value v);
int buffered_closed(Value v);        // raw.closed: 0/1, -1 on error
Value buffered_tell_value(Value v);  // buffer.tell()

// The UTF-8 incremental decoder and newline translation shared by TextIOWrapper,
// StringIO and IncrementalNewlineDecoder (stdlib/io_text.cpp).
Value translate_newlines(Value text, bool final, bool translate, bool* pendingcr, int* seennl);
}  // namespace io

namespace codecs {
// The registry (stdlib/codecs.cpp). lookup(): the CodecInfo tuple for an encoding (new
// reference), importing `encodings` on first use; null with LookupError.
Value lookup(Value encoding);
// "utf-8" → the native codec id used by io (0 = not native): 1 utf-8, 2 latin-1, 3 ascii.
int native_codec(std::string_view encoding);
// str.encode / bytes.decode for encodings the text area does not implement natively
// (vm/str.cpp calls them): through the registry, with CPython's text-encoding checks.
Value registry_encode(Value s, const char* encoding, const char* errors);
Value registry_decode(const char* data, int64_t n, const char* encoding, const char* errors);
}  // namespace codecs

}  // namespace strata
