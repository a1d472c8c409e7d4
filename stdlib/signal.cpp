// stdlib/signal.cpp — the `_signal` module under CPython's signal.py: Python-level signal
// handlers (signal, getsignal, default_int_handler, SIG_DFL, SIG_IGN), the signal numbers,
// raise_signal, strsignal, valid_signals, alarm, pause, siginterrupt, set_wakeup_fd,
// getitimer/setitimer, pthread_kill, pthread_sigmask, sigpending.
//
// A signal with a Python handler is caught by a C handler that only marks it tripped and
// sets the eval breaker; run_signal_handlers() (called from handle_eval_breaker, at the
// interpreter's next safe point) calls the Python handlers, lowest signal first. SIGINT
// keeps the runtime's own handler (KeyboardInterrupt through pending_sigint) while its
// Python handler is default_int_handler, the state at start-up; once signal() is called
// for it, it goes through the Python handler like any other.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstring>

#include "stdlib/builtins.h"
#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

volatile std::sig_atomic_t signals_tripped = 0;  // some entry of `tripped` is set

namespace {

constexpr int kNsig = NSIG;  // 65 on Linux: numbers 1..64

volatile std::sig_atomic_t tripped[kNsig];
Value handlers[kNsig];         // the Python handler of each signal (owned), null: unknown
bool handlers_known = false;   // handlers[] filled from the OS's dispositions
Value default_int_handler_fn;  // the module's default_int_handler (owned)
Value itimer_error;            // signal.itimer_error (owned)

void on_signal(int signum) {
  tripped[signum] = 1;
  signals_tripped = 1;
  thread.eval_breaker = 1;
}

// Argument Clinic's "i": a C int from an index.
bool int_arg(Value v, int* out) {
  Ref i(number_index(v));
  if (!i) return false;
  int64_t x;
  if (!int_to_i64(*i, &x) || x < INT_MIN || x > INT_MAX) {
    raise(OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(x);
  return true;
}

bool signum_arg(Value v, int* out) {
  if (!int_arg(v, out)) return false;
  if (*out < 1 || *out >= kNsig) {
    raise(ValueError, "signal number out of range");
    return false;
  }
  return true;
}

bool is_handler_constant(Value h, int which) {
  return h && h.is_small() && h.small_value() == which;
}

// What the OS says of each signal at start-up: SIG_DFL, SIG_IGN or (another C handler)
// None; SIGINT's Python handler is default_int_handler.
void know_handlers() {
  if (handlers_known) return;
  handlers_known = true;
  for (int s = 1; s < kNsig; s++) {
    struct sigaction sa;
    Value h = None();
    if (sigaction(s, nullptr, &sa) == 0) {
      if (sa.sa_handler == SIG_DFL) h = Value::small(0);
      else if (sa.sa_handler == SIG_IGN) h = Value::small(1);
    }
    handlers[s] = h;
  }
  handlers[SIGINT] = newref(default_int_handler_fn);
}

// -- Module functions -------------------------------------------------------------------------

Value sig_default_int_handler(Value, const Value*, size_t nargs, Value) {
  if (nargs != 2) {
    return raise(TypeError, "default_int_handler expected 2 arguments, got %zu", nargs);
  }
  return raise_object(Value::from(KeyboardInterrupt));
}

Value sig_signal(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("signal", nargs, 2, 2)) return Value();
  int signum;
  if (!signum_arg(a[0], &signum)) return Value();
  Value handler = a[1];
  void (*c_handler)(int);
  if (is_callable(handler)) {
    c_handler = on_signal;
  } else {
    int ign = rich_compare_bool(handler, Value::small(1), CMP_EQ);
    if (ign < 0) return Value();
    int dfl = ign ? 0 : rich_compare_bool(handler, Value::small(0), CMP_EQ);
    if (dfl < 0) return Value();
    if (!ign && !dfl) {
      return raise(TypeError, "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a "
                              "callable object");
    }
    c_handler = ign ? SIG_IGN : SIG_DFL;
  }
  if (thread.eval_breaker && handle_eval_breaker() < 0) return Value();
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = c_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK;
  if (sigaction(signum, &sa, nullptr) < 0) return raise_from_errno(errno);
  Value old = handlers[signum];
  handlers[signum] = newref(handler);
  return old ? old : None();
}

Value sig_getsignal(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("getsignal", nargs, 1, 1)) return Value();
  int signum;
  if (!signum_arg(a[0], &signum)) return Value();
  return newref(handlers[signum] ? handlers[signum] : None());
}

Value sig_raise_signal(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("raise_signal", nargs, 1, 1)) return Value();
  int signum;
  if (!int_arg(a[0], &signum)) return Value();
  if (::raise(signum) != 0) return raise_from_errno(errno);
  if (thread.eval_breaker && handle_eval_breaker() < 0) return Value();
  return None();
}

Value sig_strsignal(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("strsignal", nargs, 1, 1)) return Value();
  int signum;
  if (!signum_arg(a[0], &signum)) return Value();
  const char* text = strsignal(signum);
  if (!text || std::strncmp(text, "Unknown signal", 14) == 0) return None();
  return str_from_utf8(text);
}

Value sig_valid_signals(Value, const Value*, size_t, Value) {
  sigset_t set;
  if (sigemptyset(&set) < 0 || sigfillset(&set) < 0) return raise_from_errno(errno);
  Ref result(set_new(Value()));
  if (!result) return Value();
  for (int s = 1; s < kNsig; s++) {
    if (sigismember(&set, s) != 1) continue;
    if (set_add(*result, Value::small(s)) < 0) return Value();
  }
  return result.release();
}

Value sig_alarm(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("alarm", nargs, 1, 1)) return Value();
  int seconds;
  if (!int_arg(a[0], &seconds)) return Value();
  return int_from_i64(alarm(static_cast<unsigned>(seconds)));
}

Value sig_pause(Value, const Value*, size_t, Value) {
  pause();
  if (thread.eval_breaker && handle_eval_breaker() < 0) return Value();
  return None();
}

Value sig_siginterrupt(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("siginterrupt", nargs, 2, 2)) return Value();
  int signum, flag;
  if (!signum_arg(a[0], &signum) || !int_arg(a[1], &flag)) return Value();
  struct sigaction sa;
  if (sigaction(signum, nullptr, &sa) < 0) return raise_from_errno(errno);
  if (flag) sa.sa_flags &= ~SA_RESTART;
  else sa.sa_flags |= SA_RESTART;
  if (sigaction(signum, &sa, nullptr) < 0) return raise_from_errno(errno);
  return None();
}

int wakeup_fd = -1;

Value sig_set_wakeup_fd(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const names[] = {"fd", "warn_on_full_buffer"};
  ArgSpec spec{"set_wakeup_fd", names, 2, 1, 1, 1};
  Value args[2];
  if (!unpack_keywords(spec, a, nargs, kwnames, args)) return Value();
  int fd;
  if (!int_arg(args[0], &fd)) return Value();
  if (fd != -1) {
    struct stat st;
    if (fstat(fd, &st) != 0) return raise_from_errno(errno);
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return raise_from_errno(errno);
    if (!(fl & O_NONBLOCK)) return raise(ValueError, "the fd %d must be in non-blocking mode", fd);
  }
  int old = wakeup_fd;
  wakeup_fd = fd;  // recorded only: nothing is written to it yet
  return int_from_i64(old);
}

// -- Interval timers ----------------------------------------------------------------------------

double timeval_seconds(const struct timeval& tv) {
  return double(tv.tv_sec) + double(tv.tv_usec) / 1000000.0;
}

bool seconds_timeval(Value v, struct timeval* tv) {
  double d = as_double(v);
  if (d == -1.0 && error_occurred()) return false;
  if (std::isnan(d)) {
    raise(ValueError, "Invalid value NaN (not a number)");
    return false;
  }
  double whole = std::floor(d);
  tv->tv_sec = static_cast<time_t>(whole);
  tv->tv_usec = static_cast<suseconds_t>(std::ceil((d - whole) * 1e6));
  if (tv->tv_usec >= 1000000) {
    tv->tv_sec += 1;
    tv->tv_usec -= 1000000;
  }
  if (tv->tv_sec < 0) tv->tv_sec = tv->tv_usec = 0;
  return true;
}

Value itimer_tuple(const struct itimerval& v) {
  Ref delay(float_new(timeval_seconds(v.it_value)));
  Ref interval(float_new(timeval_seconds(v.it_interval)));
  if (!delay || !interval) return Value();
  return tuple_pack({*delay, *interval});
}

Value raise_itimer_error() {
  int e = errno;
  Ref code(int_from_i64(e));
  Ref msg(str_from_utf8(std::strerror(e)));
  if (!code || !msg) return Value();
  Value args[2] = {*code, *msg};
  Ref exc(call(itimer_error, args, 2));
  if (!exc) return Value();
  return raise_object(*exc);
}

Value sig_setitimer(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("setitimer", nargs, 2, 3)) return Value();
  int which;
  if (!int_arg(a[0], &which)) return Value();
  struct itimerval nv {}, ov {};
  if (!seconds_timeval(a[1], &nv.it_value)) return Value();
  if (nargs == 3 && !seconds_timeval(a[2], &nv.it_interval)) return Value();
  if (setitimer(which, &nv, &ov) != 0) return raise_itimer_error();
  return itimer_tuple(ov);
}

Value sig_getitimer(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("getitimer", nargs, 1, 1)) return Value();
  int which;
  if (!int_arg(a[0], &which)) return Value();
  struct itimerval v {};
  if (getitimer(which, &v) != 0) return raise_itimer_error();
  return itimer_tuple(v);
}

// -- Signal masks -------------------------------------------------------------------------------

bool sigset_from(Value iterable, sigset_t* set) {
  sigemptyset(set);
  return for_each(iterable, [&](Value item) -> int {
           int s;
           if (!int_arg(item, &s)) return -1;
           if (s < 1 || s >= kNsig) {
             raise(ValueError, "signal number %d out of range [1; %d]", s, kNsig - 1);
             return -1;
           }
           sigaddset(set, s);
           return 0;
         }) >= 0;
}

Value set_of(const sigset_t& set) {
  Ref result(set_new(Value()));
  if (!result) return Value();
  for (int s = 1; s < kNsig; s++) {
    if (sigismember(&set, s) == 1 && set_add(*result, Value::small(s)) < 0) return Value();
  }
  return result.release();
}

Value sig_pthread_sigmask(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("pthread_sigmask", nargs, 2, 2)) return Value();
  int how;
  if (!int_arg(a[0], &how)) return Value();
  sigset_t mask, previous;
  if (!sigset_from(a[1], &mask)) return Value();
  int err = pthread_sigmask(how, &mask, &previous);
  if (err != 0) return raise_from_errno(err);
  if (thread.eval_breaker && handle_eval_breaker() < 0) return Value();
  return set_of(previous);
}

Value sig_sigpending(Value, const Value*, size_t, Value) {
  sigset_t set;
  if (sigpending(&set) != 0) return raise_from_errno(errno);
  return set_of(set);
}

Value sig_pthread_kill(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("pthread_kill", nargs, 2, 2)) return Value();
  Ref id(number_index(a[0]));
  if (!id) return Value();
  int64_t tid;
  if (!int_to_i64(*id, &tid)) return raise(OverflowError, "Python int too large to convert to C unsigned long");
  int signum;
  if (!int_arg(a[1], &signum)) return Value();
  int err = pthread_kill(static_cast<pthread_t>(tid), signum);
  if (err != 0) return raise_from_errno(err);
  if (thread.eval_breaker && handle_eval_breaker() < 0) return Value();
  return None();
}

constexpr uint32_t kFast = METH_FASTCALL;

const MethodDef signal_methods[] = {
    {"alarm", sig_alarm, kFast, "Arrange for SIGALRM to arrive after the given number of seconds."},
    {"default_int_handler", sig_default_int_handler, kFast,
     "The default handler for SIGINT installed by Python.\n\nIt raises KeyboardInterrupt."},
    {"getitimer", sig_getitimer, kFast, "Returns current value of given itimer."},
    {"getsignal", sig_getsignal, kFast, "Return the current action for the given signal."},
    {"pause", sig_pause, METH_NOARGS, "Wait until a signal arrives."},
    {"pthread_kill", sig_pthread_kill, kFast, "Send a signal to a thread."},
    {"pthread_sigmask", sig_pthread_sigmask, kFast, "Fetch and/or change the signal mask of the calling thread."},
    {"raise_signal", sig_raise_signal, kFast, "Send a signal to the executing process."},
    {"set_wakeup_fd", sig_set_wakeup_fd, METH_FASTCALL | METH_KEYWORDS,
     "Sets the fd to be written to (with the signal number) when a signal comes in."},
    {"setitimer", sig_setitimer, kFast, "Sets given itimer (one of ITIMER_REAL, ITIMER_VIRTUAL or ITIMER_PROF)."},
    {"siginterrupt", sig_siginterrupt, kFast, "Change system call restart behaviour."},
    {"signal", sig_signal, kFast, "Set the action for the given signal."},
    {"sigpending", sig_sigpending, METH_NOARGS, "Examine pending signals."},
    {"strsignal", sig_strsignal, kFast, "Return the system description of the given signal."},
    {"valid_signals", sig_valid_signals, METH_NOARGS, "Return a set of valid signal numbers on this platform."},
    {nullptr, nullptr, 0, nullptr},
};

struct Constant {
  const char* name;
  int value;
};

int signal_init(Value module) {
  Value d = module_dict(module);
  if (!default_int_handler_fn) {
    default_int_handler_fn = dict_get_cstr(d, "default_int_handler");
    if (!default_int_handler_fn) return -1;
    incref(default_int_handler_fn);
    Ref name(str_from_ascii("itimer_error"));
    Ref bases(tuple_pack({Value::from(OSError)}));
    Ref ns(dict_new());
    Ref modname(str_from_ascii("signal"));
    if (!name || !bases || !ns || !modname || dict_set_cstr(*ns, "__module__", *modname) < 0) {
      return -1;
    }
    itimer_error = type_new(&TypeType, *name, *bases, *ns, Value());
    if (!itimer_error) return -1;
  }
  know_handlers();
  const Constant constants[] = {
      {"NSIG", kNsig},          {"SIG_DFL", 0},             {"SIG_IGN", 1},
      {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
      {"ITIMER_REAL", ITIMER_REAL}, {"ITIMER_VIRTUAL", ITIMER_VIRTUAL},
      {"ITIMER_PROF", ITIMER_PROF},
      {"SIGHUP", SIGHUP},       {"SIGINT", SIGINT},         {"SIGQUIT", SIGQUIT},
      {"SIGILL", SIGILL},       {"SIGTRAP", SIGTRAP},       {"SIGIOT", SIGIOT},
      {"SIGABRT", SIGABRT},     {"SIGFPE", SIGFPE},         {"SIGKILL", SIGKILL},
      {"SIGBUS", SIGBUS},       {"SIGSEGV", SIGSEGV},       {"SIGSYS", SIGSYS},
      {"SIGPIPE", SIGPIPE},     {"SIGALRM", SIGALRM},       {"SIGTERM", SIGTERM},
      {"SIGUSR1", SIGUSR1},     {"SIGUSR2", SIGUSR2},       {"SIGCLD", SIGCHLD},
      {"SIGCHLD", SIGCHLD},     {"SIGPWR", SIGPWR},         {"SIGIO", SIGIO},
      {"SIGURG", SIGURG},       {"SIGWINCH", SIGWINCH},     {"SIGPOLL", SIGPOLL},
      {"SIGSTOP", SIGSTOP},     {"SIGTSTP", SIGTSTP},       {"SIGCONT", SIGCONT},
      {"SIGTTIN", SIGTTIN},     {"SIGTTOU", SIGTTOU},       {"SIGVTALRM", SIGVTALRM},
      {"SIGPROF", SIGPROF},     {"SIGXCPU", SIGXCPU},       {"SIGXFSZ", SIGXFSZ},
      {"SIGRTMIN", SIGRTMIN},   {"SIGRTMAX", SIGRTMAX},     {"SIGSTKFLT", SIGSTKFLT},
  };
  for (const Constant& c : constants) {
    if (dict_set_cstr(d, c.name, Value::small(c.value)) < 0) return -1;
  }
  return dict_set_cstr(d, "ItimerError", itimer_error);
}

}  // namespace

// The eval breaker's part (vm/ops.cpp): each tripped signal's Python handler, called as
// handler(signum, frame), lowest signal first. On an exception the rest wait for the next
// check.
int run_signal_handlers() {
  signals_tripped = 0;
  for (int s = 1; s < kNsig; s++) {
    if (!tripped[s]) continue;
    tripped[s] = 0;
    Value h = handlers[s];
    if (!h || is_none(h) || h.is_small() || !is_callable(h)) continue;
    Ref frame(thread.frame ? sys_getframe(0) : Value());
    if (!frame) {
      clear_error();
      frame.reset(None());
    }
    Ref keep(newref(h));
    Value args[2] = {Value::small(s), *frame};
    Ref r(call(*keep, args, 2));
    if (!r) {
      signals_tripped = 1;
      thread.eval_breaker = 1;
      return -1;
    }
  }
  return 0;
}

extern const BuiltinModuleDef signal_module_def;
const BuiltinModuleDef signal_module_def = {
    "_signal", signal_init, signal_methods,
    "This module provides mechanisms to use signal handlers in Python.\n\nFunctions:\n\n"
    "alarm() -- cause SIGALRM after a specified time [Unix only]\n"
    "setitimer() -- cause a signal (described below) after a specified\n"
    "               float time and the timer may restart then [Unix only]\n"
    "getitimer() -- get current value of timer [Unix only]\n"
    "signal() -- set the action for a given signal\n"
    "getsignal() -- get the signal action for a given signal\n"
    "pause() -- wait until a signal arrives [Unix only]\n"
    "default_int_handler() -- default SIGINT handler\n\n"};

}  // namespace strata
