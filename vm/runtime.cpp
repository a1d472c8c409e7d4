// vm/runtime.cpp — start-up and shutdown of the runtime, running the main program, and
// the built-in functions whose work is the interpreter's: compile, exec, eval, globals,
// locals, __import__, __build_class__; sys.exc_info/_getframe support.
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "frontend/code_image.h"
#include "frontend/compiler.h"
#include "frontend/diagnostic.h"
#include "frontend/image_cache.h"
#include "frontend/parser.h"
#include "stdlib/builtins.h"
#include "stdlib/sys.h"
#include "strata_config.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/range.h"
#include "vm/runtime.h"
#include "vm/specialize.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

extern volatile std::sig_atomic_t pending_sigint;  // vm/ops.cpp
int init_vm_stack();                                 // vm/frame.cpp

namespace {

Value the_builtins_module;
Value the_builtins_dict;
Value the_import_function;

void on_sigint(int) {
  pending_sigint = 1;
  thread.eval_breaker = 1;
}

bool read_whole_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)) from the
// front end's report, as CPython's parser fills it in: offsets in characters unless it
// kept bytes, 0 where unknown, the end line defaulting to the line; exec-mode source gets
// the newline its tokenizer appends; in eval and single mode an error at the very end of
// input that has no final newline is at CPython's ENDMARKER, which has no column.
void raise_syntax_error(const SyntaxErrorInfo& e, int mode, const std::string& source) {
  Type* type = e.type == "IndentationError" ? IndentationError
               : e.type == "TabError"       ? TabError
                                            : SyntaxError;
  std::string text = e.text;
  bool at_end = mode != 0 && !source.empty() && source.back() != '\n' && !text.empty() &&
                text.back() != '\n' && e.col_offset >= static_cast<int>(text.size()) &&
                source.size() >= text.size() &&
                source.compare(source.size() - text.size(), text.size(), text) == 0;
  if (mode == 0 && !text.empty() && text.back() != '\n') text += '\n';
  // An unclosed bracket is reported from the tokenizer's copy of the line, without its
  // newline.
  if (e.msg.size() > 16 && e.msg.compare(e.msg.size() - 16, 16, "was never closed") == 0 &&
      !text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  auto column = [&](int byte_col, int line) -> Value {
    if (byte_col < 0 || at_end) return Value::small(0);
    if (e.byte_offsets || line != e.lineno) return int_from_i64(byte_col + 1);
    int64_t chars = 0;
    for (int i = 0; i < byte_col && i < static_cast<int>(e.text.size()); i++) {
      if ((static_cast<unsigned char>(e.text[i]) & 0xC0) != 0x80) chars++;
    }
    if (byte_col > static_cast<int>(e.text.size())) chars += byte_col - static_cast<int>(e.text.size());
    return int_from_i64(chars + 1);
  };
  Ref msg(str_from_utf8(e.msg));
  Ref filename(str_from_utf8(e.filename));
  Ref text_obj(text.empty() ? None() : str_from_utf8(text));
  if (!msg || !filename || !text_obj) return;
  Ref lineno(e.lineno > 0 ? int_from_i64(e.lineno) : None());
  Ref offset(column(e.col_offset, e.lineno));
  int end_line = e.end_lineno > 0 ? e.end_lineno : e.lineno;
  Ref end_lineno(end_line > 0 ? int_from_i64(end_line) : None());
  Ref end_offset(column(e.end_col_offset, end_line));
  Ref details(tuple_pack({*filename, *lineno, *offset, *text_obj, *end_lineno, *end_offset}));
  if (!details) return;
  Value args[2] = {*msg, *details};
  Value exc = exception_new(type, args, 2);
  if (exc) restore_error(exc);
}

ParseMode parse_mode(int mode) {
  return mode == 1 ? ParseMode::Eval : mode == 2 ? ParseMode::Single : ParseMode::Exec;
}

}  // namespace

Value builtins_dict() { return the_builtins_dict; }

Value original_import_function() { return the_import_function; }

std::string stdlib_dir() { return STRATA_STDLIB_DIR; }

Value sys_attribute(const char* name) { return xnewref(sys_get(name)); }

Value compile_to_code(const std::string& source_in, const std::string& filename, int mode,
                      bool from_string, const std::string* cache_path,
                      SyntaxErrorInfo* error_out, int parse_flags) {
  std::shared_ptr<CodeImage> image;
  std::string source = source_in;
  ImageKey key;
  bool keyed = false;
  if (cache_path) {
    keyed = source_key(*cache_path, key);
    if (keyed) {
      auto img = std::make_shared<CodeImage>();
      if (load_cached(*cache_path, key, *img)) {
        std::string why;
        std::shared_ptr<CodeObject> top = img->decode_module(&why);
        if (top) return code_new(std::move(top), img, img->module_offset());
      }
    }
    if (!read_whole_file(*cache_path, source)) {
      return raise(OSError, "could not read '%s'", cache_path->c_str());
    }
  }
  Arena arena;
  SyntaxErrorInfo error;
  ast::Node* tree = parse(source, filename, parse_mode(mode), arena, error, parse_flags);
  if (!tree) {
    if (from_string) error.byte_offsets = false;
    if (error_out) {
      *error_out = error;
      return Value();
    }
    raise_syntax_error(error, mode, source);
    return Value();
  }
  CompileOptions options;
  options.source = source;
  std::shared_ptr<CodeObject> code = compile(tree, filename, parse_mode(mode), error, options);
  if (!code) {
    set_program_text(error);
    if (error_out) {
      *error_out = error;
      return Value();
    }
    raise_syntax_error(error, mode, source);
    return Value();
  }
  if (cache_path && keyed) {
    // Run from the image, as a later run will (tier 0 reads the image's bytecode).
    std::string bytes = write_image(*code, key);
    if (!bytes.empty()) {
      store_cached(*cache_path, bytes);
      auto img = std::make_shared<CodeImage>();
      std::string why;
      if (CodeImage::open(std::move(bytes), &key, *img, why)) {
        std::shared_ptr<CodeObject> top = img->decode_module(&why);
        if (top) return code_new(std::move(top), img, img->module_offset());
      }
    }
  }
  return code_new(std::move(code), nullptr, 0);
}

// -- Built-in functions --------------------------------------------------------------------

namespace {

// The text of a source argument of compile/exec/eval (str, bytes, bytearray).
bool source_text(Value src, const char* fname, std::string& out) {
  if (is_str(src)) {
    out = std::string(str_utf8(src));
    return true;
  }
  if (is_bytes(src)) {
    out.assign(reinterpret_cast<const char*>(bytes_data(src)), bytes_size(src));
    return true;
  }
  raise(TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
  return false;
}

int mode_of(Value mode) {
  if (!is_str(mode)) return -1;
  if (str_equal_ascii(mode, "exec")) return 0;
  if (str_equal_ascii(mode, "eval")) return 1;
  if (str_equal_ascii(mode, "single")) return 2;
  return -1;
}

// Globals/locals for exec and eval: defaults from the running frame; __builtins__ added.
// `owned` keeps a locals mapping made here alive.
bool namespaces(const char* fname, Value& globals, Value& locals, Ref& owned) {
  if (globals && is_none(globals)) globals = Value();
  if (locals && is_none(locals)) locals = Value();
  if (globals && !is_dict(globals)) {
    if (strcmp(fname, "exec") == 0) {
      raise(TypeError, "exec() globals must be a dict, not %s", type_name(globals));
    } else {
      raise(TypeError, "globals must be a real dict; try eval(expr, {}, mapping)");
    }
    return false;
  }
  if (locals && !lookup_special(locals, STRATA_NAME(__getitem__))) {
    raise(TypeError, "locals must be a mapping");
    return false;
  }
  if (!globals) {
    globals = current_globals();
    if (!globals) {
      raise(SystemError, "globals and locals cannot be NULL");
      return false;
    }
    if (!locals) {
      owned.reset(current_locals());
      if (!owned) return false;
      locals = *owned;
    }
  } else if (!locals) {
    locals = globals;
  }
  if (!dict_get_str(globals, STRATA_NAME(__builtins__))) {
    if (error_occurred()) return false;
    if (dict_set(globals, STRATA_NAME(__builtins__), the_builtins_module) < 0) return false;
  }
  return true;
}

Value run_code_or_source(const char* fname, Value src, Value globals, Value locals, int mode) {
  Ref owned;
  if (!namespaces(fname, globals, locals, owned)) return Value();
  Ref globals_keep(newref(globals)), locals_keep(newref(locals));
  Ref code;
  if (type_of(src) == &CodeType) {
    CodeRT* c = src.as<CodeRT>();
    if (c->nfrees > 0) {  // exec(..., closure=...) is not supported yet
      return raise(TypeError, "code object requires a closure of exactly length %d", c->nfrees);
    }
    code.reset(newref(src));
  } else {
    std::string text;
    if (!source_text(src, fname, text)) return Value();
    if (text.find('\0') != std::string::npos) {
      return raise(ValueError, "source code string cannot contain null bytes");
    }
    if (mode == 1) {  // eval strips leading spaces and tabs
      size_t i = 0;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) i++;
      text.erase(0, i);
    }
    code.reset(compile_to_code(text, "<string>", mode, true, nullptr));
    if (!code) return Value();
  }
  return eval_code(*code, globals, locals);
}

}  // namespace

Value builtin_compile(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                      "optimize", "_feature_version"};
  ArgSpec spec{"compile", names, 7, 0, 3, 6};
  Value a[7];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int mode = mode_of(a[2]);
  if (mode < 0) return raise(ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
  int64_t flags = 0;
  if (a[3]) {
    flags = int_as_i64(a[3]);
    if (flags == -1 && error_occurred()) return Value();
  }
  if (type_of(a[0]) == &CodeType) return newref(a[0]);
  std::string text;
  if (!source_text(a[0], "compile", text)) return Value();
  std::string filename;
  if (is_str(a[1])) {
    filename = std::string(str_utf8(a[1]));
  } else if (is_bytes(a[1])) {
    filename.assign(reinterpret_cast<const char*>(bytes_data(a[1])), bytes_size(a[1]));
  } else {
    return raise(TypeError, "compile() argument 'filename' must be str, bytes or os.PathLike, not %s",
                 type_name(a[1]));
  }
  if (text.find('\0') != std::string::npos) {
    return raise(ValueError, "source code string cannot contain null bytes");
  }
  if (flags & 0x400) {  // ast.PyCF_ONLY_AST needs the _ast module (issue 5)
    return raise(NotImplementedError, "compile() to an AST is not supported yet");
  }
  return compile_to_code(text, filename, mode, true, nullptr, nullptr,
                         static_cast<int>(flags & (kDontImplyDedent | kAllowIncompleteInput)));
}

Value builtin_exec(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"source", "globals", "locals", "closure"};
  ArgSpec spec{"exec", names, 4, 3, 1, 3};
  Value a[4];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref r(run_code_or_source("exec", a[0], a[1], a[2], 0));
  if (!r) return Value();
  return None();
}

Value builtin_eval(Value, const Value* args, size_t nargs, Value kwnames) {
  if (kwnames && tuple_size(kwnames)) return raise(TypeError, "eval() takes no keyword arguments");
  if (nargs < 1 || nargs > 3) {
    return nargs < 1 ? raise(TypeError, "eval expected at least 1 argument, got %zu", nargs)
                     : raise(TypeError, "eval expected at most 3 arguments, got %zu", nargs);
  }
  Value src = args[0];
  if (type_of(src) != &CodeType && !is_str(src) && !is_bytes(src)) {
    return raise(TypeError, "eval() arg 1 must be a string, bytes or code object");
  }
  return run_code_or_source("eval", src, nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value(), 1);
}

Value builtin_globals(Value, const Value*, size_t, Value) {
  Value g = current_globals();
  return g ? newref(g) : None();
}

Value builtin_locals(Value, const Value*, size_t, Value) {
  Value l = current_locals();
  if (!l && !error_occurred()) return None();
  return l;
}

Value builtin_import(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"name", "globals", "locals", "fromlist", "level"};
  ArgSpec spec{"__import__", names, 5, 0, 1, 5};
  Value a[5];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  int level = 0;
  if (a[4]) {
    int64_t l = int_as_i64(a[4]);
    if (l == -1 && error_occurred()) return Value();
    level = static_cast<int>(l);
  }
  Value globals = a[1] && is_dict(a[1]) ? a[1] : Value();
  return import_name(a[0], globals, a[3], level);
}

// __build_class__(func, name, /, *bases, metaclass=None, **kwds)
Value builtin_build_class(Value, const Value* args, size_t nargs, Value kwnames) {
  if (nargs < 2) return raise(TypeError, "__build_class__: not enough arguments");
  Value func = args[0];
  Value name = args[1];
  if (type_of(func) != &FunctionType) return raise(TypeError, "__build_class__: func must be a function");
  if (!is_str(name)) return raise(TypeError, "__build_class__: name is not a string");
  Ref orig_bases(tuple_from(args + 2, static_cast<int64_t>(nargs - 2)));
  if (!orig_bases) return Value();
  // PEP 560: __mro_entries__ of non-type bases.
  Ref bases(newref(*orig_bases));
  {
    Ref resolved(list_new(0));
    if (!resolved) return Value();
    bool changed = false;
    for (int64_t i = 0; i < tuple_size(*orig_bases); i++) {
      Value b = tuple_item(*orig_bases, i);
      if (is_type(b)) {
        if (list_append(*resolved, b) < 0) return Value();
        continue;
      }
      Ref meth(lookup_attr(b, STRATA_NAME(__mro_entries__)));
      if (!meth) {
        if (error_occurred()) return Value();
        if (list_append(*resolved, b) < 0) return Value();
        continue;
      }
      Ref entries(call1(*meth, *orig_bases));
      if (!entries) return Value();
      if (!is_tuple(*entries)) return raise(TypeError, "__mro_entries__ must return a tuple");
      changed = true;
      if (list_extend(*resolved, *entries) < 0) return Value();
    }
    if (changed) {
      bases.reset(list_as_tuple(*resolved));
      if (!bases) return Value();
    }
  }
  // Keywords: metaclass= is ours, the rest goes to the metaclass.
  Ref kwds(dict_new());
  if (!kwds) return Value();
  Value meta;
  size_t nkw = kwnames ? tuple_size(kwnames) : 0;
  for (size_t i = 0; i < nkw; i++) {
    Value k = tuple_item(kwnames, i);
    if (str_equal_ascii(k, "metaclass")) {
      meta = args[nargs + i];
    } else if (dict_set(*kwds, k, args[nargs + i]) < 0) {
      return Value();
    }
  }
  Ref metaclass;
  bool is_class = false;
  if (meta) {
    metaclass.reset(newref(meta));
    is_class = is_type(meta);
  } else {
    metaclass.reset(newref(tuple_size(*bases) ? Value::from(type_of(tuple_item(*bases, 0)))
                                              : Value::from(&TypeType)));
    is_class = true;
  }
  if (is_class) {
    // The most derived metaclass among the bases' (CPython's _PyType_CalculateMetaclass).
    Type* winner = metaclass.get().as<Type>();
    for (int64_t i = 0; i < tuple_size(*bases); i++) {
      Type* t = type_of(tuple_item(*bases, i));
      if (is_subtype(winner, t)) continue;
      if (is_subtype(t, winner)) {
        winner = t;
        continue;
      }
      return raise(TypeError,
                   "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                   "subclass of the metaclasses of all its bases");
    }
    metaclass.reset(newref(Value::from(winner)));
  }
  // The namespace from __prepare__.
  Ref ns;
  Ref prepare(lookup_attr(*metaclass, STRATA_NAME(__prepare__)));
  if (prepare) {
    Ref pargs(tuple_pack({name, *bases}));
    if (!pargs) return Value();
    ns.reset(call_tuple_dict(*prepare, *pargs, *kwds));
  } else {
    if (error_occurred()) return Value();
    ns.reset(dict_new());
  }
  if (!ns) return Value();
  if (!lookup_special(*ns, STRATA_NAME(__getitem__))) {
    return raise(TypeError, "%s.__prepare__() must return a mapping, not %s",
                 is_type(*metaclass) ? metaclass.get().as<Type>()->name : "<metaclass>",
                 type_name(*ns));
  }
  // Run the body with ns as its locals.
  FunctionObject* f = func.as<FunctionObject>();
  CodeRT* c = f->code.as<CodeRT>();
  Frame* frame = push_frame(c, func, f->globals, f->builtins, *ns);
  if (!frame) return Value();
  Ref cell(eval_frame(frame));
  pop_frame(frame);
  if (!cell) return Value();
  if (*orig_bases != *bases) {
    if (setitem(*ns, STRATA_NAME(__orig_bases__), *orig_bases) < 0) return Value();
  }
  Ref margs(tuple_pack({name, *bases, *ns}));
  if (!margs) return Value();
  Ref cls(call_tuple_dict(*metaclass, *margs, dict_size(*kwds) ? *kwds : Value()));
  if (!cls) return Value();
  if (type_of(*cell) == &CellType && is_type(*cls)) {
    Value cell_value = cell.get().as<CellObject>()->ref;
    if (cell_value != *cls) {
      if (!cell_value) {
        return raise(RuntimeError, "__class__ not set defining %R as %R. Was __classcell__ propagated to type.__new__?",
                     name, *cls);
      }
      return raise(TypeError, "__class__ set to %R defining %R as %R", cell_value, name, *cls);
    }
  }
  return cls.release();
}

// -- sys support ------------------------------------------------------------------------------

Value current_handled_exception() {
  Value h = thread.handled_exception;
  if (h && !is_none(h)) return h;
  for (auto it = thread.outer_handled.rbegin(); it != thread.outer_handled.rend(); ++it) {
    if (*it && !is_none(*it)) return *it;
  }
  return Value();
}

Value sys_getframe(int depth) {
  Frame* f = thread.frame;
  while (f && depth > 0) {
    f = f->previous;
    depth--;
  }
  if (!f) return raise(ValueError, "call stack is not deep enough");
  FrameObject* fo = frame_object(f);
  if (!fo) return Value();
  return newref(Value::from(&fo->ob));
}

// -- Start-up and the main program ------------------------------------------------------------

int runtime_init() {
  memory_init();
  if (init_vm_stack() < 0) {
    std::fputs("strata: cannot reserve the VM stack\n", stderr);
    return -1;
  }
  if (init_types() < 0 || init_exceptions() < 0 || init_container_types() < 0) return -1;
  Value modules = sys_modules_dict();
  if (!modules) return -1;
  the_builtins_module = module_from_def(&builtins_module_def);
  if (!the_builtins_module) return -1;
  the_builtins_dict = module_dict(the_builtins_module);
  the_import_function = dict_get_str(the_builtins_dict, STRATA_NAME(__import__));
  if (dict_set(modules, STRATA_NAME(builtins), the_builtins_module) < 0) return -1;
  Ref sys(module_from_def(&sys_module_def));
  if (!sys || dict_set(modules, STRATA_NAME(sys), *sys) < 0) return -1;
  std::signal(SIGINT, on_sigint);
  return 0;
}

int set_sys_argv_and_path(const std::vector<std::string>& argv, const std::string& path0,
                          const std::vector<std::string>& orig_argv) {
  Ref list(list_new(0));
  if (!list) return -1;
  for (const std::string& a : argv) {
    Ref s(str_from_utf8(a));
    if (!s || list_append(*list, *s) < 0) return -1;
  }
  if (sys_set("argv", *list) < 0) return -1;
  Ref orig(list_new(0));
  if (!orig) return -1;
  for (const std::string& a : orig_argv) {
    Ref s(str_from_utf8(a));
    if (!s || list_append(*orig, *s) < 0) return -1;
  }
  if (sys_set("orig_argv", *orig) < 0) return -1;
  Ref path(list_new(0));
  if (!path) return -1;
  auto add = [&](const std::string& p) -> int {
    Ref s(str_from_utf8(p));
    return s ? list_append(*path, *s) : -1;
  };
  if (add(path0) < 0) return -1;
  if (const char* pp = std::getenv("PYTHONPATH")) {
    std::string all(pp);
    size_t start = 0;
    while (start <= all.size()) {
      size_t colon = all.find(':', start);
      std::string part = all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!part.empty() && add(part) < 0) return -1;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  if (add(stdlib_dir()) < 0) return -1;
  // Strata's own pure-Python modules (pyperf, ...): stdlib/py of the source tree, last.
  if (add(STRATA_PY_DIR) < 0) return -1;
  return sys_set("path", *path);
}

// Prints an uncaught exception the way the interpreter does at exit and gives the exit
// status: SystemExit's code, 1 otherwise (KeyboardInterrupt: 130 after the traceback).
int report_uncaught() {
  Value exc = fetch_error();
  if (!exc) return 0;
  if (is_instance_of(exc, SystemExit)) {
    int status = system_exit_status(exc);
    decref(exc);
    return status;
  }
  Value hook = sys_get("excepthook");
  if (hook) {
    Value tb = exc.as<BaseExceptionObject>()->traceback;
    Value hargs[3] = {Value::from(type_of(exc)), exc, tb ? tb : None()};
    Value r = call(hook, hargs, 3);
    if (r) {
      decref(r);
    } else {
      Value exc2 = fetch_error();
      write_stderr("Error in sys.excepthook:\n");
      if (exc2) print_exception(exc2);
      write_stderr("\nOriginal exception was:\n");
      print_exception(exc);
      xdecref(exc2);
    }
  } else {
    write_stderr("sys.excepthook is missing\n");
    print_exception(exc);
  }
  bool interrupted = is_instance_of(exc, KeyboardInterrupt);
  decref(exc);
  return interrupted ? 130 : 1;
}

int run_main_code(Value code) {
  Ref main_module(module_new(STRATA_NAME(__main__)));
  if (!main_module) return report_uncaught();
  Value d = module_dict(*main_module);
  if (dict_set(sys_modules_dict(), STRATA_NAME(__main__), *main_module) < 0 ||
      dict_set(d, STRATA_NAME(__builtins__), the_builtins_module) < 0) {
    return report_uncaught();
  }
  Value filename = code.as<CodeRT>()->filename;
  std::string_view fn = str_utf8(filename);
  if (!fn.empty() && fn[0] != '<' && dict_set(d, STRATA_NAME(__file__), filename) < 0) {
    return report_uncaught();
  }
  Ref r(eval_code(code, d, Value()));
  return r ? 0 : report_uncaught();
}

int run_source_text(const std::string& source, const std::string& filename, bool from_string,
                    const std::string* path) {
  // The main program's syntax errors are printed by the front end's own formatter (the
  // text CPython's excepthook gives for them).
  SyntaxErrorInfo error;
  Ref code(compile_to_code(source, filename, 0, from_string, path, &error));
  if (!code) {
    if (error_occurred()) return report_uncaught();
    flush_std_streams();
    std::fputs(format_syntax_error(error).c_str(), stderr);
    return 1;
  }
  return run_main_code(*code);
}

void io_flush_at_exit();    // stdlib/io.cpp
void atexit_run_at_exit();  // stdlib/atexit.cpp

int runtime_finish(int status) {
  atexit_run_at_exit();  // as Py_FinalizeEx: after the program, before the streams' flush
  io_flush_at_exit();
  if (options.stats) print_specialization_stats();
  if (flush_std_streams() < 0 && status == 0) status = 120;
  return status;
}

}  // namespace strata
