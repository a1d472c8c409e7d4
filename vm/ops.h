// vm/ops.h — the out-of-line parts of instructions: what the bodies in vm/instructions.def
// call when the work is more than a few lines (name lookups, unpacking, raising, with,
// pattern matching, intrinsics). Implemented in vm/ops.cpp. Conventions of vm/object.h.
#pragma once
#include "vm/interp.h"
#include "vm/object.h"

namespace strata {

Value load_name(Frame* frame, Value name);    // LOAD_NAME: locals, globals, builtins
int store_name(Frame* frame, Value name, Value v);
int delete_name(Frame* frame, Value name);
Value load_global(Frame* frame, Value name);  // globals, then builtins
Value load_from_mapping_or_globals(Frame* frame, Value mapping, Value name);
Value load_from_mapping_or_cell(Frame* frame, Value mapping, int index);
void name_error(Value name);                  // NameError "name 'x' is not defined"
void unbound_local_error(Frame* frame, int index);
void free_var_error(Frame* frame, int index);

Value call_intrinsic1(Frame* frame, int which, Value v);
Value call_intrinsic2(int which, Value v2, Value v1);
Value call_function_ex(Value func, Value callargs, Value kwargs);  // f(*a, **k)
Value annotations_dict(Value tuple);  // MAKE_FUNCTION's (name, value, ...) tuple as a dict
Value build_string(const Value* pieces, int n);
int list_extend_for_star(Value list, Value iterable);   // [*x] with its error message
int dict_update_for_star(Value dict, Value update);     // {**x}
int dict_merge_for_call(Value func, Value dict, Value update);  // f(**x)
// Unpacks iterable into the stack slots ending at `top` (exclusive): `before` items, and
// when after >= 0 a list of the rest and `after` items; the first item ends up on top.
int unpack_iterable(Value iterable, int before, int after, Value* top);
Value format_value(Value v, Value spec, int conversion);  // f-string field
void do_raise(Value exc, Value cause);  // raise exc [from cause]
int check_exc_match(Value exc, Value type);  // except T: 0/1, -1 on a bad T
int check_eg_match(Value exc, Value type, Value* match, Value* rest);  // except* T
int before_with(Value mgr, Value* exit, Value* res, bool async);
int setup_annotations(Frame* frame);
// SEND: 0 when receiver yielded *retval, 1 when it returned *retval, -1 on error.
int send_value(Value receiver, Value v, Value* retval);
Value get_awaitable(Value v, int where);
Value get_aiter(Value v);
Value get_anext(Value aiter);
Value match_class(Value subject, Value type, int nargs, Value names);
Value match_keys(Value subject, Value keys);
// IMPORT_NAME: the import system, or builtins.__import__ when a program replaced it.
Value import_for_frame(Frame* frame, Value name, Value fromlist, Value level);
// Signals and other work at the eval breaker; -1 with an exception (KeyboardInterrupt).
int handle_eval_breaker();

}  // namespace strata
