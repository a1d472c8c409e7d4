// stdlib/time.cpp — the `time` module: the clocks (time, monotonic, perf_counter,
// process_time, thread_time and their _ns forms, get_clock_info), sleep, and calendar
// time (gmtime, localtime, mktime, asctime, ctime, strftime, struct_time, the time zone
// constants) on the C library, with CPython 3.11's argument checks and messages.
#include <sys/time.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/structseq.h"
#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

// -- Clocks ---------------------------------------------------------------------------------------

int64_t clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
Value seconds_of(clockid_t id) { return float_new(double(clock_ns(id)) * 1e-9); }

Value time_time(Value, const Value*, size_t, Value) { return seconds_of(CLOCK_REALTIME); }
Value time_time_ns(Value, const Value*, size_t, Value) {
  return int_from_i64(clock_ns(CLOCK_REALTIME));
}
Value time_monotonic(Value, const Value*, size_t, Value) { return seconds_of(CLOCK_MONOTONIC); }
Value time_monotonic_ns(Value, const Value*, size_t, Value) {
  return int_from_i64(clock_ns(CLOCK_MONOTONIC));
}
Value time_process_time(Value, const Value*, size_t, Value) {
  return seconds_of(CLOCK_PROCESS_CPUTIME_ID);
}
Value time_process_time_ns(Value, const Value*, size_t, Value) {
  return int_from_i64(clock_ns(CLOCK_PROCESS_CPUTIME_ID));
}
Value time_thread_time(Value, const Value*, size_t, Value) {
  return seconds_of(CLOCK_THREAD_CPUTIME_ID);
}
Value time_thread_time_ns(Value, const Value*, size_t, Value) {
  return int_from_i64(clock_ns(CLOCK_THREAD_CPUTIME_ID));
}

Value time_get_clock_info(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("get_clock_info", nargs, 1, 1)) return Value();
  if (!is_str(args[0])) {
    return raise(TypeError, "get_clock_info() argument must be str, not %T", args[0]);
  }
  std::string_view name = str_utf8(args[0]);
  const char* impl;
  clockid_t id;
  bool monotonic = true, adjustable = false;
  if (name == "time") {
    impl = "clock_gettime(CLOCK_REALTIME)";
    id = CLOCK_REALTIME;
    monotonic = false;
    adjustable = true;
  } else if (name == "monotonic" || name == "perf_counter") {
    impl = "clock_gettime(CLOCK_MONOTONIC)";
    id = CLOCK_MONOTONIC;
  } else if (name == "process_time") {
    impl = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)";
    id = CLOCK_PROCESS_CPUTIME_ID;
  } else if (name == "thread_time") {
    impl = "clock_gettime(CLOCK_THREAD_CPUTIME_ID)";
    id = CLOCK_THREAD_CPUTIME_ID;
  } else {
    return raise(ValueError, "unknown clock");
  }
  struct timespec res;
  clock_getres(id, &res);
  // types.SimpleNamespace, the type of sys.implementation.
  Value impl_ns = sys_get("implementation");
  if (!impl_ns) return raise(SystemError, "sys.implementation is missing");
  Ref kw(dict_new());
  if (!kw) return Value();
  Ref s(str_from_ascii(impl));
  Ref r(float_new(double(res.tv_sec) + double(res.tv_nsec) * 1e-9));
  if (!s || !r || dict_set_cstr(*kw, "implementation", *s) < 0 ||
      dict_set_cstr(*kw, "monotonic", Bool(monotonic)) < 0 ||
      dict_set_cstr(*kw, "adjustable", Bool(adjustable)) < 0 ||
      dict_set_cstr(*kw, "resolution", *r) < 0)
    return Value();
  // SimpleNamespace cannot be called from C++ yet (stdlib/sys.cpp gives it no
  // constructor), so make the instance directly and fill its __dict__.
  Type* ns_type = type_of(impl_ns);
  Object* o = alloc_object(ns_type, ns_type->basicsize);
  if (!o) return Value();
  Ref ns(Value::from(o));
  Value nsd = instance_dict(*ns);
  if (!nsd || dict_update(nsd, *kw) < 0) return Value();
  return ns.release();
}

// -- sleep ---------------------------------------------------------------------------------------

Value time_sleep(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("sleep", nargs, 1, 1)) return Value();
  Value v = args[0];
  double secs;
  if (is_float(v)) {
    secs = float_of(v);
    if (std::isnan(secs)) return raise(ValueError, "Invalid value NaN (not a number)");
  } else {
    if (!has_index(v)) {
      return raise(TypeError, "'%T' object cannot be interpreted as an integer", v);
    }
    secs = as_double(v);
    if (secs == -1.0 && error_occurred()) return Value();
  }
  if (secs < 0) return raise(ValueError, "sleep length must be non-negative");
  struct timespec ts;
  ts.tv_sec = time_t(secs);
  ts.tv_nsec = long((secs - double(ts.tv_sec)) * 1e9);
  if (ts.tv_nsec >= 1000000000) ts.tv_nsec = 999999999;
  while (nanosleep(&ts, &ts) < 0) {
    if (errno != EINTR) return raise_from_errno(errno);
  }
  return None();
}

// -- struct_time ------------------------------------------------------------------------------

Type StructTimeType;
const char* const kStructTimeFields[] = {"tm_year", "tm_mon",  "tm_mday",  "tm_hour",
                                         "tm_min",  "tm_sec",  "tm_wday",  "tm_yday",
                                         "tm_isdst", "tm_zone", "tm_gmtoff"};
const StructSeqDesc kStructTimeDesc = {
    "time.struct_time",
    "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
    " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
    " sequence of 9 integers.\n\n"
    " Note that several fields' values are not the same as those defined by\n"
    " the C language standard for struct tm.  For example, the value of the\n"
    " field tm_year is the actual year, not year - 1900.  See individual\n"
    " fields' descriptions for details.",
    kStructTimeFields, 11, 9};
MemberDef g_struct_time_members[12];

Value struct_time_from(const struct tm& t) {
  Value it[11] = {int_from_i64(int64_t(t.tm_year) + 1900), int_from_i64(t.tm_mon + 1),
                  int_from_i64(t.tm_mday),  int_from_i64(t.tm_hour),
                  int_from_i64(t.tm_min),   int_from_i64(t.tm_sec),
                  int_from_i64((t.tm_wday + 6) % 7), int_from_i64(t.tm_yday + 1),
                  int_from_i64(t.tm_isdst),
                  t.tm_zone ? text::decode(t.tm_zone, int64_t(std::strlen(t.tm_zone)), "utf-8",
                                           "surrogateescape")
                            : newref(None()),
                  int_from_i64(t.tm_gmtoff)};
  bool fail = false;
  for (Value v : it) fail |= !v;
  return structseq_new(&StructTimeType, it, fail);
}

// A time_t from an int or float of seconds (rounded toward minus infinity), or the
// current time when v is null or None.
bool time_t_arg(Value v, time_t* out) {
  if (!v || is_none(v)) {
    *out = time(nullptr);
    return true;
  }
  if (is_float(v)) {
    double d = float_of(v);
    if (std::isnan(d)) {
      raise(ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    d = std::floor(d);
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
      raise(OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = time_t(d);
    return true;
  }
  if (!has_index(v)) {
    raise(TypeError, "'%T' object cannot be interpreted as an integer", v);
    return false;
  }
  Ref i(number_index(v));
  if (!i) return false;
  int64_t x;
  if (!int_to_i64(*i, &x)) {
    raise(OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  *out = time_t(x);
  return true;
}

Value time_gmtime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("gmtime", nargs, 0, 1)) return Value();
  time_t t;
  if (!time_t_arg(nargs ? args[0] : Value(), &t)) return Value();
  struct tm buf;
  errno = 0;
  if (!gmtime_r(&t, &buf)) {
    if (errno == 0) errno = EINVAL;
    return raise_from_errno(errno);
  }
  return struct_time_from(buf);
}

Value time_localtime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("localtime", nargs, 0, 1)) return Value();
  time_t t;
  if (!time_t_arg(nargs ? args[0] : Value(), &t)) return Value();
  struct tm buf;
  errno = 0;
  if (!localtime_r(&t, &buf)) {
    if (errno == 0) errno = EINVAL;
    return raise_from_errno(errno);
  }
  return struct_time_from(buf);
}

// A struct tm from a struct_time or a 9-tuple (CPython's gettmarg); `fn` names the caller
// in messages.
bool tm_arg(Value v, struct tm* out, const char* fn) {
  std::memset(out, 0, sizeof *out);
  if (!is_tuple(v)) {
    raise(TypeError, "Tuple or struct_time argument required");
    return false;
  }
  if (tuple_size(v) != 9) {
    raise(TypeError, "%s(): illegal time tuple argument", fn);
    return false;
  }
  int f[9];
  for (int i = 0; i < 9; i++) {
    Value x = tuple_item(v, i);
    if (is_float(x)) {
      raise(TypeError, "'float' object cannot be interpreted as an integer");
      return false;
    }
    int64_t n = int_as_i64(x);
    if (n == -1 && error_occurred()) return false;
    if (n > INT32_MAX || n < INT32_MIN) {
      raise(OverflowError, "Python int too large to convert to C int");
      return false;
    }
    f[i] = int(n);
  }
  out->tm_year = f[0] - 1900;
  out->tm_mon = f[1] - 1;
  out->tm_mday = f[2];
  out->tm_hour = f[3];
  out->tm_min = f[4];
  out->tm_sec = f[5];
  out->tm_wday = (f[6] + 1) % 7;
  if (out->tm_wday < 0) out->tm_wday += 7;
  out->tm_yday = f[7] - 1;
  out->tm_isdst = f[8];
  if (type_of(v) == &StructTimeType) {
    Value zone = tuple_items(v)[9];
    Value off = tuple_items(v)[10];
    if (is_str(zone)) out->tm_zone = str_utf8(zone).data();
    if (is_int(off)) out->tm_gmtoff = long(int_as_i64(off));
  }
  return true;
}

// The range checks of CPython's checktm (for asctime and strftime).
bool check_tm(struct tm* t) {
  if (t->tm_mon == -1) t->tm_mon = 0;
  else if (t->tm_mon < 0 || t->tm_mon > 11) {
    raise(ValueError, "month out of range");
    return false;
  }
  if (t->tm_mday == 0) t->tm_mday = 1;
  else if (t->tm_mday < 0 || t->tm_mday > 31) {
    raise(ValueError, "day of month out of range");
    return false;
  }
  if (t->tm_hour < 0 || t->tm_hour > 23) {
    raise(ValueError, "hour out of range");
    return false;
  }
  if (t->tm_min < 0 || t->tm_min > 59) {
    raise(ValueError, "minute out of range");
    return false;
  }
  if (t->tm_sec < 0 || t->tm_sec > 61) {
    raise(ValueError, "seconds out of range");
    return false;
  }
  if (t->tm_wday < 0) {
    raise(ValueError, "day of week out of range");
    return false;
  }
  if (t->tm_yday == -1) t->tm_yday = 0;
  else if (t->tm_yday < 0 || t->tm_yday > 365) {
    raise(ValueError, "day of year out of range");
    return false;
  }
  return true;
}

Value asctime_of(const struct tm& t) {
  static const char* const wday[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", wday[t.tm_wday], mon[t.tm_mon],
                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, 1900 + t.tm_year);
  return str_from_ascii(buf);
}

Value time_asctime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("asctime", nargs, 0, 1)) return Value();
  struct tm buf;
  if (nargs) {
    if (!tm_arg(args[0], &buf, "asctime") || !check_tm(&buf)) return Value();
  } else {
    time_t t = time(nullptr);
    localtime_r(&t, &buf);
  }
  return asctime_of(buf);
}

Value time_ctime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("ctime", nargs, 0, 1)) return Value();
  time_t t;
  if (!time_t_arg(nargs ? args[0] : Value(), &t)) return Value();
  struct tm buf;
  errno = 0;
  if (!localtime_r(&t, &buf)) {
    if (errno == 0) errno = EINVAL;
    return raise_from_errno(errno);
  }
  return asctime_of(buf);
}

Value time_mktime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("mktime", nargs, 1, 1)) return Value();
  struct tm buf;
  if (!tm_arg(args[0], &buf, "mktime")) return Value();
  buf.tm_wday = -1;  // sentinel: mktime() sets it on success
  time_t t = mktime(&buf);
  if (t == time_t(-1) && buf.tm_wday == -1) {
    return raise(OverflowError, "mktime argument out of range");
  }
  return float_new(double(t));
}

Value time_strftime(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("strftime", nargs, 1, 2)) return Value();
  if (!is_str(args[0])) {
    return raise(TypeError, "strftime() argument 1 must be str, not %T", args[0]);
  }
  struct tm buf;
  if (nargs > 1) {
    if (!tm_arg(args[1], &buf, "strftime")) return Value();
    if (!check_tm(&buf)) return Value();
    if (buf.tm_isdst < -1) buf.tm_isdst = -1;
    else if (buf.tm_isdst > 1) buf.tm_isdst = 1;
  } else {
    time_t t = time(nullptr);
    localtime_r(&t, &buf);
  }
  Ref fmt_bytes(text::encode(args[0], "utf-8", "surrogateescape"));
  if (!fmt_bytes) return Value();
  std::string fmt(reinterpret_cast<const char*>(bytes_data(*fmt_bytes)),
                  size_t(bytes_size(*fmt_bytes)));
  if (fmt.find('\0') != std::string::npos) return raise(ValueError, "embedded null character");
  if (fmt.empty()) return str_from_ascii("");
  // A format whose expansion is legitimately empty makes strftime return 0 too: grow the
  // buffer a bounded number of times, as CPython does.
  for (size_t size = 1024;; size *= 2) {
    std::string out(size, '\0');
    size_t n = strftime(out.data(), size, fmt.c_str(), &buf);
    if (n > 0 || size >= 256 * fmt.size()) {
      return text::decode(out.data(), int64_t(n), "utf-8", "surrogateescape");
    }
  }
}

// -- The module --------------------------------------------------------------------------------

const MethodDef kTimeMethods[] = {
    {"asctime", time_asctime, METH_FASTCALL, nullptr},
    {"ctime", time_ctime, METH_FASTCALL, nullptr},
    {"get_clock_info", time_get_clock_info, METH_FASTCALL, nullptr},
    {"gmtime", time_gmtime, METH_FASTCALL, nullptr},
    {"localtime", time_localtime, METH_FASTCALL, nullptr},
    {"mktime", time_mktime, METH_FASTCALL, nullptr},
    {"monotonic", time_monotonic, METH_NOARGS, nullptr},
    {"monotonic_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"perf_counter", time_monotonic, METH_NOARGS, nullptr},
    {"perf_counter_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"process_time", time_process_time, METH_NOARGS, nullptr},
    {"process_time_ns", time_process_time_ns, METH_NOARGS, nullptr},
    {"sleep", time_sleep, METH_FASTCALL, nullptr},
    {"strftime", time_strftime, METH_FASTCALL, nullptr},
    {"thread_time", time_thread_time, METH_NOARGS, nullptr},
    {"thread_time_ns", time_thread_time_ns, METH_NOARGS, nullptr},
    {"time", time_time, METH_NOARGS, nullptr},
    {"time_ns", time_time_ns, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

int time_init(Value module) {
  if (structseq_init_type(&StructTimeType, &kStructTimeDesc, g_struct_time_members) < 0)
    return -1;
  Value d = module_dict(module);
  // The time zone as CPython's init_timezone computes it: from the offsets of January
  // and July of this year (their order tells the hemisphere).
  tzset();
  time_t now = time(nullptr);
  struct tm tm_now;
  localtime_r(&now, &tm_now);
  struct tm jan = {}, jul = {};
  jan.tm_year = jul.tm_year = tm_now.tm_year;
  jan.tm_mday = jul.tm_mday = 1;
  jul.tm_mon = 6;
  jan.tm_isdst = jul.tm_isdst = -1;
  time_t tjan = mktime(&jan), tjul = mktime(&jul);
  localtime_r(&tjan, &jan);
  localtime_r(&tjul, &jul);
  long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
  const char* janname = jan.tm_zone ? jan.tm_zone : "";
  const char* julname = jul.tm_zone ? jul.tm_zone : "";
  long tz, alt;
  const char *std_name, *dst_name;
  if (janzone < julzone) {  // DST is reversed in the southern hemisphere
    tz = julzone;
    alt = janzone;
    std_name = julname;
    dst_name = janname;
  } else {
    tz = janzone;
    alt = julzone;
    std_name = janname;
    dst_name = julname;
  }
  Ref s1(str_from_utf8(std_name)), s2(str_from_utf8(dst_name));
  if (!s1 || !s2) return -1;
  Ref names(tuple_pack({*s1, *s2}));
  if (!names) return -1;
  if (dict_set_cstr(d, "timezone", Value::small(tz)) < 0 ||
      dict_set_cstr(d, "altzone", Value::small(alt)) < 0 ||
      dict_set_cstr(d, "daylight", Value::small(janzone != julzone)) < 0 ||
      dict_set_cstr(d, "tzname", *names) < 0 ||
      dict_set_cstr(d, "struct_time", Value::from(&StructTimeType)) < 0 ||
      dict_set_cstr(d, "_STRUCT_TM_ITEMS", Value::small(11)) < 0)
    return -1;
  static const struct {
    const char* name;
    long value;
  } clocks[] = {{"CLOCK_REALTIME", CLOCK_REALTIME},
                {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
                {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
                {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
                {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
                {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
                {"CLOCK_TAI", CLOCK_TAI}};
  for (const auto& c : clocks) {
    if (dict_set_cstr(d, c.name, Value::small(c.value)) < 0) return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef time_module_def;
const BuiltinModuleDef time_module_def = {
    "time", time_init, kTimeMethods,
    "This module provides various functions to manipulate time values.\n\n"
    "There are two standard ways to represent time.  One is the number\n"
    "of seconds since the Epoch, in UTC (a.k.a. GMT).  It may be an integer\n"
    "or a floating point number (to represent fractions of seconds).\n"
    "The Epoch is system-defined; on Unix, it is generally January 1st, 1970.\n"
    "The actual value can be retrieved by calling gmtime(0).\n\n"
    "The other representation is a tuple of 9 integers giving local time.\n"
    "The tuple items are:\n"
    "  year (including century, e.g. 1998)\n"
    "  month (1-12)\n"
    "  day (1-31)\n"
    "  hours (0-23)\n"
    "  minutes (0-59)\n"
    "  seconds (0-59)\n"
    "  weekday (0-6, Monday is 0)\n"
    "  Julian day (day of the year, 1-366)\n"
    "  DST (Daylight Savings Time) flag (-1, 0 or 1)\n"
    "If the DST flag is 0, the time is given in the regular time zone;\n"
    "if it is 1, the time is given in the DST time zone;\n"
    "if it is -1, mktime() should guess based on the date and time.\n"};

}  // namespace strata
