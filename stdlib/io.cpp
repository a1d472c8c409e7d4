// stdlib/io.cpp — the `_io` module: the abstract bases _IOBase, _RawIOBase,
// _BufferedIOBase and _TextIOBase (their default methods, which io.py's ABCs inherit),
// FileIO over POSIX descriptors, BytesIO, BufferedReader/Writer/Random/RWPair, open() and
// the module itself. The text layer (StringIO, TextIOWrapper, IncrementalNewlineDecoder)
// is stdlib/io_text.cpp. Behaviour, reprs and messages are CPython 3.11's
// (Modules/_io/*.c), including the per-class wording of "closed file" errors.
//
// Subclass dispatch: a method that CPython implements by calling another method of self
// (readline through peek/read, __next__ through readline, close through flush) calls it
// by name unless self's type is the exact native type, so Python subclasses see their
// overrides; exact native objects take direct C++ paths.
#include "stdlib/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "stdlib/builtins.h"
#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

extern Type MemoryViewType;  // vm/memoryview.cpp

namespace io {

Value UnsupportedOperation;

namespace {

constexpr uint32_t kFastKw = METH_FASTCALL | METH_KEYWORDS;

inline IOBaseObject* iob(Value v) { return v.as<IOBaseObject>(); }

Value call_meth(Value obj, Value name) { return call_method0(obj, name); }

}  // namespace

// -- Shared helpers ------------------------------------------------------------------------

Value raise_closed() { return raise(ValueError, "I/O operation on closed file."); }

Value raise_unsupported(const char* msg) {
  Ref m(str_from_utf8(msg));
  if (!m) return Value();
  return raise_value(UnsupportedOperation.as<Type>(), *m);
}

void iobase_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<IOBaseObject*>(o)->dict, visit, arg);
}
void iobase_clear(Object* o) { clear_ref(&reinterpret_cast<IOBaseObject*>(o)->dict); }

bool bytes_like(Value v, const char** data, int64_t* n) {
  if (is_bytes(v)) {
    *data = reinterpret_cast<const char*>(bytes_data(v));
    *n = bytes_size(v);
    return true;
  }
  if (is_instance_of(v, &ByteArrayType)) {
    ByteArrayObject* b = v.as<ByteArrayObject>();
    *data = reinterpret_cast<const char*>(b->data);
    *n = b->size;
    return true;
  }
  if (is_instance_of(v, &MemoryViewType)) {
    Ref obj(getattr(v, "obj"));
    if (!obj) return false;
    // The exporter outlives this call: the view holds it.
    return bytes_like(*obj, data, n);
  }
  raise(TypeError, "a bytes-like object is required, not '%s'", type_name(v));
  return false;
}

bool writable_buffer(Value v, char** data, int64_t* n, const char* fname) {
  if (is_instance_of(v, &ByteArrayType)) {
    ByteArrayObject* b = v.as<ByteArrayObject>();
    *data = reinterpret_cast<char*>(b->data);
    *n = b->size;
    return true;
  }
  if (is_instance_of(v, &MemoryViewType)) {
    Ref ro(getattr(v, "readonly"));
    if (!ro) return false;
    Ref obj(getattr(v, "obj"));
    if (!obj) return false;
    if (*ro == True() || !is_instance_of(*obj, &ByteArrayType)) {
      raise(TypeError, "%s() argument must be read-write bytes-like object, not memoryview",
            fname);
      return false;
    }
    return writable_buffer(*obj, data, n, fname);
  }
  raise(TypeError, "%s() argument must be read-write bytes-like object, not %s", fname,
        type_name(v));
  return false;
}

bool optional_size(Value v, int64_t* out) {
  if (!v || is_none(v)) return true;
  if (!has_index(v)) {
    raise(TypeError, "argument should be integer or None, not '%s'", type_name(v));
    return false;
  }
  int64_t n = as_ssize(v, OverflowError);
  if (n == -1 && error_occurred()) return false;
  *out = n;
  return true;
}

int is_closed_attr(Value self) {
  Ref c(getattr(self, STRATA_NAME(closed)));
  if (!c) return -1;
  return is_true(*c);
}

namespace {

// -- _IOBase -------------------------------------------------------------------------------

Value iobase_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

// PEP 442 finalizer of every io object: an object dropped while open is closed (through
// its close(), so that subclasses' overrides run); errors are silenced, as CPython does
// outside its development mode. Exact native types do the same work in their dealloc.
void iobase_finalize(Object* o) {
  Value self = Value::from(o);
  Value exc = fetch_error();
  Value closed = lookup_attr(self, STRATA_NAME(closed));
  int c = -1;
  if (closed) {
    c = is_true(closed);
    decref(closed);
  }
  if (c == 0) {
    iob(self)->finalizing = true;
    Value r = call_method0(self, STRATA_NAME(close));
    if (r) decref(r);
  }
  if (error_occurred()) clear_error();
  if (exc) restore_error(exc);
}

void iobase_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  IOBaseObject* s = reinterpret_cast<IOBaseObject*>(o);
  clear_ref(&s->dict);
  free_object(o);
}

Value check_closed_via_attr(Value self) {
  int c = is_closed_attr(self);
  if (c < 0) return Value();
  if (c) return raise_closed();
  return None();
}

Value iobase_seek(Value, const Value*, size_t, Value) { return raise_unsupported("seek"); }
Value iobase_tell(Value self, const Value*, size_t, Value) {
  Value args[2] = {Value::small(0), Value::small(1)};
  return call_method(self, STRATA_NAME(seek), args, 2);
}
Value iobase_truncate(Value, const Value*, size_t, Value) {
  return raise_unsupported("truncate");
}
Value iobase_flush(Value self, const Value*, size_t, Value) {
  if (iob(self)->iobase_closed) return raise_closed();
  return None();
}
Value iobase_close(Value self, const Value*, size_t, Value) {
  if (iob(self)->iobase_closed) return None();
  Value r = call_meth(self, STRATA_NAME(flush));
  iob(self)->iobase_closed = true;
  if (!r) return r;
  decref(r);
  return None();
}
Value iobase_false(Value, const Value*, size_t, Value) { return False(); }
Value iobase_check_closed_m(Value self, const Value*, size_t, Value) {
  return check_closed_via_attr(self);
}
Value check_bool_method(Value self, Value name, const char* msg) {
  Ref r(call_meth(self, name));
  if (!r) return Value();
  if (*r != True()) {
    return raise_unsupported(msg);
  }
  return newref(True());
}
Value iobase_check_seekable(Value self, const Value*, size_t, Value) {
  return check_bool_method(self, STRATA_NAME(seekable), "File or stream is not seekable.");
}
Value iobase_check_readable(Value self, const Value*, size_t, Value) {
  return check_bool_method(self, STRATA_NAME(readable), "File or stream is not readable.");
}
Value iobase_check_writable(Value self, const Value*, size_t, Value) {
  return check_bool_method(self, STRATA_NAME(writable), "File or stream is not writable.");
}
Value iobase_fileno(Value, const Value*, size_t, Value) { return raise_unsupported("fileno"); }
Value iobase_isatty(Value self, const Value*, size_t, Value) {
  Value r = check_closed_via_attr(self);
  if (!r) return r;
  return False();
}
Value iobase_enter(Value self, const Value*, size_t, Value) {
  Value r = check_closed_via_attr(self);
  if (!r) return r;
  return newref(self);
}
Value iobase_exit(Value self, const Value*, size_t, Value) {
  return call_meth(self, STRATA_NAME(close));
}
Value iobase_iter(Value self) {
  Value r = check_closed_via_attr(self);
  if (!r) return r;
  return newref(self);
}
Value iobase_iternext(Value self) {
  Value line = call_meth(self, STRATA_NAME(readline));
  if (!line) return line;
  int64_t n = length(line);
  if (n <= 0) {
    decref(line);
    return Value();  // StopIteration (or the error of len())
  }
  return line;
}

// _IOBase.readline(size=-1): through peek() when the object has one, else read(1).
Value iobase_readline(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readline", nargs, 0, 1)) return Value();
  int64_t limit = -1;
  if (nargs && !optional_size(args[0], &limit)) return Value();
  Ref peek(lookup_attr(self, STRATA_NAME(peek)));
  if (!peek && error_occurred()) return Value();
  std::string out;
  while (limit < 0 || int64_t(out.size()) < limit) {
    int64_t nreadahead = 1;
    if (peek) {
      Value one = Value::small(1);
      Ref ra(call(*peek, &one, 1));
      if (!ra) return Value();
      if (!is_bytes(*ra))
        return raise(OSError, "peek() should have returned a bytes object, not '%s'",
                     type_name(*ra));
      int64_t n = bytes_size(*ra);
      if (n > 0) {
        const uint8_t* d = bytes_data(*ra);
        int64_t k = 0;
        int64_t cap = limit >= 0 ? std::min(n, limit - int64_t(out.size())) : n;
        while (k < cap) {
          if (d[k++] == '\n') break;
        }
        nreadahead = k;
      }
    }
    Value na = int_from_i64(nreadahead);
    Ref b(call_method(self, STRATA_NAME(read), &na, 1));
    if (!b) return Value();
    if (!is_bytes(*b))
      return raise(OSError, "read() should have returned a bytes object, not '%s'",
                   type_name(*b));
    if (bytes_size(*b) == 0) break;
    out.append(reinterpret_cast<const char*>(bytes_data(*b)), size_t(bytes_size(*b)));
    if (out.back() == '\n') break;
  }
  return bytes_from(out);
}

Value iobase_readlines(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readlines", nargs, 0, 1)) return Value();
  int64_t hint = -1;
  if (nargs && !optional_size(args[0], &hint)) return Value();
  Ref result(list_new(0));
  if (!result) return Value();
  if (hint <= 0) {
    if (list_extend(*result, self) < 0) return Value();
    return result.release();
  }
  Ref it(get_iter(self));
  if (!it) return Value();
  int64_t total = 0;
  for (;;) {
    Ref line(iter_next(*it));
    if (!line) {
      if (error_occurred()) return Value();
      break;
    }
    if (list_append(*result, *line) < 0) return Value();
    int64_t n = length(*line);
    if (n < 0) return Value();
    total += n;
    if (total >= hint) break;
  }
  return result.release();
}

Value iobase_writelines(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("writelines", nargs, 1, 1)) return Value();
  Value r = check_closed_via_attr(self);
  if (!r) return r;
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  for (;;) {
    Ref line(iter_next(*it));
    if (!line) {
      if (error_occurred()) return Value();
      break;
    }
    Value lv = *line;
    Ref w(call_method(self, STRATA_NAME(write), &lv, 1));
    if (!w) return Value();
  }
  return None();
}

Value iobase_get_closed(Value self) { return Bool(iob(self)->iobase_closed); }
Value iobase_get_dict(Value self) {
  IOBaseObject* s = iob(self);
  if (!s->dict) {
    s->dict = dict_new();
    if (!s->dict) return Value();
  }
  return newref(s->dict);
}

const MethodDef kIOBaseMethods[] = {
    {"seek", iobase_seek, METH_FASTCALL, nullptr},
    {"tell", iobase_tell, METH_NOARGS, nullptr},
    {"truncate", iobase_truncate, METH_FASTCALL, nullptr},
    {"flush", iobase_flush, METH_NOARGS, nullptr},
    {"close", iobase_close, METH_NOARGS, nullptr},
    {"seekable", iobase_false, METH_NOARGS, nullptr},
    {"readable", iobase_false, METH_NOARGS, nullptr},
    {"writable", iobase_false, METH_NOARGS, nullptr},
    {"_checkClosed", iobase_check_closed_m, METH_FASTCALL, nullptr},
    {"_checkSeekable", iobase_check_seekable, METH_FASTCALL, nullptr},
    {"_checkReadable", iobase_check_readable, METH_FASTCALL, nullptr},
    {"_checkWritable", iobase_check_writable, METH_FASTCALL, nullptr},
    {"fileno", iobase_fileno, METH_NOARGS, nullptr},
    {"isatty", iobase_isatty, METH_NOARGS, nullptr},
    {"__enter__", iobase_enter, METH_NOARGS, nullptr},
    {"__exit__", iobase_exit, METH_FASTCALL, nullptr},
    {"readline", iobase_readline, METH_FASTCALL, nullptr},
    {"readlines", iobase_readlines, METH_FASTCALL, nullptr},
    {"writelines", iobase_writelines, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kIOBaseGetSet[] = {
    {"closed", iobase_get_closed, nullptr, nullptr},
    {"__dict__", iobase_get_dict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- _RawIOBase -------------------------------------------------------------------------------

Value rawiobase_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  if (n < 0) return call_meth(self, STRATA_NAME(readall));
  Ref ba(bytearray_from(std::string(size_t(n), '\0')));
  if (!ba) return Value();
  Value b = *ba;
  Ref r(call_method(self, STRATA_NAME(readinto), &b, 1));
  if (!r) return Value();
  if (is_none(*r)) return r.release();
  int64_t got = as_ssize(*r, OverflowError);
  if (got == -1 && error_occurred()) return Value();
  ByteArrayObject* o = ba.get().as<ByteArrayObject>();
  if (got < 0 || got > o->size) got = o->size;
  return bytes_from(std::string_view(reinterpret_cast<const char*>(o->data), size_t(got)));
}

Value rawiobase_readall(Value self, const Value*, size_t, Value) {
  std::string out;
  for (;;) {
    Value n = Value::small(kDefaultBufferSize);
    Ref data(call_method(self, STRATA_NAME(read), &n, 1));
    if (!data) {
      if (error_matches(InterruptedError)) {
        clear_error();
        continue;
      }
      return Value();
    }
    if (is_none(*data)) {
      if (out.empty()) return data.release();
      break;
    }
    if (!is_bytes(*data)) return raise(TypeError, "read() should return bytes");
    if (bytes_size(*data) == 0) break;
    out.append(reinterpret_cast<const char*>(bytes_data(*data)), size_t(bytes_size(*data)));
  }
  return bytes_from(out);
}

Value not_implemented_none(Value, const Value*, size_t, Value) {
  Value r = raise_object(Value::from(NotImplementedError));
  return r;
}

const MethodDef kRawIOBaseMethods[] = {
    {"read", rawiobase_read, METH_FASTCALL, nullptr},
    {"readall", rawiobase_readall, METH_NOARGS, nullptr},
    {"readinto", not_implemented_none, METH_FASTCALL, nullptr},
    {"write", not_implemented_none, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- _BufferedIOBase ------------------------------------------------------------------------

Value bufbase_read(Value, const Value*, size_t, Value) { return raise_unsupported("read"); }
Value bufbase_read1(Value, const Value*, size_t, Value) { return raise_unsupported("read1"); }
Value bufbase_write(Value, const Value*, size_t, Value) { return raise_unsupported("write"); }
Value bufbase_detach(Value, const Value*, size_t, Value) { return raise_unsupported("detach"); }

Value bufbase_readinto_generic(Value self, const Value* args, size_t nargs, bool one,
                               const char* fname) {
  if (!check_positional(fname, nargs, 1, 1)) return Value();
  char* dst;
  int64_t cap;
  if (!writable_buffer(args[0], &dst, &cap, fname)) return Value();
  Value n = int_from_i64(cap);
  Ref data(call_method(self, one ? STRATA_NAME(read1) : STRATA_NAME(read), &n, 1));
  if (!data) return Value();
  if (!is_bytes(*data)) return raise(TypeError, "read() should return bytes");
  int64_t len = bytes_size(*data);
  if (len > cap)
    return raise(ValueError, "read() returned too much data: %lld bytes requested, %lld returned",
                 (long long)cap, (long long)len);
  if (!writable_buffer(args[0], &dst, &cap, fname)) return Value();
  std::memcpy(dst, bytes_data(*data), size_t(len));
  return int_from_i64(len);
}
Value bufbase_readinto(Value self, const Value* args, size_t nargs, Value) {
  return bufbase_readinto_generic(self, args, nargs, false, "readinto");
}
Value bufbase_readinto1(Value self, const Value* args, size_t nargs, Value) {
  return bufbase_readinto_generic(self, args, nargs, true, "readinto1");
}

const MethodDef kBufferedIOBaseMethods[] = {
    {"detach", bufbase_detach, METH_NOARGS, nullptr},
    {"read", bufbase_read, METH_FASTCALL, nullptr},
    {"read1", bufbase_read1, METH_FASTCALL, nullptr},
    {"readinto", bufbase_readinto, METH_FASTCALL, nullptr},
    {"readinto1", bufbase_readinto1, METH_FASTCALL, nullptr},
    {"write", bufbase_write, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- _TextIOBase --------------------------------------------------------------------------------

Value textbase_detach(Value, const Value*, size_t, Value) { return raise_unsupported("detach"); }
Value textbase_read(Value, const Value*, size_t, Value) { return raise_unsupported("read"); }
Value textbase_readline(Value, const Value*, size_t, Value) {
  return raise_unsupported("readline");
}
Value textbase_write(Value, const Value*, size_t, Value) { return raise_unsupported("write"); }
Value textbase_none(Value) { return None(); }

const MethodDef kTextIOBaseMethods[] = {
    {"detach", textbase_detach, METH_NOARGS, nullptr},
    {"read", textbase_read, METH_FASTCALL, nullptr},
    {"readline", textbase_readline, METH_FASTCALL, nullptr},
    {"write", textbase_write, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kTextIOBaseGetSet[] = {
    {"encoding", textbase_none, nullptr, nullptr},
    {"newlines", textbase_none, nullptr, nullptr},
    {"errors", textbase_none, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- FileIO -----------------------------------------------------------------------------------

struct FileIOObject {
  IOBaseObject base;
  int fd;
  bool created, readable, writable, appending, closefd;
  int8_t seekable;  // -1: not yet known
  int64_t blksize;
};
inline FileIOObject* fio(Value v) { return v.as<FileIOObject>(); }

Value fio_closed_error() { return raise(ValueError, "I/O operation on closed file"); }

// Closes the descriptor (when owned); errno on failure, 0 otherwise.
int fio_close_fd(FileIOObject* f) {
  int fd = f->fd;
  f->fd = -1;
  if (fd < 0 || !f->closefd) return 0;
  if (::close(fd) < 0) return errno;
  return 0;
}

void fio_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  FileIOObject* f = reinterpret_cast<FileIOObject*>(o);
  if (f->fd >= 0) fio_close_fd(f);
  clear_ref(&f->base.dict);
  free_object(o);
}

Value fio_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  FileIOObject* f = reinterpret_cast<FileIOObject*>(o);
  f->fd = -1;
  f->closefd = true;
  f->seekable = -1;
  f->blksize = 0;
  gc_track(o);
  return Value::from(o);
}

// The path bytes of a file name argument (str, bytes or os.PathLike); *nameobj gets the
// str/bytes after __fspath__.
bool fs_path(Value v, Ref* encoded, Ref* nameobj) {
  Value p = v;
  Ref fsp;
  if (!is_str(p) && !is_bytes(p)) {
    Value meth = lookup_special(p, STRATA_NAME(__fspath__));
    if (!meth) {
      raise(TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(v));
      return false;
    }
    fsp.reset(call1(meth, p));
    if (!fsp) return false;
    p = *fsp;
    if (!is_str(p) && !is_bytes(p)) {
      raise(TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(v),
            type_name(p));
      return false;
    }
  }
  nameobj->reset(newref(p));
  if (is_str(p)) {
    encoded->reset(text::encode(p, "utf-8", "surrogateescape"));
    if (!*encoded) return false;
  } else {
    encoded->reset(newref(p));
  }
  if (std::memchr(bytes_data(encoded->get()), 0, size_t(bytes_size(encoded->get())))) {
    raise(ValueError, "embedded null byte");
    return false;
  }
  return true;
}

int fio_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"file", "mode", "closefd", "opener"};
  ArgSpec spec{"FileIO", names, 4, 0, 1, 4};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  FileIOObject* f = fio(self);
  if (f->fd >= 0) {
    if (f->closefd) {
      fio_close_fd(f);
    } else {
      f->fd = -1;
    }
  }
  Value nameobj = a[0];
  int fd = -1;
  Ref encoded, pathobj;
  if (is_int(nameobj)) {
    int64_t v;
    if (!int_to_i64(nameobj, &v) || v > INT32_MAX || v < INT32_MIN) {
      raise(OverflowError, "signed integer is greater than maximum");
      return -1;
    }
    if (v < 0) {
      raise(ValueError, "negative file descriptor");
      return -1;
    }
    fd = int(v);
  } else {
    if (!fs_path(nameobj, &encoded, &pathobj)) return -1;
  }
  std::string_view mode = "r";
  if (a[1]) {
    if (!is_str(a[1])) {
      raise(TypeError, "FileIO() argument 'mode' must be str, not %s", type_name(a[1]));
      return -1;
    }
    mode = str_utf8(a[1]);
  }
  bool rwa = false, plus = false;
  int flags = 0;
  f->created = f->readable = f->writable = f->appending = false;
  for (char c : mode) {
    switch (c) {
      case 'x':
        if (rwa) goto bad_mode;
        rwa = true;
        f->created = f->writable = true;
        flags |= O_EXCL | O_CREAT;
        break;
      case 'r':
        if (rwa) goto bad_mode;
        rwa = true;
        f->readable = true;
        break;
      case 'w':
        if (rwa) goto bad_mode;
        rwa = true;
        f->writable = true;
        flags |= O_CREAT | O_TRUNC;
        break;
      case 'a':
        if (rwa) goto bad_mode;
        rwa = true;
        f->writable = f->appending = true;
        flags |= O_APPEND | O_CREAT;
        break;
      case 'b':
        break;
      case '+':
        if (plus) goto bad_mode;
        f->readable = f->writable = true;
        plus = true;
        break;
      default:
        raise(ValueError, "invalid mode: %.200s", std::string(mode).c_str());
        return -1;
    }
  }
  if (!rwa) goto bad_mode;
  if (f->readable && f->writable) flags |= O_RDWR;
  else if (f->readable) flags |= O_RDONLY;
  else flags |= O_WRONLY;
  flags |= O_CLOEXEC;
  {
    bool closefd = true;
    if (a[2]) {
      int t = is_true(a[2]);
      if (t < 0) return -1;
      closefd = t;
    }
    Value opener = a[3];
    if (fd >= 0) {
      f->fd = fd;
      f->closefd = closefd;
    } else {
      f->closefd = true;
      if (!closefd) {
        raise(ValueError, "Cannot use closefd=False with file name");
        return -1;
      }
      if (!opener || is_none(opener)) {
        const char* path = reinterpret_cast<const char*>(bytes_data(*encoded));
        do {
          fd = ::open(path, flags, 0666);
        } while (fd < 0 && errno == EINTR);
        if (fd < 0) {
          raise_from_errno(errno, nameobj);
          return -1;
        }
      } else {
        Ref fl(int_from_i64(flags));
        Ref r(call2(opener, nameobj, *fl));
        if (!r) return -1;
        if (!is_int(*r)) {
          raise(TypeError, "expected integer from opener");
          return -1;
        }
        int64_t v;
        if (!int_to_i64(*r, &v) || v > INT32_MAX || v < INT32_MIN) {
          raise(OverflowError, "signed integer is greater than maximum");
          return -1;
        }
        if (v < 0) {
          raise(ValueError, "opener returned %d", int(v));
          return -1;
        }
        fd = int(v);
      }
      f->fd = fd;
    }
    f->blksize = kDefaultBufferSize;
    struct stat st;
    if (fstat(f->fd, &st) < 0) {
      if (errno == EBADF) {
        int e = errno;
        f->fd = -1;
        raise_from_errno(e);
        return -1;
      }
    } else {
      if (S_ISDIR(st.st_mode)) {
        int e = EISDIR;
        if (f->closefd) fio_close_fd(f);
        f->fd = -1;
        raise_from_errno(e, nameobj);
        return -1;
      }
      if (st.st_blksize > 1) f->blksize = st.st_blksize;
    }
    if (setattr(self, STRATA_NAME(name), nameobj) < 0) return -1;
    if (f->appending) lseek(f->fd, 0, SEEK_END);
  }
  return 0;
bad_mode:
  raise(ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
  return -1;
}

const char* fio_mode_string(FileIOObject* f) {
  if (f->created) return f->readable ? "xb+" : "xb";
  if (f->appending) return f->readable ? "ab+" : "ab";
  if (f->readable) return f->writable ? "rb+" : "rb";
  return "wb";
}

Value fio_repr(Value self) {
  FileIOObject* f = fio(self);
  const char* tname = type_of(self)->name;
  if (f->fd < 0) return str_format_c("<%s [closed]>", tname);
  Ref name(lookup_attr(self, STRATA_NAME(name)));
  if (!name && error_occurred()) {
    if (!error_matches(ValueError)) return Value();
    clear_error();
  }
  const char* closefd = f->closefd ? "True" : "False";
  if (!name)
    return str_format_c("<%s fd=%d mode='%s' closefd=%s>", tname, f->fd, fio_mode_string(f),
                        closefd);
  if (enter_recursive_call(" while getting the repr of an object")) return Value();
  Value r = str_format_c("<%s name=%R mode='%s' closefd=%s>", tname, *name,
                         fio_mode_string(f), closefd);
  leave_recursive_call();
  return r;
}

Value fio_read_n(FileIOObject* f, int64_t n);
Value fio_readall_impl(FileIOObject* f);

Value fio_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (!f->readable) return raise_unsupported("File not open for reading");
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  if (n < 0) return fio_readall_impl(f);
  return fio_read_n(f, n);
}

Value fio_read_n(FileIOObject* f, int64_t n) {
  if (n == 0) return bytes_from(std::string_view());
  std::string buf(size_t(n), '\0');
  ssize_t got;
  do {
    got = ::read(f->fd, buf.data(), size_t(n));
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return None();
    return raise_from_errno(errno);
  }
  return bytes_from(std::string_view(buf.data(), size_t(got)));
}

Value fio_readall_impl(FileIOObject* f) {
  std::string out;
  struct stat st;
  size_t chunk = 8192;
  off_t pos = lseek(f->fd, 0, SEEK_CUR);
  if (fstat(f->fd, &st) == 0 && pos >= 0 && st.st_size > pos) chunk = size_t(st.st_size - pos) + 1;
  for (;;) {
    size_t old = out.size();
    out.resize(old + chunk);
    ssize_t got;
    do {
      got = ::read(f->fd, out.data() + old, chunk);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      out.resize(old);
      if (errno == EAGAIN) {
        if (old) break;
        return None();
      }
      return raise_from_errno(errno);
    }
    out.resize(old + size_t(got));
    if (got == 0) break;
    if (chunk < 65536) chunk = 65536;
  }
  return bytes_from(out);
}

Value fio_readall(Value self, const Value*, size_t, Value) {
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  return fio_readall_impl(f);
}

Value fio_readinto(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readinto", nargs, 1, 1)) return Value();
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (!f->readable) return raise_unsupported("File not open for reading");
  char* dst;
  int64_t n;
  if (!writable_buffer(args[0], &dst, &n, "readinto")) return Value();
  ssize_t got;
  do {
    got = ::read(f->fd, dst, size_t(n));
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return None();
    return raise_from_errno(errno);
  }
  return int_from_i64(got);
}

Value fio_write(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 1, 1)) return Value();
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (!f->writable) return raise_unsupported("File not open for writing");
  const char* data;
  int64_t n;
  if (!bytes_like(args[0], &data, &n)) return Value();
  ssize_t w;
  do {
    w = ::write(f->fd, data, size_t(n));
  } while (w < 0 && errno == EINTR);
  if (w < 0) {
    if (errno == EAGAIN) return None();
    return raise_from_errno(errno);
  }
  return int_from_i64(w);
}

bool parse_whence(Value v, int* whence) {
  int64_t w = int_as_i64(v);
  if (w == -1 && error_occurred()) return false;
  *whence = int(w);
  return true;
}

Value fio_seek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seek", nargs, 1, 2)) return Value();
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (is_float(args[0])) return raise(TypeError, "an integer is required");
  Ref pos(number_index(args[0]));
  if (!pos) return Value();
  int64_t p;
  if (!int_to_i64(*pos, &p)) return raise(OverflowError, "Python int too large to convert to C long");
  int whence = 0;
  if (nargs > 1 && !parse_whence(args[1], &whence)) return Value();
  off_t r = lseek(f->fd, off_t(p), whence);
  if (r < 0) return raise_from_errno(errno);
  if (f->seekable < 0) f->seekable = 1;
  return int_from_i64(r);
}

Value fio_tell(Value self, const Value*, size_t, Value) {
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  off_t r = lseek(f->fd, 0, SEEK_CUR);
  if (r < 0) return raise_from_errno(errno);
  return int_from_i64(r);
}

Value fio_truncate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("truncate", nargs, 0, 1)) return Value();
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (!f->writable) return raise_unsupported("File not open for writing");
  int64_t size;
  if (nargs == 0 || is_none(args[0])) {
    off_t r = lseek(f->fd, 0, SEEK_CUR);
    if (r < 0) return raise_from_errno(errno);
    size = r;
  } else {
    size = int_as_i64(args[0]);
    if (size == -1 && error_occurred()) return Value();
  }
  if (ftruncate(f->fd, off_t(size)) < 0) return raise_from_errno(errno);
  return int_from_i64(size);
}

Value fio_close(Value self, const Value*, size_t, Value) {
  FileIOObject* f = fio(self);
  // _RawIOBase.close first (flush, the closed flag), then the descriptor.
  Value r;
  if (type_of(self) == &FileIOType) {
    r = iobase_close(self, nullptr, 0, Value());
  } else {
    Value base_close = type_lookup(&RawIOBaseType, STRATA_NAME(close));
    r = base_close ? call1(base_close, self) : None();
  }
  Value exc;
  if (!r) exc = fetch_error();
  else decref(r);
  int e = fio_close_fd(f);
  if (e && !exc) return raise_from_errno(e);
  if (exc) {
    restore_error(exc);
    return Value();
  }
  return None();
}

Value fio_seekable(Value self, const Value*, size_t, Value) {
  FileIOObject* f = fio(self);
  if (f->fd < 0) return fio_closed_error();
  if (f->seekable < 0) f->seekable = lseek(f->fd, 0, SEEK_CUR) >= 0 ? 1 : 0;
  return Bool(f->seekable);
}
Value fio_readable(Value self, const Value*, size_t, Value) {
  if (fio(self)->fd < 0) return fio_closed_error();
  return Bool(fio(self)->readable);
}
Value fio_writable(Value self, const Value*, size_t, Value) {
  if (fio(self)->fd < 0) return fio_closed_error();
  return Bool(fio(self)->writable);
}
Value fio_fileno(Value self, const Value*, size_t, Value) {
  if (fio(self)->fd < 0) return fio_closed_error();
  return Value::small(fio(self)->fd);
}
Value fio_isatty(Value self, const Value*, size_t, Value) {
  if (fio(self)->fd < 0) return fio_closed_error();
  return Bool(isatty(fio(self)->fd));
}
Value fio_dealloc_warn(Value, const Value*, size_t, Value) { return None(); }
Value fio_get_closed(Value self) { return Bool(fio(self)->fd < 0); }
Value fio_get_closefd(Value self) { return Bool(fio(self)->closefd); }
Value fio_get_mode(Value self) { return str_from_ascii(fio_mode_string(fio(self))); }
Value fio_get_blksize(Value self) { return int_from_i64(fio(self)->blksize); }

const MethodDef kFileIOMethods[] = {
    {"read", fio_read, METH_FASTCALL, nullptr},
    {"readall", fio_readall, METH_NOARGS, nullptr},
    {"readinto", fio_readinto, METH_FASTCALL, nullptr},
    {"write", fio_write, METH_FASTCALL, nullptr},
    {"seek", fio_seek, METH_FASTCALL, nullptr},
    {"tell", fio_tell, METH_NOARGS, nullptr},
    {"truncate", fio_truncate, METH_FASTCALL, nullptr},
    {"close", fio_close, METH_NOARGS, nullptr},
    {"seekable", fio_seekable, METH_NOARGS, nullptr},
    {"readable", fio_readable, METH_NOARGS, nullptr},
    {"writable", fio_writable, METH_NOARGS, nullptr},
    {"fileno", fio_fileno, METH_NOARGS, nullptr},
    {"isatty", fio_isatty, METH_NOARGS, nullptr},
    {"_dealloc_warn", fio_dealloc_warn, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kFileIOGetSet[] = {
    {"closed", fio_get_closed, nullptr, nullptr},
    {"closefd", fio_get_closefd, nullptr, nullptr},
    {"mode", fio_get_mode, nullptr, nullptr},
    {"_blksize", fio_get_blksize, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- BytesIO ------------------------------------------------------------------------------------

struct BytesIOObject {
  IOBaseObject base;
  char* buf;  // mem_alloc'ed; null once closed
  int64_t size, cap, pos;
  int64_t exports;
};
inline BytesIOObject* bio(Value v) { return v.as<BytesIOObject>(); }

void bio_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  BytesIOObject* b = reinterpret_cast<BytesIOObject*>(o);
  mem_free(b->buf);
  clear_ref(&b->base.dict);
  free_object(o);
}

Value bio_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  BytesIOObject* b = reinterpret_cast<BytesIOObject*>(o);
  b->buf = static_cast<char*>(mem_alloc(16));
  if (!b->buf) {
    free_object(o);
    return raise_no_memory();
  }
  b->cap = 16;
  gc_track(o);
  return Value::from(o);
}

bool bio_reserve(BytesIOObject* b, int64_t need) {
  if (need <= b->cap) return true;
  int64_t cap = b->cap * 2;
  if (cap < need) cap = need;
  char* nb = static_cast<char*>(mem_realloc(b->buf, size_t(cap)));
  if (!nb) {
    raise_no_memory();
    return false;
  }
  b->buf = nb;
  b->cap = cap;
  return true;
}

int64_t bio_write_data(BytesIOObject* b, const char* data, int64_t n) {
  if (n == 0) return 0;
  int64_t end = b->pos + n;
  if (!bio_reserve(b, end)) return -1;
  if (b->pos > b->size) std::memset(b->buf + b->size, 0, size_t(b->pos - b->size));
  std::memmove(b->buf + b->pos, data, size_t(n));
  b->pos = end;
  if (end > b->size) b->size = end;
  return n;
}

inline Value bio_check_closed(BytesIOObject* b) {
  if (!b->buf) return raise_closed();
  return None();
}
Value bio_check_exports(BytesIOObject* b) {
  if (b->exports > 0) return raise(BufferError, "Existing exports of data: object cannot be re-sized");
  return None();
}

int bio_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"initial_bytes"};
  ArgSpec spec{"BytesIO", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  BytesIOObject* b = bio(self);
  if (!b->buf) {
    b->buf = static_cast<char*>(mem_alloc(16));
    b->cap = 16;
  }
  b->size = b->pos = 0;
  if (a[0] && !is_none(a[0])) {
    const char* data;
    int64_t n;
    if (!bytes_like(a[0], &data, &n)) return -1;
    if (bio_write_data(b, data, n) < 0) return -1;
    b->pos = 0;
  }
  return 0;
}

Value bio_getvalue(Value self, const Value*, size_t, Value) {
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  return bytes_from(std::string_view(b->buf, size_t(b->size)));
}

Value bio_read_n(BytesIOObject* b, int64_t n) {
  int64_t avail = b->size - b->pos;
  if (avail < 0) avail = 0;
  if (n < 0 || n > avail) n = avail;
  Value r = bytes_from(std::string_view(b->buf + (n ? b->pos : 0), size_t(n)));
  if (r) b->pos += n;
  return r;
}

Value bio_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  return bio_read_n(b, n);
}

int64_t bio_line_end(BytesIOObject* b, int64_t limit) {
  if (b->pos >= b->size) return b->pos;
  int64_t maxlen = b->size - b->pos;
  if (limit >= 0 && limit < maxlen) maxlen = limit;
  const char* start = b->buf + b->pos;
  const char* nl = static_cast<const char*>(std::memchr(start, '\n', size_t(maxlen)));
  return nl ? b->pos + (nl - start) + 1 : b->pos + maxlen;
}

Value bio_readline(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readline", nargs, 0, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  int64_t limit = -1;
  if (nargs && !optional_size(args[0], &limit)) return Value();
  int64_t end = bio_line_end(b, limit);
  return bio_read_n(b, end - b->pos);
}

Value bio_readlines(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readlines", nargs, 0, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  int64_t hint = -1;
  if (nargs && !optional_size(args[0], &hint)) return Value();
  Ref out(list_new(0));
  if (!out) return Value();
  int64_t total = 0;
  while (b->pos < b->size) {
    int64_t end = bio_line_end(b, -1);
    Ref line(bio_read_n(b, end - b->pos));
    if (!line || list_append(*out, *line) < 0) return Value();
    total += bytes_size(*line);
    if (hint > 0 && total >= hint) break;
  }
  return out.release();
}

Value bio_readinto(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readinto", nargs, 1, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  char* dst;
  int64_t n;
  if (!writable_buffer(args[0], &dst, &n, "readinto")) return Value();
  int64_t avail = b->size - b->pos;
  if (avail < 0) avail = 0;
  if (n > avail) n = avail;
  std::memcpy(dst, b->buf + b->pos, size_t(n));
  b->pos += n;
  return int_from_i64(n);
}

Value bio_write(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 1, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  if (!bio_check_exports(b)) return Value();
  const char* data;
  int64_t n;
  if (!bytes_like(args[0], &data, &n)) return Value();
  if (bio_write_data(b, data, n) < 0) return Value();
  return int_from_i64(n);
}

Value bio_writelines(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("writelines", nargs, 1, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  Ref it(get_iter(args[0]));
  if (!it) return Value();
  for (;;) {
    Ref line(iter_next(*it));
    if (!line) {
      if (error_occurred()) return Value();
      break;
    }
    Value lv = *line;
    Ref r(bio_write(self, &lv, 1, Value()));
    if (!r) return Value();
  }
  return None();
}

Value bio_seek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seek", nargs, 1, 2)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  int64_t pos = as_ssize(args[0], OverflowError);
  if (pos == -1 && error_occurred()) return Value();
  int whence = 0;
  if (nargs > 1 && !parse_whence(args[1], &whence)) return Value();
  if (pos < 0 && whence == 0) return raise(ValueError, "negative seek value %lld", (long long)pos);
  if (whence == 1) {
    pos = pos > INT64_MAX - b->pos ? INT64_MAX : pos + b->pos;
  } else if (whence == 2) {
    pos = pos > INT64_MAX - b->size ? INT64_MAX : pos + b->size;
  } else if (whence != 0) {
    return raise(ValueError, "invalid whence (%d, should be 0, 1 or 2)", whence);
  }
  if (pos < 0) pos = 0;
  b->pos = pos;
  return int_from_i64(pos);
}

Value bio_tell(Value self, const Value*, size_t, Value) {
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  return int_from_i64(b->pos);
}

Value bio_truncate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("truncate", nargs, 0, 1)) return Value();
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  if (!bio_check_exports(b)) return Value();
  int64_t size = b->pos;
  if (nargs && !optional_size(args[0], &size)) return Value();
  if (size < 0) return raise(ValueError, "negative size value %lld", (long long)size);
  if (size < b->size) b->size = size;
  return int_from_i64(size);
}

Value bio_close(Value self, const Value*, size_t, Value) {
  BytesIOObject* b = bio(self);
  if (!bio_check_exports(b)) return Value();
  mem_free(b->buf);
  b->buf = nullptr;
  return None();
}

Value bio_true_if_open(Value self, const Value*, size_t, Value) {
  if (!bio(self)->buf) return raise_closed();
  return True();
}
Value bio_false_if_open(Value self, const Value*, size_t, Value) {
  if (!bio(self)->buf) return raise_closed();
  return False();
}
Value bio_flush(Value self, const Value*, size_t, Value) {
  if (!bio(self)->buf) return raise_closed();
  return None();
}
Value bio_getbuffer(Value self, const Value*, size_t, Value) {
  BytesIOObject* b = bio(self);
  if (!b->buf) return raise_closed();
  // A copy: the minimal memoryview of this runtime views only bytes and bytearray.
  Ref ba(bytearray_from(std::string_view(b->buf, size_t(b->size))));
  if (!ba) return Value();
  return call1(Value::from(&MemoryViewType), *ba);
}
Value bio_iternext(Value self) {
  BytesIOObject* b = bio(self);
  if (type_of(self) != &BytesIOType) return iobase_iternext(self);
  if (!b->buf) return raise_closed();
  int64_t end = bio_line_end(b, -1);
  if (end == b->pos) return Value();
  return bio_read_n(b, end - b->pos);
}
Value bio_get_closed(Value self) { return Bool(!bio(self)->buf); }

const MethodDef kBytesIOMethods[] = {
    {"getvalue", bio_getvalue, METH_NOARGS, nullptr},
    {"getbuffer", bio_getbuffer, METH_NOARGS, nullptr},
    {"read", bio_read, METH_FASTCALL, nullptr},
    {"read1", bio_read, METH_FASTCALL, nullptr},
    {"readline", bio_readline, METH_FASTCALL, nullptr},
    {"readlines", bio_readlines, METH_FASTCALL, nullptr},
    {"readinto", bio_readinto, METH_FASTCALL, nullptr},
    {"readinto1", bio_readinto, METH_FASTCALL, nullptr},
    {"write", bio_write, METH_FASTCALL, nullptr},
    {"writelines", bio_writelines, METH_FASTCALL, nullptr},
    {"seek", bio_seek, METH_FASTCALL, nullptr},
    {"tell", bio_tell, METH_NOARGS, nullptr},
    {"truncate", bio_truncate, METH_FASTCALL, nullptr},
    {"close", bio_close, METH_NOARGS, nullptr},
    {"readable", bio_true_if_open, METH_NOARGS, nullptr},
    {"writable", bio_true_if_open, METH_NOARGS, nullptr},
    {"seekable", bio_true_if_open, METH_NOARGS, nullptr},
    {"isatty", bio_false_if_open, METH_NOARGS, nullptr},
    {"flush", bio_flush, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kBytesIOGetSet[] = {
    {"closed", bio_get_closed, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- Buffered* ------------------------------------------------------------------------------
//
// One layout for the reader, the writer and the random-access class: a read buffer
// holding raw bytes [rpos, rend) that have been read from raw but not yet consumed, and
// a write buffer of wlen bytes not yet written to raw. At most one of them is non-empty
// at a time (reading flushes pending writes first; writing first moves raw back over the
// unread read-ahead), so the logical position is raw's position - (rend - rpos) + wlen.

struct BufferedObject {
  IOBaseObject base;
  Value raw;
  bool readable, writable, ok, detached;
  int64_t buffer_size;
  char* rbuf;
  int64_t rpos, rend;
  char* wbuf;
  int64_t wlen;
  // Writable buffered objects are linked into g_writers so that data still buffered at
  // exit is written out (CPython's shutdown finalizes them).
  BufferedObject* prev_writer;
  BufferedObject* next_writer;
};
inline BufferedObject* buf(Value v) { return v.as<BufferedObject>(); }

BufferedObject* g_writers = nullptr;

void link_writer(BufferedObject* b) {
  if (b->prev_writer || g_writers == b) return;
  b->next_writer = g_writers;
  if (g_writers) g_writers->prev_writer = b;
  g_writers = b;
}
void unlink_writer(BufferedObject* b) {
  if (b->prev_writer) b->prev_writer->next_writer = b->next_writer;
  else if (g_writers == b) g_writers = b->next_writer;
  if (b->next_writer) b->next_writer->prev_writer = b->prev_writer;
  b->prev_writer = b->next_writer = nullptr;
}

void buffered_traverse(Object* o, VisitFn visit, void* arg) {
  BufferedObject* b = reinterpret_cast<BufferedObject*>(o);
  visit_value(b->base.dict, visit, arg);
  visit_value(b->raw, visit, arg);
}
void buffered_clear(Object* o) {
  BufferedObject* b = reinterpret_cast<BufferedObject*>(o);
  clear_ref(&b->base.dict);
  clear_ref(&b->raw);
}

Value buffered_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  gc_track(o);
  return Value::from(o);
}

// The FileIO under b when it can be driven directly (exact type), else null.
inline FileIOObject* fast_raw(BufferedObject* b) {
  Value r = b->raw;
  return r && type_of(r) == &FileIOType ? r.as<FileIOObject>() : nullptr;
}

// raw.closed as a C++ bool; -1 on error.
int buffered_is_closed(BufferedObject* b) {
  if (FileIOObject* f = fast_raw(b)) return f->fd < 0;
  return is_closed_attr(b->raw);
}

bool check_init(BufferedObject* b) {
  if (!b->ok) {
    if (b->detached) raise(ValueError, "raw stream has been detached");
    else raise(ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

// CHECK_CLOSED with the per-operation message.
bool check_open(BufferedObject* b, const char* what) {
  int c = buffered_is_closed(b);
  if (c < 0) return false;
  if (c) {
    if (what) {
      raise(ValueError, "%s", what);
    } else {
      raise_closed();
    }
    return false;
  }
  return true;
}

// raw.readinto() for n bytes at dst: bytes read, 0 at EOF, -2 when raw returned None
// (non-blocking, nothing available), -1 on error.
int64_t raw_read(BufferedObject* b, char* dst, int64_t n) {
  if (FileIOObject* f = fast_raw(b)) {
    if (f->fd < 0) {
      fio_closed_error();
      return -1;
    }
    if (!f->readable) {
      raise_unsupported("File not open for reading");
      return -1;
    }
    ssize_t got;
    do {
      got = ::read(f->fd, dst, size_t(n));
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      if (errno == EAGAIN) return -2;
      raise_from_errno(errno);
      return -1;
    }
    return got;
  }
  Ref ba(bytearray_from(std::string(size_t(n), '\0')));
  if (!ba) return -1;
  Value bav = *ba;
  Ref r(call_method(b->raw, STRATA_NAME(readinto), &bav, 1));
  if (!r) return -1;
  if (is_none(*r)) return -2;
  int64_t got = as_ssize(*r, ValueError);
  if (got == -1 && error_occurred()) return -1;
  if (got < 0 || got > n) {
    raise(OSError, "raw readinto() returned invalid length %lld (should have been between 0 and %lld)",
          (long long)got, (long long)n);
    return -1;
  }
  std::memcpy(dst, bav.as<ByteArrayObject>()->data, size_t(got));
  return got;
}

int64_t raw_write(BufferedObject* b, const char* data, int64_t n) {
  if (FileIOObject* f = fast_raw(b)) {
    if (f->fd < 0) {
      fio_closed_error();
      return -1;
    }
    if (!f->writable) {
      raise_unsupported("File not open for writing");
      return -1;
    }
    ssize_t w;
    do {
      w = ::write(f->fd, data, size_t(n));
    } while (w < 0 && errno == EINTR);
    if (w < 0) {
      if (errno == EAGAIN) return -2;
      raise_from_errno(errno);
      return -1;
    }
    return w;
  }
  Ref bytes(bytes_from(std::string_view(data, size_t(n))));
  if (!bytes) return -1;
  Value bv = *bytes;
  Ref r(call_method(b->raw, STRATA_NAME(write), &bv, 1));
  if (!r) return -1;
  if (is_none(*r)) return -2;
  int64_t w = as_ssize(*r, ValueError);
  if (w == -1 && error_occurred()) return -1;
  if (w < 0 || w > n) {
    raise(OSError, "raw write() returned invalid length %lld (should have been between 0 and %lld)",
          (long long)w, (long long)n);
    return -1;
  }
  return w;
}

int64_t raw_seek(BufferedObject* b, int64_t pos, int whence) {
  if (FileIOObject* f = fast_raw(b)) {
    if (f->fd < 0) {
      fio_closed_error();
      return -1;
    }
    off_t r = lseek(f->fd, off_t(pos), whence);
    if (r < 0) {
      raise_from_errno(errno);
      return -1;
    }
    return r;
  }
  Ref p(int_from_i64(pos));
  if (!p) return -1;
  Value args[2] = {*p, Value::small(whence)};
  Ref r(call_method(b->raw, STRATA_NAME(seek), args, 2));
  if (!r) return -1;
  int64_t n = as_ssize(*r, OverflowError);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    raise(OSError, "Raw stream returned invalid position %lld", (long long)n);
    return -1;
  }
  return n;
}

int64_t raw_tell(BufferedObject* b) {
  if (FileIOObject* f = fast_raw(b)) {
    if (f->fd < 0) {
      fio_closed_error();
      return -1;
    }
    off_t r = lseek(f->fd, 0, SEEK_CUR);
    if (r < 0) {
      raise_from_errno(errno);
      return -1;
    }
    return r;
  }
  Ref r(call_method0(b->raw, STRATA_NAME(tell)));
  if (!r) return -1;
  int64_t n = as_ssize(*r, OverflowError);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    raise(OSError, "Raw stream returned invalid position %lld", (long long)n);
    return -1;
  }
  return n;
}

// Writes out the write buffer; 0, or -1 with an error.
int flush_writes(BufferedObject* b) {
  int64_t done = 0;
  while (done < b->wlen) {
    int64_t w = raw_write(b, b->wbuf + done, b->wlen - done);
    if (w == -1) {
      std::memmove(b->wbuf, b->wbuf + done, size_t(b->wlen - done));
      b->wlen -= done;
      return -1;
    }
    if (w == -2) {
      std::memmove(b->wbuf, b->wbuf + done, size_t(b->wlen - done));
      b->wlen -= done;
      raise(BlockingIOError, "write could not complete without blocking");
      return -1;
    }
    done += w;
  }
  b->wlen = 0;
  return 0;
}

// Moves raw back over read-ahead bytes not yet consumed, so that raw's position is the
// logical one (before writing, truncating or detaching).
int drop_readahead(BufferedObject* b) {
  int64_t unread = b->rend - b->rpos;
  b->rpos = b->rend = 0;
  if (unread > 0 && raw_seek(b, -unread, SEEK_CUR) < 0) return -1;
  return 0;
}

bool ensure_rbuf(BufferedObject* b) {
  if (!b->rbuf) {
    b->rbuf = static_cast<char*>(mem_alloc(size_t(b->buffer_size)));
    if (!b->rbuf) {
      raise_no_memory();
      return false;
    }
  }
  return true;
}

// Refills an empty read buffer with one raw read: bytes read, 0 at EOF, -2, -1.
int64_t fill_buffer(BufferedObject* b) {
  if (b->wlen && flush_writes(b) < 0) return -1;
  if (!ensure_rbuf(b)) return -1;
  b->rpos = b->rend = 0;
  int64_t got = raw_read(b, b->rbuf, b->buffer_size);
  if (got > 0) b->rend = got;
  return got;
}

Value buffered_read_impl(BufferedObject* b, int64_t n) {
  if (b->wlen && flush_writes(b) < 0) return Value();
  int64_t avail = b->rend - b->rpos;
  if (n >= 0 && n <= avail) {
    Value r = bytes_from(std::string_view(b->rbuf + b->rpos, size_t(n)));
    if (r) b->rpos += n;
    return r;
  }
  std::string out;
  if (avail > 0) out.assign(b->rbuf + b->rpos, size_t(avail));
  b->rpos = b->rend = 0;
  if (n < 0) {
    // readall: raw.readall() when it has one, else read until EOF.
    if (FileIOObject* f = fast_raw(b)) {
      if (f->fd < 0) return fio_closed_error();
      Ref rest(fio_readall_impl(f));
      if (!rest) return Value();
      if (is_none(*rest)) return out.empty() ? rest.release() : bytes_from(out);
      out.append(reinterpret_cast<const char*>(bytes_data(*rest)), size_t(bytes_size(*rest)));
      return bytes_from(out);
    }
    Ref readall(lookup_attr(b->raw, STRATA_NAME(readall)));
    if (readall) {
      Ref rest(call0(*readall));
      if (!rest) return Value();
      if (is_none(*rest)) return out.empty() ? rest.release() : bytes_from(out);
      if (!is_bytes(*rest)) return raise(TypeError, "readall() should return bytes");
      out.append(reinterpret_cast<const char*>(bytes_data(*rest)), size_t(bytes_size(*rest)));
      return bytes_from(out);
    }
    if (error_occurred()) return Value();
    for (;;) {
      int64_t got = fill_buffer(b);
      if (got == -1) return Value();
      if (got == -2) {
        if (out.empty()) return None();
        break;
      }
      if (got == 0) break;
      out.append(b->rbuf, size_t(got));
      b->rpos = b->rend = 0;
    }
    return bytes_from(out);
  }
  // n > avail: read directly when the rest is at least a buffer, else through the buffer.
  while (int64_t(out.size()) < n) {
    int64_t want = n - int64_t(out.size());
    if (want >= b->buffer_size) {
      size_t old = out.size();
      int64_t chunk = want - want % b->buffer_size;
      out.resize(old + size_t(chunk));
      int64_t got = raw_read(b, out.data() + old, chunk);
      if (got < 0) {
        out.resize(old);
        if (got == -1) return Value();
        if (out.empty()) return None();
        break;
      }
      out.resize(old + size_t(got));
      if (got == 0) break;
      continue;
    }
    int64_t got = fill_buffer(b);
    if (got == -1) return Value();
    if (got == -2) {
      if (out.empty()) return None();
      break;
    }
    if (got == 0) break;
    int64_t take = std::min(got, want);
    out.append(b->rbuf, size_t(take));
    b->rpos = take;
  }
  return bytes_from(out);
}

Value br_read(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 0, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  if (n < -1) return raise(ValueError, "read length must be non-negative or -1");
  if (!b->readable) return raise_unsupported("read");
  if (b->rend - b->rpos < (n < 0 ? INT64_MAX : n) && !check_open(b, "read of closed file")) return Value();
  return buffered_read_impl(b, n);
}

Value read1_impl(BufferedObject* b, int64_t n) {
  if (n < 0) n = b->buffer_size;
  if (n == 0) return bytes_from(std::string_view());
  if (b->rend == b->rpos) {
    int64_t got = fill_buffer(b);
    if (got == -1) return Value();
    if (got == -2) return None();
  }
  int64_t avail = b->rend - b->rpos;
  if (n > avail) n = avail;
  Value r = bytes_from(std::string_view(b->rbuf ? b->rbuf + b->rpos : "", size_t(n)));
  if (r) b->rpos += n;
  return r;
}

Value br_read1(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("read1", nargs, 0, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int64_t n = -1;
  if (nargs && !optional_size(args[0], &n)) return Value();
  if (!b->readable) return raise_unsupported("read1");
  if (!check_open(b, "read of closed file")) return Value();
  return read1_impl(b, n);
}

Value br_peek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("peek", nargs, 0, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (!check_open(b, "peek of closed file")) return Value();
  if (b->rend == b->rpos) {
    int64_t got = fill_buffer(b);
    if (got == -1) return Value();
    if (got < 0) return bytes_from(std::string_view());
  }
  return bytes_from(std::string_view(b->rbuf ? b->rbuf + b->rpos : "", size_t(b->rend - b->rpos)));
}

Value readinto_impl(Value self, const Value* args, size_t nargs, bool one, const char* fname) {
  if (!check_positional(fname, nargs, 1, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (!b->readable) return raise_unsupported("read");
  if (!check_open(b, "readinto of closed file")) return Value();
  char* dst;
  int64_t n;
  if (!writable_buffer(args[0], &dst, &n, fname)) return Value();
  Ref data(one ? read1_impl(b, n) : buffered_read_impl(b, n));
  if (!data) return Value();
  if (is_none(*data)) return data.release();
  int64_t len = bytes_size(*data);
  if (!writable_buffer(args[0], &dst, &n, fname)) return Value();
  std::memcpy(dst, bytes_data(*data), size_t(std::min(len, n)));
  return int_from_i64(len);
}
Value br_readinto(Value self, const Value* args, size_t nargs, Value) {
  return readinto_impl(self, args, nargs, false, "readinto");
}
Value br_readinto1(Value self, const Value* args, size_t nargs, Value) {
  return readinto_impl(self, args, nargs, true, "readinto1");
}

Value br_readline_impl(BufferedObject* b, int64_t limit) {
  if (b->wlen && flush_writes(b) < 0) return Value();
  std::string out;
  for (;;) {
    int64_t avail = b->rend - b->rpos;
    if (avail > 0) {
      int64_t cap = avail;
      if (limit >= 0 && cap > limit - int64_t(out.size())) cap = limit - int64_t(out.size());
      const char* start = b->rbuf + b->rpos;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', size_t(cap)));
      int64_t take = nl ? (nl - start) + 1 : cap;
      if (out.empty() && (nl || take == limit)) {
        Value r = bytes_from(std::string_view(start, size_t(take)));
        if (r) b->rpos += take;
        return r;
      }
      out.append(start, size_t(take));
      b->rpos += take;
      if (nl) break;
    }
    if (limit >= 0 && int64_t(out.size()) >= limit) break;
    int64_t got = fill_buffer(b);
    if (got == -1) return Value();
    if (got <= 0) break;
  }
  return bytes_from(out);
}

Value br_readline(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("readline", nargs, 0, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int64_t limit = -1;
  if (nargs && !optional_size(args[0], &limit)) return Value();
  if (!check_open(b, "readline of closed file")) return Value();
  return br_readline_impl(b, limit);
}

Value br_iternext(Value self) {
  if (type_of(self) != &BufferedReaderType && type_of(self) != &BufferedRandomType)
    return iobase_iternext(self);
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (!check_open(b, "readline of closed file")) return Value();
  Value line = br_readline_impl(b, -1);
  if (!line) return line;
  if (bytes_size(line) == 0) {
    decref(line);
    return Value();
  }
  return line;
}

int buffered_write_impl(BufferedObject* b, const char* data, int64_t n) {
  if (b->rend != b->rpos || b->rend) {
    if (drop_readahead(b) < 0) return -1;
  }
  if (!b->wbuf) {
    b->wbuf = static_cast<char*>(mem_alloc(size_t(b->buffer_size)));
    if (!b->wbuf) {
      raise_no_memory();
      return -1;
    }
  }
  if (b->wlen + n <= b->buffer_size) {
    std::memcpy(b->wbuf + b->wlen, data, size_t(n));
    b->wlen += n;
    return 0;
  }
  if (flush_writes(b) < 0) return -1;
  if (n <= b->buffer_size / 2 || n < b->buffer_size) {
    std::memcpy(b->wbuf, data, size_t(n));
    b->wlen = n;
    return 0;
  }
  int64_t done = 0;
  while (done < n) {
    int64_t w = raw_write(b, data + done, n - done);
    if (w == -1) return -1;
    if (w == -2) {
      raise(BlockingIOError, "write could not complete without blocking");
      return -1;
    }
    done += w;
  }
  return 0;
}

Value bw_write(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 1, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (!b->writable) return raise_unsupported("write");
  const char* data;
  int64_t n;
  if (!bytes_like(args[0], &data, &n)) return Value();
  if (!check_open(b, "write to closed file")) return Value();
  if (buffered_write_impl(b, data, n) < 0) return Value();
  return int_from_i64(n);
}

Value buffered_flush_m(Value self, const Value*, size_t, Value) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (b->writable) {
    if (!check_open(b, "flush of closed file")) return Value();
    if (flush_writes(b) < 0) return Value();
    return None();
  }
  // A reader: _IOBase.flush semantics on raw's closed state.
  int c = buffered_is_closed(b);
  if (c < 0) return Value();
  if (c) return raise_closed();
  return None();
}

Value buffered_close(Value self, const Value*, size_t, Value) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int c = buffered_is_closed(b);
  if (c < 0) return Value();
  if (c) return None();
  Value exc;
  Value r = type_of(self) == &BufferedReaderType || type_of(self) == &BufferedWriterType ||
                    type_of(self) == &BufferedRandomType
                ? buffered_flush_m(self, nullptr, 0, Value())
                : call_method0(self, STRATA_NAME(flush));
  if (!r) exc = fetch_error();
  else decref(r);
  Value r2 = call_method0(b->raw, STRATA_NAME(close));
  if (!r2) {
    if (exc) {
      Value exc2 = fetch_error();
      exception_set_context(exc2, exc);
      restore_error(exc2);
    }
    return Value();
  }
  decref(r2);
  mem_free(b->rbuf);
  b->rbuf = nullptr;
  b->rpos = b->rend = 0;
  if (exc) {
    restore_error(exc);
    return Value();
  }
  return None();
}

Value buffered_detach(Value self, const Value*, size_t, Value) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  Ref r(call_method0(self, STRATA_NAME(flush)));
  if (!r) return Value();
  if (b->rend != b->rpos) drop_readahead(b);
  Value raw = b->raw;
  b->raw = Value();
  b->ok = false;
  b->detached = true;
  return raw;
}

Value buffered_seek(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seek", nargs, 1, 2)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int whence = 0;
  if (nargs > 1 && !parse_whence(args[1], &whence)) return Value();
  if (whence < 0 || whence > 2)
    return raise(ValueError, "whence value %d unsupported", whence);
  if (!check_open(b, "seek of closed file")) return Value();
  if (is_float(args[0])) return raise(TypeError, "an integer is required");
  int64_t target = as_ssize(args[0], OverflowError);
  if (target == -1 && error_occurred()) return Value();
  if (whence != 2 && b->wlen == 0 && b->rend > 0) {
    // Inside the read buffer: move within it.
    int64_t rawpos = raw_tell(b);
    if (rawpos < 0) return Value();
    int64_t start = rawpos - b->rend;
    int64_t cur = start + b->rpos;
    int64_t want = whence == 1 ? cur + target : target;
    if (want >= start && want <= rawpos) {
      b->rpos = want - start;
      return int_from_i64(want);
    }
  }
  if (b->wlen && flush_writes(b) < 0) return Value();
  if (whence == 1) target -= b->rend - b->rpos;
  b->rpos = b->rend = 0;
  int64_t n = raw_seek(b, target, whence);
  if (n < 0) return Value();
  return int_from_i64(n);
}

Value buffered_tell(Value self, const Value*, size_t, Value) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  int64_t pos = raw_tell(b);
  if (pos < 0) return Value();
  pos = pos - (b->rend - b->rpos) + b->wlen;
  if (pos < 0) pos = 0;
  return int_from_i64(pos);
}

Value buffered_truncate(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("truncate", nargs, 0, 1)) return Value();
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  if (!check_open(b, "truncate of closed file")) return Value();
  if (!b->writable) return raise_unsupported("truncate");
  if (b->wlen && flush_writes(b) < 0) return Value();
  if (b->rend != b->rpos && drop_readahead(b) < 0) return Value();
  b->rpos = b->rend = 0;
  Value pos = nargs ? args[0] : None();
  return call_method(b->raw, STRATA_NAME(truncate), &pos, 1);
}

Value delegate(Value self, Value name) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  return call_method0(b->raw, name);
}
Value buffered_fileno(Value self, const Value*, size_t, Value) {
  return delegate(self, STRATA_NAME(fileno));
}
Value buffered_isatty(Value self, const Value*, size_t, Value) {
  return delegate(self, STRATA_NAME(isatty));
}
Value buffered_seekable(Value self, const Value*, size_t, Value) {
  return delegate(self, STRATA_NAME(seekable));
}
Value buffered_readable(Value self, const Value*, size_t, Value) {
  return delegate(self, STRATA_NAME(readable));
}
Value buffered_writable(Value self, const Value*, size_t, Value) {
  return delegate(self, STRATA_NAME(writable));
}
Value buffered_dealloc_warn(Value, const Value*, size_t, Value) { return None(); }
Value buffered_getstate(Value self, const Value*, size_t, Value) {
  return raise(TypeError, "cannot pickle '%s' object", type_of(self)->name);
}

Value buffered_get_raw(Value self) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  return newref(b->raw);
}
Value buffered_get_closed(Value self) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  return getattr(b->raw, STRATA_NAME(closed));
}
Value buffered_get_name(Value self) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  return getattr(b->raw, STRATA_NAME(name));
}
Value buffered_get_mode(Value self) {
  BufferedObject* b = buf(self);
  if (!check_init(b)) return Value();
  return getattr(b->raw, STRATA_NAME(mode));
}

Value buffered_repr(Value self) {
  const char* tname = type_of(self)->name;
  BufferedObject* b = buf(self);
  if (!b->ok) return str_format_c("<%s>", tname);
  Ref name(lookup_attr(self, STRATA_NAME(name)));
  if (!name) {
    if (error_occurred()) {
      if (!error_matches(ValueError)) return Value();
      clear_error();
    }
    return str_format_c("<%s>", tname);
  }
  if (enter_recursive_call(" while getting the repr of an object")) return Value();
  Value r = str_format_c("<%s name=%R>", tname, *name);
  leave_recursive_call();
  return r;
}

void buffered_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  BufferedObject* b = reinterpret_cast<BufferedObject*>(o);
  unlink_writer(b);
  if (b->ok && b->wlen && b->raw) {
    // As CPython's finalizer: flush and close an object dropped while open.
    Value exc = fetch_error();
    int c = buffered_is_closed(b);
    if (c == 0) {
      if (flush_writes(b) < 0) clear_error();
      Value r = call_method0(b->raw, STRATA_NAME(close));
      if (!r) clear_error();
      else decref(r);
    } else if (c < 0) {
      clear_error();
    }
    if (exc) restore_error(exc);
  }
  mem_free(b->rbuf);
  mem_free(b->wbuf);
  clear_ref(&b->raw);
  clear_ref(&b->base.dict);
  free_object(o);
}

int buffered_init_common(Value self, const Value* args, size_t nargs, Value kwnames,
                         const char* fname, bool readable, bool writable) {
  static const char* const names[] = {"raw", "buffer_size"};
  ArgSpec spec{fname, names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return -1;
  BufferedObject* b = buf(self);
  b->ok = false;
  b->detached = false;
  Value raw = a[0];
  if (writable && readable) {
    Ref r(call_method0(raw, STRATA_NAME(_checkSeekable)));
    if (!r) return -1;
  }
  if (readable) {
    Ref r(call_method0(raw, STRATA_NAME(_checkReadable)));
    if (!r) return -1;
  }
  if (writable) {
    Ref r(call_method0(raw, STRATA_NAME(_checkWritable)));
    if (!r) return -1;
  }
  int64_t size = kDefaultBufferSize;
  if (a[1]) {
    size = as_ssize(a[1], OverflowError);
    if (size == -1 && error_occurred()) return -1;
  }
  if (size <= 0) {
    raise(ValueError, "buffer size must be strictly positive");
    return -1;
  }
  set_ref(&b->raw, newref(raw));
  b->readable = readable;
  b->writable = writable;
  b->buffer_size = size;
  mem_free(b->rbuf);
  mem_free(b->wbuf);
  b->rbuf = b->wbuf = nullptr;
  b->rpos = b->rend = b->wlen = 0;
  b->ok = true;
  if (writable) link_writer(b);
  return 0;
}
int br_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedReader", true, false);
}
int bw_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedWriter", false, true);
}
int brand_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  return buffered_init_common(self, args, nargs, kwnames, "BufferedRandom", true, true);
}

#define BUFFERED_COMMON_METHODS                                          \
  {"detach", buffered_detach, METH_NOARGS, nullptr},                     \
      {"flush", buffered_flush_m, METH_NOARGS, nullptr},                 \
      {"close", buffered_close, METH_NOARGS, nullptr},                   \
      {"seekable", buffered_seekable, METH_NOARGS, nullptr},             \
      {"fileno", buffered_fileno, METH_NOARGS, nullptr},                 \
      {"isatty", buffered_isatty, METH_NOARGS, nullptr},                 \
      {"_dealloc_warn", buffered_dealloc_warn, METH_FASTCALL, nullptr},  \
      {"seek", buffered_seek, METH_FASTCALL, nullptr},                   \
      {"tell", buffered_tell, METH_NOARGS, nullptr},                     \
      {"truncate", buffered_truncate, METH_FASTCALL, nullptr},           \
      {"__getstate__", buffered_getstate, METH_NOARGS, nullptr},

#define BUFFERED_READ_METHODS                                 \
  {"readable", buffered_readable, METH_NOARGS, nullptr},      \
      {"read", br_read, METH_FASTCALL, nullptr},              \
      {"peek", br_peek, METH_FASTCALL, nullptr},              \
      {"read1", br_read1, METH_FASTCALL, nullptr},            \
      {"readinto", br_readinto, METH_FASTCALL, nullptr},      \
      {"readinto1", br_readinto1, METH_FASTCALL, nullptr},    \
      {"readline", br_readline, METH_FASTCALL, nullptr},

#define BUFFERED_WRITE_METHODS                             \
  {"writable", buffered_writable, METH_NOARGS, nullptr},   \
      {"write", bw_write, METH_FASTCALL, nullptr},

const MethodDef kBufferedReaderMethods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_READ_METHODS{nullptr, nullptr, 0, nullptr},
};
const MethodDef kBufferedWriterMethods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_WRITE_METHODS{nullptr, nullptr, 0, nullptr},
};
const MethodDef kBufferedRandomMethods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_READ_METHODS BUFFERED_WRITE_METHODS{nullptr, nullptr, 0,
                                                                          nullptr},
};
const GetSetDef kBufferedGetSet[] = {
    {"raw", buffered_get_raw, nullptr, nullptr},
    {"closed", buffered_get_closed, nullptr, nullptr},
    {"name", buffered_get_name, nullptr, nullptr},
    {"mode", buffered_get_mode, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- BufferedRWPair -------------------------------------------------------------------------

struct RWPairObject {
  IOBaseObject base;
  Value reader, writer;
};
inline RWPairObject* rwp(Value v) { return v.as<RWPairObject>(); }

void rwpair_traverse(Object* o, VisitFn visit, void* arg) {
  RWPairObject* p = reinterpret_cast<RWPairObject*>(o);
  visit_value(p->base.dict, visit, arg);
  visit_value(p->reader, visit, arg);
  visit_value(p->writer, visit, arg);
}
void rwpair_clear(Object* o) {
  RWPairObject* p = reinterpret_cast<RWPairObject*>(o);
  clear_ref(&p->base.dict);
  clear_ref(&p->reader);
  clear_ref(&p->writer);
}
void rwpair_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  rwpair_clear(o);
  free_object(o);
}

int rwpair_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("BufferedRWPair", kwnames)) return -1;
  if (!check_positional("BufferedRWPair", nargs, 2, 3)) return -1;
  Value rargs[2] = {args[0], nargs > 2 ? args[2] : Value::small(kDefaultBufferSize)};
  Value wargs[2] = {args[1], rargs[1]};
  Ref r(call(Value::from(&BufferedReaderType), rargs, 2));
  if (!r) return -1;
  Ref w(call(Value::from(&BufferedWriterType), wargs, 2));
  if (!w) return -1;
  set_ref(&rwp(self)->reader, r.release());
  set_ref(&rwp(self)->writer, w.release());
  return 0;
}

Value rwpair_check(Value self, bool writer) {
  Value v = writer ? rwp(self)->writer : rwp(self)->reader;
  if (!v) return raise(ValueError, "I/O operation on uninitialized object");
  return v;
}

#define RWPAIR_FORWARD(fn, side, name)                                           \
  Value fn(Value self, const Value* args, size_t nargs, Value) {                 \
    Value target = rwpair_check(self, side);                                     \
    if (!target) return Value();                                                 \
    return call_method(target, STRATA_NAME(name), args, nargs);                  \
  }
RWPAIR_FORWARD(rwpair_read, false, read)
RWPAIR_FORWARD(rwpair_peek, false, peek)
RWPAIR_FORWARD(rwpair_read1, false, read1)
RWPAIR_FORWARD(rwpair_readinto, false, readinto)
RWPAIR_FORWARD(rwpair_readinto1, false, readinto1)
RWPAIR_FORWARD(rwpair_write, true, write)
RWPAIR_FORWARD(rwpair_flush, true, flush)
RWPAIR_FORWARD(rwpair_readable, false, readable)
RWPAIR_FORWARD(rwpair_writable, true, writable)
#undef RWPAIR_FORWARD

Value rwpair_close(Value self, const Value*, size_t, Value) {
  Value w = rwpair_check(self, true);
  if (!w) return Value();
  Value r1 = call_method0(w, STRATA_NAME(close));
  Value exc;
  if (!r1) exc = fetch_error();
  else decref(r1);
  Value r2 = call_method0(rwp(self)->reader, STRATA_NAME(close));
  if (!r2) {
    if (exc) {
      Value exc2 = fetch_error();
      exception_set_context(exc2, exc);
      restore_error(exc2);
    }
    return Value();
  }
  decref(r2);
  if (exc) {
    restore_error(exc);
    return Value();
  }
  return None();
}
Value rwpair_isatty(Value self, const Value*, size_t, Value) {
  Value w = rwpair_check(self, true);
  if (!w) return Value();
  Ref r(call_method0(w, STRATA_NAME(isatty)));
  if (!r) return Value();
  if (*r != False()) return r.release();
  return call_method0(rwp(self)->reader, STRATA_NAME(isatty));
}
Value rwpair_get_closed(Value self) {
  Value w = rwpair_check(self, true);
  if (!w) return Value();
  return getattr(w, STRATA_NAME(closed));
}

const MethodDef kRWPairMethods[] = {
    {"read", rwpair_read, METH_FASTCALL, nullptr},
    {"peek", rwpair_peek, METH_FASTCALL, nullptr},
    {"read1", rwpair_read1, METH_FASTCALL, nullptr},
    {"readinto", rwpair_readinto, METH_FASTCALL, nullptr},
    {"readinto1", rwpair_readinto1, METH_FASTCALL, nullptr},
    {"write", rwpair_write, METH_FASTCALL, nullptr},
    {"flush", rwpair_flush, METH_FASTCALL, nullptr},
    {"readable", rwpair_readable, METH_FASTCALL, nullptr},
    {"writable", rwpair_writable, METH_FASTCALL, nullptr},
    {"close", rwpair_close, METH_NOARGS, nullptr},
    {"isatty", rwpair_isatty, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kRWPairGetSet[] = {
    {"closed", rwpair_get_closed, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

// -- The native-buffer interface for TextIOWrapper ---------------------------------------------

bool is_exact_buffered(Value v) {
  Type* t = type_of(v);
  return (t == &BufferedWriterType || t == &BufferedRandomType || t == &BufferedReaderType) &&
         buf(v)->ok;
}
int buffered_write_bytes(Value v, const char* data, int64_t n) {
  BufferedObject* b = buf(v);
  if (!b->writable) {
    raise_unsupported("write");
    return -1;
  }
  if (!check_open(b, "write to closed file")) return -1;
  return buffered_write_impl(b, data, n);
}
Value buffered_read1(Value v, int64_t n) {
  BufferedObject* b = buf(v);
  if (!b->readable) return raise_unsupported("read1");
  if (!check_open(b, "read of closed file")) return Value();
  return read1_impl(b, n);
}
void flush_at_exit() {
  for (BufferedObject* b = g_writers; b;) {
    BufferedObject* next = b->next_writer;
    if (b->ok && b->wlen) {
      Value keep = newref(Value::from(&b->base.ob));
      int c = buffered_is_closed(b);
      if (c == 0 && flush_writes(b) < 0) clear_error();
      if (c < 0) clear_error();
      next = b->next_writer;
      decref(keep);
    }
    b = next;
  }
}

int buffered_closed(Value v) { return buffered_is_closed(buf(v)); }
Value buffered_tell_value(Value v) { return buffered_tell(v, nullptr, 0, Value()); }
int buffered_flush(Value v) {
  Value r = buffered_flush_m(v, nullptr, 0, Value());
  if (!r) return -1;
  decref(r);
  return 0;
}

// -- The types ----------------------------------------------------------------------------------

#define IO_TYPE_HEAD(tname, T)                                   \
  .ob = {kImmortal, &TypeType}, .name = tname, .base = nullptr,  \
  .flags = TF_HAVE_GC | TF_BASETYPE, .basicsize = sizeof(T),     \
  .dictoffset = offsetof(IOBaseObject, dict),                    \
  .weaklistoffset = offsetof(IOBaseObject, weakreflist)
#define IO_FINALIZE .finalize = iobase_finalize

Type IOBaseType = {
    IO_TYPE_HEAD("_io._IOBase", IOBaseObject),
    .dealloc = iobase_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .iter = iobase_iter,
    .iternext = iobase_iternext,
    .new_ = iobase_new,
    .methods = kIOBaseMethods,
    .getset = kIOBaseGetSet,
    .doc = "The abstract base class for all I/O classes.",
};
Type RawIOBaseType = {
    IO_TYPE_HEAD("_io._RawIOBase", IOBaseObject),
    .dealloc = iobase_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .new_ = iobase_new,
    .methods = kRawIOBaseMethods,
    .doc = "Base class for raw binary I/O.",
};
Type BufferedIOBaseType = {
    IO_TYPE_HEAD("_io._BufferedIOBase", IOBaseObject),
    .dealloc = iobase_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .new_ = iobase_new,
    .methods = kBufferedIOBaseMethods,
    .doc = "Base class for buffered IO objects.",
};
Type TextIOBaseType = {
    IO_TYPE_HEAD("_io._TextIOBase", IOBaseObject),
    .dealloc = iobase_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .new_ = iobase_new,
    .methods = kTextIOBaseMethods,
    .getset = kTextIOBaseGetSet,
    .doc = "Base class for text I/O.",
};
Type FileIOType = {
    IO_TYPE_HEAD("_io.FileIO", FileIOObject),
    .dealloc = fio_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .repr = fio_repr,
    .new_ = fio_new,
    .init = fio_init,
    .methods = kFileIOMethods,
    .getset = kFileIOGetSet,
};
Type BytesIOType = {
    IO_TYPE_HEAD("_io.BytesIO", BytesIOObject),
    .dealloc = bio_dealloc,
    .traverse = iobase_traverse,
    .clear = iobase_clear,
    IO_FINALIZE,
    .iternext = bio_iternext,
    .new_ = bio_new,
    .init = bio_init,
    .methods = kBytesIOMethods,
    .getset = kBytesIOGetSet,
};
Type BufferedReaderType = {
    IO_TYPE_HEAD("_io.BufferedReader", BufferedObject),
    .dealloc = buffered_dealloc,
    .traverse = buffered_traverse,
    .clear = buffered_clear,
    IO_FINALIZE,
    .repr = buffered_repr,
    .iternext = br_iternext,
    .new_ = buffered_new,
    .init = br_init,
    .methods = kBufferedReaderMethods,
    .getset = kBufferedGetSet,
};
Type BufferedWriterType = {
    IO_TYPE_HEAD("_io.BufferedWriter", BufferedObject),
    .dealloc = buffered_dealloc,
    .traverse = buffered_traverse,
    .clear = buffered_clear,
    IO_FINALIZE,
    .repr = buffered_repr,
    .new_ = buffered_new,
    .init = bw_init,
    .methods = kBufferedWriterMethods,
    .getset = kBufferedGetSet,
};
Type BufferedRandomType = {
    IO_TYPE_HEAD("_io.BufferedRandom", BufferedObject),
    .dealloc = buffered_dealloc,
    .traverse = buffered_traverse,
    .clear = buffered_clear,
    IO_FINALIZE,
    .repr = buffered_repr,
    .iternext = br_iternext,
    .new_ = buffered_new,
    .init = brand_init,
    .methods = kBufferedRandomMethods,
    .getset = kBufferedGetSet,
};
Type BufferedRWPairType = {
    IO_TYPE_HEAD("_io.BufferedRWPair", RWPairObject),
    .dealloc = rwpair_dealloc,
    .traverse = rwpair_traverse,
    .clear = rwpair_clear,
    IO_FINALIZE,
    .new_ = buffered_new,
    .init = rwpair_init,
    .methods = kRWPairMethods,
    .getset = kRWPairGetSet,
};

int ready_types() {
  static bool done = false;
  if (done) return 0;
  RawIOBaseType.base = &IOBaseType;
  BufferedIOBaseType.base = &IOBaseType;
  TextIOBaseType.base = &IOBaseType;
  FileIOType.base = &RawIOBaseType;
  BytesIOType.base = &BufferedIOBaseType;
  BufferedReaderType.base = &BufferedIOBaseType;
  BufferedWriterType.base = &BufferedIOBaseType;
  BufferedRandomType.base = &BufferedIOBaseType;
  BufferedRWPairType.base = &BufferedIOBaseType;
  StringIOType.base = &TextIOBaseType;
  TextIOWrapperType.base = &TextIOBaseType;
  Type* all[] = {&IOBaseType,         &RawIOBaseType,       &BufferedIOBaseType,
                 &TextIOBaseType,     &FileIOType,          &BytesIOType,
                 &BufferedReaderType, &BufferedWriterType,  &BufferedRandomType,
                 &BufferedRWPairType, &StringIOType,        &TextIOWrapperType,
                 &IncrementalNewlineDecoderType};
  for (Type* t : all) {
    if (type_ready(t) < 0) return -1;
  }
  // io.UnsupportedOperation: a heap class deriving from OSError and ValueError, as CPython
  // makes it, so that io.py can set its __module__.
  Ref name(str_from_ascii("UnsupportedOperation"));
  Ref bases(tuple_pack({Value::from(OSError), Value::from(ValueError)}));
  Ref ns(dict_new());
  Ref mod(str_from_ascii("io"));
  if (!name || !bases || !ns || !mod || dict_set_cstr(*ns, "__module__", *mod) < 0)
    return -1;
  Value uo = type_new(&TypeType, *name, *bases, *ns, Value());
  if (!uo) return -1;
  UnsupportedOperation = uo;
  make_immortal(uo.obj());
  done = true;
  return 0;
}

}  // namespace io

void io_flush_at_exit() { io::flush_at_exit(); }
void io::finalize_io_object(Object* o) { io::iobase_finalize(o); }

// -- open() -----------------------------------------------------------------------------------

Value io_open(Value, const Value* args, size_t nargs, Value kwnames) {
  using namespace io;
  static const char* const names[] = {"file", "mode", "buffering", "encoding",
                                      "errors", "newline", "closefd", "opener"};
  ArgSpec spec{"open", names, 8, 0, 1, 8};
  Value a[8];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  if (ready_types() < 0) return Value();
  Value file = a[0];
  std::string_view mode = "r";
  if (a[1]) {
    if (!is_str(a[1]))
      return raise(TypeError, "open() argument 'mode' must be str, not %s", type_name(a[1]));
    mode = str_utf8(a[1]);
  }
  int64_t buffering = -1;
  if (a[2]) {
    if (is_float(a[2])) return raise(TypeError, "'float' object cannot be interpreted as an integer");
    buffering = int_as_i64(a[2]);
    if (buffering == -1 && error_occurred()) return Value();
  }
  auto str_or_none = [](Value v, const char* argname) -> bool {
    if (v && !is_none(v) && !is_str(v)) {
      raise(TypeError, "open() argument '%s' must be str or None, not %s", argname, type_name(v));
      return false;
    }
    return true;
  };
  if (!str_or_none(a[3], "encoding") || !str_or_none(a[4], "errors") ||
      !str_or_none(a[5], "newline"))
    return Value();
  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
  for (size_t i = 0; i < mode.size(); i++) {
    char c = mode[i];
    if (!std::strchr("xrwa+tb", c) || mode.find(c, i + 1) != std::string_view::npos || !c)
      return raise(ValueError, "invalid mode: %R", a[1]);
    switch (c) {
      case 'x': creating = true; break;
      case 'r': reading = true; break;
      case 'w': writing = true; break;
      case 'a': appending = true; break;
      case '+': updating = true; break;
      case 't': text = true; break;
      case 'b': binary = true; break;
    }
  }
  char rawmode[6];
  int k = 0;
  if (creating) rawmode[k++] = 'x';
  if (reading) rawmode[k++] = 'r';
  if (writing) rawmode[k++] = 'w';
  if (appending) rawmode[k++] = 'a';
  if (updating) rawmode[k++] = '+';
  rawmode[k] = 0;
  if (text && binary) return raise(ValueError, "can't have text and binary mode at once");
  if (int(creating) + int(reading) + int(writing) + int(appending) > 1 ||
      !(creating || reading || writing || appending))
    return raise(ValueError, "must have exactly one of create/read/write/append mode");
  if (binary && a[3] && !is_none(a[3]))
    return raise(ValueError, "binary mode doesn't take an encoding argument");
  if (binary && a[4] && !is_none(a[4]))
    return raise(ValueError, "binary mode doesn't take an errors argument");
  if (binary && a[5] && !is_none(a[5]))
    return raise(ValueError, "binary mode doesn't take a newline argument");
  // (CPython warns about buffering=1 in binary mode; the default size is used.)
  Ref rawmode_s(str_from_ascii(rawmode));
  if (!rawmode_s) return Value();
  Value fargs[4] = {file, *rawmode_s, a[6] ? a[6] : True(), a[7] ? a[7] : None()};
  Ref raw(call(Value::from(&FileIOType), fargs, 4));
  if (!raw) return Value();
  Ref result(raw.new_ref());
  bool line_buffering = false;
  auto fail = [&]() -> Value {
    Value exc = fetch_error();
    Value r = call_method0(*result, STRATA_NAME(close));
    if (!r) {
      Value exc2 = fetch_error();
      exception_set_context(exc2, exc);
      restore_error(exc2);
      return Value();
    }
    decref(r);
    restore_error(exc);
    return Value();
  };
  if (buffering == 1 || buffering < 0) {
    Ref tty(call_method0(*raw, STRATA_NAME(isatty)));
    if (!tty) return fail();
    if (buffering == 1 || *tty == True()) {
      buffering = -1;
      line_buffering = true;
    }
  }
  if (buffering < 0) {
    Ref bs(getattr(*raw, "_blksize"));
    if (!bs) return fail();
    buffering = int_as_i64(*bs);
    if (buffering == -1 && error_occurred()) return fail();
  }
  if (buffering == 0) {
    if (binary) return result.release();
    raise(ValueError, "can't have unbuffered text I/O");
    return fail();
  }
  Type* bt = updating ? &BufferedRandomType
             : (creating || writing || appending) ? &BufferedWriterType
                                                   : &BufferedReaderType;
  Ref bsize(int_from_i64(buffering));
  Value bargs[2] = {*raw, *bsize};
  Ref buffer(call(Value::from(bt), bargs, 2));
  if (!buffer) return fail();
  result.reset(buffer.new_ref());
  if (binary) return result.release();
  Value targs[5] = {*buffer, a[3] ? a[3] : None(), a[4] ? a[4] : None(),
                    a[5] ? a[5] : None(), Bool(line_buffering)};
  Ref wrapper(call(Value::from(&TextIOWrapperType), targs, 5));
  if (!wrapper) return fail();
  result.reset(wrapper.new_ref());
  if (setattr(*wrapper, STRATA_NAME(mode), a[1] ? a[1] : *Ref(str_from_ascii("r"))) < 0)
    return fail();
  return result.release();
}

namespace io {
namespace {

Value io_open_code(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path"};
  ArgSpec spec{"open_code", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  if (!is_str(a[0]))
    return raise(TypeError, "open_code() argument 'path' must be str, not %s", type_name(a[0]));
  Ref mode(str_from_ascii("rb"));
  Value oargs[2] = {a[0], *mode};
  return io_open(Value(), oargs, 2, Value());
}

Value io_text_encoding(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("text_encoding", nargs, 1, 2)) return Value();
  if (!is_none(args[0])) return newref(args[0]);
  return str_from_ascii("locale");
}

const MethodDef kIOModuleMethods[] = {
    {"open", io_open, kFastKw, nullptr},
    {"open_code", io_open_code, kFastKw, nullptr},
    {"text_encoding", io_text_encoding, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int io_module_init(Value m) {
  if (ready_types() < 0) return -1;
  Value d = module_dict(m);
  struct {
    const char* name;
    Type* t;
  } types[] = {{"_IOBase", &IOBaseType},
               {"_RawIOBase", &RawIOBaseType},
               {"_BufferedIOBase", &BufferedIOBaseType},
               {"_TextIOBase", &TextIOBaseType},
               {"FileIO", &FileIOType},
               {"BytesIO", &BytesIOType},
               {"StringIO", &StringIOType},
               {"BufferedReader", &BufferedReaderType},
               {"BufferedWriter", &BufferedWriterType},
               {"BufferedRandom", &BufferedRandomType},
               {"BufferedRWPair", &BufferedRWPairType},
               {"TextIOWrapper", &TextIOWrapperType},
               {"IncrementalNewlineDecoder", &IncrementalNewlineDecoderType}};
  for (auto& t : types)
    if (dict_set_cstr(d, t.name, Value::from(t.t)) < 0) return -1;
  // builtins.open and io.open are one object, as in CPython.
  if (Value b = builtins_module()) {
    Value o = dict_get_cstr(module_dict(b), "open");
    if (o && dict_set_cstr(d, "open", o) < 0) return -1;
  }
  if (dict_set_cstr(d, "DEFAULT_BUFFER_SIZE", Value::small(kDefaultBufferSize)) < 0 ||
      dict_set_cstr(d, "UnsupportedOperation", UnsupportedOperation) < 0 ||
      dict_set_cstr(d, "BlockingIOError", Value::from(BlockingIOError)) < 0)
    return -1;
  return 0;
}

}  // namespace
}  // namespace io

const BuiltinModuleDef io_module_def = {"_io", io::io_module_init, io::kIOModuleMethods,
                                        "The io module provides the Python interfaces to stream handling."};

}  // namespace strata
