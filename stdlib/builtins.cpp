// stdlib/builtins.cpp — the `builtins` module: the built-in functions of Python 3.11 (as
// Python/bltinmodule.c behaves, with its messages), the built-in types and constants, and
// every exception type; plus the argument parsing that native functions share
// (stdlib/builtins.h). compile/exec/eval/globals/locals/__import__/__build_class__ belong
// to the interpreter (vm/runtime.cpp); open() comes with the io module.
#include "stdlib/builtins.h"

#include <gmp.h>

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

extern Type MemoryViewType;  // vm/memoryview.cpp
Value io_open(Value, const Value*, size_t, Value);  // stdlib/io.cpp

// -- Argument parsing ---------------------------------------------------------------------------

namespace {
// The index among kwnames of the keyword `name`, or -1.
int64_t find_keyword(Value kwnames, const char* name) {
  int64_t n = tuple_size(kwnames);
  for (int64_t i = 0; i < n; i++) {
    Value k = tuple_item(kwnames, i);
    if (is_str(k) && str_equal_ascii(k, name)) return i;
  }
  return -1;
}
}  // namespace

bool unpack_keywords(const ArgSpec& spec, const Value* args, size_t nargs, Value kwnames,
                Value* out) {
  int64_t nkw = kwnames ? tuple_size(kwnames) : 0;
  const Value* kwvalues = args + nargs;
  int64_t given = int64_t(nargs);
  int maxargs = spec.nnames;
  for (int i = 0; i < maxargs; i++) out[i] = Value();
  if (given + nkw > maxargs) {
    raise(TypeError, "%s() takes at most %d %sargument%s (%lld given)", spec.fname, maxargs,
          given == 0 ? "keyword " : "", maxargs == 1 ? "" : "s", (long long)(given + nkw));
    return false;
  }
  if (given > spec.maxpos) {
    if (spec.maxpos == 0) {
      raise(TypeError, "%s() takes no positional arguments", spec.fname);
    } else {
      raise(TypeError, "%s() takes %s %d positional argument%s (%lld given)", spec.fname,
            spec.minpos < spec.maxpos ? "at most" : "exactly", spec.maxpos,
            spec.maxpos == 1 ? "" : "s", (long long)given);
    }
    return false;
  }
  int minposonly = spec.posonly < spec.minpos ? spec.posonly : spec.minpos;
  if (given < minposonly) {
    raise(TypeError, "%s() takes %s %d positional argument%s (%lld given)", spec.fname,
          minposonly < spec.maxpos ? "at least" : "exactly", minposonly,
          minposonly == 1 ? "" : "s", (long long)given);
    return false;
  }
  for (int64_t i = 0; i < given; i++) out[i] = args[i];
  int64_t left = nkw;
  for (int64_t i = given > spec.posonly ? given : spec.posonly; i < maxargs; i++) {
    Value cur;
    if (left) {
      int64_t k = find_keyword(kwnames, spec.names[i]);
      if (k >= 0) cur = kwvalues[k];
    } else if (i >= spec.minpos) {
      break;
    }
    out[i] = cur;
    if (cur) {
      left--;
    } else if (i < spec.minpos) {
      raise(TypeError, "%s() missing required argument '%s' (pos %lld)", spec.fname,
            spec.names[i], (long long)(i + 1));
      return false;
    }
  }
  if (left > 0) {
    for (int64_t i = spec.posonly; i < given; i++) {
      if (find_keyword(kwnames, spec.names[i]) >= 0) {
        raise(TypeError, "argument for %s() given by name ('%s') and position (%lld)",
              spec.fname, spec.names[i], (long long)(i + 1));
        return false;
      }
    }
    for (int64_t k = 0; k < nkw; k++) {
      Value name = tuple_item(kwnames, k);
      if (!is_str(name)) {
        raise(TypeError, "keywords must be strings");
        return false;
      }
      bool known = false;
      for (int i = spec.posonly; i < maxargs && !known; i++)
        known = str_equal_ascii(name, spec.names[i]);
      if (!known) {
        raise(TypeError, "'%S' is an invalid keyword argument for %s()", name, spec.fname);
        return false;
      }
    }
  }
  return true;
}

namespace {

Value g_builtins_module;

// type(obj).name bound to obj and called with args (the implicit special-method call);
// *found is false (without an exception) when the type has no such method.
Value call_special(Value obj, Value name, const Value* args, size_t nargs, bool* found) {
  Value meth = lookup_special(obj, name);
  *found = bool(meth);
  if (!meth) return Value();
  DescrGetFn f = type_of(meth)->descr_get;
  if (!f) return call(meth, args, nargs);
  Value bound = f(meth, obj, Value::from(type_of(obj)));
  if (!bound) return Value();
  Value r = call(bound, args, nargs);
  decref(bound);
  return r;
}

// -- One-argument functions ---------------------------------------------------------------------

Value bi_abs(Value, const Value* a, size_t, Value) { return absolute(a[0]); }

Value bi_all(Value, const Value* a, size_t, Value) {
  int r = for_each(a[0], [](Value item) {
    int t = is_true(item);
    return t < 0 ? -1 : t == 0 ? 1 : 0;
  });
  if (r < 0) return Value();
  return Bool(r == 0);
}

Value bi_any(Value, const Value* a, size_t, Value) {
  int r = for_each(a[0], [](Value item) { return is_true(item); });
  if (r < 0) return Value();
  return Bool(r == 1);
}

Value bi_ascii(Value, const Value* a, size_t, Value) { return ascii(a[0]); }
Value bi_repr(Value, const Value* a, size_t, Value) { return repr(a[0]); }

Value to_base(Value v, int base) {
  Value i = number_index(v);
  if (!i) return i;
  Value r = int_to_base(i, base);
  decref(i);
  return r;
}
Value bi_bin(Value, const Value* a, size_t, Value) { return to_base(a[0], 2); }
Value bi_oct(Value, const Value* a, size_t, Value) { return to_base(a[0], 8); }
Value bi_hex(Value, const Value* a, size_t, Value) { return to_base(a[0], 16); }

Value bi_callable(Value, const Value* a, size_t, Value) { return Bool(is_callable(a[0])); }

Value bi_chr(Value, const Value* a, size_t, Value) {
  Value i = number_index(a[0]);
  if (!i) return i;
  int64_t c;
  bool fits = int_to_i64(i, &c) && c >= INT_MIN && c <= INT_MAX;
  decref(i);
  if (!fits) return raise(OverflowError, "Python int too large to convert to C int");
  if (c < 0 || c > 0x10ffff) return raise(ValueError, "chr() arg not in range(0x110000)");
  return str_from_char(uint32_t(c));
}

Value bi_ord(Value, const Value* a, size_t, Value) {
  Value c = a[0];
  int64_t size;
  if (is_str(c)) {
    size = str_length(c);
    if (size == 1) return Value::small(str_char(c, 0));
  } else if (is_bytes(c)) {
    size = bytes_size(c);
    if (size == 1) return Value::small(bytes_data(c)[0]);
  } else if (is_instance_of(c, &ByteArrayType)) {
    ByteArrayObject* b = c.as<ByteArrayObject>();
    size = b->size;
    if (size == 1) return Value::small(b->data[0]);
  } else {
    return raise(TypeError, "ord() expected string of length 1, but %s found", type_name(c));
  }
  return raise(TypeError, "ord() expected a character, but string of length %lld found",
               (long long)size);
}

Value bi_hash(Value, const Value* a, size_t, Value) {
  int64_t h = hash(a[0]);
  if (h == -1 && error_occurred()) return Value();
  return int_from_i64(h);
}

Value bi_id(Value, const Value* a, size_t, Value) { return int_from_u64(a[0].bits()); }

Value bi_len(Value, const Value* a, size_t, Value) {
  int64_t n = length(a[0]);
  if (n < 0) return Value();
  return int_from_i64(n);
}

// -- Attributes and types ------------------------------------------------------------------------

Value bi_getattr(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("getattr", nargs, 2, 3)) return Value();
  if (nargs == 2) return getattr(a[0], a[1]);
  Value r = lookup_attr(a[0], a[1]);
  if (r || error_occurred()) return r;
  return newref(a[2]);
}

Value bi_setattr(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("setattr", nargs, 3, 3)) return Value();
  if (setattr(a[0], a[1], a[2]) < 0) return Value();
  return None();
}

Value bi_delattr(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("delattr", nargs, 2, 2)) return Value();
  if (delattr(a[0], a[1]) < 0) return Value();
  return None();
}

Value bi_hasattr(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("hasattr", nargs, 2, 2)) return Value();
  int r = hasattr(a[0], a[1]);
  if (r < 0) return Value();
  return Bool(r);
}

Value bi_isinstance(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("isinstance", nargs, 2, 2)) return Value();
  int r = isinstance(a[0], a[1]);
  if (r < 0) return Value();
  return Bool(r);
}

Value bi_issubclass(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("issubclass", nargs, 2, 2)) return Value();
  int r = issubclass(a[0], a[1]);
  if (r < 0) return Value();
  return Bool(r);
}

// A new sorted list of the keys of a mapping (the locals of dir()).
Value sorted_keys(Value mapping) {
  Value keys;
  if (is_dict(mapping)) {
    keys = dict_keys_list(mapping);
  } else {
    Value k = call_method0(mapping, STRATA_NAME(keys));
    if (!k) return k;
    keys = sequence_list(k);
    decref(k);
  }
  if (!keys) return keys;
  if (list_sort(keys, Value(), false) < 0) {
    decref(keys);
    return Value();
  }
  return keys;
}

Value bi_dir(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("dir", nargs, 0, 1)) return Value();
  if (nargs == 0) {
    Value locals = current_locals();
    if (!locals) return locals;
    Value r = sorted_keys(locals);
    decref(locals);
    return r;
  }
  bool found;
  Value res = call_special(a[0], STRATA_NAME(__dir__), nullptr, 0, &found);
  if (!found) return raise(TypeError, "object does not provide __dir__");
  if (!res) return res;
  Value l = sequence_list(res);
  decref(res);
  if (!l) return l;
  if (list_sort(l, Value(), false) < 0) {
    decref(l);
    return Value();
  }
  return l;
}

Value bi_vars(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("vars", nargs, 0, 1)) return Value();
  if (nargs == 0) return current_locals();
  Value d = lookup_attr(a[0], STRATA_NAME(__dict__));
  if (!d && !error_occurred())
    return raise(TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

// -- Iteration -------------------------------------------------------------------------------------

Value bi_iter(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("iter", nargs, 1, 2)) return Value();
  if (nargs == 1) return get_iter(a[0]);
  if (!is_callable(a[0])) return raise(TypeError, "iter(v, w): v must be callable");
  return callable_iter_new(a[0], a[1]);
}

Value bi_next(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("next", nargs, 1, 2)) return Value();
  Value it = a[0];
  Type* t = type_of(it);
  if (!t->iternext) return raise(TypeError, "'%s' object is not an iterator", t->name);
  Value r = t->iternext(it);
  if (r) return r;
  if (error_occurred()) {
    if (nargs < 2 || !error_matches(StopIteration)) return Value();
    clear_error();
  }
  if (nargs == 2) return newref(a[1]);
  return raise_object(Value::from(StopIteration));
}

Value bi_aiter(Value, const Value* a, size_t, Value) {
  bool found;
  Value it = call_special(a[0], STRATA_NAME(__aiter__), nullptr, 0, &found);
  if (!found) return raise(TypeError, "'%s' object is not an async iterable", type_name(a[0]));
  if (!it) return it;
  if (!lookup_special(it, STRATA_NAME(__anext__))) {
    raise(TypeError, "aiter() returned not an async iterator of type '%s'", type_name(it));
    decref(it);
    return Value();
  }
  return it;
}

Value bi_anext(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("anext", nargs, 1, 2)) return Value();
  if (!lookup_special(a[0], STRATA_NAME(__anext__)))
    return raise(TypeError, "'%s' object is not an async iterator", type_name(a[0]));
  if (nargs == 2) {
    // The awaitable that turns StopAsyncIteration into the default needs a type of its
    // own (CPython's anext_awaitable); not there yet.
    return raise(NotImplementedError, "anext() with a default value is not supported yet");
  }
  bool found;
  return call_special(a[0], STRATA_NAME(__anext__), nullptr, 0, &found);
}

// max() and min(): CPython's min_max.
Value min_max(const Value* a, size_t nargs, Value kwnames, int op) {
  const char* name = op == CMP_LT ? "min" : "max";
  if (nargs == 0) return raise(TypeError, "%s expected at least 1 argument, got 0", name);
  static const char* const kNames[] = {"key", "default"};
  ArgSpec spec{name, kNames, 2, 0, 0, 0};
  Value kw[2];
  if (!unpack_keywords(spec, a + nargs, 0, kwnames, kw)) return Value();
  Value key = kw[0], dflt = kw[1];
  if (key && is_none(key)) key = Value();
  bool positional = nargs > 1;
  if (positional && dflt) {
    return raise(TypeError,
                 "Cannot specify a default for %s() with multiple positional arguments", name);
  }
  Value tmp;
  Value seq = a[0];
  if (positional) {
    tmp = tuple_from(a, int64_t(nargs));
    if (!tmp) return tmp;
    seq = tmp;
  }
  Ref holder(tmp);
  Value it = get_iter(seq);
  if (!it) return it;
  Value best_item, best_val;
  for (;;) {
    Value item = iter_next(it);
    if (!item) {
      if (error_occurred()) goto fail;
      break;
    }
    Value val;
    if (key) {
      val = call1(key, item);
      if (!val) {
        decref(item);
        goto fail;
      }
    } else {
      val = newref(item);
    }
    if (!best_val) {
      best_item = item;
      best_val = val;
      continue;
    }
    int c = rich_compare_bool(val, best_val, op);
    if (c < 0) {
      decref(item);
      decref(val);
      goto fail;
    }
    if (c > 0) {
      decref(best_val);
      decref(best_item);
      best_val = val;
      best_item = item;
    } else {
      decref(item);
      decref(val);
    }
  }
  decref(it);
  if (!best_val) {
    if (dflt) return newref(dflt);
    return raise(ValueError, "%s() arg is an empty sequence", name);
  }
  decref(best_val);
  return best_item;
fail:
  decref(it);
  xdecref(best_val);
  xdecref(best_item);
  return Value();
}

Value bi_max(Value, const Value* a, size_t nargs, Value kwnames) {
  return min_max(a, nargs, kwnames, CMP_GT);
}
Value bi_min(Value, const Value* a, size_t nargs, Value kwnames) {
  return min_max(a, nargs, kwnames, CMP_LT);
}

Value bi_sorted(Value, const Value* a, size_t nargs, Value kwnames) {
  if (!check_positional("sorted", nargs, 1, 1)) return Value();
  static const char* const kNames[] = {"key", "reverse"};
  ArgSpec spec{"sort", kNames, 2, 0, 0, 0};
  Value kw[2];
  if (!unpack_keywords(spec, a + nargs, 0, kwnames, kw)) return Value();
  bool reverse = false;
  if (kw[1]) {
    // list.sort's reverse is an int used as a bool (3.11: bool(accept={int})).
    Value i = number_index(kw[1]);
    if (!i) return i;
    reverse = int_sign(i) != 0;
    decref(i);
  }
  Value key = kw[0] && !is_none(kw[0]) ? kw[0] : Value();
  Value l = sequence_list(a[0]);
  if (!l) return l;
  if (list_sort(l, key, reverse) < 0) {
    decref(l);
    return Value();
  }
  return l;
}

// sum(): exact int and float fast paths, then `+` (CPython's builtin_sum_impl order, so
// that a float total is rounded exactly as CPython rounds it).
Value bi_sum(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"", "start"};
  ArgSpec spec{"sum", kNames, 2, 1, 1, 2};
  Value args[2];
  if (!unpack_keywords(spec, a, nargs, kwnames, args)) return Value();
  Value start = args[1];
  if (start) {
    if (is_str(start))
      return raise(TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (is_bytes(start))
      return raise(TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    if (is_instance_of(start, &ByteArrayType))
      return raise(TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
  }
  Value it = get_iter(args[0]);
  if (!it) return it;
  Value result = start ? newref(start) : Value::small(0);

  int64_t acc;
  if (is_exact_int(result) && int_to_i64(result, &acc)) {
    for (;;) {
      Value item = iter_next(it);
      if (!item) {
        decref(it);
        decref(result);
        if (error_occurred()) return Value();
        return int_from_i64(acc);
      }
      int64_t x, s;
      if ((is_exact_int(item) || type_of(item) == &BoolType) && int_to_i64(item, &x) &&
          !__builtin_add_overflow(acc, x, &s)) {
        acc = s;
        decref(item);
        continue;
      }
      decref(result);
      Value partial = int_from_i64(acc);
      if (!partial) {
        decref(item);
        decref(it);
        return partial;
      }
      result = binary_op(partial, item, NB_ADD);
      decref(partial);
      decref(item);
      if (!result) {
        decref(it);
        return result;
      }
      break;
    }
  }

  if (is_exact_float(result)) {
    double f = float_value(result);
    decref(result);
    for (;;) {
      Value item = iter_next(it);
      if (!item) {
        decref(it);
        if (error_occurred()) return Value();
        return float_new(f);
      }
      if (is_exact_float(item)) {
        f += float_value(item);
        decref(item);
        continue;
      }
      int64_t x;
      if (is_int(item) && int_to_i64(item, &x)) {
        f += double(x);
        decref(item);
        continue;
      }
      Value partial = float_new(f);
      if (!partial) {
        decref(item);
        decref(it);
        return partial;
      }
      result = binary_op(partial, item, NB_ADD);
      decref(partial);
      decref(item);
      if (!result) {
        decref(it);
        return result;
      }
      break;
    }
  }

  for (;;) {
    Value item = iter_next(it);
    if (!item) {
      decref(it);
      if (error_occurred()) {
        decref(result);
        return Value();
      }
      return result;
    }
    Value r = binary_op(result, item, NB_ADD);
    decref(result);
    decref(item);
    if (!r) {
      decref(it);
      return r;
    }
    result = r;
  }
}

// -- Numbers ------------------------------------------------------------------------------------------

Value bi_divmod(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("divmod", nargs, 2, 2)) return Value();
  return number_divmod(a[0], a[1]);
}

Value bi_pow(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"base", "exp", "mod"};
  ArgSpec spec{"pow", kNames, 3, 0, 2, 3};
  Value args[3];
  if (!unpack_keywords(spec, a, nargs, kwnames, args)) return Value();
  return power3(args[0], args[1], args[2]);
}

// round(x, ndigits) of a float, correctly rounded (half to even on the exact binary value,
// as CPython's dtoa-based double_round).
Value float_round(double x, int64_t nd) {
  if (!std::isfinite(x)) return float_new(x);
  if (nd > 323) return float_new(x);
  if (nd < -308) return float_new(0.0 * x);
  mpq_t q;
  mpz_t m, p, r;
  mpq_init(q);
  mpz_inits(m, p, r, nullptr);
  mpq_set_d(q, x);
  mpz_ui_pow_ui(p, 10, nd < 0 ? uint64_t(-nd) : uint64_t(nd));
  // num/den * 10**nd  (or / 10**-nd), then divide with round-half-even.
  mpz_t num, den;
  mpz_inits(num, den, nullptr);
  mpz_set(num, mpq_numref(q));
  mpz_set(den, mpq_denref(q));
  if (nd >= 0) {
    mpz_mul(num, num, p);
  } else {
    mpz_mul(den, den, p);
  }
  mpz_fdiv_qr(m, r, num, den);
  mpz_mul_2exp(r, r, 1);
  int c = mpz_cmp(r, den);
  if (c > 0 || (c == 0 && mpz_odd_p(m))) mpz_add_ui(m, m, 1);
  double result;
  if (mpz_sgn(m) == 0) {
    result = std::copysign(0.0, x);
  } else {
    char* digits = mpz_get_str(nullptr, 10, m);
    std::string text = std::string(digits) + "e" + std::to_string(-nd);
    void (*freefunc)(void*, size_t);
    mp_get_memory_functions(nullptr, nullptr, &freefunc);
    freefunc(digits, std::strlen(digits) + 1);
    result = std::strtod(text.c_str(), nullptr);
  }
  mpz_clears(num, den, m, p, r, nullptr);
  mpq_clear(q);
  if (std::isinf(result)) return raise(OverflowError, "rounded value too large to represent");
  return float_new(result);
}

// round(x) of a float: the nearest int, ties to even.
Value float_round_int(double x) {
  double rounded = std::round(x);
  if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
  return int_from_double(rounded);
}

// round(n, ndigits) of an int: n itself for ndigits >= 0, else to a multiple of
// 10**-ndigits with ties to even.
Value int_round(Value n, Value ndigits) {
  Value nd = number_index(ndigits);
  if (!nd) return nd;
  int64_t d;
  bool fits = int_to_i64(nd, &d);
  int sign = int_sign(nd);
  decref(nd);
  if (sign >= 0) return number_index(n);
  mpz_t z, p, q, r;
  mpz_inits(z, p, q, r, nullptr);
  int_to_mpz(n, z);
  size_t ndig = mpz_sizeinbase(z, 10);
  Value result;
  if (!fits || uint64_t(-d) > ndig + 1) {
    result = Value::small(0);
  } else {
    mpz_ui_pow_ui(p, 10, uint64_t(-d));
    mpz_fdiv_qr(q, r, z, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    result = int_from_mpz(q);
  }
  mpz_clears(z, p, q, r, nullptr);
  return result;
}

Value bi_round(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"number", "ndigits"};
  ArgSpec spec{"round", kNames, 2, 0, 1, 2};
  Value args[2];
  if (!unpack_keywords(spec, a, nargs, kwnames, args)) return Value();
  Value number = args[0];
  Value ndigits = args[1] && !is_none(args[1]) ? args[1] : Value();
  Type* t = type_of(number);
  // The exact built-in types directly; everything else through __round__.
  if (t == &IntType) return ndigits ? int_round(number, ndigits) : newref(number);
  if (t == &FloatType) {
    if (!ndigits) return float_round_int(float_value(number));
    int64_t nd = as_ssize(ndigits, nullptr);
    if (nd == -1 && error_occurred()) return Value();
    return float_round(float_value(number), nd);
  }
  bool found;
  Value r = call_special(number, STRATA_NAME(__round__), &ndigits, ndigits ? 1 : 0, &found);
  if (found || error_occurred()) return r;
  if (is_int(number)) return ndigits ? int_round(number, ndigits) : number_index(number);
  if (is_float(number)) {
    if (!ndigits) return float_round_int(float_value(number));
    int64_t nd = as_ssize(ndigits, nullptr);
    if (nd == -1 && error_occurred()) return Value();
    return float_round(float_value(number), nd);
  }
  return raise(TypeError, "type %s doesn't define __round__ method", t->name);
}

Value bi_format(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("format", nargs, 1, 2)) return Value();
  if (nargs == 2 && !is_str(a[1]))
    return raise(TypeError, "format() argument 2 must be str, not %s", type_name(a[1]));
  return format(a[0], nargs == 2 ? a[1] : Value());
}

// -- Input and output --------------------------------------------------------------------------------

Value bi_print(Value, const Value* a, size_t nargs, Value kwnames) {
  static const char* const kNames[] = {"sep", "end", "file", "flush"};
  ArgSpec spec{"print", kNames, 4, 0, 0, 0};
  Value kw[4];
  if (kwnames && !unpack_keywords(spec, a + nargs, 0, kwnames, kw)) return Value();
  Value sep = kw[0], end = kw[1], file = kw[2];
  if (!file || is_none(file)) {
    file = sys_stdout();
    if (!file) return raise(RuntimeError, "lost sys.stdout");
    if (is_none(file)) return None();
  }
  if (sep && is_none(sep)) sep = Value();
  if (sep && !is_str(sep))
    return raise(TypeError, "sep must be None or a string, not %s", type_name(sep));
  if (end && is_none(end)) end = Value();
  if (end && !is_str(end))
    return raise(TypeError, "end must be None or a string, not %s", type_name(end));
  // Holding the file: a write may replace sys.stdout.
  Ref hold(newref(file));
  for (size_t i = 0; i < nargs; i++) {
    if (i > 0) {
      if (sep ? file_write_str(file, sep) < 0 : file_write_utf8(file, " ") < 0) return Value();
    }
    Value s = str(a[i]);
    if (!s) return s;
    int r = file_write_str(file, s);
    decref(s);
    if (r < 0) return Value();
  }
  if (end ? file_write_str(file, end) < 0 : file_write_utf8(file, "\n") < 0) return Value();
  if (kw[3]) {
    int flush = is_true(kw[3]);
    if (flush < 0) return Value();
    if (flush) {
      Value r = call_method0(file, STRATA_NAME(flush));
      if (!r) return r;
      decref(r);
    }
  }
  return None();
}

Value bi_input(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("input", nargs, 0, 1)) return Value();
  Value fin = sys_get("stdin");
  if (!fin || is_none(fin)) return raise(RuntimeError, "input(): lost sys.stdin");
  Value fout = sys_get("stdout");
  if (!fout || is_none(fout)) return raise(RuntimeError, "input(): lost sys.stdout");
  Value ferr = sys_get("stderr");
  if (!ferr || is_none(ferr)) return raise(RuntimeError, "input(): lost sys.stderr");
  Ref hin(newref(fin)), hout(newref(fout));
  Value r = call_method0(ferr, STRATA_NAME(flush));
  if (r) decref(r); else clear_error();
  if (nargs == 1) {
    Value s = str(a[0]);
    if (!s) return s;
    int w = file_write_str(fout, s);
    decref(s);
    if (w < 0) return Value();
  }
  r = call_method0(fout, STRATA_NAME(flush));
  if (!r) return r;
  decref(r);
  Value line = call_method0(fin, STRATA_NAME(readline));
  if (!line) return line;
  if (!is_str(line)) {
    decref(line);
    return raise(TypeError, "object.readline() returned non-string");
  }
  int64_t n = str_length(line);
  if (n == 0) {
    decref(line);
    return raise(EOFError, "EOF when reading a line");
  }
  if (str_char(line, n - 1) == '\n') {
    Value t = str_substring(line, 0, n - 1);
    decref(line);
    return t;
  }
  return line;
}

// exit()/quit(): what site.py's Quitter does when called.
Value bi_exit(Value, const Value* a, size_t nargs, Value) {
  if (!check_positional("exit", nargs, 0, 1)) return Value();
  Value fin = sys_get("stdin");
  if (fin && !is_none(fin)) {
    Value r = call_method0(fin, STRATA_NAME(close));
    if (r) decref(r); else clear_error();
  }
  if (nargs == 0) return raise_object(Value::from(SystemExit));
  return raise_value(SystemExit, a[0]);
}

constexpr uint32_t kFast = METH_FASTCALL;
constexpr uint32_t kFastKw = METH_FASTCALL | METH_KEYWORDS;

const MethodDef kBuiltinMethods[] = {
    {"__build_class__", builtin_build_class, kFastKw,
     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class"},
    {"__import__", builtin_import, kFastKw,
     "__import__(name, globals=None, locals=None, fromlist=(), level=0) -> module"},
    {"abs", bi_abs, METH_O, "Return the absolute value of the argument."},
    {"aiter", bi_aiter, METH_O, "Return an AsyncIterator for an AsyncIterable object."},
    {"all", bi_all, METH_O, "Return True if bool(x) is True for all values x in the iterable."},
    {"anext", bi_anext, kFast, "Return the next item from the async iterator."},
    {"any", bi_any, METH_O, "Return True if bool(x) is True for any x in the iterable."},
    {"ascii", bi_ascii, METH_O, "Return an ASCII-only representation of an object."},
    {"bin", bi_bin, METH_O, "Return the binary representation of an integer."},
    {"callable", bi_callable, METH_O, "Return whether the object is callable."},
    {"chr", bi_chr, METH_O, "Return a str of one character with ordinal i."},
    {"compile", builtin_compile, kFastKw, "Compile source into a code object."},
    {"delattr", bi_delattr, kFast, "Deletes the named attribute from the given object."},
    {"dir", bi_dir, kFast, "dir([object]) -> list of strings"},
    {"divmod", bi_divmod, kFast, "Return the tuple (x//y, x%y)."},
    {"eval", builtin_eval, kFast, "Evaluate the given source."},
    {"exec", builtin_exec, kFastKw, "Execute the given source."},
    {"exit", bi_exit, kFast, "Exit the interpreter by raising SystemExit(status)."},
    {"format", bi_format, kFast, "Return value.__format__(format_spec)."},
    {"getattr", bi_getattr, kFast, "getattr(object, name[, default]) -> value"},
    {"globals", builtin_globals, METH_NOARGS, "Return the dictionary of the current globals."},
    {"hasattr", bi_hasattr, kFast, "Return whether the object has an attribute of that name."},
    {"hash", bi_hash, METH_O, "Return the hash value for the given object."},
    {"hex", bi_hex, METH_O, "Return the hexadecimal representation of an integer."},
    {"id", bi_id, METH_O, "Return the identity of an object."},
    {"input", bi_input, kFast, "Read a string from standard input."},
    {"isinstance", bi_isinstance, kFast, "Return whether an object is an instance of a class."},
    {"issubclass", bi_issubclass, kFast, "Return whether 'cls' derives from another class."},
    {"iter", bi_iter, kFast, "iter(iterable) -> iterator; iter(callable, sentinel) -> iterator"},
    {"len", bi_len, METH_O, "Return the number of items in a container."},
    {"locals", builtin_locals, METH_NOARGS, "Return a dictionary of the current locals."},
    {"max", bi_max, kFastKw, "max(iterable, *[, default=obj, key=func]) -> value"},
    {"min", bi_min, kFastKw, "min(iterable, *[, default=obj, key=func]) -> value"},
    {"next", bi_next, kFast, "next(iterator[, default])"},
    {"oct", bi_oct, METH_O, "Return the octal representation of an integer."},
    {"open", io_open, kFastKw, "Open file and return a stream."},
    {"ord", bi_ord, METH_O, "Return the Unicode code point for a one-character string."},
    {"pow", bi_pow, kFastKw, "Equivalent to base**exp with 2 arguments or base**exp % mod."},
    {"print", bi_print, kFastKw, "Prints the values to a stream, or to sys.stdout."},
    {"quit", bi_exit, kFast, "Exit the interpreter by raising SystemExit(status)."},
    {"repr", bi_repr, METH_O, "Return the canonical string representation of the object."},
    {"round", bi_round, kFastKw, "Round a number to a given precision in decimal digits."},
    {"setattr", bi_setattr, kFast, "Sets the named attribute on the given object."},
    {"sorted", bi_sorted, kFastKw, "Return a new list of the items of the iterable, sorted."},
    {"sum", bi_sum, kFastKw, "Return the sum of a 'start' value (0) plus an iterable."},
    {"vars", bi_vars, kFast, "vars([object]) -> dictionary"},
    {nullptr, nullptr, 0, nullptr},
};

int set_item(Value d, const char* name, Value v) { return dict_set_cstr(d, name, v); }

int builtins_init(Value module) {
  Value d = module_dict(module);
  Value modname = intern("builtins");
  for (const MethodDef* m = kBuiltinMethods; m->name; m++) {
    if (dict_get_cstr(d, m->name)) continue;  // the importer added the methods already
    Value f = builtin_function_new(m, module, modname);
    if (!f || set_item(d, m->name, f) < 0) {
      xdecref(f);
      return -1;
    }
    decref(f);
  }
  struct Entry {
    const char* name;
    Value v;
  };
  const Entry constants[] = {
      {"None", None()},
      {"Ellipsis", Ellipsis()},
      {"NotImplemented", NotImplemented()},
      {"False", False()},
      {"True", True()},
      {"__debug__", True()},
      {"bool", Value::from(&BoolType)},
      {"bytearray", Value::from(&ByteArrayType)},
      {"bytes", Value::from(&BytesType)},
      {"classmethod", Value::from(&ClassMethodType)},
      {"complex", Value::from(&ComplexType)},
      {"dict", Value::from(&DictType)},
      {"float", Value::from(&FloatType)},
      {"frozenset", Value::from(&FrozenSetType)},
      {"int", Value::from(&IntType)},
      {"list", Value::from(&ListType)},
      {"memoryview", Value::from(&MemoryViewType)},  // vm/memoryview.cpp
      {"object", Value::from(&ObjectType)},
      {"property", Value::from(&PropertyType)},
      {"range", Value::from(&RangeType)},
      {"set", Value::from(&SetType)},
      {"slice", Value::from(&SliceType)},
      {"staticmethod", Value::from(&StaticMethodType)},
      {"str", Value::from(&StrType)},
      {"super", Value::from(&SuperType)},
      {"tuple", Value::from(&TupleType)},
      {"type", Value::from(&TypeType)},
#define STRATA_BUILTIN_EXC(name, base) {#name, Value::from(name)},
      STRATA_EXCEPTIONS(STRATA_BUILTIN_EXC)
#undef STRATA_BUILTIN_EXC
      {"EnvironmentError", Value::from(OSError)},
      {"IOError", Value::from(OSError)},
  };
  if (type_ready(&MemoryViewType) < 0) return -1;
  for (const Entry& e : constants) {
    if (set_item(d, e.name, e.v) < 0) return -1;
  }
  const struct {
    const char* name;
    Type* type;
  } iterators[] = {{"enumerate", &EnumerateType},
                   {"filter", &FilterType},
                   {"map", &MapType},
                   {"reversed", &ReversedType},
                   {"zip", &ZipType}};
  for (const auto& e : iterators) {
    if (set_item(d, e.name, Value::from(e.type)) < 0) return -1;
  }
  Value doc = str_from_ascii(
      "The built-in functions, exceptions and constants: the namespace every module's\n"
      "names fall back to.");
  if (!doc || set_item(d, "__doc__", doc) < 0) {
    xdecref(doc);
    return -1;
  }
  decref(doc);
  if (g_builtins_module) decref(g_builtins_module);
  g_builtins_module = newref(module);
  return 0;
}

}  // namespace

Value builtins_module() { return g_builtins_module; }

const BuiltinModuleDef builtins_module_def = {
    "builtins",
    builtins_init,
    kBuiltinMethods,
    "The built-in functions, exceptions and constants.",
};

}  // namespace strata
