// vm/ops.cpp — the out-of-line parts of instructions (see vm/ops.h), with CPython 3.11's
// error messages.
#include <csignal>
#include <string>

#include "vm/abstract.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/generator.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/runtime.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/set.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

volatile std::sig_atomic_t pending_sigint = 0;
extern volatile std::sig_atomic_t signals_tripped;  // stdlib/signal.cpp
int run_signal_handlers();                           // stdlib/signal.cpp


namespace {

// Has __iter__ or __getitem__: iterable as far as error messages are concerned.
bool is_iterable(Value v) {
  return type_of(v)->iter || lookup_special(v, STRATA_NAME(__getitem__));
}

// CPython's _PyObject_FunctionStr: "mod.qualname()" for error messages about calls.
std::string function_description(Value func) {
  Value qual = lookup_attr(func, STRATA_NAME(__qualname__));
  if (!qual) {
    clear_error();
    return std::string(type_name(func)) + " object";
  }
  std::string out;
  Value mod = lookup_attr(func, STRATA_NAME(__module__));
  if (!mod) clear_error();
  if (mod && is_str(mod) && !str_equal_ascii(mod, "builtins")) {
    out = std::string(str_utf8(mod)) + ".";
  }
  xdecref(mod);
  out += is_str(qual) ? std::string(str_utf8(qual)) : "?";
  decref(qual);
  return out + "()";
}

// A special method found on the type, bound to obj as `obj.name` would be.
Value bind_special(Value descr, Value obj) {
  DescrGetFn get = type_of(descr)->descr_get;
  if (get) return get(descr, obj, Value::from(type_of(obj)));
  return newref(descr);
}

}  // namespace

// -- Names ----------------------------------------------------------------------------------

void name_error(Value name) {
  raise(NameError, "name '%U' is not defined", name);
  name_error_set_name(name);
}

void unbound_local_error(Frame* frame, int index) {
  raise(UnboundLocalError, "cannot access local variable '%U' where it is not associated with a value",
        frame->code->localsplusnames[index]);
}

void free_var_error(Frame* frame, int index) {
  Value name = frame->code->localsplusnames[index];
  if (frame->code->src->localspluskinds[index] & CO_FAST_FREE) {
    raise(NameError,
          "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
          name);
    name_error_set_name(name);
    return;
  }
  unbound_local_error(frame, index);
}

namespace {

// A lookup in a mapping that may not be a dict: null without exception when absent.
Value mapping_lookup(Value mapping, Value name) {
  if (is_exact_dict(mapping)) {
    Value v = dict_get_str(mapping, name);
    return xnewref(v);
  }
  Value v = getitem(mapping, name);
  if (!v && error_matches(KeyError)) clear_error();
  return v;
}

}  // namespace

Value load_global(Frame* frame, Value name) {
  Value v = dict_get_str(frame->globals, name);
  if (!v) {
    if (error_occurred()) return Value();
    v = dict_get_str(frame->builtins, name);
    if (!v) {
      if (!error_occurred()) name_error(name);
      return Value();
    }
  }
  return newref(v);
}

Value load_name(Frame* frame, Value name) {
  Value locals = frame->locals;
  if (!locals) {
    raise(SystemError, "no locals when loading %R", name);
    return Value();
  }
  Value v = mapping_lookup(locals, name);
  if (v || error_occurred()) return v;
  return load_global(frame, name);
}

int store_name(Frame* frame, Value name, Value v) {
  Value locals = frame->locals;
  if (!locals) {
    raise(SystemError, "no locals found when storing %R", name);
    return -1;
  }
  return is_exact_dict(locals) ? dict_set(locals, name, v) : setitem(locals, name, v);
}

int delete_name(Frame* frame, Value name) {
  Value locals = frame->locals;
  if (!locals) {
    raise(SystemError, "no locals when deleting %R", name);
    return -1;
  }
  int r = delitem(locals, name);
  if (r < 0 && error_matches(KeyError)) {
    clear_error();
    name_error(name);
  }
  return r;
}

Value load_from_mapping_or_globals(Frame* frame, Value mapping, Value name) {
  Value v = mapping_lookup(mapping, name);
  if (v || error_occurred()) return v;
  return load_global(frame, name);
}

Value load_from_mapping_or_cell(Frame* frame, Value mapping, int index) {
  Value name = frame->code->localsplusnames[index];
  Value v = mapping_lookup(mapping, name);
  if (v || error_occurred()) return v;
  v = frame->localsplus[index].as<CellObject>()->ref;
  if (!v) {
    free_var_error(frame, index);
    return Value();
  }
  return newref(v);
}

// -- Intrinsics -------------------------------------------------------------------------------

Value call_intrinsic1(Frame* frame, int which, Value v) {
  switch (which) {
    case INTRINSIC_PRINT: {  // an expression statement at the interactive prompt
      Value hook = sys_attribute("displayhook");
      if (!hook) return raise(RuntimeError, "lost sys.displayhook");
      Value r = call1(hook, v);
      decref(hook);
      return r;
    }
    case INTRINSIC_IMPORT_STAR: {
      if (!frame->locals) return raise(SystemError, "no locals found during 'import *'");
      if (import_star(v, frame->locals) < 0) return Value();
      return None();
    }
    case INTRINSIC_STOPITERATION_ERROR: {
      // PEP 479: StopIteration escaping a generator becomes RuntimeError.
      CodeRT* c = frame->code;
      const char* msg = nullptr;
      if (is_instance_of(v, StopIteration)) {
        msg = (c->flags & CO_COROUTINE)        ? "coroutine raised StopIteration"
              : (c->flags & CO_ASYNC_GENERATOR) ? "async generator raised StopIteration"
                                                : "generator raised StopIteration";
      } else if ((c->flags & CO_ASYNC_GENERATOR) && is_instance_of(v, StopAsyncIteration)) {
        msg = "async generator raised StopAsyncIteration";
      }
      if (!msg) return newref(v);
      Value m = str_from_ascii(msg);
      if (!m) return Value();
      Value exc = exception_new(RuntimeError, &m, 1);
      decref(m);
      if (!exc) return Value();
      BaseExceptionObject* e = exc.as<BaseExceptionObject>();
      set_ref(&e->cause, newref(v));
      set_ref(&e->context, newref(v));
      e->suppress_context = true;
      return exc;
    }
    case INTRINSIC_UNARY_POSITIVE:
      return positive(v);
    case INTRINSIC_LIST_TO_TUPLE:
      return list_as_tuple(v);
    default:
      return raise(SystemError, "intrinsic %d is not supported", which);
  }
}

Value call_intrinsic2(int which, Value v2, Value v1) {
  if (which == INTRINSIC_PREP_RERAISE_STAR) return exception_group_prep_reraise_star(v2, v1);
  return raise(SystemError, "intrinsic %d is not supported", which);
}

// -- Calls --------------------------------------------------------------------------------------

Value call_function_ex(Value func, Value callargs, Value kwargs) {
  Ref args;
  if (is_exact_tuple(callargs)) {
    args.reset(newref(callargs));
  } else {
    if (!is_iterable(callargs)) {
      return raise(TypeError, "%s argument after * must be an iterable, not %s",
                   function_description(func).c_str(), type_name(callargs));
    }
    args.reset(sequence_tuple(callargs));
    if (!args) return Value();
  }
  Ref kw;
  if (kwargs && !is_exact_dict(kwargs)) {
    kw.reset(dict_new());
    if (!kw || dict_merge_for_call(func, *kw, kwargs) < 0) return Value();
    kwargs = *kw;
  }
  return call_tuple_dict(func, *args, kwargs && dict_size(kwargs) ? kwargs : Value());
}

Value annotations_dict(Value t) {
  Value d = dict_new();
  if (!d) return d;
  int64_t n = tuple_size(t);
  for (int64_t i = 0; i + 1 < n; i += 2) {
    if (dict_set(d, tuple_item(t, i), tuple_item(t, i + 1)) < 0) {
      decref(d);
      return Value();
    }
  }
  return d;
}

Value build_string(const Value* pieces, int n) {
  if (n == 1) return newref(pieces[0]);
  Value t = tuple_from(pieces, n);
  if (!t) return t;
  Value empty = intern("");
  Value r = str_join(empty, t);
  decref(t);
  return r;
}

int list_extend_for_star(Value list, Value iterable) {
  int r = list_extend(list, iterable);
  if (r < 0 && error_matches(TypeError) && !is_iterable(iterable)) {
    clear_error();
    raise(TypeError, "Value after * must be an iterable, not %s", type_name(iterable));
  }
  return r;
}

int dict_update_for_star(Value dict, Value update) {
  int r = dict_merge(dict, update, true);  // a mapping only, as PyDict_Update
  if (r < 0 && error_matches(AttributeError)) {
    clear_error();
    raise(TypeError, "'%s' object is not a mapping", type_name(update));
  }
  return r;
}

int dict_merge_for_call(Value func, Value dict, Value update) {
  if (!is_dict(update) && !hasattr(update, STRATA_NAME(keys))) {
    if (error_occurred()) return -1;
    raise(TypeError, "%s argument after ** must be a mapping, not %s",
          function_description(func).c_str(), type_name(update));
    return -1;
  }
  Ref keys(is_dict(update) ? dict_keys_list(update) : call_method0(update, STRATA_NAME(keys)));
  if (!keys) return -1;
  return for_each(*keys, [&](Value key) -> int {
    if (!is_str(key)) {
      raise(TypeError, "keywords must be strings");
      return -1;
    }
    Value existing = dict_get_str(dict, key);
    if (existing) {
      raise(TypeError, "%s got multiple values for keyword argument '%U'",
            function_description(func).c_str(), key);
      return -1;
    }
    Ref v(getitem(update, key));
    if (!v) return -1;
    return dict_set(dict, key, *v);
  });
}

int unpack_iterable(Value seq, int before, int after, Value* top) {
  // Fast paths: an exact tuple or list of the right size.
  if (after < 0 && (is_exact_tuple(seq) || is_exact_list(seq))) {
    int64_t n = is_exact_tuple(seq) ? tuple_size(seq) : list_size(seq);
    const Value* items = is_exact_tuple(seq) ? tuple_items(seq) : list_items(seq);
    if (n == before) {
      for (int i = 0; i < before; i++) top[-1 - i] = newref(items[i]);
      return 0;
    }
    if (n < before) {
      raise(ValueError, "not enough values to unpack (expected %d, got %lld)", before,
            static_cast<long long>(n));
    } else {
      raise(ValueError, "too many values to unpack (expected %d)", before);
    }
    return -1;
  }
  Value it = get_iter(seq);
  if (!it) {
    if (error_matches(TypeError) && !is_iterable(seq)) {
      clear_error();
      raise(TypeError, "cannot unpack non-iterable %s object", type_name(seq));
    }
    return -1;
  }
  int i = 0;
  for (; i < before; i++) {
    Value item = iter_next(it);
    if (!item) {
      if (!error_occurred()) {
        if (after < 0) {
          raise(ValueError, "not enough values to unpack (expected %d, got %d)", before, i);
        } else {
          raise(ValueError, "not enough values to unpack (expected at least %d, got %d)",
                before + after, i);
        }
      }
      goto fail;
    }
    top[-1 - i] = item;
  }
  if (after < 0) {
    Value extra = iter_next(it);
    if (extra) {
      decref(extra);
      raise(ValueError, "too many values to unpack (expected %d)", before);
      goto fail;
    }
    if (error_occurred()) goto fail;
    decref(it);
    return 0;
  }
  {
    Value rest = sequence_list(it);
    if (!rest) goto fail;
    int64_t n = list_size(rest);
    if (n < after) {
      decref(rest);
      raise(ValueError, "not enough values to unpack (expected at least %d, got %lld)",
            before + after, static_cast<long long>(before + n));
      goto fail;
    }
    // The last `after` items go to their own slots, the rest stays in the list.
    for (int j = 0; j < after; j++) {
      top[-1 - (before + 1 + j)] = newref(list_item(rest, n - after + j));
    }
    Value starred = list_from(list_items(rest), n - after);
    decref(rest);
    if (!starred) {
      for (int j = 0; j < after; j++) decref(top[-1 - (before + 1 + j)]);
      goto fail;
    }
    top[-1 - before] = starred;
    decref(it);
    return 0;
  }
fail:
  for (int j = 0; j < i; j++) decref(top[-1 - j]);
  decref(it);
  return -1;
}

Value format_value(Value v, Value spec, int conversion) {
  Ref converted;
  switch (conversion) {
    case FVC_STR:
      converted.reset(str(v));
      break;
    case FVC_REPR:
      converted.reset(repr(v));
      break;
    case FVC_ASCII:
      converted.reset(ascii(v));
      break;
    default:
      converted.reset(newref(v));
  }
  if (!converted) return Value();
  if (!spec && is_exact_str(*converted)) return converted.release();
  return format(*converted, spec);
}

// -- Exceptions ------------------------------------------------------------------------------

void do_raise(Value exc, Value cause) { raise_object_from(exc, cause); }

namespace {

int check_except_type(Value type, bool star) {
  if (is_tuple(type)) {
    for (int64_t i = 0; i < tuple_size(type); i++) {
      if (!is_exception_type(tuple_item(type, i))) goto fail;
      if (star && is_subtype(tuple_item(type, i).as<Type>(), BaseExceptionGroup)) goto group;
    }
    return 0;
  }
  if (!is_exception_type(type)) goto fail;
  if (star && is_subtype(type.as<Type>(), BaseExceptionGroup)) goto group;
  return 0;
fail:
  raise(TypeError, "catching classes that do not inherit from BaseException is not allowed");
  return -1;
group:
  raise(TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
  return -1;
}

}  // namespace

int check_exc_match(Value exc, Value type) {
  if (check_except_type(type, false) < 0) return -1;
  return exception_matches(exc, type) ? 1 : 0;
}

int check_eg_match(Value exc, Value type, Value* match, Value* rest) {
  *match = *rest = Value();
  if (check_except_type(type, true) < 0) return -1;
  return exception_group_match(exc, type, match, rest);
}

int before_with(Value mgr, Value* exit, Value* res, bool async) {
  Value enter_name = async ? STRATA_NAME(__aenter__) : STRATA_NAME(__enter__);
  Value exit_name = async ? STRATA_NAME(__aexit__) : STRATA_NAME(__exit__);
  const char* proto = async ? "asynchronous context manager" : "context manager";
  Value enter = lookup_special(mgr, enter_name);
  if (!enter) {
    if (!error_occurred()) {
      raise(TypeError, "'%s' object does not support the %s protocol", type_name(mgr), proto);
    }
    return -1;
  }
  Value ex = lookup_special(mgr, exit_name);
  if (!ex) {
    if (!error_occurred()) {
      raise(TypeError, "'%s' object does not support the %s protocol (missed %s method)",
            type_name(mgr), proto, async ? "__aexit__" : "__exit__");
    }
    return -1;
  }
  Ref bound_exit(bind_special(ex, mgr));
  if (!bound_exit) return -1;
  Ref bound_enter(bind_special(enter, mgr));
  if (!bound_enter) return -1;
  Value r = call0(*bound_enter);
  if (!r) return -1;
  *exit = bound_exit.release();
  *res = r;
  return 0;
}

int setup_annotations(Frame* frame) {
  Value locals = frame->locals;
  if (!locals) {
    raise(SystemError, "no locals found when setting up annotations");
    return -1;
  }
  Value name = STRATA_NAME(__annotations__);
  if (is_exact_dict(locals)) {
    if (dict_get_str(locals, name)) return 0;
    if (error_occurred()) return -1;
    Ref d(dict_new());
    return d ? dict_set(locals, name, *d) : -1;
  }
  Value v = getitem(locals, name);
  if (v) {
    decref(v);
    return 0;
  }
  if (!error_matches(KeyError)) return -1;
  clear_error();
  Ref d(dict_new());
  return d ? setitem(locals, name, *d) : -1;
}

// -- Generators and coroutines ------------------------------------------------------------------

int send_value(Value receiver, Value v, Value* retval) {
  Type* t = type_of(receiver);
  if (t == &GeneratorType || t == &CoroutineType) {
    SendResult r = gen_send(receiver, v, false, retval);
    if (r == SendResult::Yield) return 0;
    if (r == SendResult::Return) return 1;
    return -1;
  }
  Value r;
  if (is_none(v) && t->iternext) {
    r = t->iternext(receiver);
  } else {
    r = call_method1(receiver, STRATA_NAME(send), v);
  }
  if (r) {
    *retval = r;
    return 0;
  }
  if (!error_occurred()) {
    *retval = None();
    return 1;
  }
  if (error_matches(StopIteration)) {
    Value exc = fetch_error();
    Value value = exc.as<BaseExceptionObject>()->f1;
    *retval = newref(value ? value : None());
    decref(exc);
    return 1;
  }
  return -1;
}

Value get_awaitable(Value v, int where) {
  Type* t = type_of(v);
  if (t == &CoroutineType) return newref(v);
  if (t == &GeneratorType && (gen_frame(v.as<GeneratorObject>())->code->flags & CO_ITERABLE_COROUTINE)) {
    return newref(v);
  }
  Value await = lookup_special(v, STRATA_NAME(__await__));
  if (!await) {
    if (error_occurred()) return Value();
    if (where == AWAITABLE_AFTER_AENTER) {
      return raise(TypeError,
                   "'async with' received an object from __aenter__ that does not implement __await__: %s",
                   type_name(v));
    }
    if (where == AWAITABLE_AFTER_AEXIT) {
      return raise(TypeError,
                   "'async with' received an object from __aexit__ that does not implement __await__: %s",
                   type_name(v));
    }
    return raise(TypeError, "object %s can't be used in 'await' expression", type_name(v));
  }
  Ref bound(bind_special(await, v));
  if (!bound) return Value();
  Value it = call0(*bound);
  if (!it) return it;
  if (type_of(it) == &CoroutineType || !type_of(it)->iternext) {
    decref(it);
    return raise(TypeError, "__await__() returned non-iterator of type '%s'", type_name(it));
  }
  return it;
}

Value get_aiter(Value v) {
  Value m = lookup_special(v, STRATA_NAME(__aiter__));
  if (!m) {
    if (error_occurred()) return Value();
    return raise(TypeError, "'async for' requires an object with __aiter__ method, got %s",
                 type_name(v));
  }
  Ref bound(bind_special(m, v));
  if (!bound) return Value();
  Value it = call0(*bound);
  if (!it) return it;
  if (!lookup_special(it, STRATA_NAME(__anext__))) {
    decref(it);
    return raise(TypeError,
                 "'async for' received an object from __aiter__ that does not implement __anext__: %s",
                 type_name(it));
  }
  return it;
}

Value get_anext(Value aiter) {
  Value m = lookup_special(aiter, STRATA_NAME(__anext__));
  if (!m) {
    if (error_occurred()) return Value();
    return raise(TypeError, "'async for' requires an iterator with __anext__ method, got %s",
                 type_name(aiter));
  }
  Ref bound(bind_special(m, aiter));
  if (!bound) return Value();
  Ref next(call0(*bound));
  if (!next) return Value();
  Value aw = get_awaitable(*next, AWAITABLE_PLAIN);
  if (!aw && error_matches(TypeError)) {
    clear_error();
    return raise(TypeError, "'async for' received an invalid object from __anext__: %s",
                 type_name(*next));
  }
  return aw;
}

// -- Pattern matching ---------------------------------------------------------------------------

Value match_keys(Value subject, Value keys) {
  int64_t n = tuple_size(keys);
  if (n == 0) return tuple_empty();
  Value get = lookup_attr(subject, STRATA_NAME(get));
  if (!get) {
    if (!error_occurred()) raise(AttributeError, "get");
    return Value();
  }
  Ref getter(get);
  Ref seen(set_new(Value()));
  Ref values(tuple_new(n));
  if (!seen || !values) return Value();
  Ref dummy(call0(Value::from(&ObjectType)));
  if (!dummy) return Value();
  for (int64_t i = 0; i < n; i++) {
    Value key = tuple_item(keys, i);
    int r = set_contains(*seen, key);
    if (r < 0) return Value();
    if (r) {
      raise(ValueError, "mapping pattern checks duplicate key (%R)", key);
      return Value();
    }
    if (set_add(*seen, key) < 0) return Value();
    Value args[2] = {key, *dummy};
    Value v = call(*getter, args, 2);
    if (!v) return Value();
    if (v == *dummy) {
      decref(v);
      return None();
    }
    tuple_items(*values)[i] = v;
  }
  return values.release();
}

Value match_class(Value subject, Value type, int nargs, Value names) {
  if (!is_type(type)) {
    return raise(TypeError, "called match pattern must be a type");
  }
  int r = isinstance(subject, type);
  if (r < 0) return Value();
  if (!r) return None();
  Type* t = type.as<Type>();
  Ref match_args;
  Ref attrs(list_new(0));
  if (!attrs) return Value();
  Ref seen(set_new(Value()));
  if (!seen) return Value();
  bool match_self = false;
  int64_t nkw = tuple_size(names);
  auto get_attr = [&](Value name) -> int {
    int c = set_contains(*seen, name);
    if (c < 0) return -1;
    if (c) {
      raise(TypeError, "%s() got multiple sub-patterns for attribute %R", t->name, name);
      return -1;
    }
    if (set_add(*seen, name) < 0) return -1;
    Value a = lookup_attr(subject, name);
    if (!a) return error_occurred() ? -1 : 0;
    int rr = list_append(*attrs, a);
    decref(a);
    return rr < 0 ? -1 : 1;
  };
  if (nargs) {
    match_args.reset(lookup_attr(type, STRATA_NAME(__match_args__)));
    if (match_args) {
      if (!is_exact_tuple(*match_args)) {
        raise(TypeError, "%s.__match_args__ must be a tuple (got %s)", t->name,
              type_name(*match_args));
        return Value();
      }
    } else if (error_occurred()) {
      return Value();
    } else {
      match_self = has_flag(t, TF_MATCH_SELF);
      match_args.reset(tuple_empty());
    }
    int64_t allowed = match_self ? 1 : tuple_size(*match_args);
    if (allowed < nargs) {
      raise(TypeError, "%s() accepts %lld positional sub-pattern%s (%d given)", t->name,
            static_cast<long long>(allowed), allowed == 1 ? "" : "s", nargs);
      return Value();
    }
    if (match_self) {
      if (list_append(*attrs, subject) < 0) return Value();
    } else {
      for (int i = 0; i < nargs; i++) {
        Value name = tuple_item(*match_args, i);
        if (!is_str(name)) {
          raise(TypeError, "__match_args__ elements must be strings (got %s)", type_name(name));
          return Value();
        }
        int g = get_attr(name);
        if (g < 0) return Value();
        if (g == 0) return None();
      }
    }
  }
  for (int64_t i = 0; i < nkw; i++) {
    int g = get_attr(tuple_item(names, i));
    if (g < 0) return Value();
    if (g == 0) return None();
  }
  return list_as_tuple(*attrs);
}

// -- Imports -------------------------------------------------------------------------------------

Value import_for_frame(Frame* frame, Value name, Value fromlist, Value level) {
  // A program may replace builtins.__import__; then every import statement calls it.
  Value imp = dict_get_str(frame->builtins, STRATA_NAME(__import__));
  if (!imp) {
    if (!error_occurred()) raise(ImportError, "__import__ not found");
    return Value();
  }
  if (imp != original_import_function()) {
    Value locals = frame->locals ? frame->locals : None();
    Value args[5] = {name, frame->globals, locals, fromlist, level};
    return call(imp, args, 5);
  }
  return import_name(name, frame->globals, fromlist, static_cast<int>(level.small_value()));
}

// -- The eval breaker --------------------------------------------------------------------------

int handle_eval_breaker() {
  thread.eval_breaker = 0;
  if (signals_tripped && run_signal_handlers() < 0) return -1;
  if (pending_sigint) {
    pending_sigint = 0;
    raise_object(Value::from(KeyboardInterrupt));
    return -1;
  }
  return 0;
}

}  // namespace strata
