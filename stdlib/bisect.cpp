// stdlib/bisect.cpp — the `_bisect` module bisect.py imports: binary search and insertion
// in sorted sequences (bisect_left/right, insort_left/right with lo, hi and key=). Exact
// lists are indexed directly; other sequences go through __getitem__ and .insert().
#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"

namespace strata {

namespace {

struct BisectArgs {
  Value a, x, key;  // key null when None
  int64_t lo, hi;
};

bool parse_bisect(const char* fname, const Value* args, size_t nargs, Value kwnames,
                  BisectArgs* out) {
  static const char* const names[] = {"a", "x", "lo", "hi", "key"};
  ArgSpec spec{fname, names, 5, 0, 2, 4};
  Value v[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, v)) return false;
  out->a = v[0];
  out->x = v[1];
  out->key = (v[4] && !is_none(v[4])) ? v[4] : Value();
  out->lo = 0;
  out->hi = -1;
  if (v[2]) {
    out->lo = as_ssize(v[2], OverflowError);
    if (out->lo == -1 && error_occurred()) return false;
  }
  if (v[3] && !is_none(v[3])) {
    out->hi = as_ssize(v[3], OverflowError);
    if (out->hi == -1 && error_occurred()) return false;
  }
  if (out->lo < 0) {
    raise(ValueError, "lo must be non-negative");
    return false;
  }
  if (out->hi == -1) {
    out->hi = length(out->a);
    if (out->hi < 0) return false;
  }
  return true;
}

// The insertion point of item (already passed through key) in a[lo:hi]; -1 on error.
int64_t search(const BisectArgs& b, Value item, bool right) {
  int64_t lo = b.lo, hi = b.hi;
  while (lo < hi) {
    int64_t mid = int64_t((uint64_t(lo) + uint64_t(hi)) / 2);
    Value litem;
    if (is_exact_list(b.a) && mid < list_size(b.a)) {
      litem = newref(list_item(b.a, mid));
    } else {
      Ref index(int_from_i64(mid));
      litem = getitem(b.a, *index);
      if (!litem) return -1;
    }
    if (b.key) {
      Value k = call1(b.key, litem);
      decref(litem);
      if (!k) return -1;
      litem = k;
    }
    int cmp = right ? rich_compare_bool(item, litem, CMP_LT) : rich_compare_bool(litem, item, CMP_LT);
    decref(litem);
    if (cmp < 0) return -1;
    if (right) {
      if (cmp) hi = mid;
      else lo = mid + 1;
    } else {
      if (cmp) lo = mid + 1;
      else hi = mid;
    }
  }
  return lo;
}

Value bisect_impl(const char* fname, const Value* args, size_t nargs, Value kwnames, bool right) {
  BisectArgs b;
  if (!parse_bisect(fname, args, nargs, kwnames, &b)) return Value();
  int64_t i = search(b, b.x, right);
  if (i < 0) return Value();
  return int_from_i64(i);
}

Value insort_impl(const char* fname, const Value* args, size_t nargs, Value kwnames, bool right) {
  BisectArgs b;
  if (!parse_bisect(fname, args, nargs, kwnames, &b)) return Value();
  int64_t i;
  if (b.key) {
    Ref kx(call1(b.key, b.x));
    if (!kx) return Value();
    i = search(b, *kx, right);
  } else {
    i = search(b, b.x, right);
  }
  if (i < 0) return Value();
  if (is_exact_list(b.a)) {
    // Append, then move the new item back to its place.
    if (list_append(b.a, b.x) < 0) return Value();
    Value* items = list_items(b.a);
    int64_t n = list_size(b.a);
    if (i > n - 1) i = n - 1;
    Value v = items[n - 1];
    for (int64_t j = n - 1; j > i; j--) items[j] = items[j - 1];
    items[i] = v;
    return None();
  }
  Ref index(int_from_i64(i));
  if (!index) return Value();
  Value margs[2] = {*index, b.x};
  Value r = call_method(b.a, STRATA_NAME(insert), margs, 2);
  if (!r) return r;
  decref(r);
  return None();
}

Value bisect_right(Value, const Value* args, size_t nargs, Value kwnames) {
  return bisect_impl("bisect_right", args, nargs, kwnames, true);
}
Value bisect_left(Value, const Value* args, size_t nargs, Value kwnames) {
  return bisect_impl("bisect_left", args, nargs, kwnames, false);
}
Value insort_right(Value, const Value* args, size_t nargs, Value kwnames) {
  return insort_impl("insort_right", args, nargs, kwnames, true);
}
Value insort_left(Value, const Value* args, size_t nargs, Value kwnames) {
  return insort_impl("insort_left", args, nargs, kwnames, false);
}

const MethodDef bisect_methods[] = {
    {"bisect_right", bisect_right, METH_FASTCALL | METH_KEYWORDS,
     "Return the index where to insert item x in list a, assuming a is sorted.\n\nThe return "
     "value i is such that all e in a[:i] have e <= x, and all e in\na[i:] have e > x.  So if "
     "x already appears in the list, a.insert(i, x) will\ninsert just after the rightmost x "
     "already there.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice "
     "of a to be searched."},
    {"insort_right", insort_right, METH_FASTCALL | METH_KEYWORDS,
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\nIf x is already in "
     "a, insert it to the right of the rightmost x.\n\nOptional args lo (default 0) and hi "
     "(default len(a)) bound the\nslice of a to be searched."},
    {"bisect_left", bisect_left, METH_FASTCALL | METH_KEYWORDS,
     "Return the index where to insert item x in list a, assuming a is sorted.\n\nThe return "
     "value i is such that all e in a[:i] have e < x, and all e in\na[i:] have e >= x.  So if "
     "x already appears in the list, a.insert(i, x) will\ninsert just before the leftmost x "
     "already there.\n\nOptional args lo (default 0) and hi (default len(a)) bound the\nslice "
     "of a to be searched."},
    {"insort_left", insort_left, METH_FASTCALL | METH_KEYWORDS,
     "Insert item x in list a, and keep it sorted assuming a is sorted.\n\nIf x is already in "
     "a, insert it to the left of the leftmost x.\n\nOptional args lo (default 0) and hi "
     "(default len(a)) bound the\nslice of a to be searched."},
    {nullptr, nullptr, 0, nullptr},
};

int bisect_init(Value) { return 0; }

}  // namespace

extern const BuiltinModuleDef bisect_module_def;
const BuiltinModuleDef bisect_module_def = {
    "_bisect", bisect_init, bisect_methods,
    "Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted "
    "order without\nhaving to sort the list after each insertion. For long lists of items "
    "with\nexpensive comparison operations, this can be an improvement over the more "
    "common\napproach.\n"};

}  // namespace strata
