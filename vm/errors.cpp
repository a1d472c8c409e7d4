// vm/errors.cpp — the error state of the thread (CPython's Python/errors.c): raising with
// a formatted message, `raise X` / `raise X from Y`, implicit chaining of __context__,
// fetch/restore/clear, and the "Exception ignored in" report for unraisable errors.
//
// The current exception is one exception instance in thread.current_exception (3.12's
// model); its traceback is its __traceback__. Raising chains the new exception to the
// exception being handled (the `except` block in progress) exactly as _PyErr_SetObject
// does, so every raise from C++ code gets the same __context__ a Python `raise` would.
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/exceptions.h"
#include "vm/interp.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {

namespace {

// The exception being handled (sys.exc_info()[1]), or null. The interpreter keeps it in
// thread.handled_exception; anything that is not an exception instance counts as none.
Value handled_exception() {
  Value h = current_handled_exception();  // through generators' callers (vm/runtime.cpp)
  return (h && is_exception(h)) ? h : Value();
}

BaseExceptionObject* as_exc(Value v) { return v.as<BaseExceptionObject>(); }

// Implicit chaining (_PyErr_SetObject): exc.__context__ = the handled exception, after
// cutting exc out of the handled exception's context chain so that no cycle is made.
// The chain walk uses Floyd's tortoise and hare, because user code may have already
// made a cycle there, which must not hang us.
void chain_to_handled(Value exc) {
  Value handled = handled_exception();
  if (!handled || handled == exc) return;
  Value o = handled;
  Value slow = handled;
  bool slow_update = false;
  for (;;) {
    Value ctx = as_exc(o)->context;
    if (!ctx) break;
    if (ctx == exc) {
      clear_ref(&as_exc(o)->context);
      break;
    }
    o = ctx;
    if (o == slow) break;  // a pre-existing cycle: leave it
    if (slow_update) slow = as_exc(slow)->context;
    slow_update = !slow_update;
  }
  set_ref(&as_exc(exc)->context, newref(handled));
}

// Makes exc (stolen, an exception instance) the current exception, chained.
void set_raised(Value exc) {
  chain_to_handled(exc);
  restore_error(exc);
}

// type(value) as the exception to raise (value borrowed): value itself when it already is
// an instance of type. Null with an exception set when creating it failed.
Value make_exception(Type* type, Value value) {
  if (value && is_instance_of(value, type)) return newref(value);
  if (value) return exception_new(type, &value, 1);
  return exception_new(type, nullptr, 0);
}

// -- Message formatting -----------------------------------------------------------------------

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Characters in UTF-8 text (continuation bytes do not start one).
size_t utf8_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `chars` characters of UTF-8 text.
std::string_view utf8_prefix(std::string_view s, size_t chars) {
  size_t i = 0;
  size_t seen = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) break;
      ++seen;
    }
    ++i;
  }
  return s.substr(0, i);
}

// Appends `text` padded to `width` characters (right-aligned unless `left`).
void append_padded(std::string& out, std::string_view text, long width, bool left, char fill) {
  size_t n = utf8_chars(text);
  size_t pad = (width > 0 && size_t(width) > n) ? size_t(width) - n : 0;
  if (!left && fill == '0' && pad && !text.empty() && (text[0] == '-' || text[0] == '+')) {
    out += text[0];
    out.append(pad, '0');
    out += text.substr(1);
    return;
  }
  if (!left) out.append(pad, fill);
  out += text;
  if (left) out.append(pad, ' ');
}

// Appends the UTF-8 of a str Value (a str is required; anything else reads as "?").
void append_str_value(std::string& out, Value s, long precision) {
  if (!is_str(s)) {
    out += '?';
    return;
  }
  std::string_view text = str_utf8(s);
  if (precision >= 0) text = utf8_prefix(text, size_t(precision));
  out += text;
}

}  // namespace

// The formatter behind raise(), chain_error() and format_text(): CPython's
// PyUnicode_FromFormatV directives (see vm/object.h), with flags '-' and '0', a width and a
// precision. Widths count characters; a precision counts bytes for %s and characters for
// the object directives, as in CPython.
static Value format_text_v(const char* fmt, va_list ap) {
  std::string out;
  for (const char* p = fmt; *p; ++p) {
    if (*p != '%') {
      out += *p;
      continue;
    }
    const char* start = p++;
    if (*p == '%') {
      out += '%';
      continue;
    }
    bool left = false;
    char fill = ' ';
    for (;; ++p) {
      if (*p == '-') left = true;
      else if (*p == '0') fill = '0';
      else break;
    }
    long width = -1;
    if (*p == '*') {
      width = va_arg(ap, int);
      ++p;
    } else if (*p >= '0' && *p <= '9') {
      width = 0;
      while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    }
    long precision = -1;
    if (*p == '.') {
      ++p;
      precision = 0;
      if (*p == '*') {
        precision = va_arg(ap, int);
        ++p;
      } else {
        while (*p >= '0' && *p <= '9') precision = precision * 10 + (*p++ - '0');
      }
    }
    int longs = 0;  // 1: l, 2: ll
    bool size_t_mod = false;
    if (*p == 'l') {
      ++longs;
      ++p;
      if (*p == 'l') {
        ++longs;
        ++p;
      }
    } else if (*p == 'z') {
      size_t_mod = true;
      ++p;
    }
    char buf[64];
    std::string piece;
    switch (*p) {
      case 'c': {
        int cp = va_arg(ap, int);
        append_utf8(piece, uint32_t(cp));
        break;
      }
      case 'd':
      case 'i': {
        long long v = size_t_mod ? (long long)va_arg(ap, ptrdiff_t)
                      : longs == 2 ? va_arg(ap, long long)
                      : longs == 1 ? (long long)va_arg(ap, long)
                                   : (long long)va_arg(ap, int);
        std::snprintf(buf, sizeof buf, "%lld", v);
        piece = buf;
        if (precision > long(piece.size())) piece.insert(0, size_t(precision) - piece.size(), '0');
        break;
      }
      case 'u':
      case 'x':
      case 'X': {
        unsigned long long v = size_t_mod ? (unsigned long long)va_arg(ap, size_t)
                               : longs == 2 ? va_arg(ap, unsigned long long)
                               : longs == 1 ? (unsigned long long)va_arg(ap, unsigned long)
                                            : (unsigned long long)va_arg(ap, unsigned int);
        std::snprintf(buf, sizeof buf, *p == 'u' ? "%llu" : *p == 'x' ? "%llx" : "%llX", v);
        piece = buf;
        if (precision > long(piece.size())) piece.insert(0, size_t(precision) - piece.size(), '0');
        break;
      }
      case 'p': {
        void* v = va_arg(ap, void*);
        std::snprintf(buf, sizeof buf, "%p", v);
        piece = buf;
        if (piece.rfind("0x", 0) != 0) piece.insert(0, "0x");
        break;
      }
      case 's': {
        const char* s = va_arg(ap, const char*);
        std::string_view text = s ? s : "(null)";
        if (precision >= 0 && size_t(precision) < text.size()) {
          size_t n = size_t(precision);
          // Never cut a UTF-8 sequence in two.
          while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
          text = text.substr(0, n);
        }
        piece = text;
        break;
      }
      case 'U': {
        Value v = va_arg(ap, Value);
        append_str_value(piece, v, precision);
        break;
      }
      case 'V': {
        Value v = va_arg(ap, Value);
        const char* fallback = va_arg(ap, const char*);
        if (v) append_str_value(piece, v, precision);
        else piece = fallback ? fallback : "";
        break;
      }
      case 'S':
      case 'R':
      case 'A': {
        Value v = va_arg(ap, Value);
        Value s = *p == 'S' ? str(v) : *p == 'R' ? repr(v) : ascii(v);
        if (!s) return Value();
        append_str_value(piece, s, precision);
        decref(s);
        break;
      }
      case 'T': {
        Value v = va_arg(ap, Value);
        piece = type_of(v)->name;
        if (precision >= 0) piece = std::string(utf8_prefix(piece, size_t(precision)));
        break;
      }
      default:
        // An unknown directive: copy the rest of the format as it is (CPython does too).
        out += start;
        return str_from_utf8(out);
    }
    append_padded(out, piece, width, left, fill);
  }
  return str_from_utf8(out);
}

Value format_text(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Value s = format_text_v(fmt, ap);
  va_end(ap);
  return s;
}

// -- Raising -----------------------------------------------------------------------------------

Value raise(Type* type, const char* fmt, ...) {
  // The message is formatted with the previous error still pending (a %R may run user
  // code, which must not see it), so take it away first; it is replaced anyway.
  Value old = fetch_error();
  va_list ap;
  va_start(ap, fmt);
  Value msg = format_text_v(fmt, ap);
  va_end(ap);
  xdecref(old);
  if (!msg) return Value();
  Value exc = make_exception(type, msg);
  decref(msg);
  if (!exc) return Value();
  set_raised(exc);
  return Value();
}

Value raise_value(Type* type, Value arg) {
  clear_error();
  Value exc = make_exception(type, arg);
  if (!exc) return Value();
  set_raised(exc);
  return Value();
}

Value raise_no_memory() {
  // No allocation here: the one preallocated instance is raised, its traceback and
  // chain from any earlier use dropped.
  Value exc = preallocated_memory_error();
  if (!exc) {
    std::fputs("Fatal Python error: out of memory before the exceptions exist\n", stderr);
    std::abort();
  }
  BaseExceptionObject* e = as_exc(exc);
  clear_ref(&e->traceback);
  clear_ref(&e->context);
  clear_ref(&e->cause);
  e->suppress_context = false;
  restore_error(exc);  // immortal: no reference to give
  return Value();
}

// A `raise` operand or cause that is a class is instantiated with no arguments; that must
// give an exception instance (do_raise in ceval.c).
static Value instantiate_raised(Value cls) {
  Value v = call0(cls);
  if (!v) return Value();
  if (!is_exception(v)) {
    raise(TypeError, "calling %R should have returned an instance of BaseException, not %R",
          cls, Value::from(type_of(v)));
    decref(v);
    return Value();
  }
  return v;
}

Value raise_object_from(Value x, Value cause) {
  Value value;
  if (is_exception_type(x)) {
    value = instantiate_raised(x);
    if (!value) return Value();
  } else if (is_exception(x)) {
    value = newref(x);
  } else {
    return raise(TypeError, "exceptions must derive from BaseException");
  }
  if (cause) {
    Value fixed;
    if (is_exception_type(cause)) {
      fixed = instantiate_raised(cause);
      if (!fixed) {
        decref(value);
        return Value();
      }
    } else if (is_exception(cause)) {
      fixed = newref(cause);
    } else if (is_none(cause)) {
      fixed = Value();
    } else {
      decref(value);
      return raise(TypeError, "exception causes must derive from BaseException");
    }
    exception_set_cause(value, fixed);
  }
  clear_error();
  set_raised(value);
  return Value();
}

Value raise_object(Value x) { return raise_object_from(x, Value()); }

// -- The error state ---------------------------------------------------------------------------

bool error_occurred() { return bool(thread.current_exception); }

bool error_matches(Type* type) {
  Value exc = thread.current_exception;
  return exc && is_instance_of(exc, type);
}

Value fetch_error() {
  Value exc = thread.current_exception;
  thread.current_exception = Value();
  return exc;
}

void restore_error(Value exc) {
  Value old = thread.current_exception;
  thread.current_exception = exc;
  xdecref(old);
}

void clear_error() { restore_error(Value()); }

void chain_error(Type* type, const char* fmt, ...) {
  Value old = fetch_error();
  va_list ap;
  va_start(ap, fmt);
  Value msg = format_text_v(fmt, ap);
  va_end(ap);
  Value exc = msg ? make_exception(type, msg) : Value();
  xdecref(msg);
  if (!exc) {
    // Formatting or creating failed: that error wins, the old one becomes its context.
    Value now = fetch_error();
    if (now && old) set_ref(&as_exc(now)->context, old);
    else xdecref(old);
    restore_error(now);
    return;
  }
  if (old) set_ref(&as_exc(exc)->context, old);
  restore_error(exc);
}

bool exception_matches(Value exc, Value cls) {
  if (!exc || !cls) return false;
  if (is_tuple(cls)) {
    int64_t n = tuple_size(cls);
    for (int64_t i = 0; i < n; ++i) {
      if (exception_matches(exc, tuple_item(cls, i))) return true;
    }
    return false;
  }
  Type* t = is_exception(exc) ? type_of(exc) : is_type(exc) ? exc.as<Type>() : nullptr;
  if (t && has_flag(t, TF_BASE_EXC_SUBCLASS) && is_exception_type(cls)) {
    Type* c = cls.as<Type>();
    return t == c || is_subtype(t, c);
  }
  return exc == cls;
}

// -- Exception attributes the interpreter sets -------------------------------------------------

Value exception_traceback(Value exc) { return as_exc(exc)->traceback; }
Value exception_context(Value exc) { return as_exc(exc)->context; }
Value exception_cause(Value exc) { return as_exc(exc)->cause; }
void exception_set_traceback(Value exc, Value tb) { set_ref(&as_exc(exc)->traceback, tb); }
void exception_set_context(Value exc, Value ctx) { set_ref(&as_exc(exc)->context, ctx); }
void exception_set_cause(Value exc, Value cause) {
  as_exc(exc)->suppress_context = true;
  set_ref(&as_exc(exc)->cause, cause);
}

void attribute_error_set_context(Value obj, Value name) {
  Value exc = thread.current_exception;
  if (!exc || !is_instance_of(exc, AttributeError)) return;
  BaseExceptionObject* e = as_exc(exc);
  if (e->f1 || e->f2) return;  // already recorded
  e->f1 = newref(name);
  e->f2 = newref(obj);
}

void name_error_set_name(Value name) {
  Value exc = thread.current_exception;
  if (!exc || !is_instance_of(exc, NameError)) return;
  BaseExceptionObject* e = as_exc(exc);
  if (!e->f1) e->f1 = newref(name);
}

Value raise_from_errno(int errno_value, Value filename, Value filename2) {
  if (errno_value == ENOMEM) return raise_no_memory();
  Value err = Value::small(errno_value);
  Value message = errno_value ? str_from_utf8(std::strerror(errno_value)) : str_from_ascii("Error");
  if (!message) return Value();
  Value args[5] = {err, message, filename, None(), filename2};
  size_t nargs = filename2 ? 5 : filename ? 3 : 2;
  Value exc = exception_new(OSError, args, nargs);
  decref(message);
  if (!exc) return Value();
  clear_error();
  set_raised(exc);
  return Value();
}

// -- Unraisable errors -------------------------------------------------------------------------

// Defined in vm/traceback.cpp: the traceback lines and the final "Type: message" line as
// the unraisable hook prints them.
void format_traceback_entries(std::string& out, Value tb);
void append_exception_type_name(std::string& out, Type* type);

void write_unraisable(Value obj, const char* context) {
  Value exc = fetch_error();
  if (!exc) return;
  std::string out;
  if (obj) {
    out += context ? std::string("Exception ignored ") + context + ": " : "Exception ignored in: ";
    Value r = repr(obj);
    if (r) {
      out += str_utf8(r);
      decref(r);
    } else {
      clear_error();
      out += "<object repr() failed>";
    }
    out += '\n';
  }
  // As PyErr_WriteUnraisable: an exception without a traceback gets the running frame's.
  if (!as_exc(exc)->traceback && thread.frame) {
    FrameObject* f = frame_object(thread.frame);
    if (f) exception_add_traceback(exc, Value::from(&f->ob), thread.frame->lasti());
    clear_error();
  }
  if (as_exc(exc)->traceback) format_traceback_entries(out, as_exc(exc)->traceback);
  append_exception_type_name(out, type_of(exc));
  out += ": ";
  Value s = str(exc);
  if (s) {
    out += str_utf8(s);
    decref(s);
  } else {
    clear_error();
    out += "<exception str() failed>";
  }
  out += '\n';
  decref(exc);
  write_stderr(out);
}

}  // namespace strata
