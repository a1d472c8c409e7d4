// vm/exceptions.h — the exception types (the hierarchy is STRATA_EXCEPTIONS in
// vm/object.h), their attributes, str/repr, exception groups, and printing an exception
// with its traceback exactly as CPython 3.11 does (chained exceptions, source lines,
// `^^^^` carets). Implemented in vm/exceptions.cpp and vm/traceback.cpp; the error state
// (raise, fetch, restore) is vm/errors.cpp.
#pragma once
#include <string>
#include <string_view>

#include "vm/object.h"

namespace strata {

struct BaseExceptionObject {
  Object ob;
  Value dict;        // instance __dict__ or null
  Value args;        // tuple
  Value notes;       // unused: 3.11 keeps __notes__ in the instance __dict__
  Value traceback;   // TracebackObject or null
  Value context;     // __context__ or null
  Value cause;       // __cause__ or null
  bool suppress_context;
  // Per-type fields (only the types that have them use them; all null otherwise):
  Value f1, f2, f3, f4, f5, f6, f7, f8;
  // SystemExit: f1 = code. StopIteration: f1 = value. ImportError: f1 = msg, f2 = name,
  // f3 = path. NameError: f1 = name. AttributeError: f1 = name, f2 = obj. OSError:
  // f1 = errno, f2 = strerror, f3 = filename, f4 = filename2, f5 = characters_written
  // (BlockingIOError; null means unset). SyntaxError: f1 = msg, f2 = filename,
  // f3 = lineno, f4 = offset, f5 = text, f6 = end_lineno, f7 = end_offset,
  // f8 = print_file_and_line. Unicode*Error: f1 = encoding, f2 = object, f3 = start,
  // f4 = end (small ints), f5 = reason. BaseExceptionGroup: f1 = message,
  // f2 = exceptions (tuple).
};

// One level of a traceback: the frame (a FrameObject), and where in it.
struct TracebackObject {
  Object ob;
  Value next;   // TracebackObject or null
  Value frame;  // FrameObject
  int32_t lasti;   // code-unit index of the instruction that raised (tb_lasti is 2x this)
  int32_t lineno;
};

// Readies every exception type and the traceback type (type_ready), sets up the
// preallocated MemoryError. Called once at start-up, after init_types().
int init_exceptions();

// A new instance of an exception type with the given args (as calling it would).
Value exception_new(Type* type, const Value* args, size_t nargs);
// Prepends a traceback entry (tb_next = the old traceback) for `frame` at `lasti`
// (a code-unit index).
int exception_add_traceback(Value exc, Value frame, int lasti);
// Prints exc with its chain and tracebacks to sys.stderr as sys.excepthook does.
void print_exception(Value exc);
// The same text, as a string (what print_exception would write).
std::string format_exception(Value exc);
// SystemExit's exit status as the interpreter computes it when it is unhandled (and
// prints its message to stderr when the code is neither None nor an int).
int system_exit_status(Value exc);

// -- The exception protocol of the interpreter --------------------------------------------

// `raise x from cause`: cause null means no `from` clause, None means `from None`.
// Borrows both; always returns null (the exception, or a TypeError, is set).
Value raise_object_from(Value x, Value cause);
// PyErr_GivenExceptionMatches: exc (an instance or class) against a class or a tuple of
// classes (recursively); plain subclass checks, no __subclasscheck__.
bool exception_matches(Value exc, Value cls);
// Accessors (borrowed results, null when unset); the setters steal `v` (may be null).
// set_cause also sets __suppress_context__, as PyException_SetCause.
Value exception_traceback(Value exc);
Value exception_context(Value exc);
Value exception_cause(Value exc);
void exception_set_traceback(Value exc, Value tb);
void exception_set_context(Value exc, Value ctx);
void exception_set_cause(Value exc, Value cause);
// After a failed attribute lookup: records name/obj on the pending AttributeError (if
// not already recorded), for "Did you mean" suggestions.
void attribute_error_set_context(Value obj, Value name);
// After raising NameError "name 'x' is not defined": records the name on it.
void name_error_set_name(Value name);
// Raises OSError (or the subclass for errno_value) as PyErr_SetFromErrnoWithFilenameObjects:
// OSError(errno, strerror(errno)[, filename[, None, filename2]]). Returns null.
Value raise_from_errno(int errno_value, Value filename = Value(), Value filename2 = Value());
// UnicodeDecodeError(encoding, data, start, end, reason) / UnicodeEncodeError(encoding,
// str, start, end, reason): new instances, and raising them.
Value unicode_decode_error_new(const char* encoding, std::string_view data, int64_t start,
                               int64_t end, const char* reason);
Value unicode_encode_error_new(const char* encoding, Value str, int64_t start, int64_t end,
                               const char* reason);
Value raise_unicode_decode_error(const char* encoding, std::string_view data, int64_t start,
                                 int64_t end, const char* reason);
Value raise_unicode_encode_error(const char* encoding, Value str, int64_t start, int64_t end,
                                 const char* reason);

// except* support (CPython 3.11's exception_group_match and _PyExc_PrepReraiseStar).
// Splits exc_value by match_type into new references *match and *rest (None when
// empty); a naked matching exception is wrapped in ExceptionGroup(""). -1 on error.
int exception_group_match(Value exc_value, Value match_type, Value* match, Value* rest);
// The exception to re-raise after the except* clauses: `orig` is the exception the
// try raised, `excs` a list of what each clause raised or re-raised (None entries
// ignored). Returns a new reference (None when nothing is to be raised).
Value exception_group_prep_reraise_star(Value orig, Value excs);
// BaseExceptionGroup(message, excs) (which chooses ExceptionGroup when it can).
Value exception_group_new(const char* message, Value excs);

// -- Shared by the runtime's error printing ------------------------------------------------

// Writes text to sys.stderr (its write method) when the sys module has one, else to
// file descriptor 2. Errors while writing are ignored.
void write_stderr(std::string_view text);
// printf-style formatting into a new str with raise()'s directives (vm/errors.cpp).
Value format_text(const char* fmt, ...);
// The preallocated MemoryError instance (immortal); raise_no_memory() raises it.
Value preallocated_memory_error();

}  // namespace strata
