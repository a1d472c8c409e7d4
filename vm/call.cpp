// vm/call.cpp — binding call arguments to a Python function's parameters (CPython's full
// rules: positional-only, keyword-only, defaults, *args, **kwargs, and its error
// messages word for word), and running module-level code.
#include <string>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/func.h"
#include "vm/interp.h"
#include "vm/module.h"
#include "vm/runtime.h"
#include "vm/str.h"
#include "vm/tuple.h"

namespace strata {


namespace {

std::string qualname_of(FunctionObject* f) {
  return std::string(str_utf8(f->qualname));
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'"
std::string name_list(const std::vector<Value>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    Value r = repr(names[i]);
    if (r) {
      out += str_utf8(r);
      decref(r);
    } else {
      clear_error();
    }
  }
  return out;
}

void missing_arguments(FunctionObject* f, CodeRT* c, Value* locals, int start, int end,
                       int ndefaults_at_end, bool kwonly) {
  std::vector<Value> missing;
  for (int i = start; i < end; i++) {
    if (!locals[i]) {
      if (kwonly) {
        if (f->kwdefaults && dict_get_str(f->kwdefaults, c->localsplusnames[i])) continue;
      } else if (i >= end - ndefaults_at_end) {
        continue;
      }
      missing.push_back(c->localsplusnames[i]);
    }
  }
  if (missing.empty()) return;
  raise(TypeError, "%s() missing %zu required %s argument%s: %s", qualname_of(f).c_str(),
        missing.size(), kwonly ? "keyword-only" : "positional", missing.size() == 1 ? "" : "s",
        name_list(missing).c_str());
}

void too_many_positional(FunctionObject* f, CodeRT* c, size_t given, Value* locals) {
  int argcount = c->argcount;
  int ndefaults = f->defaults ? static_cast<int>(tuple_size(f->defaults)) : 0;
  int kwonly_given = 0;
  for (int i = argcount; i < argcount + c->kwonlyargcount; i++) kwonly_given += locals[i] ? 1 : 0;
  std::string sig;
  bool plural;
  if (ndefaults) {
    sig = "from " + std::to_string(argcount - ndefaults) + " to " + std::to_string(argcount);
    plural = true;
  } else {
    sig = std::to_string(argcount);
    plural = argcount != 1;
  }
  std::string kw;
  if (kwonly_given) {
    kw = " positional argument" + std::string(given != 1 ? "s" : "") + " (and " +
         std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") +
         ")";
  }
  raise(TypeError, "%s() takes %s positional argument%s but %zu%s %s given", qualname_of(f).c_str(),
        sig.c_str(), plural ? "s" : "", given, kw.c_str(),
        given == 1 && !kwonly_given ? "was" : "were");
}

// Binds args to the frame's parameter slots; -1 with an exception on error.
int bind_arguments(FunctionObject* f, CodeRT* c, Value* locals, const Value* args, size_t nargs,
                   Value kwnames) {
  int argcount = c->argcount;
  int total = argcount + c->kwonlyargcount;
  bool varargs = c->flags & CO_VARARGS;
  Value kwdict;
  if (c->flags & CO_VARKEYWORDS) {
    kwdict = dict_new();
    if (!kwdict) return -1;
    locals[total + (varargs ? 1 : 0)] = kwdict;
  }
  size_t n = nargs < static_cast<size_t>(argcount) ? nargs : argcount;
  for (size_t i = 0; i < n; i++) locals[i] = newref(args[i]);
  if (varargs) {
    size_t extra = nargs > n ? nargs - n : 0;
    Value t = tuple_from(args + n, static_cast<int64_t>(extra));
    if (!t) return -1;
    locals[total] = t;
  }
  // Keywords.
  size_t nkw = kwnames ? tuple_size(kwnames) : 0;
  for (size_t k = 0; k < nkw; k++) {
    Value name = tuple_item(kwnames, k);
    Value value = args[nargs + k];
    int j = -1;
    for (int i = c->posonlyargcount; i < total; i++) {
      if (c->localsplusnames[i] == name) {
        j = i;
        break;
      }
    }
    if (j < 0) {
      for (int i = c->posonlyargcount; i < total; i++) {
        if (str_equal(c->localsplusnames[i], name)) {
          j = i;
          break;
        }
      }
    }
    if (j < 0) {
      if (kwdict) {
        if (dict_set(kwdict, name, value) < 0) return -1;
        continue;
      }
      // A positional-only parameter passed by keyword gets its own message.
      std::vector<Value> posonly;
      for (int i = 0; i < c->posonlyargcount; i++) {
        for (size_t kk = 0; kk < nkw; kk++) {
          if (str_equal(c->localsplusnames[i], tuple_item(kwnames, kk))) {
            posonly.push_back(c->localsplusnames[i]);
            break;
          }
        }
      }
      if (!posonly.empty()) {
        std::string names;
        for (size_t i = 0; i < posonly.size(); i++) {
          if (i) names += ", ";
          names += std::string(str_utf8(posonly[i]));
        }
        raise(TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
              qualname_of(f).c_str(), names.c_str());
        return -1;
      }
      raise(TypeError, "%s() got an unexpected keyword argument '%U'", qualname_of(f).c_str(), name);
      return -1;
    }
    if (locals[j]) {
      raise(TypeError, "%s() got multiple values for argument '%U'", qualname_of(f).c_str(), name);
      return -1;
    }
    locals[j] = newref(value);
  }
  if (nargs > static_cast<size_t>(argcount) && !varargs) {
    too_many_positional(f, c, nargs, locals);
    return -1;
  }
  // Defaults of positional parameters.
  if (nargs < static_cast<size_t>(argcount)) {
    int ndefaults = f->defaults ? static_cast<int>(tuple_size(f->defaults)) : 0;
    int first_default = argcount - ndefaults;
    missing_arguments(f, c, locals, static_cast<int>(nargs), argcount, ndefaults, false);
    if (error_occurred()) return -1;
    for (int i = first_default > static_cast<int>(nargs) ? first_default : static_cast<int>(nargs);
         i < argcount; i++) {
      if (!locals[i]) locals[i] = newref(tuple_item(f->defaults, i - first_default));
    }
  }
  // Keyword-only parameters.
  if (c->kwonlyargcount) {
    missing_arguments(f, c, locals, argcount, total, 0, true);
    if (error_occurred()) return -1;
    for (int i = argcount; i < total; i++) {
      if (locals[i]) continue;
      Value d = dict_get_str(f->kwdefaults, c->localsplusnames[i]);
      locals[i] = newref(d);
    }
  }
  return 0;
}

}  // namespace

Frame* push_call_frame(Value func, const Value* args, size_t nargs, Value kwnames) {
  FunctionObject* f = func.as<FunctionObject>();
  CodeRT* c = f->code.as<CodeRT>();
  Frame* frame = push_frame(c, func, f->globals, f->builtins, Value());
  if (!frame) return nullptr;
  // The common case: exactly the positional parameters.
  if (!kwnames && nargs == static_cast<size_t>(c->argcount) &&
      !(c->flags & (CO_VARARGS | CO_VARKEYWORDS)) && c->kwonlyargcount == 0) {
    for (size_t i = 0; i < nargs; i++) frame->localsplus[i] = newref(args[i]);
    return frame;
  }
  if (bind_arguments(f, c, frame->localsplus, args, nargs, kwnames) < 0) {
    pop_frame(frame);
    return nullptr;
  }
  return frame;
}

Value call_function(Value func, const Value* args, size_t nargs, Value kwnames) {
  Frame* frame = push_call_frame(func, args, nargs, kwnames);
  if (!frame) return Value();
  Value res = eval_frame(frame);
  pop_frame(frame);
  return res;
}

Value eval_code(Value code, Value globals, Value locals) {
  Value builtins = dict_get_str(globals, STRATA_NAME(__builtins__));
  if (builtins && type_of(builtins) == &ModuleType) builtins = module_dict(builtins);
  if (!builtins || !is_dict(builtins)) {
    if (error_occurred()) return Value();
    builtins = builtins_dict();
  }
  CodeRT* c = code.as<CodeRT>();
  Frame* frame = push_frame(c, Value(), globals, builtins, locals ? locals : globals);
  if (!frame) return Value();
  Value res = eval_frame(frame);
  pop_frame(frame);
  return res;
}

}  // namespace strata
