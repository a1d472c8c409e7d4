// stdlib/posix.cpp — the `posix` module that os.py re-exports: files and directories
// (stat, listdir, scandir and its DirEntry, open/read/write/close, mkdir ...), the process
// (pids, uids, umask, kill, waitpid, _exit), the environment as bytes, and the constants
// os.py and stat.py read at import. Paths are converted as CPython's path_converter does
// (str, bytes or os.PathLike; some functions also take a file descriptor), file names
// travel as bytes in the file system encoding (UTF-8 with surrogateescape), and a failed
// call raises the OSError subclass for errno with the file name(s) attached.
#include <dirent.h>
#include <dlfcn.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sysexits.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "stdlib/builtins.h"
#include "stdlib/structseq.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

extern char** environ;

namespace strata {

namespace {

// -- File system encoding ----------------------------------------------------------------------

Value fs_decode(const char* data, size_t n) {
  return text::decode(data, int64_t(n), "utf-8", "surrogateescape");
}

// A bytes holding the file system encoding of a str.
Value fs_encode(Value s) {
  if (s.as<StrObject>()->ascii) {
    std::string_view u = str_utf8(s);
    return bytes_from(u);
  }
  return text::encode(s, "utf-8", "surrogateescape");
}

// -- Integer arguments ----------------------------------------------------------------------

// Argument Clinic's `int` converter: __index__, and CPython's overflow messages.
bool int_arg(Value v, int* out) {
  if (is_float(v)) {
    raise(TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  Ref i(number_index(v));
  if (!i) return false;
  int64_t x;
  if (!int_to_i64(*i, &x)) {
    raise(OverflowError, int_sign(*i) < 0 ? "signed integer is less than minimum"
                                          : "signed integer is greater than maximum");
    return false;
  }
  if (x > INT_MAX) {
    raise(OverflowError, "signed integer is greater than maximum");
    return false;
  }
  if (x < INT_MIN) {
    raise(OverflowError, "signed integer is less than minimum");
    return false;
  }
  *out = int(x);
  return true;
}

bool i64_arg(Value v, int64_t* out) {
  if (is_float(v)) {
    raise(TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  Ref i(number_index(v));
  if (!i) return false;
  if (!int_to_i64(*i, out)) {
    raise(OverflowError, "Python int too large to convert to C long");
    return false;
  }
  return true;
}

// A file descriptor argument (fildes_converter / the `int` converter for fd).
bool fd_arg(Value v, int* out) { return int_arg(v, out); }

bool bool_arg(Value v, bool* out, bool deflt) {
  if (!v) {
    *out = deflt;
    return true;
  }
  int r = is_true(v);
  if (r < 0) return false;
  *out = r != 0;
  return true;
}

// dir_fd: None (AT_FDCWD) or an int.
bool dir_fd_arg(Value v, int* out) {
  *out = AT_FDCWD;
  if (!v || is_none(v)) return true;
  if (!has_index(v)) {
    raise(TypeError, "argument should be integer or None, not %T", v);
    return false;
  }
  return int_arg(v, out);
}

// -- Paths ----------------------------------------------------------------------------------------

// What path_converter makes of an argument: the bytes to pass to the system, or a file
// descriptor, and the object to put into OSError.filename.
struct Path {
  const char* function;  // "stat"
  const char* argument;  // "path"
  bool nullable = false;
  bool allow_fd = false;
  Ref object;       // the str/bytes after __fspath__ (or the int), for error messages
  Ref bytes;        // the encoded path
  const char* narrow = nullptr;
  int fd = -1;
  bool is_bytes = false;  // results (listdir, readlink) are bytes
};

bool path_convert(Value o, Path* p) {
  if (p->nullable && (!o || is_none(o))) {
    p->narrow = nullptr;
    p->object.reset(newref(None()));
    return true;
  }
  if (p->allow_fd && o && !is_str(o) && !is_bytes(o) && has_index(o)) {
    int fd;
    if (!int_arg(o, &fd)) return false;
    p->fd = fd;
    p->object.reset(newref(o));
    return true;
  }
  Value v = o;
  Ref fspathed;
  if (!is_str(v) && !is_bytes(v)) {
    Value meth = lookup_special(v, STRATA_NAME(__fspath__));
    if (!meth) {
      const char* allowed = p->allow_fd && p->nullable ? "string, bytes, os.PathLike, integer or None"
                            : p->allow_fd ? "string, bytes, os.PathLike or integer"
                            : p->nullable ? "string, bytes, os.PathLike or None"
                                          : "string, bytes or os.PathLike";
      raise(TypeError, "%s: %s should be %s, not %T", p->function, p->argument, allowed, v);
      return false;
    }
    fspathed.reset(call1(meth, v));
    if (!fspathed) return false;
    v = *fspathed;
    if (!is_str(v) && !is_bytes(v)) {
      raise(TypeError, "expected %T.__fspath__() to return str or bytes, not %T", o, v);
      return false;
    }
  }
  p->object.reset(newref(v));
  if (is_str(v)) {
    p->bytes.reset(fs_encode(v));
    if (!p->bytes) return false;
    if (std::memchr(bytes_data(*p->bytes), 0, size_t(bytes_size(*p->bytes)))) {
      raise(ValueError, "embedded null byte");
      return false;
    }
  } else {
    p->is_bytes = true;
    p->bytes.reset(newref(v));
    if (std::memchr(bytes_data(v), 0, size_t(bytes_size(v)))) {
      raise(ValueError, "%s: embedded null character in %s", p->function, p->argument);
      return false;
    }
  }
  p->narrow = reinterpret_cast<const char*>(bytes_data(*p->bytes));
  return true;
}

Value path_error(const Path& p) { return raise_from_errno(errno, *p.object); }
Value path_error2(const Path& a, const Path& b) {
  return raise_from_errno(errno, *a.object, *b.object);
}
Value posix_error() { return raise_from_errno(errno); }

// A file name from the system, as str or bytes like the argument that named its directory.
Value name_result(const char* s, size_t n, bool as_bytes) {
  return as_bytes ? bytes_from(std::string_view(s, n)) : fs_decode(s, n);
}

// -- stat_result and the other result types ---------------------------------------------------

Type StatResultType, TerminalSizeType, UnameResultType, TimesResultType;

const char* const kStatFields[] = {
    "st_mode",  "st_ino",   "st_dev",      "st_nlink",    "st_uid",      "st_gid",
    "st_size",  nullptr,    nullptr,       nullptr,       "st_atime",    "st_mtime",
    "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks",
    "st_rdev"};
const StructSeqDesc kStatDesc = {
    "os.stat_result",
    "stat_result: Result from stat, fstat, or lstat.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\n"
    "or via the attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.\n\n"
    "Posix/windows: If your platform supports st_blksize, st_blocks, st_rdev,\n"
    "or st_flags, they are available as attributes only.\n\n"
    "See os.stat for more information.",
    kStatFields, 19, 10};
MemberDef g_stat_members[20];

const char* const kTerminalSizeFields[] = {"columns", "lines"};
const StructSeqDesc kTerminalSizeDesc = {
    "os.terminal_size", "A tuple of (columns, lines) for holding terminal window size",
    kTerminalSizeFields, 2, 2};
MemberDef g_terminal_size_members[3];

const char* const kUnameFields[] = {"sysname", "nodename", "release", "version", "machine"};
const StructSeqDesc kUnameDesc = {
    "posix.uname_result",
    "uname_result: Result from os.uname().\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (sysname, nodename, release, version, machine),\n"
    "or via the attributes sysname, nodename, release, version, and machine.\n\n"
    "See os.uname for more information.",
    kUnameFields, 5, 5};
MemberDef g_uname_members[6];

const char* const kTimesFields[] = {"user", "system", "children_user", "children_system",
                                    "elapsed"};
const StructSeqDesc kTimesDesc = {
    "posix.times_result",
    "times_result: Result from os.times().\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (user, system, children_user, children_system, elapsed),\n"
    "or via the attributes user, system, children_user, children_system,\n"
    "and elapsed.\n\n"
    "See os.times for more information.",
    kTimesFields, 5, 5};
MemberDef g_times_members[6];

// os.stat_result(seq, dict): the float times default to the integer ones.
Value stat_result_new(Type* type, const Value* args, size_t nargs, Value kwnames);

Value ns_value(int64_t sec, int64_t nsec) {
  int64_t r;
  if (!__builtin_mul_overflow(sec, int64_t(1000000000), &r) &&
      !__builtin_add_overflow(r, nsec, &r)) {
    return int_from_i64(r);
  }
  Ref s(int_from_i64(sec));
  Ref g(int_from_i64(1000000000));
  Ref m(int_mul(*s, *g));
  if (!m) return Value();
  Ref n(int_from_i64(nsec));
  return int_add(*m, *n);
}

Value stat_result_from(const struct stat& st) {
  Value it[19];
  it[0] = int_from_i64(st.st_mode);
  it[1] = int_from_u64(uint64_t(st.st_ino));
  it[2] = int_from_u64(uint64_t(st.st_dev));
  it[3] = int_from_i64(int64_t(st.st_nlink));
  it[4] = int_from_i64(st.st_uid);
  it[5] = int_from_i64(st.st_gid);
  it[6] = int_from_i64(st.st_size);
  const struct timespec* ts[3] = {&st.st_atim, &st.st_mtim, &st.st_ctim};
  for (int i = 0; i < 3; i++) {
    it[7 + i] = int_from_i64(ts[i]->tv_sec);
    it[10 + i] = float_new(double(ts[i]->tv_sec) + double(ts[i]->tv_nsec) * 1e-9);
    it[13 + i] = ns_value(ts[i]->tv_sec, ts[i]->tv_nsec);
  }
  it[16] = int_from_i64(st.st_blksize);
  it[17] = int_from_i64(st.st_blocks);
  it[18] = int_from_u64(uint64_t(st.st_rdev));
  bool fail = false;
  for (Value v : it) fail |= !v;
  return structseq_new(&StatResultType, it, fail);
}

// -- stat ------------------------------------------------------------------------------------

// The common part of stat/lstat: path is a file descriptor or a path relative to dir_fd.
Value do_stat(const Path& p, int dir_fd, bool follow) {
  struct stat st;
  int r;
  if (p.fd >= 0) {
    r = fstat(p.fd, &st);
  } else if (dir_fd != AT_FDCWD || !follow) {
    r = fstatat(dir_fd, p.narrow, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  } else {
    r = stat(p.narrow, &st);
  }
  if (r != 0) return path_error(p);
  return stat_result_from(st);
}

bool fd_and_follow_ok(const char* fn, const Path& p, int dir_fd, bool follow) {
  if (p.fd >= 0 && dir_fd != AT_FDCWD) {
    raise(ValueError, "%s: can't specify both dir_fd and fd", fn);
    return false;
  }
  if (p.fd >= 0 && !follow) {
    raise(ValueError, "%s: cannot use fd and follow_symlinks together", fn);
    return false;
  }
  return true;
}

Value posix_stat(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "dir_fd", "follow_symlinks"};
  ArgSpec spec{"stat", names, 3, 0, 1, 1};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "stat";
  p.argument = "path";
  p.allow_fd = true;
  int dir_fd;
  bool follow;
  if (!path_convert(a[0], &p) || !dir_fd_arg(a[1], &dir_fd) || !bool_arg(a[2], &follow, true))
    return Value();
  if (!fd_and_follow_ok("stat", p, dir_fd, follow)) return Value();
  return do_stat(p, dir_fd, follow);
}

Value posix_lstat(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "dir_fd"};
  ArgSpec spec{"lstat", names, 2, 0, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "lstat";
  p.argument = "path";
  int dir_fd;
  if (!path_convert(a[0], &p) || !dir_fd_arg(a[1], &dir_fd)) return Value();
  return do_stat(p, dir_fd, false);
}

Value posix_fstat(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd"};
  ArgSpec spec{"fstat", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int fd;
  if (!fd_arg(a[0], &fd)) return Value();
  struct stat st;
  if (fstat(fd, &st) != 0) return posix_error();
  return stat_result_from(st);
}

// -- Working directory, fspath ---------------------------------------------------------------

Value getcwd_impl(bool as_bytes) {
  std::string buf(1024, '\0');
  for (;;) {
    if (getcwd(buf.data(), buf.size())) break;
    if (errno != ERANGE) return posix_error();
    buf.resize(buf.size() * 2);
  }
  return name_result(buf.data(), std::strlen(buf.data()), as_bytes);
}
Value posix_getcwd(Value, const Value*, size_t, Value) { return getcwd_impl(false); }
Value posix_getcwdb(Value, const Value*, size_t, Value) { return getcwd_impl(true); }

Value posix_fspath(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path"};
  ArgSpec spec{"fspath", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value v = a[0];
  if (is_str(v) || is_bytes(v)) return newref(v);
  Value meth = lookup_special(v, STRATA_NAME(__fspath__));
  if (!meth) {
    return raise(TypeError, "expected str, bytes or os.PathLike object, not %T", v);
  }
  Value r = call1(meth, v);
  if (!r) return r;
  if (!is_str(r) && !is_bytes(r)) {
    raise(TypeError, "expected %T.__fspath__() to return str or bytes, not %T", v, r);
    decref(r);
    return Value();
  }
  return r;
}

Value posix_chdir(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path"};
  ArgSpec spec{"chdir", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "chdir";
  p.argument = "path";
  p.allow_fd = true;
  if (!path_convert(a[0], &p)) return Value();
  int r = p.fd >= 0 ? fchdir(p.fd) : chdir(p.narrow);
  if (r != 0) return path_error(p);
  return None();
}

// -- Directories -------------------------------------------------------------------------------

bool is_dot_or_dotdot(const char* n) {
  return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0));
}

// Opens the directory a listdir/scandir argument names (a file descriptor is duplicated,
// so that closedir() leaves the caller's open).
DIR* open_dir(const Path& p) {
  if (p.fd >= 0) {
    int fd = dup(p.fd);
    if (fd < 0) return nullptr;
    DIR* d = fdopendir(fd);
    if (!d) {
      int e = errno;
      close(fd);
      errno = e;
      return nullptr;
    }
    rewinddir(d);
    return d;
  }
  return opendir(p.narrow ? p.narrow : ".");
}

Value posix_listdir(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path"};
  ArgSpec spec{"listdir", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "listdir";
  p.argument = "path";
  p.nullable = true;
  p.allow_fd = true;
  if (!path_convert(a[0], &p)) return Value();
  DIR* d = open_dir(p);
  if (!d) return p.narrow || p.fd >= 0 ? path_error(p) : raise_from_errno(errno, Value());
  bool as_bytes = p.is_bytes;
  Ref out(list_new(0));
  if (!out) {
    closedir(d);
    return Value();
  }
  for (;;) {
    errno = 0;
    struct dirent* e = readdir(d);
    if (!e) {
      if (errno != 0) {
        int err = errno;
        closedir(d);
        errno = err;
        return path_error(p);
      }
      break;
    }
    if (is_dot_or_dotdot(e->d_name)) continue;
    Ref name(name_result(e->d_name, std::strlen(e->d_name), as_bytes));
    if (!name || list_append(*out, *name) < 0) {
      closedir(d);
      return Value();
    }
  }
  closedir(d);
  return out.release();
}

// posix.DirEntry: one entry of a scandir() iteration; d_type answers is_dir()/is_file()
// without a system call when the file system reports it.
struct DirEntryObject {
  Object ob;
  Value name;   // str or bytes
  Value path;   // str or bytes
  Value stat;   // cached stat_result (following symlinks) or null
  Value lstat;  // cached lstat result or null
  unsigned char d_type;
  ino_t d_ino;
  int dir_fd;   // the directory's fd when scandir() was given one, else -1
};

Type DirEntryType, ScandirIteratorType;

void direntry_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  DirEntryObject* e = reinterpret_cast<DirEntryObject*>(o);
  xdecref(e->name);
  xdecref(e->path);
  xdecref(e->stat);
  xdecref(e->lstat);
  free_object(o);
}

void direntry_traverse(Object* o, VisitFn visit, void* arg) {
  DirEntryObject* e = reinterpret_cast<DirEntryObject*>(o);
  visit_value(e->stat, visit, arg);
  visit_value(e->lstat, visit, arg);
}

Value direntry_repr(Value self) {
  return str_format_c("<DirEntry %R>", self.as<DirEntryObject>()->name);
}

Value direntry_fetch_stat(DirEntryObject* e, bool follow) {
  struct stat st;
  int r;
  if (e->dir_fd >= 0) {
    Ref b(is_bytes(e->name) ? newref(e->name) : fs_encode(e->name));
    if (!b) return Value();
    r = fstatat(e->dir_fd, reinterpret_cast<const char*>(bytes_data(*b)), &st,
                follow ? 0 : AT_SYMLINK_NOFOLLOW);
  } else {
    Ref b(is_bytes(e->path) ? newref(e->path) : fs_encode(e->path));
    if (!b) return Value();
    const char* path = reinterpret_cast<const char*>(bytes_data(*b));
    r = follow ? stat(path, &st) : lstat(path, &st);
  }
  if (r != 0) return raise_from_errno(errno, e->path);
  return stat_result_from(st);
}

Value direntry_get_lstat(DirEntryObject* e) {
  if (!e->lstat) {
    e->lstat = direntry_fetch_stat(e, false);
    if (!e->lstat) return Value();
  }
  return newref(e->lstat);
}

int direntry_test_mode(DirEntryObject* e, bool follow, mode_t mode_bits);

Value direntry_get_stat(DirEntryObject* e, bool follow) {
  if (!follow) return direntry_get_lstat(e);
  if (!e->stat) {
    int link = direntry_test_mode(e, false, S_IFLNK);
    if (link < 0) return Value();
    e->stat = link ? direntry_fetch_stat(e, true) : direntry_get_lstat(e);
    if (!e->stat) return Value();
  }
  return newref(e->stat);
}

// Whether the entry's type is mode_bits (S_IFDIR, S_IFREG, S_IFLNK): from d_type when it
// is known and needs no following, else from a (cached) stat; a vanished file is False.
int direntry_test_mode(DirEntryObject* e, bool follow, mode_t mode_bits) {
  bool need_stat = e->d_type == DT_UNKNOWN || (follow && e->d_type == DT_LNK);
  if (need_stat) {
    Ref st(direntry_get_stat(e, follow));
    if (!st) {
      if (error_matches(FileNotFoundError)) {
        clear_error();
        return 0;
      }
      return -1;
    }
    Value mode = tuple_item(*st, 0);
    int64_t m = mode.is_small() ? mode.small_value() : 0;
    return (m & S_IFMT) == mode_bits;
  }
  switch (mode_bits) {
    case S_IFDIR: return e->d_type == DT_DIR;
    case S_IFREG: return e->d_type == DT_REG;
    default: return e->d_type == DT_LNK;
  }
}

bool follow_kwarg(const char* fn, const Value* args, size_t nargs, Value kwnames, bool* follow) {
  static const char* const names[] = {"follow_symlinks"};
  ArgSpec spec{fn, names, 1, 0, 0, 0};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  return bool_arg(a[0], follow, true);
}

Value direntry_is_dir(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool follow;
  if (!follow_kwarg("is_dir", args, nargs, kwnames, &follow)) return Value();
  int r = direntry_test_mode(self.as<DirEntryObject>(), follow, S_IFDIR);
  return r < 0 ? Value() : Bool(r);
}
Value direntry_is_file(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool follow;
  if (!follow_kwarg("is_file", args, nargs, kwnames, &follow)) return Value();
  int r = direntry_test_mode(self.as<DirEntryObject>(), follow, S_IFREG);
  return r < 0 ? Value() : Bool(r);
}
Value direntry_is_symlink(Value self, const Value*, size_t, Value) {
  int r = direntry_test_mode(self.as<DirEntryObject>(), false, S_IFLNK);
  return r < 0 ? Value() : Bool(r);
}
Value direntry_stat(Value self, const Value* args, size_t nargs, Value kwnames) {
  bool follow;
  if (!follow_kwarg("stat", args, nargs, kwnames, &follow)) return Value();
  return direntry_get_stat(self.as<DirEntryObject>(), follow);
}
Value direntry_inode(Value self, const Value*, size_t, Value) {
  return int_from_u64(uint64_t(self.as<DirEntryObject>()->d_ino));
}
Value direntry_fspath(Value self, const Value*, size_t, Value) {
  return newref(self.as<DirEntryObject>()->path);
}
Value direntry_class_getitem(Value cls, const Value* args, size_t, Value) {
  // types.GenericAlias(cls, item): reach it through the `types`-free route list[int]
  // gives (type(list[int]) is GenericAlias).
  Ref li(getitem(Value::from(&ListType), Value::from(&IntType)));
  if (!li) return Value();
  return call2(Value::from(type_of(*li)), cls, args[0]);
}

const MethodDef kDirEntryMethods[] = {
    {"is_dir", direntry_is_dir, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"is_file", direntry_is_file, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"is_symlink", direntry_is_symlink, METH_NOARGS, nullptr},
    {"stat", direntry_stat, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"inode", direntry_inode, METH_NOARGS, nullptr},
    {"__fspath__", direntry_fspath, METH_NOARGS, nullptr},
    {"__class_getitem__", direntry_class_getitem, METH_O | METH_CLASS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const MemberDef kDirEntryMembers[] = {
    {"name", MemberKind::ReadOnlyObject, offsetof(DirEntryObject, name), true,
     "the entry's base filename, relative to scandir() \"path\" argument"},
    {"path", MemberKind::ReadOnlyObject, offsetof(DirEntryObject, path), true,
     "the entry's full path name; equivalent to os.path.join(scandir_path, entry.name)"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Value direntry_no_new(Type*, const Value*, size_t, Value) {
  return raise(TypeError, "cannot create 'posix.DirEntry' instances");
}

struct ScandirIteratorObject {
  Object ob;
  DIR* dir;
  Value path;     // the directory as given (str or bytes), or null for a file descriptor
  bool as_bytes;
  int fd;         // the file descriptor scandir() was given, or -1
};

void scandir_close_dir(ScandirIteratorObject* it) {
  if (it->dir) {
    closedir(it->dir);
    it->dir = nullptr;
  }
}

void scandir_dealloc(Object* o) {
  ScandirIteratorObject* it = reinterpret_cast<ScandirIteratorObject*>(o);
  scandir_close_dir(it);
  xdecref(it->path);
  free_object(o);
}

Value scandir_next(Value self) {
  ScandirIteratorObject* it = self.as<ScandirIteratorObject>();
  if (!it->dir) return Value();
  for (;;) {
    errno = 0;
    struct dirent* e = readdir(it->dir);
    if (!e) {
      int err = errno;
      scandir_close_dir(it);
      if (err) return raise_from_errno(err, it->path ? it->path : Value());
      return Value();
    }
    if (is_dot_or_dotdot(e->d_name)) continue;
    size_t n = std::strlen(e->d_name);
    Ref name(name_result(e->d_name, n, it->as_bytes));
    if (!name) return Value();
    Ref path;
    if (it->fd >= 0) {
      path.reset(newref(*name));
    } else {
      // os.path.join(dir, name): a separator unless the directory already ends with one.
      std::string joined;
      Ref dirb(it->as_bytes ? newref(it->path) : fs_encode(it->path));
      if (!dirb) return Value();
      joined.assign(reinterpret_cast<const char*>(bytes_data(*dirb)), size_t(bytes_size(*dirb)));
      if (!joined.empty() && joined.back() != '/') joined += '/';
      joined.append(e->d_name, n);
      path.reset(name_result(joined.data(), joined.size(), it->as_bytes));
      if (!path) return Value();
    }
    Object* o = alloc_object(&DirEntryType, sizeof(DirEntryObject));
    if (!o) return Value();
    DirEntryObject* de = reinterpret_cast<DirEntryObject*>(o);
    de->name = name.release();
    de->path = path.release();
    de->d_type = e->d_type;
    de->d_ino = e->d_ino;
    de->dir_fd = it->fd;
    gc_track(o);
    return Value::from(o);
  }
}

Value scandir_close(Value self, const Value*, size_t, Value) {
  scandir_close_dir(self.as<ScandirIteratorObject>());
  return None();
}
Value scandir_enter(Value self, const Value*, size_t, Value) { return newref(self); }
Value scandir_exit(Value self, const Value*, size_t, Value) {
  scandir_close_dir(self.as<ScandirIteratorObject>());
  return None();
}
Value scandir_iter(Value self) { return newref(self); }

const MethodDef kScandirMethods[] = {
    {"close", scandir_close, METH_NOARGS, nullptr},
    {"__enter__", scandir_enter, METH_NOARGS, nullptr},
    {"__exit__", scandir_exit, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Value posix_scandir(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path"};
  ArgSpec spec{"scandir", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "scandir";
  p.argument = "path";
  p.nullable = true;
  p.allow_fd = true;
  if (!path_convert(a[0], &p)) return Value();
  DIR* d = open_dir(p);
  if (!d) return p.narrow || p.fd >= 0 ? path_error(p) : raise_from_errno(errno, Value());
  Object* o = alloc_object(&ScandirIteratorType, sizeof(ScandirIteratorObject));
  if (!o) {
    closedir(d);
    return Value();
  }
  ScandirIteratorObject* it = reinterpret_cast<ScandirIteratorObject*>(o);
  it->dir = d;
  it->fd = p.fd;
  it->as_bytes = p.is_bytes;
  if (p.fd < 0) it->path = p.narrow ? newref(*p.object) : str_from_ascii(".");
  return Value::from(o);
}

// -- File descriptors ----------------------------------------------------------------------

Value posix_open(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "flags", "mode", "dir_fd"};
  ArgSpec spec{"open", names, 4, 0, 2, 3};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "open";
  p.argument = "path";
  int flags, mode = 0777, dir_fd;
  if (!path_convert(a[0], &p) || !int_arg(a[1], &flags) || (a[2] && !int_arg(a[2], &mode)) ||
      !dir_fd_arg(a[3], &dir_fd))
    return Value();
  flags |= O_CLOEXEC;  // PEP 446: new descriptors are not inheritable
  int fd;
  do {
    fd = openat(dir_fd, p.narrow, flags, mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return path_error(p);
  return Value::small(fd);
}

Value fd_only(const char* fn, const Value* args, size_t nargs, int* fd) {
  if (!check_positional(fn, nargs, 1, 1)) return Value();
  if (!fd_arg(args[0], fd)) return Value();
  return None();
}

Value posix_close(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd"};
  ArgSpec spec{"close", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int fd;
  if (!fd_arg(a[0], &fd)) return Value();
  if (close(fd) < 0 && errno != EINTR) return posix_error();
  return None();
}

Value posix_read(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("read", nargs, 2, 2)) return Value();
  int fd;
  int64_t n;
  if (!fd_arg(args[0], &fd) || !i64_arg(args[1], &n)) return Value();
  if (n < 0) {
    errno = EINVAL;
    return posix_error();
  }
  std::string buf(size_t(n), '\0');
  ssize_t r;
  do {
    r = ::read(fd, buf.data(), size_t(n));
  } while (r < 0 && errno == EINTR);
  if (r < 0) return posix_error();
  return bytes_from(std::string_view(buf.data(), size_t(r)));
}

// The bytes of a bytes-like argument (bytes or bytearray).
bool buffer_arg(Value v, const char** data, size_t* n) {
  if (is_bytes(v)) {
    *data = reinterpret_cast<const char*>(bytes_data(v));
    *n = size_t(bytes_size(v));
    return true;
  }
  if (is_instance_of(v, &ByteArrayType)) {
    ByteArrayObject* b = v.as<ByteArrayObject>();
    *data = reinterpret_cast<const char*>(b->data);
    *n = size_t(b->size);
    return true;
  }
  raise(TypeError, "a bytes-like object is required, not '%T'", v);
  return false;
}

Value posix_write(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("write", nargs, 2, 2)) return Value();
  int fd;
  const char* data;
  size_t n;
  if (!fd_arg(args[0], &fd) || !buffer_arg(args[1], &data, &n)) return Value();
  ssize_t r;
  do {
    r = ::write(fd, data, n);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return posix_error();
  return int_from_i64(r);
}

Value posix_lseek(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("lseek", nargs, 3, 3)) return Value();
  int fd, how;
  int64_t pos;
  if (!fd_arg(args[0], &fd) || !i64_arg(args[1], &pos) || !int_arg(args[2], &how)) return Value();
  off_t r = lseek(fd, off_t(pos), how);
  if (r < 0) return posix_error();
  return int_from_i64(r);
}

Value posix_isatty(Value, const Value* args, size_t nargs, Value) {
  int fd;
  if (!fd_only("isatty", args, nargs, &fd)) return Value();
  return Bool(isatty(fd));
}

Value posix_pipe(Value, const Value*, size_t, Value) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) return posix_error();
  return tuple_pack({Value::small(fds[0]), Value::small(fds[1])});
}

Value posix_dup(Value, const Value* args, size_t nargs, Value) {
  int fd;
  if (!fd_only("dup", args, nargs, &fd)) return Value();
  int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return posix_error();
  return Value::small(r);
}

Value posix_dup2(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd", "fd2", "inheritable"};
  ArgSpec spec{"dup2", names, 3, 0, 2, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int fd, fd2;
  bool inheritable;
  if (!fd_arg(a[0], &fd) || !fd_arg(a[1], &fd2) || !bool_arg(a[2], &inheritable, true))
    return Value();
  int r = inheritable || fd == fd2 ? dup2(fd, fd2) : dup3(fd, fd2, O_CLOEXEC);
  if (r < 0) return posix_error();
  return Value::small(r);
}

Value posix_fsync(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd"};
  ArgSpec spec{"fsync", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int fd;
  Value v = a[0];
  Ref fileno;
  if (!has_index(v)) {  // an object with fileno(), as PyObject_AsFileDescriptor
    fileno.reset(call_method0(v, intern("fileno")));
    if (!fileno) return Value();
    v = *fileno;
  }
  if (!fd_arg(v, &fd)) return Value();
  if (fsync(fd) < 0) return posix_error();
  return None();
}

Value posix_ftruncate(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("ftruncate", nargs, 2, 2)) return Value();
  int fd;
  int64_t len;
  if (!fd_arg(args[0], &fd) || !i64_arg(args[1], &len)) return Value();
  if (ftruncate(fd, off_t(len)) < 0) return posix_error();
  return None();
}

Value posix_truncate(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "length"};
  ArgSpec spec{"truncate", names, 2, 0, 2, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "truncate";
  p.argument = "path";
  p.allow_fd = true;
  int64_t len;
  if (!path_convert(a[0], &p) || !i64_arg(a[1], &len)) return Value();
  int r = p.fd >= 0 ? ftruncate(p.fd, off_t(len)) : truncate(p.narrow, off_t(len));
  if (r < 0) return path_error(p);
  return None();
}

Value posix_get_inheritable(Value, const Value* args, size_t nargs, Value) {
  int fd;
  if (!fd_only("get_inheritable", args, nargs, &fd)) return Value();
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return posix_error();
  return Bool(!(flags & FD_CLOEXEC));
}

Value posix_set_inheritable(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("set_inheritable", nargs, 2, 2)) return Value();
  int fd, inh;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &inh)) return Value();
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return posix_error();
  flags = inh ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
  if (fcntl(fd, F_SETFD, flags) < 0) return posix_error();
  return None();
}

Value posix_get_blocking(Value, const Value* args, size_t nargs, Value) {
  int fd;
  if (!fd_only("get_blocking", args, nargs, &fd)) return Value();
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return posix_error();
  return Bool(!(flags & O_NONBLOCK));
}

Value posix_set_blocking(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("set_blocking", nargs, 2, 2)) return Value();
  int fd, blocking;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &blocking)) return Value();
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return posix_error();
  flags = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
  if (fcntl(fd, F_SETFL, flags) < 0) return posix_error();
  return None();
}

Value posix_device_encoding(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd"};
  ArgSpec spec{"device_encoding", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int fd;
  if (!fd_arg(a[0], &fd)) return Value();
  if (!isatty(fd)) return None();
  return str_from_ascii("UTF-8");
}

// -- Files and directories by name ------------------------------------------------------------

// Parses (path, *, dir_fd=None) for the functions of that shape.
bool path_dirfd_args(const char* fn, const Value* args, size_t nargs, Value kwnames, Path* p,
                     int* dir_fd) {
  static const char* const names[] = {"path", "dir_fd"};
  ArgSpec spec{fn, names, 2, 0, 1, 1};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  p->function = fn;
  p->argument = "path";
  return path_convert(a[0], p) && dir_fd_arg(a[1], dir_fd);
}

Value posix_mkdir(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "mode", "dir_fd"};
  ArgSpec spec{"mkdir", names, 3, 0, 1, 2};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "mkdir";
  p.argument = "path";
  int mode = 0777, dir_fd;
  if (!path_convert(a[0], &p) || (a[1] && !int_arg(a[1], &mode)) || !dir_fd_arg(a[2], &dir_fd))
    return Value();
  if (mkdirat(dir_fd, p.narrow, mode_t(mode)) < 0) return path_error(p);
  return None();
}

Value posix_rmdir(Value, const Value* args, size_t nargs, Value kwnames) {
  Path p;
  int dir_fd;
  if (!path_dirfd_args("rmdir", args, nargs, kwnames, &p, &dir_fd)) return Value();
  if (unlinkat(dir_fd, p.narrow, AT_REMOVEDIR) < 0) return path_error(p);
  return None();
}

Value unlink_impl(const char* fn, const Value* args, size_t nargs, Value kwnames) {
  Path p;
  int dir_fd;
  if (!path_dirfd_args(fn, args, nargs, kwnames, &p, &dir_fd)) return Value();
  if (unlinkat(dir_fd, p.narrow, 0) < 0) return path_error(p);
  return None();
}
Value posix_unlink(Value, const Value* args, size_t nargs, Value kwnames) {
  return unlink_impl("unlink", args, nargs, kwnames);
}
Value posix_remove(Value, const Value* args, size_t nargs, Value kwnames) {
  return unlink_impl("remove", args, nargs, kwnames);
}

Value rename_impl(const char* fn, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd"};
  ArgSpec spec{fn, names, 4, 0, 2, 2};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path src, dst;
  src.function = dst.function = fn;
  src.argument = "src";
  dst.argument = "dst";
  int sfd, dfd;
  if (!path_convert(a[0], &src) || !path_convert(a[1], &dst) || !dir_fd_arg(a[2], &sfd) ||
      !dir_fd_arg(a[3], &dfd))
    return Value();
  if (src.is_bytes != dst.is_bytes) {
    return raise(TypeError, "%s: src and dst must be the same type", fn);
  }
  if (renameat(sfd, src.narrow, dfd, dst.narrow) < 0) return path_error2(src, dst);
  return None();
}
Value posix_rename(Value, const Value* args, size_t nargs, Value kwnames) {
  return rename_impl("rename", args, nargs, kwnames);
}
Value posix_replace(Value, const Value* args, size_t nargs, Value kwnames) {
  return rename_impl("replace", args, nargs, kwnames);
}

Value posix_chmod(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "mode", "dir_fd", "follow_symlinks"};
  ArgSpec spec{"chmod", names, 4, 0, 2, 2};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "chmod";
  p.argument = "path";
  p.allow_fd = true;
  int mode, dir_fd;
  bool follow;
  if (!path_convert(a[0], &p) || !int_arg(a[1], &mode) || !dir_fd_arg(a[2], &dir_fd) ||
      !bool_arg(a[3], &follow, true))
    return Value();
  if (!fd_and_follow_ok("chmod", p, dir_fd, follow)) return Value();
  int r;
  if (p.fd >= 0) {
    r = fchmod(p.fd, mode_t(mode));
  } else {
    r = fchmodat(dir_fd, p.narrow, mode_t(mode), follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r < 0 && !follow && (errno == ENOTSUP || errno == EOPNOTSUPP)) {
      return raise(NotImplementedError,
                   "chmod: follow_symlinks unavailable on this platform");
    }
  }
  if (r < 0) return path_error(p);
  return None();
}

Value posix_access(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "mode", "dir_fd", "effective_ids",
                                      "follow_symlinks"};
  ArgSpec spec{"access", names, 5, 0, 2, 2};
  Value a[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "access";
  p.argument = "path";
  int mode, dir_fd;
  bool eff, follow;
  if (!path_convert(a[0], &p) || !int_arg(a[1], &mode) || !dir_fd_arg(a[2], &dir_fd) ||
      !bool_arg(a[3], &eff, false) || !bool_arg(a[4], &follow, true))
    return Value();
  int flags = (eff ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
  int r = flags == 0 && dir_fd == AT_FDCWD ? access(p.narrow, mode)
                                           : faccessat(dir_fd, p.narrow, mode, flags);
  return Bool(r == 0);
}

Value posix_readlink(Value, const Value* args, size_t nargs, Value kwnames) {
  Path p;
  int dir_fd;
  if (!path_dirfd_args("readlink", args, nargs, kwnames, &p, &dir_fd)) return Value();
  std::string buf(PATH_MAX + 1, '\0');
  ssize_t n = readlinkat(dir_fd, p.narrow, buf.data(), buf.size());
  if (n < 0) return path_error(p);
  return name_result(buf.data(), size_t(n), p.is_bytes);
}

Value posix_symlink(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"src", "dst", "target_is_directory", "dir_fd"};
  ArgSpec spec{"symlink", names, 4, 0, 2, 3};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path src, dst;
  src.function = dst.function = "symlink";
  src.argument = "src";
  dst.argument = "dst";
  int dir_fd;
  bool isdir;
  if (!path_convert(a[0], &src) || !path_convert(a[1], &dst) || !bool_arg(a[2], &isdir, false) ||
      !dir_fd_arg(a[3], &dir_fd))
    return Value();
  if (symlinkat(src.narrow, dir_fd, dst.narrow) < 0) return path_error2(src, dst);
  return None();
}

Value posix_link(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd",
                                      "follow_symlinks"};
  ArgSpec spec{"link", names, 5, 0, 2, 2};
  Value a[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path src, dst;
  src.function = dst.function = "link";
  src.argument = "src";
  dst.argument = "dst";
  int sfd, dfd;
  bool follow;
  if (!path_convert(a[0], &src) || !path_convert(a[1], &dst) || !dir_fd_arg(a[2], &sfd) ||
      !dir_fd_arg(a[3], &dfd) || !bool_arg(a[4], &follow, true))
    return Value();
  if (linkat(sfd, src.narrow, dfd, dst.narrow, follow ? AT_SYMLINK_FOLLOW : 0) < 0)
    return path_error2(src, dst);
  return None();
}

// A time for utime(): an int or float number of seconds, split as CPython rounds it
// (_PyTime_ROUND_FLOOR on the fraction).
bool seconds_arg(Value v, struct timespec* ts) {
  if (is_float(v)) {
    double d = float_of(v);
    double sec = std::floor(d);
    ts->tv_sec = time_t(sec);
    long ns = long(std::floor((d - sec) * 1e9 + 0.5));
    if (ns >= 1000000000) {
      ns -= 1000000000;
      ts->tv_sec++;
    }
    ts->tv_nsec = ns;
    return true;
  }
  int64_t s;
  if (!i64_arg(v, &s)) return false;
  ts->tv_sec = time_t(s);
  ts->tv_nsec = 0;
  return true;
}

Value posix_utime(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"path", "times", "ns", "dir_fd", "follow_symlinks"};
  ArgSpec spec{"utime", names, 5, 0, 1, 2};
  Value a[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Path p;
  p.function = "utime";
  p.argument = "path";
  p.allow_fd = true;
  int dir_fd;
  bool follow;
  if (!path_convert(a[0], &p) || !dir_fd_arg(a[3], &dir_fd) || !bool_arg(a[4], &follow, true))
    return Value();
  Value times = a[1] && !is_none(a[1]) ? a[1] : Value();
  struct timespec ts[2];
  struct timespec* tsp = nullptr;
  if (times && a[2]) {
    return raise(ValueError, "utime: you may specify either 'times' or 'ns' but not both");
  }
  if (times) {
    if (!is_tuple(times) || tuple_size(times) != 2) {
      return raise(TypeError, "utime: 'times' must be either a tuple of two ints or None");
    }
    if (!seconds_arg(tuple_item(times, 0), &ts[0]) || !seconds_arg(tuple_item(times, 1), &ts[1]))
      return Value();
    tsp = ts;
  } else if (a[2]) {
    Value ns = a[2];
    if (!is_tuple(ns) || tuple_size(ns) != 2) {
      return raise(TypeError, "utime: 'ns' must be a tuple of two ints");
    }
    for (int i = 0; i < 2; i++) {
      int64_t v;
      if (!i64_arg(tuple_item(ns, i), &v)) return Value();
      int64_t sec = v / 1000000000, rem = v % 1000000000;
      if (rem < 0) {
        rem += 1000000000;
        sec--;
      }
      ts[i].tv_sec = time_t(sec);
      ts[i].tv_nsec = long(rem);
    }
    tsp = ts;
  }
  if (!fd_and_follow_ok("utime", p, dir_fd, follow)) return Value();
  int r = p.fd >= 0 ? futimens(p.fd, tsp)
                    : utimensat(dir_fd, p.narrow, tsp, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r < 0) return path_error(p);
  return None();
}

// -- The process ------------------------------------------------------------------------------

Value posix_getpid(Value, const Value*, size_t, Value) { return int_from_i64(getpid()); }
Value posix_getppid(Value, const Value*, size_t, Value) { return int_from_i64(getppid()); }
Value posix_getuid(Value, const Value*, size_t, Value) { return int_from_i64(getuid()); }
Value posix_geteuid(Value, const Value*, size_t, Value) { return int_from_i64(geteuid()); }
Value posix_getgid(Value, const Value*, size_t, Value) { return int_from_i64(getgid()); }
Value posix_getegid(Value, const Value*, size_t, Value) { return int_from_i64(getegid()); }
Value posix_getpgrp(Value, const Value*, size_t, Value) { return int_from_i64(getpgrp()); }

Value posix_umask(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("umask", nargs, 1, 1)) return Value();
  int mask;
  if (!int_arg(args[0], &mask)) return Value();
  return int_from_i64(umask(mode_t(mask)));
}

Value posix_uname(Value, const Value*, size_t, Value) {
  struct utsname u;
  if (uname(&u) < 0) return posix_error();
  const char* parts[5] = {u.sysname, u.nodename, u.release, u.version, u.machine};
  Value it[5];
  bool fail = false;
  for (int i = 0; i < 5; i++) {
    it[i] = fs_decode(parts[i], std::strlen(parts[i]));
    fail |= !it[i];
  }
  return structseq_new(&UnameResultType, it, fail);
}

Value posix_times(Value, const Value*, size_t, Value) {
  struct tms t;
  clock_t c = times(&t);
  if (c == clock_t(-1)) return posix_error();
  double tick = double(sysconf(_SC_CLK_TCK));
  Value it[5] = {float_new(double(t.tms_utime) / tick), float_new(double(t.tms_stime) / tick),
                 float_new(double(t.tms_cutime) / tick), float_new(double(t.tms_cstime) / tick),
                 float_new(double(c) / tick)};
  bool fail = false;
  for (Value v : it) fail |= !v;
  return structseq_new(&TimesResultType, it, fail);
}

Value posix_strerror(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("strerror", nargs, 1, 1)) return Value();
  int code;
  if (!int_arg(args[0], &code)) return Value();
  return fs_decode(std::strerror(code), std::strlen(std::strerror(code)));
}

Value posix_urandom(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("urandom", nargs, 1, 1)) return Value();
  int64_t n;
  if (!i64_arg(args[0], &n)) return Value();
  if (n < 0) return raise(ValueError, "negative argument not allowed");
  std::string buf(size_t(n), '\0');
  size_t got = 0;
  while (got < size_t(n)) {
    ssize_t r = getrandom(buf.data() + got, size_t(n) - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return posix_error();
    }
    got += size_t(r);
  }
  return bytes_from(buf);
}

Value posix_cpu_count(Value, const Value*, size_t, Value) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 ? int_from_i64(n) : None();
}

Value posix_get_terminal_size(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("get_terminal_size", nargs, 0, 1)) return Value();
  int fd = STDOUT_FILENO;
  if (nargs && !fd_arg(args[0], &fd)) return Value();
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) < 0) return posix_error();
  Value it[2] = {int_from_i64(w.ws_col), int_from_i64(w.ws_row)};
  return structseq_new(&TerminalSizeType, it);
}

Value posix_kill(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("kill", nargs, 2, 2)) return Value();
  int pid, sig;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &sig)) return Value();
  if (kill(pid_t(pid), sig) < 0) return posix_error();
  return None();
}

Value posix__exit(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"status"};
  ArgSpec spec{"_exit", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int status;
  if (!int_arg(a[0], &status)) return Value();
  _exit(status);
}

Value posix_waitpid(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("waitpid", nargs, 2, 2)) return Value();
  int pid, options;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &options)) return Value();
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_t(pid), &status, options);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return posix_error();
  return tuple_pack({int_from_i64(r), int_from_i64(status)});
}

bool status_arg(const char* fn, const Value* args, size_t nargs, Value kwnames, int* status) {
  static const char* const names[] = {"status"};
  ArgSpec spec{fn, names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  return int_arg(a[0], status);
}

#define STRATA_WAIT_MACRO(NAME, EXPR, WRAP)                                              \
  Value posix_##NAME(Value, const Value* args, size_t nargs, Value kwnames) {            \
    int status;                                                                          \
    if (!status_arg(#NAME, args, nargs, kwnames, &status)) return Value();               \
    return WRAP(EXPR(status));                                                           \
  }
inline Value bool_of(int v) { return Bool(v != 0); }
inline Value int_of(int v) { return int_from_i64(v); }
STRATA_WAIT_MACRO(WIFEXITED, WIFEXITED, bool_of)
STRATA_WAIT_MACRO(WEXITSTATUS, WEXITSTATUS, int_of)
STRATA_WAIT_MACRO(WIFSIGNALED, WIFSIGNALED, bool_of)
STRATA_WAIT_MACRO(WTERMSIG, WTERMSIG, int_of)
STRATA_WAIT_MACRO(WIFSTOPPED, WIFSTOPPED, bool_of)
STRATA_WAIT_MACRO(WSTOPSIG, WSTOPSIG, int_of)
STRATA_WAIT_MACRO(WCOREDUMP, WCOREDUMP, bool_of)
STRATA_WAIT_MACRO(WIFCONTINUED, WIFCONTINUED, bool_of)
#undef STRATA_WAIT_MACRO

Value posix_waitstatus_to_exitcode(Value, const Value* args, size_t nargs, Value kwnames) {
  int status;
  if (!status_arg("waitstatus_to_exitcode", args, nargs, kwnames, &status)) return Value();
  if (WIFEXITED(status)) return int_from_i64(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return int_from_i64(-WTERMSIG(status));
  return raise(ValueError, "invalid wait status: %d", status);
}

// -- The environment -------------------------------------------------------------------------

// The bytes of a putenv/unsetenv argument (PyUnicode_FSConverter: str, bytes, PathLike).
bool fs_converter(Value v, Ref* out) {
  Value o = v;
  Ref fsp;
  if (!is_str(o) && !is_bytes(o)) {
    Value meth = lookup_special(o, STRATA_NAME(__fspath__));
    if (!meth) {
      raise(TypeError, "expected str, bytes or os.PathLike object, not %T", o);
      return false;
    }
    fsp.reset(call1(meth, o));
    if (!fsp) return false;
    o = *fsp;
    if (!is_str(o) && !is_bytes(o)) {
      raise(TypeError, "expected %T.__fspath__() to return str or bytes, not %T", v, o);
      return false;
    }
  }
  out->reset(is_str(o) ? fs_encode(o) : newref(o));
  if (!*out) return false;
  if (std::memchr(bytes_data(**out), 0, size_t(bytes_size(**out)))) {
    raise(ValueError, "embedded null byte");
    return false;
  }
  return true;
}

Value posix_putenv(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("putenv", nargs, 2, 2)) return Value();
  Ref name, value;
  if (!fs_converter(args[0], &name) || !fs_converter(args[1], &value)) return Value();
  const char* n = reinterpret_cast<const char*>(bytes_data(*name));
  if (!*n || std::strchr(n, '=')) return raise(ValueError, "illegal environment variable name");
  if (setenv(n, reinterpret_cast<const char*>(bytes_data(*value)), 1) < 0) return posix_error();
  return None();
}

Value posix_unsetenv(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("unsetenv", nargs, 1, 1)) return Value();
  Ref name;
  if (!fs_converter(args[0], &name)) return Value();
  const char* n = reinterpret_cast<const char*>(bytes_data(*name));
  if (!*n || std::strchr(n, '=')) return raise(ValueError, "illegal environment variable name");
  if (unsetenv(n) < 0) return posix_error();
  return None();
}

Value make_environ() {
  Ref d(dict_new());
  if (!d) return Value();
  for (char** e = environ; e && *e; e++) {
    const char* eq = std::strchr(*e, '=');
    if (!eq) continue;
    Ref k(bytes_from(std::string_view(*e, size_t(eq - *e))));
    Ref v(bytes_from(std::string_view(eq + 1)));
    if (!k || !v) return Value();
    if (!dict_setdefault(*d, *k, *v)) return Value();
  }
  return d.release();
}

// -- The module --------------------------------------------------------------------------------

constexpr uint32_t kFK = METH_FASTCALL | METH_KEYWORDS;

const MethodDef kPosixMethods[] = {
    {"WCOREDUMP", posix_WCOREDUMP, kFK, nullptr},
    {"WEXITSTATUS", posix_WEXITSTATUS, kFK, nullptr},
    {"WIFCONTINUED", posix_WIFCONTINUED, kFK, nullptr},
    {"WIFEXITED", posix_WIFEXITED, kFK, nullptr},
    {"WIFSIGNALED", posix_WIFSIGNALED, kFK, nullptr},
    {"WIFSTOPPED", posix_WIFSTOPPED, kFK, nullptr},
    {"WSTOPSIG", posix_WSTOPSIG, kFK, nullptr},
    {"WTERMSIG", posix_WTERMSIG, kFK, nullptr},
    {"_exit", posix__exit, kFK, nullptr},
    {"access", posix_access, kFK, nullptr},
    {"chdir", posix_chdir, kFK, nullptr},
    {"chmod", posix_chmod, kFK, nullptr},
    {"close", posix_close, kFK, nullptr},
    {"cpu_count", posix_cpu_count, METH_NOARGS, nullptr},
    {"device_encoding", posix_device_encoding, kFK, nullptr},
    {"dup", posix_dup, METH_FASTCALL, nullptr},
    {"dup2", posix_dup2, kFK, nullptr},
    {"fspath", posix_fspath, kFK, nullptr},
    {"fstat", posix_fstat, kFK, nullptr},
    {"fsync", posix_fsync, kFK, nullptr},
    {"ftruncate", posix_ftruncate, METH_FASTCALL, nullptr},
    {"get_blocking", posix_get_blocking, METH_FASTCALL, nullptr},
    {"get_inheritable", posix_get_inheritable, METH_FASTCALL, nullptr},
    {"get_terminal_size", posix_get_terminal_size, METH_FASTCALL, nullptr},
    {"getcwd", posix_getcwd, METH_NOARGS, nullptr},
    {"getcwdb", posix_getcwdb, METH_NOARGS, nullptr},
    {"getegid", posix_getegid, METH_NOARGS, nullptr},
    {"geteuid", posix_geteuid, METH_NOARGS, nullptr},
    {"getgid", posix_getgid, METH_NOARGS, nullptr},
    {"getpgrp", posix_getpgrp, METH_NOARGS, nullptr},
    {"getpid", posix_getpid, METH_NOARGS, nullptr},
    {"getppid", posix_getppid, METH_NOARGS, nullptr},
    {"getuid", posix_getuid, METH_NOARGS, nullptr},
    {"isatty", posix_isatty, METH_FASTCALL, nullptr},
    {"kill", posix_kill, METH_FASTCALL, nullptr},
    {"link", posix_link, kFK, nullptr},
    {"listdir", posix_listdir, kFK, nullptr},
    {"lseek", posix_lseek, METH_FASTCALL, nullptr},
    {"lstat", posix_lstat, kFK, nullptr},
    {"mkdir", posix_mkdir, kFK, nullptr},
    {"open", posix_open, kFK, nullptr},
    {"pipe", posix_pipe, METH_NOARGS, nullptr},
    {"putenv", posix_putenv, METH_FASTCALL, nullptr},
    {"read", posix_read, METH_FASTCALL, nullptr},
    {"readlink", posix_readlink, kFK, nullptr},
    {"remove", posix_remove, kFK, nullptr},
    {"rename", posix_rename, kFK, nullptr},
    {"replace", posix_replace, kFK, nullptr},
    {"rmdir", posix_rmdir, kFK, nullptr},
    {"scandir", posix_scandir, kFK, nullptr},
    {"set_blocking", posix_set_blocking, METH_FASTCALL, nullptr},
    {"set_inheritable", posix_set_inheritable, METH_FASTCALL, nullptr},
    {"stat", posix_stat, kFK, nullptr},
    {"strerror", posix_strerror, METH_FASTCALL, nullptr},
    {"symlink", posix_symlink, kFK, nullptr},
    {"times", posix_times, METH_NOARGS, nullptr},
    {"truncate", posix_truncate, kFK, nullptr},
    {"umask", posix_umask, METH_FASTCALL, nullptr},
    {"uname", posix_uname, METH_NOARGS, nullptr},
    {"unlink", posix_unlink, kFK, nullptr},
    {"unsetenv", posix_unsetenv, METH_FASTCALL, nullptr},
    {"urandom", posix_urandom, METH_FASTCALL, nullptr},
    {"utime", posix_utime, kFK, nullptr},
    {"waitpid", posix_waitpid, METH_FASTCALL, nullptr},
    {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode, kFK, nullptr},
    {"write", posix_write, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

struct IntConstant {
  const char* name;
  long value;
};

#define C(name) {#name, long(name)},
const IntConstant kPosixConstants[] = {
    C(F_OK) C(R_OK) C(W_OK) C(X_OK)
    C(NGROUPS_MAX) C(TMP_MAX)
    C(WCONTINUED) C(WNOHANG) C(WUNTRACED)
    C(O_RDONLY) C(O_WRONLY) C(O_RDWR) C(O_NDELAY) C(O_NONBLOCK) C(O_APPEND) C(O_DSYNC)
    C(O_RSYNC) C(O_SYNC) C(O_NOCTTY) C(O_CREAT) C(O_EXCL) C(O_TRUNC) C(O_LARGEFILE)
    C(O_PATH) C(O_TMPFILE) C(O_ASYNC) C(O_DIRECT) C(O_DIRECTORY) C(O_NOFOLLOW) C(O_NOATIME)
    C(O_CLOEXEC) C(O_ACCMODE) C(O_FSYNC)
    C(PRIO_PROCESS) C(PRIO_PGRP) C(PRIO_USER)
    C(F_LOCK) C(F_TLOCK) C(F_ULOCK) C(F_TEST)
    C(SEEK_DATA) C(SEEK_HOLE)
    C(EX_OK) C(EX_USAGE) C(EX_DATAERR) C(EX_NOINPUT) C(EX_NOUSER) C(EX_NOHOST)
    C(EX_UNAVAILABLE) C(EX_SOFTWARE) C(EX_OSERR) C(EX_OSFILE) C(EX_CANTCREAT) C(EX_IOERR)
    C(EX_TEMPFAIL) C(EX_PROTOCOL) C(EX_NOPERM) C(EX_CONFIG)
    C(WEXITED) C(WSTOPPED) C(WNOWAIT)
    C(P_PID) C(P_PGID) C(P_ALL)
    C(CLD_EXITED) C(CLD_KILLED) C(CLD_DUMPED) C(CLD_TRAPPED) C(CLD_STOPPED) C(CLD_CONTINUED)
    C(SCHED_OTHER) C(SCHED_FIFO) C(SCHED_RR) C(SCHED_BATCH) C(SCHED_IDLE) C(SCHED_RESET_ON_FORK)
    C(RTLD_LAZY) C(RTLD_NOW) C(RTLD_GLOBAL) C(RTLD_LOCAL) C(RTLD_NODELETE) C(RTLD_NOLOAD)
    C(RTLD_DEEPBIND)
    C(ST_RDONLY) C(ST_NOSUID)
};
#undef C

// The HAVE_* features os.py turns into supports_fd / supports_dir_fd /
// supports_follow_symlinks; only those whose variants this module implements.
const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR",   "HAVE_FCHMOD",    "HAVE_FCHMODAT",  "HAVE_FDOPENDIR",
    "HAVE_FSTATAT",   "HAVE_FTRUNCATE", "HAVE_FUTIMENS", "HAVE_LINKAT",    "HAVE_LSTAT",
    "HAVE_MKDIRAT",   "HAVE_OPENAT",   "HAVE_READLINKAT", "HAVE_RENAMEAT", "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",  "HAVE_UTIMENSAT",
};

int ready_types() {
  static const StructSeqDesc* const descs[] = {&kStatDesc, &kTerminalSizeDesc, &kUnameDesc,
                                               &kTimesDesc};
  static Type* const types[] = {&StatResultType, &TerminalSizeType, &UnameResultType,
                                &TimesResultType};
  static MemberDef* const members[] = {g_stat_members, g_terminal_size_members, g_uname_members,
                                       g_times_members};
  StatResultType.new_ = stat_result_new;
  for (int i = 0; i < 4; i++) {
    if (structseq_init_type(types[i], descs[i], members[i]) < 0) return -1;
  }
  if (!has_flag(&DirEntryType, TF_READY)) {
    Type* t = &DirEntryType;
    t->ob.refcnt = kImmortal;
    t->ob.type = &TypeType;
    t->name = "posix.DirEntry";
    t->base = &ObjectType;
    t->flags = TF_HAVE_GC;
    t->basicsize = sizeof(DirEntryObject);
    t->dealloc = direntry_dealloc;
    t->traverse = direntry_traverse;
    t->repr = direntry_repr;
    t->getattr = generic_getattr;
    t->new_ = direntry_no_new;
    t->methods = kDirEntryMethods;
    t->members = kDirEntryMembers;
    if (type_ready(t) < 0) return -1;
  }
  if (!has_flag(&ScandirIteratorType, TF_READY)) {
    Type* t = &ScandirIteratorType;
    t->ob.refcnt = kImmortal;
    t->ob.type = &TypeType;
    t->name = "posix.ScandirIterator";
    t->base = &ObjectType;
    t->basicsize = sizeof(ScandirIteratorObject);
    t->dealloc = scandir_dealloc;
    t->getattr = generic_getattr;
    t->iter = scandir_iter;
    t->iternext = scandir_next;
    t->methods = kScandirMethods;
    if (type_ready(t) < 0) return -1;
  }
  return 0;
}

Value stat_result_new(Type* type, const Value* args, size_t nargs, Value kwnames) {
  Value r = structseq_generic_new(type, args, nargs, kwnames);
  if (!r) return r;
  // st_atime, st_mtime, st_ctime default to the integer times (items 7..9).
  Value* items = tuple_items(r);
  for (int i = 0; i < 3; i++) {
    if (is_none(items[10 + i])) {
      Value v = newref(items[7 + i]);
      decref(items[10 + i]);
      items[10 + i] = v;
    }
  }
  return r;
}

int posix_init(Value module) {
  if (ready_types() < 0) return -1;
  Value d = module_dict(module);
  auto put = [&](const char* name, Value v) -> int {
    if (!v) return -1;
    int r = dict_set_cstr(d, name, v);
    decref(v);
    return r;
  };
  for (const IntConstant& c : kPosixConstants) {
    if (put(c.name, int_from_i64(c.value)) < 0) return -1;
  }
  Value have = list_new(0);
  if (!have) return -1;
  for (const char* h : kHaveFunctions) {
    Value s = str_from_ascii(h);
    if (!s || list_append(have, s) < 0) {
      xdecref(s);
      decref(have);
      return -1;
    }
    decref(s);
  }
  if (put("_have_functions", have) < 0) return -1;
  if (put("environ", make_environ()) < 0) return -1;
  if (dict_set_cstr(d, "error", Value::from(OSError)) < 0 ||
      dict_set_cstr(d, "stat_result", Value::from(&StatResultType)) < 0 ||
      dict_set_cstr(d, "terminal_size", Value::from(&TerminalSizeType)) < 0 ||
      dict_set_cstr(d, "uname_result", Value::from(&UnameResultType)) < 0 ||
      dict_set_cstr(d, "times_result", Value::from(&TimesResultType)) < 0 ||
      dict_set_cstr(d, "DirEntry", Value::from(&DirEntryType)) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef posix_module_def;
const BuiltinModuleDef posix_module_def = {
    "posix", posix_init, kPosixMethods,
    "This module provides access to operating system functionality that is\n"
    "standardized by the C Standard and the POSIX standard (a thinly\n"
    "disguised Unix interface).  Refer to the library manual and\n"
    "corresponding Unix manual entries for more information on calls."};

}  // namespace strata
