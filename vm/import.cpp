// vm/import.cpp — the import system: sys.modules, built-in modules, .py modules and
// packages found on sys.path (or a package's __path__), relative imports, fromlists,
// `from m import *`, and running a module from its cached code image.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "frontend/code_image.h"
#include "frontend/compiler.h"
#include "frontend/image_cache.h"
#include "frontend/parser.h"
#include "stdlib/sys.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/runtime.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {


namespace {

// Modules whose code is running (a circular import sees them partly initialized).
std::vector<Object*> initializing;

bool lookup_attr_exists(Value obj, Value name) {
  Value v = lookup_attr(obj, name);
  xdecref(v);
  return bool(v);
}

bool is_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_dir(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Value module_not_found(Value name) {
  raise(ModuleNotFoundError, "No module named %R", name);
  Value exc = fetch_error();
  if (exc) {
    set_ref(&exc.as<BaseExceptionObject>()->f2, newref(name));
    restore_error(exc);
  }
  return Value();
}

// Runs the .py file `path` as module `name` (already in sys.modules); -1 on error.
int exec_module_file(Value module, const std::string& path) {
  Ref code(compile_to_code(std::string(), path, 0, false, &path));
  if (!code) return -1;
  Ref r(eval_code(*code, module_dict(module), Value()));
  return r ? 0 : -1;
}

// A module's __spec__: the attributes of importlib's ModuleSpec that programs read (name,
// loader, origin, submodule_search_locations, cached, parent, has_location), kept in an
// instance dict. Strata's importer is native, so there is no importlib machinery behind it.
struct ModuleSpecObject {
  Object ob;
  Value dict;
};

void spec_dealloc(Object* o) {
  gc_untrack(o);
  clear_ref(&reinterpret_cast<ModuleSpecObject*>(o)->dict);
  free_object(o);
}
void spec_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<ModuleSpecObject*>(o)->dict, visit, arg);
}
void spec_clear(Object* o) { clear_ref(&reinterpret_cast<ModuleSpecObject*>(o)->dict); }
Value spec_repr(Value v) {
  Value d = v.as<ModuleSpecObject>()->dict;
  Value name = dict_get_cstr(d, "name"), origin = dict_get_cstr(d, "origin");
  if (origin && !is_none(origin)) {
    return str_format_c("ModuleSpec(name=%R, loader=None, origin=%R)", name ? name : None(), origin);
  }
  return str_format_c("ModuleSpec(name=%R, loader=None)", name ? name : None());
}

Type ModuleSpecType = {
    .ob = {kImmortal, &TypeType},
    .name = "ModuleSpec",
    .flags = TF_HAVE_GC,
    .basicsize = sizeof(ModuleSpecObject),
    .dictoffset = offsetof(ModuleSpecObject, dict),
    .dealloc = spec_dealloc,
    .traverse = spec_traverse,
    .clear = spec_clear,
    .repr = spec_repr,
    .getattr = generic_getattr,
    .setattr = generic_setattr,
};

Value module_spec_new(Value name, const std::string& origin, Value search_locations) {
  static bool ready = type_ready(&ModuleSpecType) == 0;
  if (!ready) return Value();
  Object* o = alloc_object(&ModuleSpecType, sizeof(ModuleSpecObject));
  if (!o) return Value();
  Ref spec(Value::from(o));
  Value d = dict_new();
  if (!d) return Value();
  reinterpret_cast<ModuleSpecObject*>(o)->dict = d;
  gc_track(o);
  std::string_view n = str_utf8(name);
  size_t dot = n.rfind('.');
  Ref parent(search_locations ? newref(name)
                              : str_from_utf8(dot == std::string_view::npos ? std::string_view()
                                                                           : n.substr(0, dot)));
  Ref origin_obj(str_from_utf8(origin));
  if (!parent || !origin_obj) return Value();
  if (dict_set_cstr(d, "name", name) < 0 || dict_set_cstr(d, "loader", None()) < 0 ||
      dict_set_cstr(d, "origin", *origin_obj) < 0 || dict_set_cstr(d, "loader_state", None()) < 0 ||
      dict_set_cstr(d, "submodule_search_locations",
                    search_locations ? search_locations : None()) < 0 ||
      dict_set_cstr(d, "cached", None()) < 0 || dict_set_cstr(d, "parent", *parent) < 0 ||
      dict_set_cstr(d, "has_location", True()) < 0) {
    return Value();
  }
  return spec.release();
}

// Loads `fullname` (whose last part is `tail`) from the directories of `search` (a list
// of str); null without an exception when it is not there.
Value load_from_path(Value fullname, std::string_view tail, Value search) {
  if (!search || !is_list(search)) return Value();
  Ref paths(list_from(list_items(search), list_size(search)));  // the loop may run code
  if (!paths) return Value();
  for (int64_t i = 0; i < list_size(*paths); i++) {
    Value dir = list_item(*paths, i);
    if (!is_str(dir)) continue;
    std::string base(str_utf8(dir));
    if (base.empty()) base = ".";
    std::string stem = base + "/" + std::string(tail);
    std::string file;
    bool package = false;
    if (is_dir(stem) && is_file(stem + "/__init__.py")) {
      file = stem + "/__init__.py";
      package = true;
    } else if (is_file(stem + ".py")) {
      file = stem + ".py";
    } else {
      continue;
    }
    Ref module(module_new(fullname));
    if (!module) return Value();
    Value d = module_dict(*module);
    Ref file_obj(str_from_utf8(file));
    if (!file_obj || dict_set(d, STRATA_NAME(__file__), *file_obj) < 0) return Value();
    if (package) {
      Ref dir_obj(str_from_utf8(stem));
      Value dir_value = *dir_obj;
      Ref path_list(dir_obj ? list_from(&dir_value, 1) : Value());
      if (!path_list || dict_set(d, STRATA_NAME(__path__), *path_list) < 0) return Value();
      if (dict_set(d, STRATA_NAME(__package__), fullname) < 0) return Value();
    } else {
      std::string_view full = str_utf8(fullname);
      size_t dot = full.rfind('.');
      Ref pkg(str_from_utf8(dot == std::string_view::npos ? std::string_view() : full.substr(0, dot)));
      if (!pkg || dict_set(d, STRATA_NAME(__package__), *pkg) < 0) return Value();
    }
    // As importlib's exec_module: __spec__ and, once exec runs, __builtins__.
    Value path_value = dict_get_str(d, STRATA_NAME(__path__));
    Ref spec(module_spec_new(fullname, file, path_value));
    if (!spec || dict_set(d, STRATA_NAME(__spec__), *spec) < 0) return Value();
    if (dict_set(d, STRATA_NAME(__builtins__), builtins_dict()) < 0) return Value();
    Value modules = sys_modules_dict();
    if (dict_set(modules, fullname, *module) < 0) return Value();
    initializing.push_back(module.get().obj());
    int status = exec_module_file(*module, file);
    initializing.pop_back();
    if (status < 0) {
      Value saved = fetch_error();
      Value popped = dict_pop(modules, fullname);
      xdecref(popped);
      clear_error();
      restore_error(saved);
      return Value();
    }
    // The module may have replaced itself in sys.modules.
    Value final = dict_get(modules, fullname);
    if (!final) {
      if (!error_occurred()) {
        raise(ImportError, "Loaded module %U not found in sys.modules", fullname);
      }
      return Value();
    }
    return newref(final);
  }
  return Value();
}

// Imports one fully qualified module whose parent (if any) is imported already.
Value import_one(Value fullname) {
  Value modules = sys_modules_dict();
  Value m = dict_get(modules, fullname);
  if (m) {
    if (is_none(m)) {
      raise(ModuleNotFoundError, "import of %U halted; None in sys.modules", fullname);
      return Value();
    }
    return newref(m);
  }
  if (error_occurred()) return Value();
  std::string_view full = str_utf8(fullname);
  size_t dot = full.rfind('.');
  if (dot == std::string_view::npos) {
    if (const BuiltinModuleDef* def = find_builtin_module(full)) {
      Ref mod(module_from_def(def));
      if (!mod) return Value();
      if (dict_set(modules, fullname, *mod) < 0) return Value();
      return mod.release();
    }
    Ref path(sys_get("path") ? newref(sys_get("path")) : Value());
    Value r = load_from_path(fullname, full, *path);
    if (r || error_occurred()) return r;
    return module_not_found(fullname);
  }
  Ref parent_name(str_from_utf8(full.substr(0, dot)));
  if (!parent_name) return Value();
  Value parent = dict_get(modules, *parent_name);
  if (!parent) {
    if (error_occurred()) return Value();
    return module_not_found(fullname);
  }
  Ref search(lookup_attr(parent, STRATA_NAME(__path__)));
  if (!search) {
    if (error_occurred()) return Value();
    raise(ModuleNotFoundError, "No module named %R; %R is not a package", fullname, *parent_name);
    return Value();
  }
  Value r = load_from_path(fullname, full.substr(dot + 1), *search);
  if (!r) {
    if (error_occurred()) return Value();
    return module_not_found(fullname);
  }
  // Bind the submodule as an attribute of its parent.
  Ref tail(str_from_utf8(full.substr(dot + 1)));
  if (!tail || setattr(parent, *tail, r) < 0) {
    decref(r);
    return Value();
  }
  return r;
}

// The package that a relative import at `level` starts from (CPython's resolve_name).
Value resolve_name(Value name, Value globals, int level) {
  Value package = globals ? dict_get_str(globals, STRATA_NAME(__package__)) : Value();
  if (package && is_none(package)) package = Value();
  Ref pkg;
  if (package) {
    if (!is_str(package)) return raise(TypeError, "package must be a string");
    pkg.reset(newref(package));
  } else {
    Value modname = globals ? dict_get_str(globals, STRATA_NAME(__name__)) : Value();
    if (!modname) return raise(KeyError, "'__name__' not in globals");
    if (!is_str(modname)) return raise(TypeError, "__name__ must be a string");
    if (dict_get_str(globals, STRATA_NAME(__path__))) {
      pkg.reset(newref(modname));
    } else {
      std::string_view m = str_utf8(modname);
      size_t dot = m.rfind('.');
      pkg.reset(str_from_utf8(dot == std::string_view::npos ? std::string_view() : m.substr(0, dot)));
      if (!pkg) return Value();
    }
  }
  std::string base(str_utf8(*pkg));
  if (base.empty()) return raise(ImportError, "attempted relative import with no known parent package");
  for (int i = 1; i < level; i++) {
    size_t dot = base.rfind('.');
    if (dot == std::string::npos) {
      return raise(ImportError, "attempted relative import beyond top-level package");
    }
    base.resize(dot);
  }
  std::string_view n = str_utf8(name);
  if (!n.empty()) base += "." + std::string(n);
  return str_from_utf8(base);
}

}  // namespace

Value import_name(Value name, Value globals, Value fromlist, int level) {
  if (!is_str(name)) return raise(TypeError, "module name must be a string");
  if (level < 0) return raise(ValueError, "level must be >= 0");
  Ref absname;
  if (level > 0) {
    absname.reset(resolve_name(name, globals, level));
    if (!absname) return Value();
  } else {
    if (str_length(name) == 0) return raise(ValueError, "Empty module name");
    absname.reset(newref(name));
  }
  // Import each prefix: a, a.b, a.b.c.
  std::string_view full = str_utf8(*absname);
  Ref top, last;
  size_t pos = 0;
  while (true) {
    size_t dot = full.find('.', pos);
    Ref part(str_from_utf8(full.substr(0, dot)));
    if (!part) return Value();
    Value m = import_one(*part);
    if (!m) return Value();
    if (!top) top.reset(newref(m));
    last.reset(m);
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  bool has_from = fromlist && !is_none(fromlist) && is_true(fromlist) > 0;
  if (error_occurred()) return Value();
  if (!has_from) {
    if (level == 0) return top.release();
    // `from . import x` style without fromlist: the top of the *given* name.
    std::string_view n = str_utf8(name);
    size_t dot = n.find('.');
    if (dot == std::string_view::npos) return last.release();
    size_t cut = full.size() - (n.size() - dot);
    Ref head(str_from_utf8(full.substr(0, cut)));
    if (!head) return Value();
    Value m = dict_get(sys_modules_dict(), *head);
    if (!m) return raise(KeyError, "%R not in sys.modules as expected", *head);
    return newref(m);
  }
  // A package with a fromlist: import the submodules it names.
  Value module = *last;
  if (lookup_attr_exists(module, STRATA_NAME(__path__))) {
    int r = for_each(fromlist, [&](Value item) -> int {
      if (!is_str(item)) {
        raise(TypeError, "Item in %s.__all__ must be str, not %s", "module", type_name(item));
        return -1;
      }
      if (str_equal_ascii(item, "*")) {
        Ref all(lookup_attr(module, STRATA_NAME(__all__)));
        if (!all) return error_occurred() ? -1 : 0;
        return for_each(*all, [&](Value sub) -> int {
          if (!is_str(sub)) return 0;
          if (lookup_attr_exists(module, sub)) return 0;
          if (error_occurred()) return -1;
          Ref subname(str_format_c("%U.%U", *absname, sub));
          if (!subname) return -1;
          Value m = import_one(*subname);
          if (m) {
            decref(m);
            return 0;
          }
          if (error_matches(ModuleNotFoundError)) clear_error();
          return error_occurred() ? -1 : 0;
        });
      }
      if (lookup_attr_exists(module, item)) return 0;
      if (error_occurred()) return -1;
      Ref subname(str_format_c("%U.%U", *absname, item));
      if (!subname) return -1;
      Value m = import_one(*subname);
      if (m) {
        decref(m);
        return 0;
      }
      // A missing submodule is not an error here: IMPORT_FROM reports the name.
      if (error_matches(ModuleNotFoundError)) {
        Value exc = fetch_error();
        Value missing = exc.as<BaseExceptionObject>()->f2;
        bool ours = missing && str_equal(missing, *subname);
        if (ours) {
          decref(exc);
          return 0;
        }
        restore_error(exc);
      }
      return -1;
    });
    if (r < 0) return Value();
  }
  return last.release();
}

Value import_from(Value module, Value name) {
  Value v = lookup_attr(module, name);
  if (v || error_occurred()) return v;
  // A submodule that is in sys.modules but not (yet) bound on its package.
  Ref pkgname(lookup_attr(module, STRATA_NAME(__name__)));
  if (!pkgname && error_occurred()) return Value();
  if (pkgname && is_str(*pkgname)) {
    Ref full(str_format_c("%U.%U", *pkgname, name));
    if (!full) return Value();
    Value m = dict_get(sys_modules_dict(), *full);
    if (m) return newref(m);
    if (error_occurred()) return Value();
  }
  Ref file(lookup_attr(module, STRATA_NAME(__file__)));
  if (!file) clear_error();
  const char* modname = pkgname && is_str(*pkgname) ? str_utf8(*pkgname).data() : "<unknown module name>";
  bool partial = false;
  for (Object* o : initializing) partial = partial || o == module.obj();
  if (partial) {
    raise(ImportError,
          "cannot import name %R from partially initialized module '%s' (most likely due to a "
          "circular import) (%s)",
          name, modname, file && is_str(*file) ? str_utf8(*file).data() : "unknown location");
  } else if (file && is_str(*file)) {
    raise(ImportError, "cannot import name %R from '%s' (%U)", name, modname, *file);
  } else {
    raise(ImportError, "cannot import name %R from '%s' (unknown location)", name, modname);
  }
  Value exc = fetch_error();
  if (exc) {
    BaseExceptionObject* e = exc.as<BaseExceptionObject>();
    if (pkgname) set_ref(&e->f2, pkgname.new_ref());
    if (file) set_ref(&e->f3, file.new_ref());
    restore_error(exc);
  }
  return Value();
}

int import_star(Value module, Value ns) {
  Ref all(lookup_attr(module, STRATA_NAME(__all__)));
  bool skip_private = false;
  Ref names;
  if (all) {
    names.reset(all.release());
  } else {
    if (error_occurred()) return -1;
    Ref d(lookup_attr(module, STRATA_NAME(__dict__)));
    if (!d) {
      if (!error_occurred()) {
        raise(ImportError, "from-import-* object has no __dict__ and no __all__");
      }
      return -1;
    }
    names.reset(is_dict(*d) ? dict_keys_list(*d) : call_method0(*d, STRATA_NAME(keys)));
    if (!names) return -1;
    skip_private = true;
  }
  return for_each(*names, [&](Value name) -> int {
    if (!is_str(name)) {
      Ref modname(lookup_attr(module, STRATA_NAME(__name__)));
      if (!modname) clear_error();
      raise(TypeError, "%s in %s.__all__ must be str, not %s", skip_private ? "Key" : "Item",
            modname && is_str(*modname) ? str_utf8(*modname).data() : "module", type_name(name));
      return -1;
    }
    if (skip_private && str_length(name) > 0 && str_char(name, 0) == '_') return 0;
    Ref v(getattr(module, name));
    if (!v) return -1;
    return is_exact_dict(ns) ? dict_set(ns, name, *v) : setitem(ns, name, *v);
  });
}

}  // namespace strata
