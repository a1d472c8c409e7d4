// stdlib/sys.cpp — the `sys` module (as Python/sysmodule.c of CPython 3.11 behaves, with
// its messages): interpreter facts (version, flags, limits), sys.modules and the other
// import-state containers, recursion limit, exit, hooks; the standard streams as a small
// native text stream type (UTF-8, buffered in user space, line-buffered on a terminal);
// and struct sequences (sys.version_info and friends: tuples with named fields).
#include "stdlib/sys.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cfloat>
#include <climits>
#include <cstddef>
#include <cstring>
#include <string>

#if __has_include("strata_config.h")
#include "strata_config.h"
#endif
#ifndef STRATA_VERSION
#define STRATA_VERSION "0.1.0"
#endif

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

Value g_sys_module;  // owned once init ran
Value g_sys_dict;    // borrowed from g_sys_module

// -- Native text streams ---------------------------------------------------------------------

// A text stream over a file descriptor: what sys.stdin/stdout/stderr are until an io
// module exists. Writes collect in `wbuf` and go out when it is full, at a newline when
// line-buffered, on flush() and at exit (flush_std_streams).
struct TextStreamObject {
  Object ob;
  int fd;
  bool readable;
  bool writable;
  bool line_buffered;
  bool closed;
  bool backslashreplace;  // stderr's error handler; the others are strict
  bool write_through;     // -u / PYTHONUNBUFFERED: every write goes out at once
  char* wbuf;
  size_t wlen, wcap;
  char* rbuf;
  size_t rpos, rlen, rcap;
  Value name;  // '<stdout>'
  Value mode;  // 'w' / 'r'
  Value buffer;  // the binary view (.buffer), made on first use, or null
};

constexpr size_t kStreamBuffer = 8192;

// -u or a non-empty PYTHONUNBUFFERED: the standard streams write through.
bool g_unbuffered = [] {
  const char* e = std::getenv("PYTHONUNBUFFERED");
  return e && *e;
}();

extern Type TextStreamType;  // below

inline TextStreamObject* stream(Value v) { return v.as<TextStreamObject>(); }
inline bool is_native_stream(Value v) {
  return !v.is_small() && v.obj()->type == &TextStreamType;
}

Value raise_errno(int err) {
  Value args[2] = {Value::small(err), Value()};
  args[1] = str_from_utf8(std::strerror(err));
  if (!args[1]) return Value();
  Value exc = exception_new(OSError, args, 2);
  decref(args[1]);
  if (!exc) return exc;
  raise_object(exc);
  decref(exc);
  return Value();
}

Value raise_closed() { return raise(ValueError, "I/O operation on closed file."); }

int stream_flush(TextStreamObject* s) {
  size_t done = 0;
  while (done < s->wlen) {
    ssize_t n = ::write(s->fd, s->wbuf + done, s->wlen - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      // What could not be written is dropped (as a failed flush of CPython's buffer does
      // at exit); keeping it would report the same error forever.
      s->wlen = 0;
      raise_errno(err);
      return -1;
    }
    done += size_t(n);
  }
  s->wlen = 0;
  return 0;
}

int stream_write_bytes(TextStreamObject* s, const char* data, size_t n) {
  if (s->closed) {
    raise_closed();
    return -1;
  }
  if (s->wlen + n > s->wcap) {
    if (s->wlen > 0 && stream_flush(s) < 0) return -1;
    if (n >= kStreamBuffer) {
      // Large writes go straight out.
      size_t done = 0;
      while (done < n) {
        ssize_t w = ::write(s->fd, data + done, n - done);
        if (w < 0) {
          if (errno == EINTR) continue;
          raise_errno(errno);
          return -1;
        }
        done += size_t(w);
      }
      return 0;
    }
    if (!s->wbuf) {
      s->wbuf = static_cast<char*>(mem_alloc(kStreamBuffer));
      if (!s->wbuf) {
        raise_no_memory();
        return -1;
      }
      s->wcap = kStreamBuffer;
    }
  }
  std::memcpy(s->wbuf + s->wlen, data, n);
  s->wlen += n;
  if (s->write_through || (s->line_buffered && std::memchr(data, '\n', n)))
    return stream_flush(s);
  return 0;
}

int stream_write_str(TextStreamObject* s, Value s_text) {
  if (!str_has_surrogates(s_text)) {
    std::string_view u = str_utf8(s_text);
    return stream_write_bytes(s, u.data(), u.size());
  }
  // Lone surrogates: the codec decides (strict raises UnicodeEncodeError).
  Value b = text::encode(s_text, "utf-8", s->backslashreplace ? "backslashreplace" : "strict");
  if (!b) return -1;
  int r = stream_write_bytes(s, reinterpret_cast<const char*>(bytes_data(b)),
                             size_t(bytes_size(b)));
  decref(b);
  return r;
}

// Reads more input into rbuf; returns the number of bytes read (0 at end of file).
int64_t stream_fill(TextStreamObject* s) {
  if (s->rpos > 0) {
    std::memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
    s->rlen -= s->rpos;
    s->rpos = 0;
  }
  if (s->rlen + kStreamBuffer > s->rcap) {
    size_t cap = s->rcap ? s->rcap * 2 : kStreamBuffer * 2;
    char* nb = static_cast<char*>(mem_realloc(s->rbuf, cap));
    if (!nb) {
      raise_no_memory();
      return -1;
    }
    s->rbuf = nb;
    s->rcap = cap;
  }
  for (;;) {
    ssize_t n = ::read(s->fd, s->rbuf + s->rlen, s->rcap - s->rlen);
    if (n < 0) {
      if (errno == EINTR) continue;
      raise_errno(errno);
      return -1;
    }
    s->rlen += size_t(n);
    return n;
  }
}

// Makes the next line (through '\n', or at most `limit` bytes when limit >= 0) available
// at rbuf + rpos and returns its length in bytes (0 at the end), -1 on error.
int64_t stream_line_bytes(TextStreamObject* s, int64_t limit) {
  if (s->closed) {
    raise_closed();
    return -1;
  }
  if (!s->readable) {
    raise(OSError, "not readable");
    return -1;
  }
  size_t scanned = 0;  // bytes after rpos known to hold no newline (survives refills)
  for (;;) {
    size_t avail = s->rlen - s->rpos;
    size_t take = 0;
    if (avail > scanned) {
      const char* start = s->rbuf + s->rpos;
      const void* nl = std::memchr(start + scanned, '\n', avail - scanned);
      if (nl) take = size_t(static_cast<const char*>(nl) - start) + 1;
    }
    if (limit >= 0 && (take ? take : avail) >= size_t(limit)) take = size_t(limit);
    if (take > 0 || limit == 0) return int64_t(take);
    scanned = avail;
    int64_t n = stream_fill(s);
    if (n < 0) return -1;
    if (n == 0) return int64_t(s->rlen - s->rpos);  // end of file: the rest is the last line
  }
}

// Makes `limit` bytes (all up to the end of file when limit < 0) available at
// rbuf + rpos and returns how many there are, -1 on error.
int64_t stream_read_bytes(TextStreamObject* s, int64_t limit) {
  if (s->closed) {
    raise_closed();
    return -1;
  }
  if (!s->readable) {
    raise(OSError, "not readable");
    return -1;
  }
  while (limit < 0 || s->rlen - s->rpos < size_t(limit)) {
    int64_t n = stream_fill(s);
    if (n < 0) return -1;
    if (n == 0) break;
  }
  size_t avail = s->rlen - s->rpos;
  return int64_t(limit >= 0 && size_t(limit) < avail ? size_t(limit) : avail);
}

// Takes n bytes at rpos as a str (as_bytes false) or a bytes object.
Value stream_take(TextStreamObject* s, int64_t n, bool as_bytes) {
  std::string_view data(n ? s->rbuf + s->rpos : "", size_t(n));
  Value r = as_bytes ? bytes_from(data) : str_from_utf8(data);
  if (r) s->rpos += size_t(n);
  return r;
}

Value stream_readline(TextStreamObject* s, int64_t limit) {
  int64_t n = stream_line_bytes(s, limit);
  return n < 0 ? Value() : stream_take(s, n, false);
}

Value stream_new(int fd, const char* name, bool readable, bool stderr_like) {
  Object* o = alloc_object(&TextStreamType, sizeof(TextStreamObject));
  if (!o) return Value();
  TextStreamObject* s = reinterpret_cast<TextStreamObject*>(o);
  s->fd = fd;
  s->readable = readable;
  s->writable = !readable;
  // A terminal is line-buffered, and so is stderr always (as CPython 3.9+).
  s->line_buffered = !readable && (stderr_like || ::isatty(fd) == 1);
  s->write_through = !readable && g_unbuffered;
  s->backslashreplace = stderr_like;
  s->name = str_from_utf8(name);
  s->mode = str_from_ascii(readable ? "r" : "w");
  if (!s->name || !s->mode) {
    decref(Value::from(o));
    return Value();
  }
  return Value::from(o);
}

void stream_dealloc(Object* o) {
  TextStreamObject* s = reinterpret_cast<TextStreamObject*>(o);
  if (s->wlen && !s->closed && stream_flush(s) < 0) clear_error();
  mem_free(s->wbuf);
  mem_free(s->rbuf);
  xdecref(s->name);
  xdecref(s->mode);
  xdecref(s->buffer);
  free_object(o);
}

Value stream_repr(Value self) {
  return str_format_c("<_io.TextIOWrapper name=%R mode=%R encoding='utf-8'>", stream(self)->name,
                      stream(self)->mode);
}

Value st_write(Value self, const Value* a, size_t, Value) {
  TextStreamObject* s = stream(self);
  if (!is_str(a[0]))
    return raise(TypeError, "write() argument must be str, not %s", type_name(a[0]));
  if (s->closed) return raise_closed();
  if (!s->writable) return raise(OSError, "not writable");
  if (stream_write_str(s, a[0]) < 0) return Value();
  return int_from_i64(str_length(a[0]));
}

Value st_flush(Value self, const Value*, size_t, Value) {
  TextStreamObject* s = stream(self);
  if (s->closed) return raise_closed();
  if (s->wlen && stream_flush(s) < 0) return Value();
  return None();
}

Value st_close(Value self, const Value*, size_t, Value) {
  TextStreamObject* s = stream(self);
  if (s->closed) return None();
  int r = s->wlen ? stream_flush(s) : 0;
  s->closed = true;  // the descriptor stays open (closefd=False, as CPython's std streams)
  if (r < 0) return Value();
  return None();
}

Value st_fileno(Value self, const Value*, size_t, Value) {
  return Value::small(stream(self)->fd);
}

Value st_isatty(Value self, const Value*, size_t, Value) {
  TextStreamObject* s = stream(self);
  if (s->closed) return raise_closed();
  return Bool(::isatty(s->fd) == 1);
}

Value st_readable(Value self, const Value*, size_t, Value) {
  if (stream(self)->closed) return raise_closed();
  return Bool(stream(self)->readable);
}
Value st_writable(Value self, const Value*, size_t, Value) {
  if (stream(self)->closed) return raise_closed();
  return Bool(stream(self)->writable);
}
Value st_seekable(Value self, const Value*, size_t, Value) {
  if (stream(self)->closed) return raise_closed();
  return False();
}

bool size_arg(const char* fname, const Value* a, size_t nargs, int64_t* out) {
  *out = -1;
  if (!check_positional(fname, nargs, 0, 1)) return false;
  if (nargs == 0 || is_none(a[0])) return true;
  *out = as_ssize(a[0], OverflowError);
  return !(*out == -1 && error_occurred());
}

Value st_readline(Value self, const Value* a, size_t nargs, Value) {
  int64_t limit;
  if (!size_arg("readline", a, nargs, &limit)) return Value();
  return stream_readline(stream(self), limit);
}

Value st_read(Value self, const Value* a, size_t nargs, Value) {
  int64_t limit;
  if (!size_arg("read", a, nargs, &limit)) return Value();
  int64_t n = stream_read_bytes(stream(self), limit);
  return n < 0 ? Value() : stream_take(stream(self), n, false);
}

Value st_readlines(Value self, const Value*, size_t, Value) {
  Value l = list_new(0);
  if (!l) return l;
  for (;;) {
    Value line = stream_readline(stream(self), -1);
    if (!line) {
      decref(l);
      return line;
    }
    if (str_length(line) == 0) {
      decref(line);
      return l;
    }
    int r = list_append(l, line);
    decref(line);
    if (r < 0) {
      decref(l);
      return Value();
    }
  }
}

Value st_enter(Value self, const Value*, size_t, Value) {
  if (stream(self)->closed) return raise_closed();
  return newref(self);
}

Value st_exit(Value self, const Value*, size_t, Value) {
  return st_close(self, nullptr, 0, Value());
}

Value st_iternext(Value self) {
  Value line = stream_readline(stream(self), -1);
  if (line && str_length(line) == 0) {
    decref(line);
    return Value();
  }
  return line;
}

Value st_get_closed(Value self) { return Bool(stream(self)->closed); }
Value st_get_name(Value self) { return newref(stream(self)->name); }
Value st_get_mode(Value self) { return newref(stream(self)->mode); }
Value st_get_encoding(Value) { return intern("utf-8"); }
Value st_get_errors(Value self) {
  return intern(stream(self)->backslashreplace ? "backslashreplace" : "strict");
}
Value st_get_line_buffering(Value self) { return Bool(stream(self)->line_buffered); }
Value st_get_none(Value) { return None(); }

const MethodDef kStreamMethods[] = {
    {"write", st_write, METH_O, nullptr},
    {"flush", st_flush, METH_NOARGS, nullptr},
    {"close", st_close, METH_NOARGS, nullptr},
    {"fileno", st_fileno, METH_NOARGS, nullptr},
    {"isatty", st_isatty, METH_NOARGS, nullptr},
    {"readable", st_readable, METH_NOARGS, nullptr},
    {"writable", st_writable, METH_NOARGS, nullptr},
    {"seekable", st_seekable, METH_NOARGS, nullptr},
    {"readline", st_readline, METH_FASTCALL, nullptr},
    {"read", st_read, METH_FASTCALL, nullptr},
    {"readlines", st_readlines, METH_NOARGS, nullptr},
    {"__enter__", st_enter, METH_NOARGS, nullptr},
    {"__exit__", st_exit, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- sys.stdout.buffer and friends: the same descriptor and buffers, in bytes ------------------

struct BufferObject {
  Object ob;
  Value raw;  // the TextStreamObject whose buffers it shares (so output stays in order)
};

extern Type BufferedWriterType, BufferedReaderType;

inline TextStreamObject* raw_of(Value self) { return stream(self.as<BufferObject>()->raw); }

void buffer_dealloc(Object* o) {
  xdecref(reinterpret_cast<BufferObject*>(o)->raw);
  free_object(o);
}

Value buffer_repr(Value self) {
  return str_format_c("<%s name=%R>", type_name(self), raw_of(self)->name);
}

Value bf_write(Value self, const Value* a, size_t, Value) {
  TextStreamObject* s = raw_of(self);
  std::string_view data;
  if (is_bytes(a[0])) {
    data = std::string_view(reinterpret_cast<const char*>(bytes_data(a[0])),
                            size_t(bytes_size(a[0])));
  } else if (is_instance_of(a[0], &ByteArrayType)) {
    ByteArrayObject* b = a[0].as<ByteArrayObject>();
    data = std::string_view(reinterpret_cast<const char*>(b->data), size_t(b->size));
  } else {
    return raise(TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
  }
  if (s->closed) return raise(ValueError, "write to closed file");
  if (!s->writable) return raise(OSError, "not writable");
  if (stream_write_bytes(s, data.data(), data.size()) < 0) return Value();
  return int_from_i64(int64_t(data.size()));
}

Value bf_flush(Value self, const Value*, size_t, Value) {
  TextStreamObject* s = raw_of(self);
  if (s->closed) return raise(ValueError, "flush of closed file");
  if (s->wlen && stream_flush(s) < 0) return Value();
  return None();
}

Value bf_read(Value self, const Value* a, size_t nargs, Value) {
  int64_t limit;
  if (!size_arg("read", a, nargs, &limit)) return Value();
  int64_t n = stream_read_bytes(raw_of(self), limit);
  return n < 0 ? Value() : stream_take(raw_of(self), n, true);
}

Value bf_readline(Value self, const Value* a, size_t nargs, Value) {
  int64_t limit;
  if (!size_arg("readline", a, nargs, &limit)) return Value();
  int64_t n = stream_line_bytes(raw_of(self), limit);
  return n < 0 ? Value() : stream_take(raw_of(self), n, true);
}

Value bf_iternext(Value self) {
  int64_t n = stream_line_bytes(raw_of(self), -1);
  if (n <= 0) return Value();
  return stream_take(raw_of(self), n, true);
}

Value bf_fileno(Value self, const Value*, size_t, Value) { return Value::small(raw_of(self)->fd); }
Value bf_isatty(Value self, const Value*, size_t, Value) {
  return Bool(::isatty(raw_of(self)->fd) == 1);
}
Value bf_get_closed(Value self) { return Bool(raw_of(self)->closed); }
Value bf_get_name(Value self) { return Value::small(raw_of(self)->fd); }
Value bf_get_raw(Value self) { return newref(self); }

const MethodDef kBufferMethods[] = {
    {"write", bf_write, METH_O, nullptr},
    {"flush", bf_flush, METH_NOARGS, nullptr},
    {"read", bf_read, METH_FASTCALL, nullptr},
    {"readline", bf_readline, METH_FASTCALL, nullptr},
    {"fileno", bf_fileno, METH_NOARGS, nullptr},
    {"isatty", bf_isatty, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kBufferGetSet[] = {
    {"closed", bf_get_closed, nullptr, nullptr},
    {"name", bf_get_name, nullptr, nullptr},
    {"raw", bf_get_raw, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type make_buffer_type(const char* name) {
  Type t{};
  t.ob.refcnt = kImmortal;
  t.ob.type = &TypeType;
  t.name = name;
  t.base = &ObjectType;
  t.basicsize = sizeof(BufferObject);
  t.dealloc = buffer_dealloc;
  t.repr = buffer_repr;
  t.getattr = generic_getattr;
  t.setattr = generic_setattr;
  t.iter = iter_self;
  t.iternext = bf_iternext;
  t.methods = kBufferMethods;
  t.getset = kBufferGetSet;
  return t;
}
Type BufferedWriterType = make_buffer_type("_io.BufferedWriter");
Type BufferedReaderType = make_buffer_type("_io.BufferedReader");

Value st_get_buffer(Value self) {
  TextStreamObject* s = stream(self);
  if (!s->buffer) {
    Type* t = s->readable ? &BufferedReaderType : &BufferedWriterType;
    if (!has_flag(t, TF_READY) && type_ready(t) < 0) return Value();
    Object* o = alloc_object(t, sizeof(BufferObject));
    if (!o) return Value();
    reinterpret_cast<BufferObject*>(o)->raw = newref(self);
    // The stream keeps its buffer: the standard streams live for the whole run, so the
    // reference cycle between them is never collected (nor needs to be).
    s->buffer = Value::from(o);
  }
  return newref(s->buffer);
}

const GetSetDef kStreamGetSet[] = {
    {"buffer", st_get_buffer, nullptr, nullptr},
    {"closed", st_get_closed, nullptr, nullptr},
    {"name", st_get_name, nullptr, nullptr},
    {"mode", st_get_mode, nullptr, nullptr},
    {"encoding", st_get_encoding, nullptr, nullptr},
    {"errors", st_get_errors, nullptr, nullptr},
    {"line_buffering", st_get_line_buffering, nullptr, nullptr},
    {"newlines", st_get_none, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Type TextStreamType = [] {
  Type t{};
  t.ob.refcnt = kImmortal;
  t.ob.type = &TypeType;
  t.name = "_io.TextIOWrapper";
  t.base = &ObjectType;
  t.basicsize = sizeof(TextStreamObject);
  t.dealloc = stream_dealloc;
  t.repr = stream_repr;
  t.getattr = generic_getattr;
  t.setattr = generic_setattr;
  t.iter = iter_self;
  t.iternext = st_iternext;
  t.methods = kStreamMethods;
  t.getset = kStreamGetSet;
  return t;
}();

// The native streams behind sys.__stdin__/__stdout__/__stderr__, made on first use (so
// that output before the sys module exists still has somewhere to go).
Value g_std[3];

Value std_stream(int fd) {
  if (!g_std[fd]) {
    if (!has_flag(&TextStreamType, TF_READY) && type_ready(&TextStreamType) < 0) return Value();
    static const char* const names[] = {"<stdin>", "<stdout>", "<stderr>"};
    g_std[fd] = stream_new(fd, names[fd], fd == 0, fd == 2);
  }
  return g_std[fd];
}

// -- Struct sequences ------------------------------------------------------------------------

// A tuple subclass whose items are also attributes (sys.version_info.major), printed as
// "sys.version_info(major=3, ...)". Instances cannot be created from Python.
struct StructSeqDef {
  Type* type;
  const char* name;
  const char* const* fields;
  int nfields;
  MemberDef* members;  // nfields + 1 entries
};

Value structseq_repr(Value self) {
  Type* t = type_of(self);
  std::string out = t->name;
  out += '(';
  int64_t n = tuple_size(self);
  const MemberDef* m = t->members;
  for (int64_t i = 0; i < n; i++) {
    if (i) out += ", ";
    out += m && m[i].name ? m[i].name : "?";
    out += '=';
    std::string r = repr_utf8(tuple_item(self, i));
    if (error_occurred()) return Value();
    out += r;
  }
  out += ')';
  return str_from_utf8(out);
}

Value structseq_no_new(Type* type, const Value*, size_t, Value) {
  return raise(TypeError, "cannot create '%s' instances", type->name);
}

int structseq_ready(const StructSeqDef& def) {
  Type* t = def.type;
  if (has_flag(t, TF_READY)) return 0;
  for (int i = 0; i < def.nfields; i++) {
    def.members[i] = MemberDef{def.fields[i], MemberKind::ReadOnlyObject,
                               offsetof(TupleObject, items) + size_t(i) * sizeof(Value), true,
                               nullptr};
  }
  def.members[def.nfields] = MemberDef{nullptr, MemberKind::Object, 0, false, nullptr};
  t->ob.refcnt = kImmortal;
  t->ob.type = &TypeType;
  t->name = def.name;
  t->base = &TupleType;
  t->flags = TF_TUPLE_SUBCLASS | TF_IMMUTABLE | TF_SEQUENCE | (TupleType.flags & TF_HAVE_GC);
  t->basicsize = TupleType.basicsize ? TupleType.basicsize : sizeof(TupleObject);
  t->itemsize = sizeof(Value);
  t->repr = structseq_repr;
  t->new_ = structseq_no_new;
  t->members = def.members;
  return type_ready(t);
}

// A new instance of a struct sequence type; steals the items.
Value structseq_new(Type* t, std::initializer_list<Value> items) {
  int64_t n = int64_t(items.size());
  for (Value v : items) {
    if (!v) {
      for (Value w : items) xdecref(w);
      return Value();
    }
  }
  size_t size = (t->basicsize + size_t(n) * sizeof(Value) + 7) & ~size_t(7);
  Object* o = alloc_object(t, size);
  if (!o) {
    for (Value w : items) decref(w);
    return Value();
  }
  TupleObject* tup = reinterpret_cast<TupleObject*>(o);
  tup->size = n;
  tup->hash = -1;
  int64_t i = 0;
  for (Value v : items) tup->items[i++] = v;
  if (has_flag(t, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

Type VersionInfoType, FlagsType, FloatInfoType, IntInfoType, HashInfoType, ThreadInfoType;

const char* const kVersionInfoFields[] = {"major", "minor", "micro", "releaselevel", "serial"};
const char* const kFlagsFields[] = {
    "debug",          "inspect",    "interactive",       "optimize",
    "dont_write_bytecode", "no_user_site", "no_site",    "ignore_environment",
    "verbose",        "bytes_warning", "quiet",          "hash_randomization",
    "isolated",       "dev_mode",   "utf8_mode",         "warn_default_encoding",
    "safe_path",      "int_max_str_digits"};
const char* const kFloatInfoFields[] = {"max", "max_exp", "max_10_exp", "min",
                                        "min_exp", "min_10_exp", "dig", "mant_dig",
                                        "epsilon", "radix", "rounds"};
const char* const kIntInfoFields[] = {"bits_per_digit", "sizeof_digit",
                                      "default_max_str_digits", "str_digits_check_threshold"};
const char* const kHashInfoFields[] = {"width", "modulus", "inf", "nan", "imag",
                                       "algorithm", "hash_bits", "seed_bits", "cutoff"};
const char* const kThreadInfoFields[] = {"name", "lock", "version"};
MemberDef g_thread_members[4];
MemberDef g_version_members[6], g_flags_members[19], g_float_members[12], g_int_members[5],
    g_hash_members[10];

// -- types.SimpleNamespace (for sys.implementation) ----------------------------------------------

struct NamespaceObject {
  Object ob;
  Value dict;
};

Type NamespaceType;

void namespace_dealloc(Object* o) {
  xdecref(reinterpret_cast<NamespaceObject*>(o)->dict);
  free_object(o);
}

Value namespace_repr(Value self) {
  Type* t = type_of(self);
  std::string out = t == &NamespaceType ? "namespace" : std::string(t->name);
  int r = repr_enter(self);
  if (r < 0) return Value();
  if (r > 0) return str_from_utf8(out + "(...)");
  out += '(';
  Value d = self.as<NamespaceObject>()->dict;
  int64_t pos = 0;
  Value k, v;
  bool first = true;
  while (d && dict_next(d, &pos, &k, &v)) {
    if (!is_str(k)) continue;
    if (!first) out += ", ";
    first = false;
    out += str_utf8(k);
    out += '=';
    std::string vr = repr_utf8(v);
    if (error_occurred()) {
      repr_leave(self);
      return Value();
    }
    out += vr;
  }
  repr_leave(self);
  out += ')';
  return str_from_utf8(out);
}

int namespace_ready() {
  Type* t = &NamespaceType;
  if (has_flag(t, TF_READY)) return 0;
  t->ob.refcnt = kImmortal;
  t->ob.type = &TypeType;
  t->name = "types.SimpleNamespace";
  t->base = &ObjectType;
  t->flags = TF_BASETYPE;
  t->basicsize = sizeof(NamespaceObject);
  t->dictoffset = offsetof(NamespaceObject, dict);
  t->dealloc = namespace_dealloc;
  t->repr = namespace_repr;
  t->getattr = generic_getattr;
  t->setattr = generic_setattr;
  return type_ready(t);
}

// -- sys functions ---------------------------------------------------------------------------

Value sys_exit(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("exit", nargs, 0, 1)) return Value();
  // As PyErr_SetObject(SystemExit, status): None means no arguments, a tuple is the
  // arguments, a SystemExit instance is raised as it is.
  if (nargs == 0 || is_none(a[0])) return raise_object(Value::from(SystemExit));
  Value status = a[0];
  if (is_instance_of(status, SystemExit)) return raise_object(status);
  if (is_tuple(status)) {
    Value exc = exception_new(SystemExit, tuple_items(status), size_t(tuple_size(status)));
    if (!exc) return exc;
    raise_object(exc);
    decref(exc);
    return Value();
  }
  return raise_value(SystemExit, status);
}

Value sys_getrecursionlimit(Value, const Value*, size_t, Value) {
  return int_from_i64(thread.recursion_limit);
}

// An argument converted as Argument Clinic's "i" (a C int).
bool c_int_arg(Value v, int* out) {
  Value i = number_index(v);
  if (!i) return false;
  int64_t x;
  bool fits = int_to_i64(i, &x) && x >= INT_MIN && x <= INT_MAX;
  decref(i);
  if (!fits) {
    raise(OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(x);
  return true;
}

Value sys_setrecursionlimit(Value, const Value* a, size_t, Value) {
  int limit;
  if (!c_int_arg(a[0], &limit)) return Value();
  if (limit < 1) return raise(ValueError, "recursion limit must be greater or equal than 1");
  if (thread.recursion_depth >= limit) {
    return raise(RecursionError,
                 "cannot set the recursion limit to %d at the recursion depth %d: the limit "
                 "is too low",
                 limit, thread.recursion_depth);
  }
  thread.recursion_limit = limit;
  return None();
}

Value sys_getrefcount(Value, const Value* a, size_t, Value) {
  if (a[0].is_small()) return int_from_i64(kImmortal);
  return int_from_i64(a[0].obj()->refcnt);
}

Value sys_intern(Value, const Value* a, size_t, Value) {
  Value s = a[0];
  if (!is_str(s)) return raise(TypeError, "intern() argument must be str, not %s", type_name(s));
  if (!is_exact_str(s)) return raise(TypeError, "can't intern %s", type_name(s));
  return str_intern(newref(s));
}

Value sys_getdefaultencoding(Value, const Value*, size_t, Value) { return intern("utf-8"); }
Value sys_getfilesystemencoding(Value, const Value*, size_t, Value) { return intern("utf-8"); }
Value sys_getfilesystemencodeerrors(Value, const Value*, size_t, Value) {
  return intern("surrogateescape");
}

Value handled_exception() {
  Value e = current_handled_exception();
  return e && !is_none(e) ? e : Value();
}

Value sys_exception(Value, const Value*, size_t, Value) {
  Value e = handled_exception();
  return e ? newref(e) : None();
}

Value sys_exc_info(Value, const Value*, size_t, Value) {
  Value e = handled_exception();
  if (!e) return tuple_pack({None(), None(), None()});
  Value tb = is_exception(e) ? e.as<BaseExceptionObject>()->traceback : Value();
  return tuple_pack({Value::from(type_of(e)), e, tb ? tb : None()});
}

Value sys_getframe_fn(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("_getframe", nargs, 0, 1)) return Value();
  int depth = 0;
  if (nargs == 1 && !c_int_arg(a[0], &depth)) return Value();
  return sys_getframe(depth);
}

Value sys_displayhook(Value, const Value* a, size_t, Value) {
  Value o = a[0];
  if (is_none(o)) return None();
  Value builtins = builtins_module();
  Value underscore = intern("_");
  if (builtins && setattr(builtins, underscore, None()) < 0) return Value();
  Value out = sys_get("stdout");
  if (!out || is_none(out)) return raise(RuntimeError, "lost sys.stdout");
  Ref hold(newref(out));
  Value r = repr(o);
  if (!r) return r;
  int w = file_write_str(out, r);
  decref(r);
  if (w < 0 || file_write_utf8(out, "\n") < 0) return Value();
  if (builtins && setattr(builtins, underscore, o) < 0) return Value();
  return None();
}

Value sys_excepthook(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("excepthook", nargs, 3, 3)) return Value();
  if (!is_exception(a[1])) {
    return raise(TypeError, "print_exception(): Exception expected for value, %s found",
                 type_name(a[1]));
  }
  print_exception(a[1]);
  return None();
}

Value sys_get_int_max_str_digits(Value, const Value*, size_t, Value) {
  return int_from_i64(int_max_str_digits);
}

Value sys_set_int_max_str_digits(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"maxdigits"};
  ArgSpec spec{"set_int_max_str_digits", kNames, 1, 0, 1, 1};
  Value arg;
  if (!unpack_keywords(spec, a, nargs, kwnames, &arg)) return Value();
  int n;
  if (!c_int_arg(arg, &n)) return Value();
  if (n != 0 && n < kIntMaxStrDigitsThreshold) {
    return raise(ValueError, "maxdigits must be 0 or larger than %d",
                 int(kIntMaxStrDigitsThreshold));
  }
  int_max_str_digits = n;
  return None();
}

// sys.getsizeof(obj[, default]): obj.__sizeof__() plus the collector's header for GC
// objects (as CPython); types without __sizeof__ report their instance size.
Value sys_getsizeof(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"object", "default"};
  ArgSpec spec{"getsizeof", kNames, 2, 0, 1, 2};
  Value args[2];
  if (!unpack_keywords(spec, a, nargs, kwnames, args)) return Value();
  Value obj = args[0];
  Type* t = type_of(obj);
  int64_t size;
  if (Value meth = lookup_special(obj, STRATA_NAME(__sizeof__))) {
    Value r;
    if (has_flag(type_of(meth), TF_METHOD_DESCRIPTOR)) {
      r = call(meth, &obj, 1);
    } else if (DescrGetFn f = type_of(meth)->descr_get) {
      Value bound = f(meth, obj, Value::from(t));
      r = bound ? call0(bound) : Value();
      xdecref(bound);
    } else {
      r = call0(meth);
    }
    if (!r) {
      if (args[1] && error_matches(TypeError)) {
        clear_error();
        return newref(args[1]);
      }
      return r;
    }
    size = as_ssize(r, OverflowError);
    decref(r);
    if (size == -1 && error_occurred()) return Value();
    if (size < 0) return raise(ValueError, "__sizeof__() should return >= 0");
  } else {
    size = int64_t(t->basicsize);
    if (t->itemsize) {
      int64_t n = obj.is_small() ? 0 : reinterpret_cast<VarObject*>(obj.obj())->size;
      size += n * int64_t(t->itemsize);
    }
  }
  if (has_flag(t, TF_HAVE_GC)) size += int64_t(sizeof(GCHeader));
  return int_from_i64(size);
}

Value sys_is_finalizing(Value, const Value*, size_t, Value) { return False(); }
Value sys_getswitchinterval(Value, const Value*, size_t, Value) { return float_new(0.005); }
Value sys_audit(Value, const Value* a, size_t nargs, Value) {
  if (nargs == 0) return raise(TypeError, "audit() missing 1 required positional argument: 'event'");
  if (!is_str(a[0])) {
    return raise(TypeError, "expected str for argument 'event', not %s", type_name(a[0]));
  }
  return None();
}

constexpr uint32_t kFast = METH_FASTCALL;

const MethodDef kSysMethods[] = {
    {"_getframe", sys_getframe_fn, kFast, "Return a frame object from the call stack."},
    {"audit", sys_audit, kFast, "Passes the event to any audit hooks that are attached."},
    {"displayhook", sys_displayhook, METH_O, "Print an object to sys.stdout and also save it in builtins._"},
    {"exc_info", sys_exc_info, METH_NOARGS, "Return current exception information: (type, value, traceback)."},
    {"excepthook", sys_excepthook, kFast, "Handle an exception by displaying it with a traceback on sys.stderr."},
    {"exception", sys_exception, METH_NOARGS, "Return the current exception."},
    {"exit", sys_exit, kFast, "Exit the interpreter by raising SystemExit(status)."},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS,
     "Return the maximum string digits limit for non-binary int<->str conversions."},
    {"getdefaultencoding", sys_getdefaultencoding, METH_NOARGS, "Return the current default encoding."},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, METH_NOARGS,
     "Return the error mode used for file names."},
    {"getfilesystemencoding", sys_getfilesystemencoding, METH_NOARGS,
     "Return the encoding used for file names."},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, "Return the current recursion limit."},
    {"getrefcount", sys_getrefcount, METH_O, "Return the reference count of object."},
    {"getsizeof", sys_getsizeof, METH_FASTCALL | METH_KEYWORDS, "Return the size of object in bytes."},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, "Return the thread switch interval."},
    {"intern", sys_intern, METH_O, "Intern the given string."},
    {"is_finalizing", sys_is_finalizing, METH_NOARGS, "Return True if Python is exiting."},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, METH_FASTCALL | METH_KEYWORDS,
     "Set the maximum string digits limit for non-binary int<->str conversions."},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, "Set the maximum depth of the interpreter stack."},
    {nullptr, nullptr, 0, nullptr},
};

// -- Module initialization --------------------------------------------------------------------

std::string executable_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return std::string();
  return std::string(buf, size_t(n));
}

// Sets d[name] = v and releases v (a new reference, or null after an error).
int put(Value d, const char* name, Value v) {
  if (!v) return -1;
  int r = dict_set_cstr(d, name, v);
  decref(v);
  return r;
}

Value str_value(const char* s) { return str_from_utf8(s); }

int sys_init(Value module) {
  // As CPython at start-up: a write to a closed pipe raises BrokenPipeError instead of
  // killing the process.
  std::signal(SIGPIPE, SIG_IGN);
  Value d = module_dict(module);
  Value modname = intern("sys");
  for (const MethodDef* m = kSysMethods; m->name; m++) {
    if (dict_get_cstr(d, m->name)) continue;  // the importer added the methods already
    if (put(d, m->name, builtin_function_new(m, module, modname)) < 0) return -1;
  }

  static const StructSeqDef seqs[] = {
      {&VersionInfoType, "sys.version_info", kVersionInfoFields, 5, g_version_members},
      {&FlagsType, "sys.flags", kFlagsFields, 18, g_flags_members},
      {&FloatInfoType, "sys.float_info", kFloatInfoFields, 11, g_float_members},
      {&IntInfoType, "sys.int_info", kIntInfoFields, 4, g_int_members},
      {&HashInfoType, "sys.hash_info", kHashInfoFields, 9, g_hash_members},
      {&ThreadInfoType, "sys.thread_info", kThreadInfoFields, 3, g_thread_members},
  };
  for (const StructSeqDef& s : seqs) {
    if (structseq_ready(s) < 0) return -1;
  }
  if (namespace_ready() < 0) return -1;

  // The streams.
  static const char* const stream_names[3][2] = {
      {"stdin", "__stdin__"}, {"stdout", "__stdout__"}, {"stderr", "__stderr__"}};
  for (int fd = 0; fd < 3; fd++) {
    Value s = std_stream(fd);
    if (!s) return -1;
    if (dict_set_cstr(d, stream_names[fd][0], s) < 0) return -1;
    if (dict_set_cstr(d, stream_names[fd][1], s) < 0) return -1;
  }
  for (const char* hook : {"displayhook", "excepthook"}) {
    Value f = dict_get_cstr(d, hook);
    std::string dunder = std::string("__") + hook + "__";
    if (f && dict_set_cstr(d, dunder.c_str(), f) < 0) return -1;
  }

  // Import state.
  if (dict_set_cstr(d, "modules", sys_modules_dict()) < 0) return -1;
  if (put(d, "path", list_new(0)) < 0 || put(d, "argv", list_new(0)) < 0 ||
      put(d, "orig_argv", list_new(0)) < 0 || put(d, "meta_path", list_new(0)) < 0 ||
      put(d, "path_hooks", list_new(0)) < 0 || put(d, "path_importer_cache", dict_new()) < 0 ||
      put(d, "warnoptions", list_new(0)) < 0 || put(d, "_xoptions", dict_new()) < 0 ||
      put(d, "builtin_module_names", builtin_module_names()) < 0)
    return -1;
  if (dict_set_cstr(d, "dont_write_bytecode", False()) < 0 ||
      dict_set_cstr(d, "pycache_prefix", None()) < 0)
    return -1;

  // Facts about the interpreter.
  std::string version = std::string("3.11.2 (main, strata " STRATA_VERSION ") [GCC ") +
                        __VERSION__ + "]";
  if (put(d, "version", str_from_utf8(version)) < 0 ||
      put(d, "hexversion", int_from_i64(0x030B02F0)) < 0 ||
      put(d, "api_version", int_from_i64(1013)) < 0 ||
      put(d, "maxsize", int_from_i64(INT64_MAX)) < 0 ||
      put(d, "maxunicode", int_from_i64(0x10FFFF)) < 0 ||
      put(d, "byteorder", str_value("little")) < 0 || put(d, "platform", str_value("linux")) < 0 ||
      put(d, "executable", str_from_utf8(executable_path())) < 0 ||
      put(d, "_base_executable", str_from_utf8(executable_path())) < 0 ||
      put(d, "prefix", str_value("/usr")) < 0 || put(d, "base_prefix", str_value("/usr")) < 0 ||
      put(d, "exec_prefix", str_value("/usr")) < 0 ||
      put(d, "base_exec_prefix", str_value("/usr")) < 0 ||
      put(d, "platlibdir", str_value("lib")) < 0 || put(d, "abiflags", str_value("")) < 0 ||
      put(d, "float_repr_style", str_value("short")) < 0)
    return -1;

  Value version_info = structseq_new(&VersionInfoType,
                                     {Value::small(3), Value::small(11), Value::small(2),
                                      str_value("final"), Value::small(0)});
  if (!version_info) return -1;
  if (dict_set_cstr(d, "version_info", version_info) < 0) {
    decref(version_info);
    return -1;
  }
  // sys.implementation: a namespace (cache_tag None: no bytecode files of CPython's kind).
  Object* ns = alloc_object(&NamespaceType, sizeof(NamespaceObject));
  if (!ns) {
    decref(version_info);
    return -1;
  }
  Value nsv = Value::from(ns);
  Value nsd = dict_new();
  reinterpret_cast<NamespaceObject*>(ns)->dict = nsd;
  if (!nsd || put(nsd, "name", str_value("strata")) < 0 ||
      dict_set_cstr(nsd, "cache_tag", None()) < 0 ||
      dict_set_cstr(nsd, "version", version_info) < 0 ||
      put(nsd, "hexversion", int_from_i64(0x030B02F0)) < 0 ||
      put(nsd, "_multiarch", str_value("x86_64-linux-gnu")) < 0) {
    decref(version_info);
    decref(nsv);
    return -1;
  }
  decref(version_info);
  if (put(d, "implementation", nsv) < 0) return -1;

  auto small = [](int64_t i) { return Value::small(i); };
  if (put(d, "flags",
          structseq_new(&FlagsType, {small(0), small(0), small(0), small(0), small(0),
                                     small(0), small(0), small(0), small(0), small(0),
                                     small(0), small(0), small(0), False(), small(0),
                                     small(0), False(), small(-1)})) < 0)
    return -1;
  if (put(d, "float_info",
          structseq_new(&FloatInfoType,
                        {float_new(DBL_MAX), small(DBL_MAX_EXP), small(DBL_MAX_10_EXP),
                         float_new(DBL_MIN), small(DBL_MIN_EXP), small(DBL_MIN_10_EXP),
                         small(DBL_DIG), small(DBL_MANT_DIG), float_new(DBL_EPSILON),
                         small(FLT_RADIX), small(1)})) < 0)
    return -1;
  if (put(d, "int_info",
          structseq_new(&IntInfoType, {small(30), small(4), small(kIntMaxStrDigitsDefault),
                                       small(kIntMaxStrDigitsThreshold)})) < 0)
    return -1;
  if (put(d, "hash_info",
          structseq_new(&HashInfoType,
                        {small(64), small((int64_t(1) << 61) - 1), small(314159), small(0),
                         small(1000003), str_value("siphash13"), small(64), small(128),
                         small(0)})) < 0)
    return -1;

  // sys.thread_info describes the C library's threads, as CPython's does on Linux.
  char libpthread[64] = "";
  size_t got = ::confstr(_CS_GNU_LIBPTHREAD_VERSION, libpthread, sizeof libpthread);
  if (put(d, "thread_info",
          structseq_new(&ThreadInfoType, {str_value("pthread"), str_value("semaphore"),
                                          got > 0 ? str_value(libpthread) : None()})) < 0)
    return -1;

  if (g_sys_module) decref(g_sys_module);
  g_sys_module = newref(module);
  g_sys_dict = d;
  return 0;
}

}  // namespace



// -- The interface of stdlib/sys.h ---------------------------------------------------------------

Value sys_modules_dict() {
  static Value modules = dict_new();
  return modules;
}

Value sys_get(const char* name) {
  if (!g_sys_dict) {
    // Before sys exists, its streams are the native ones.
    if (std::strcmp(name, "stdout") == 0) return std_stream(1);
    if (std::strcmp(name, "stderr") == 0) return std_stream(2);
    if (std::strcmp(name, "stdin") == 0) return std_stream(0);
    if (std::strcmp(name, "modules") == 0) return sys_modules_dict();
    return Value();
  }
  Value v = dict_get_cstr(g_sys_dict, name);
  if (!v && error_occurred()) clear_error();
  return v;
}

Value sys_stdout() {
  if (!g_sys_dict) return std_stream(1);
  Value v = dict_get_str(g_sys_dict, STRATA_NAME(stdout));
  if (!v && error_occurred()) clear_error();
  return v;
}

int sys_set(const char* name, Value v) {
  if (!g_sys_dict) {
    raise(RuntimeError, "sys module is not initialized");
    return -1;
  }
  return dict_set_cstr(g_sys_dict, name, v);
}

int file_write_str(Value file, Value text) {
  if (is_native_stream(file)) {
    TextStreamObject* s = stream(file);
    if (s->closed) {
      raise_closed();
      return -1;
    }
    return stream_write_str(s, text);
  }
  Value r = call_method1(file, STRATA_NAME(write), text);
  if (!r) return -1;
  decref(r);
  return 0;
}

int file_write_utf8(Value file, std::string_view text) {
  if (is_native_stream(file)) return stream_write_bytes(stream(file), text.data(), text.size());
  Value s = str_from_utf8(text);
  if (!s) return -1;
  int r = file_write_str(file, s);
  decref(s);
  return r;
}

void set_std_streams_unbuffered() {
  g_unbuffered = true;
  for (Value s : g_std) {
    if (s && !stream(s)->readable) stream(s)->write_through = true;
  }
}

int flush_std_streams() {
  int status = 0;
  const char* names[2] = {"stdout", "stderr"};
  for (int i = 0; i < 2; i++) {
    Value f = sys_get(names[i]);
    if (!f || is_none(f)) continue;
    int r;
    if (is_native_stream(f)) {
      TextStreamObject* s = stream(f);
      r = s->closed || s->wlen == 0 ? 0 : stream_flush(s);
    } else {
      Value res = call_method0(f, STRATA_NAME(flush));
      r = res ? 0 : -1;
      xdecref(res);
    }
    if (r < 0) {
      write_unraisable(f);
      if (i == 0) status = -1;
    }
  }
  // The original streams too, when sys.stdout/stderr were replaced.
  for (int fd = 1; fd < 3; fd++) {
    if (!g_std[fd]) continue;
    TextStreamObject* s = stream(g_std[fd]);
    if (!s->closed && s->wlen && stream_flush(s) < 0) clear_error();
  }
  return status;
}

const BuiltinModuleDef sys_module_def = {
    "sys",
    sys_init,
    kSysMethods,
    "The interpreter's state and facts: sys.modules, sys.path, sys.argv, the standard\n"
    "streams, the recursion limit, version information.",
};

}  // namespace strata
