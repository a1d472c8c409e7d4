// vm/abstract.h — the object protocol: what any value can be asked to do (repr, compare,
// hash, attributes, calls, iteration, numbers, items), dispatching through type slots.
// CPython's "abstract object layer" (Objects/abstract.c, object.c) is the model; the
// error messages are CPython 3.11's. Implemented in vm/abstract.cpp.
#pragma once
#include <string>

#include "vm/object.h"

namespace strata {

// Text.
Value repr(Value v);   // repr(v): a str
Value str(Value v);    // str(v): a str
Value ascii(Value v);  // ascii(v)
Value format(Value v, Value spec);  // format(v, spec); spec null means ""
// The UTF-8 of repr(v) / str(v), or "" with an exception set. (Not named str_utf8: that is
// vm/str.h's accessor for the text of a str object.)
std::string repr_utf8(Value v);
std::string to_str_utf8(Value v);

// Identity, comparison and hashing.
int64_t hash(Value v);  // -1 with an exception set if unhashable
// Raises "unhashable type: 'T'"; returns -1 (a hash slot's error value).
int64_t hash_not_implemented(Value v);
Value rich_compare(Value a, Value b, int op);  // op: CMP_LT ... CMP_GE
int rich_compare_bool(Value a, Value b, int op);  // identity implies equality for EQ/NE
int is_true(Value v);  // bool(v): 0/1, -1 on error

// Attributes. `name` must be a str.
Value getattr(Value obj, Value name);
Value getattr(Value obj, const char* name);
// getattr that returns null WITHOUT an exception when the attribute does not exist.
Value lookup_attr(Value obj, Value name);
int setattr(Value obj, Value name, Value v);
int delattr(Value obj, Value name);
int hasattr(Value obj, Value name);
// For LOAD_ATTR with a method flag: if obj.name is a method that binds obj, stores the
// unbound function in *method and returns 1 (the caller calls it with obj first);
// otherwise stores the attribute's value and returns 0; -1 on error.
int get_method(Value obj, Value name, Value* method);
// object.__getattribute__ / __setattr__: the generic algorithm (data descriptors of the
// type, then the instance dict, then other descriptors and class attributes).
Value generic_getattr(Value obj, Value name);
int generic_setattr(Value obj, Value name, Value v);

// Calls (args/kwnames as in vm/object.h).
Value call(Value callable, const Value* args, size_t nargs, Value kwnames = Value());
Value call0(Value callable);
Value call1(Value callable, Value a);
Value call2(Value callable, Value a, Value b);
// callable(*args_tuple, **kwargs_dict); kwargs may be null.
Value call_tuple_dict(Value callable, Value args, Value kwargs);
// obj.name(args...)
Value call_method(Value obj, Value name, const Value* args, size_t nargs);
Value call_method0(Value obj, Value name);
Value call_method1(Value obj, Value name, Value a);
bool is_callable(Value v);

// Iteration.
Value get_iter(Value v);  // iter(v)
// next(it): null at the end (no exception) or on error (exception set).
Value iter_next(Value it);
// Calls fn(item, ctx) for each item of iterable; stops early when fn returns non-zero
// and returns that; -1 on error (from iteration or from fn).
template <class F>
int for_each(Value iterable, F&& fn);

// Numbers.
Value binary_op(Value a, Value b, int op);  // op: BinaryOp (NB_ADD ... NB_INPLACE_XOR)
Value power3(Value a, Value b, Value mod);  // pow(a, b, mod)
Value negative(Value v);
Value positive(Value v);
Value invert(Value v);
Value absolute(Value v);
Value number_index(Value v);  // operator.index(v): an int
// An index-sized integer from v (via __index__); on overflow raises `overflow_exc` (e.g.
// IndexError "cannot fit 'int' into an index-sized integer"), or clamps when it is null.
// Returns -1 with an exception set on error (check error_occurred()).
int64_t as_ssize(Value v, Type* overflow_exc);
Value number_int(Value v);    // int(v)
Value number_float(Value v);  // float(v)

// Items.
Value getitem(Value container, Value key);
int setitem(Value container, Value key, Value v);
int delitem(Value container, Value key);
int64_t length(Value v);  // len(v), -1 with an exception set
int contains(Value container, Value item);  // `item in container`
// A new list / tuple of the items of an iterable.
Value sequence_list(Value iterable);
Value sequence_tuple(Value iterable);

// Types.
int isinstance(Value obj, Value cls);   // with tuples, __instancecheck__
int issubclass(Value derived, Value cls);  // with tuples, __subclasscheck__
// The type's name as CPython's error messages show it ("int", "Foo").
const char* type_name(Value v);

// -- Implementation of the template -----------------------------------------------------------

template <class F>
int for_each(Value iterable, F&& fn) {
  Value it = get_iter(iterable);
  if (!it) return -1;
  for (;;) {
    Value item = iter_next(it);
    if (!item) {
      decref(it);
      return error_occurred() ? -1 : 0;
    }
    int r = fn(item);
    decref(item);
    if (r != 0) {
      decref(it);
      return r;
    }
  }
}

}  // namespace strata
