// vm/repl.cpp — the interactive prompt: CPython 3.11's REPL on libedit. Lines are read
// with line editing, persistent history (~/.strata_history) and rlcompleter's Tab
// completion on a terminal, or plainly (prompts on stderr) otherwise; they are gathered
// into one statement the way codeop decides that input is complete; each statement is
// compiled in single mode as "<stdin>" and run in __main__, expression values shown by
// sys.displayhook and exceptions by sys.excepthook.
#include "vm/repl.h"

#include <editline/readline.h>
#include <pwd.h>
#include <sys/select.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "frontend/diagnostic.h"
#include "frontend/parser.h"
#include "stdlib/builtins.h"
#include "stdlib/sys.h"
#include "strata_config.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/ops.h"
#include "vm/runtime.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

#if defined(__clang__)
#define STRATA_COMPILER "[Clang " __clang_version__ "]"
#elif defined(__GNUC__)
#define STRATA_COMPILER "[GCC " __VERSION__ "]"
#else
#define STRATA_COMPILER "[unknown compiler]"
#endif

// What site.py gives the builtins of an interactive session (_sitebuiltins' helpers),
// with Strata's own notices.
const char kSiteBuiltins[] =
    "import builtins, _sitebuiltins\n"
    "builtins.exit = _sitebuiltins.Quitter('exit', 'Ctrl-D (i.e. EOF)')\n"
    "builtins.quit = _sitebuiltins.Quitter('quit', 'Ctrl-D (i.e. EOF)')\n"
    "builtins.copyright = _sitebuiltins._Printer('copyright',\n"
    "    'Strata is an interpreter of Python 3.11; Python is copyright (c) 2001-2023\\n'\n"
    "    'Python Software Foundation. All Rights Reserved.')\n"
    "builtins.credits = _sitebuiltins._Printer('credits',\n"
    "    'Thanks to the Python community, whose language and standard library Strata runs.')\n"
    "builtins.license = _sitebuiltins._Printer('license',\n"
    "    'See https://www.python.org/psf/license/ for the license of Python.')\n"
    "builtins.help = _sitebuiltins._Helper()\n";

// rlcompleter's word breaks: a dotted name is one word.
char kWordBreaks[] = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

const char* const kKeywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield", "_", "case", "match",  // then soft keywords
};

Value the_main_dict;  // __main__'s namespace (borrowed; sys.modules keeps the module)

// -- Tab completion (Lib/rlcompleter.py) ------------------------------------------------

std::string utf8_of(Value s) { return is_str(s) ? std::string(str_utf8(s)) : std::string(); }

// rlcompleter's _callable_postfix: "(" after a callable, "()" when it takes no arguments.
std::string callable_postfix(Value v, std::string word) {
  if (!is_callable(v)) return word;
  word += '(';
  if (type_of(v) == &FunctionType) {
    CodeRT* c = v.as<FunctionObject>()->code.as<CodeRT>();
    if (c->argcount == 0 && c->kwonlyargcount == 0 && !(c->flags & (CO_VARARGS | CO_VARKEYWORDS))) {
      word += ')';
    }
  }
  return word;
}

void global_matches(const std::string& text, std::vector<std::string>& out) {
  std::vector<std::string> seen{"__builtins__"};
  auto unseen = [&](const std::string& w) {
    for (const std::string& s : seen) {
      if (s == w) return false;
    }
    return true;
  };
  for (const char* kw : kKeywords) {
    std::string word = kw;
    if (word.compare(0, text.size(), text) != 0) continue;
    seen.push_back(word);
    if (word == "finally" || word == "try") {
      word += ':';
    } else if (word != "False" && word != "None" && word != "True" && word != "break" &&
               word != "continue" && word != "pass" && word != "else" && word != "_") {
      word += ' ';
    }
    out.push_back(word);
  }
  for (Value ns : {the_main_dict, builtins_dict()}) {
    if (!ns) continue;
    int64_t pos = 0;
    Value key, value;
    while (dict_next(ns, &pos, &key, &value)) {
      std::string word = utf8_of(key);
      if (word.empty() || word.compare(0, text.size(), text) != 0 || !unseen(word)) continue;
      seen.push_back(word);
      out.push_back(callable_postfix(value, word));
    }
  }
}

// dir(obj) as a list of names, appended to `words`; false on error (cleared).
bool add_dir(Value obj, std::vector<std::string>& words) {
  Value dir = dict_get_cstr(builtins_dict(), "dir");
  Ref names(dir ? call1(dir, obj) : Value());
  if (!names || !is_list(*names)) {
    clear_error();
    return false;
  }
  for (int64_t i = 0; i < list_size(*names); i++) words.push_back(utf8_of(list_item(*names, i)));
  return true;
}

void class_members(Value cls, std::vector<std::string>& words, int depth) {
  if (depth > 50 || !add_dir(cls, words)) return;
  Ref bases(lookup_attr(cls, STRATA_NAME(__bases__)));
  if (!bases || !is_tuple(*bases)) {
    clear_error();
    return;
  }
  for (int64_t i = 0; i < tuple_size(*bases); i++) class_members(tuple_item(*bases, i), words, depth + 1);
}

bool is_word_char(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

// NAME.NAME...NAME.[PREFIX]: the object is found by name and attribute lookups (where
// rlcompleter evals the dotted expression), its dir() and its classes' members matched.
void attr_matches(const std::string& text, std::vector<std::string>& out) {
  size_t dot = text.rfind('.');
  std::string expr = text.substr(0, dot), attr = text.substr(dot + 1);
  for (char c : attr) {
    if (!is_word_char(c)) return;
  }
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t d = expr.find('.', start);
    std::string part = expr.substr(start, d == std::string::npos ? std::string::npos : d - start);
    if (part.empty()) return;
    for (char c : part) {
      if (!is_word_char(c)) return;
    }
    parts.push_back(part);
    if (d == std::string::npos) break;
    start = d + 1;
  }
  Ref name(str_from_utf8(parts[0]));
  if (!name) return clear_error();
  Value found = dict_get_str(the_main_dict, *name);
  if (!found) found = dict_get_str(builtins_dict(), *name);
  if (!found) return clear_error();
  Ref obj(newref(found));
  for (size_t i = 1; i < parts.size(); i++) {
    Ref next(getattr(*obj, parts[i].c_str()));
    if (!next) return clear_error();
    obj = std::move(next);
  }
  std::vector<std::string> words;
  add_dir(*obj, words);
  words.push_back("__class__");
  class_members(Value::from(type_of(*obj)), words, 0);
  std::vector<std::string> unique;
  for (const std::string& w : words) {
    if (w == "__builtins__") continue;
    bool dup = false;
    for (const std::string& u : unique) dup = dup || u == w;
    if (!dup) unique.push_back(w);
  }
  const char* noprefix = attr.empty() ? "_" : attr == "_" ? "__" : nullptr;
  for (;;) {
    for (const std::string& w : unique) {
      if (w.compare(0, attr.size(), attr) != 0) continue;
      if (noprefix && w.compare(0, attr.size() + 1, noprefix) == 0) continue;
      std::string match = expr + "." + w;
      Ref wname(str_from_utf8(w));
      Value cls_attr = wname ? type_lookup(type_of(*obj), *wname) : Value();
      if (cls_attr && type_of(cls_attr) == &PropertyType) {
        out.push_back(match);
        continue;
      }
      Ref value(getattr(*obj, w.c_str()));
      if (value && !is_none(*value)) {
        out.push_back(callable_postfix(*value, match));
      } else {
        clear_error();
        out.push_back(match);
      }
    }
    if (!out.empty() || !noprefix) break;
    noprefix = std::strcmp(noprefix, "_") == 0 ? "__" : nullptr;
  }
  std::sort(out.begin(), out.end());
}

std::vector<std::string> completions;

char* completion_generator(const char*, int state) {
  if (state < 0 || static_cast<size_t>(state) >= completions.size()) return nullptr;
  return strdup(completions[state].c_str());
}

// rlcompleter.Completer.complete for libedit. (As an attempted-completion function:
// libedit would quote an entry function's matches as file names. It rings the bell after
// inserting a single match.)
char** attempt_completion(const char* text, int, int) {
  rl_attempted_completion_over = 1;  // never libedit's file name completion
  completions.clear();
  std::string word = text;
  bool blank = true;
  for (char c : word) blank = blank && (c == ' ' || c == '\t');
  if (blank) {
    completions.push_back(word + "\t");  // Tab indents at the start of a word
  } else if (word.find('.') != std::string::npos) {
    attr_matches(word, completions);
  } else {
    global_matches(word, completions);
  }
  if (error_occurred()) clear_error();
  if (completions.empty()) return nullptr;
  return rl_completion_matches(text, completion_generator);
}

// -- Reading lines ------------------------------------------------------------------------

enum class ReadStatus { Line, Eof, Interrupted };

std::string history_path() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) {
    struct passwd* pw = getpwuid(getuid());
    home = pw ? pw->pw_dir : nullptr;
  }
  return home ? std::string(home) + "/.strata_history" : std::string();
}

class LineReader {
 public:
  explicit LineReader(bool terminal) : terminal_(terminal) {
    if (!terminal_) return;
    // libedit decodes multibyte input by the C library's locale.
    const char* loc = std::setlocale(LC_CTYPE, "");
    if (!loc || std::strcmp(loc, "C") == 0 || std::strcmp(loc, "POSIX") == 0) {
      std::setlocale(LC_CTYPE, "C.UTF-8");
    }
    rl_readline_name = "python";
    rl_catch_signals = 0;  // SIGINT stays ours: select() below sees it
    rl_instream = stdin;
    rl_outstream = stdout;
    rl_initialize();
    rl_completer_word_break_characters = kWordBreaks;
    rl_basic_word_break_characters = kWordBreaks;  // what libedit's rl_complete reads
    rl_attempted_completion_function = attempt_completion;
    rl_completion_append_character = '\0';
    history_ = history_path();
    if (!history_.empty()) read_history(history_.c_str());
  }
  ~LineReader() {
    if (terminal_ && !history_.empty()) write_history(history_.c_str());
  }

  ReadStatus read(const std::string& prompt, std::string& line) {
    return terminal_ ? read_edited(prompt, line) : read_plain(prompt, line);
  }

 private:
  static void on_line(char* text) {
    done_ = true;
    result_ = text;
    rl_callback_handler_remove();
  }

  // libedit's callback interface under our own select(), as CPython's readline module
  // does: a SIGINT interrupts select() and cancels the line.
  ReadStatus read_edited(const std::string& prompt, std::string& line) {
    std::fflush(stdout);
    done_ = false;
    result_ = nullptr;
    rl_callback_handler_install(prompt.c_str(), on_line);
    while (!done_) {
      // A signal interrupted select(): its Python handler runs now (SIGINT's raises
      // KeyboardInterrupt), and an exception from it cancels the line.
      if (thread.eval_breaker && handle_eval_breaker() < 0) {
        rl_free_line_state();
        rl_cleanup_after_signal();
        rl_callback_handler_remove();
        return ReadStatus::Interrupted;
      }
      fd_set in;
      FD_ZERO(&in);
      FD_SET(fileno(rl_instream), &in);
      int r = select(fileno(rl_instream) + 1, &in, nullptr, nullptr, nullptr);
      if (r > 0) {
        rl_callback_read_char();
      } else if (r < 0 && errno != EINTR) {
        rl_callback_handler_remove();
        return ReadStatus::Eof;
      }
    }
    if (!result_) return ReadStatus::Eof;
    line = result_;
    std::free(result_);
    result_ = nullptr;
    // Every non-empty line goes into the history, unless it repeats the last one.
    if (!line.empty()) {
      HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
      if (!last || !last->line || line != last->line) add_history(line.c_str());
    }
    return ReadStatus::Line;
  }

  // Without a terminal the prompt goes to stderr, as PyOS_StdioReadline writes it.
  ReadStatus read_plain(const std::string& prompt, std::string& line) {
    std::fflush(stdout);
    std::fputs(prompt.c_str(), stderr);
    std::fflush(stderr);
    line.clear();
    for (;;) {
      int c = std::fgetc(stdin);
      if (thread.eval_breaker && handle_eval_breaker() < 0) return ReadStatus::Interrupted;
      if (c == EOF && std::ferror(stdin) && errno == EINTR) {
        std::clearerr(stdin);
        continue;
      }
      if (c == EOF) {
        return line.empty() ? ReadStatus::Eof : ReadStatus::Line;
      }
      if (c == '\n') return ReadStatus::Line;
      line += static_cast<char>(c);
    }
  }

  bool terminal_;
  std::string history_;
  static inline bool done_ = false;
  static inline char* result_ = nullptr;
};

// -- Statements -----------------------------------------------------------------------------

enum class Verdict { Complete, Incomplete, Error };

// codeop._maybe_compile: compiled as is, the source is complete; if only the source with a
// newline added compiles, or that fails for want of input, more is to come; otherwise the
// error is raised (compile without kAllowIncompleteInput). `code` receives the code.
Verdict compile_interactive(std::string source, Ref& code) {
  bool blank = true;
  size_t start = 0;
  while (start <= source.size() && blank) {
    size_t end = source.find('\n', start);
    std::string_view line(source.data() + start,
                          (end == std::string::npos ? source.size() : end) - start);
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f' || line[i] == '\r')) i++;
    if (i < line.size() && line[i] != '#') blank = false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (blank) source = "pass";
  const int flags = kDontImplyDedent | kAllowIncompleteInput;
  SyntaxErrorInfo first;
  code.reset(compile_to_code(source, "<stdin>", 2, true, nullptr, &first, flags));
  if (code) return Verdict::Complete;
  if (error_occurred()) return Verdict::Error;
  SyntaxErrorInfo second;
  Ref more(compile_to_code(source + "\n", "<stdin>", 2, true, nullptr, &second, flags));
  if (more || (!error_occurred() && second.msg == kIncompleteInput)) {
    clear_error();
    return Verdict::Incomplete;
  }
  clear_error();
  code.reset(compile_to_code(source, "<stdin>", 2, true, nullptr, nullptr, kDontImplyDedent));
  return code ? Verdict::Complete : Verdict::Error;
}

// The prompt: str(sys.ps1) or str(sys.ps2), "" when unset.
std::string prompt_text(const char* name) {
  Value p = sys_get(name);
  if (!p) return std::string();
  Ref s(str(p));
  if (!s) {
    clear_error();
    return std::string();
  }
  return std::string(str_utf8(*s));
}

int set_default_prompt(const char* name, const char* text) {
  if (sys_get(name)) return 0;
  Ref s(str_from_utf8(text));
  return s ? sys_set(name, *s) : -1;
}

// Shows the pending exception as the REPL does (sys.last_* set, then sys.excepthook);
// returns -1 with the exception still pending when it is SystemExit.
int show_exception() {
  Value exc = fetch_error();
  if (!exc) return 0;
  if (is_instance_of(exc, SystemExit)) {
    restore_error(exc);
    return -1;
  }
  Value tb = exc.as<BaseExceptionObject>()->traceback;
  sys_set("last_type", Value::from(type_of(exc)));
  sys_set("last_value", exc);
  sys_set("last_traceback", tb ? tb : None());
  clear_error();
  restore_error(exc);
  report_uncaught();
  return 0;
}

Value main_namespace() {
  Value modules = sys_modules_dict();
  Value main = dict_get_cstr(modules, "__main__");
  if (!main) {
    if (error_occurred()) return Value();
    Ref m(module_new(STRATA_NAME(__main__)));
    if (!m || dict_set(modules, STRATA_NAME(__main__), *m) < 0) return Value();
    main = *m;
  }
  if (type_of(main) != &ModuleType) return raise(RuntimeError, "__main__ is not a module");
  Value d = module_dict(main);
  if (!dict_get_str(d, STRATA_NAME(__builtins__)) &&
      dict_set(d, STRATA_NAME(__builtins__), builtins_module()) < 0) {
    return Value();
  }
  return d;
}

void install_site_builtins() {
  Ref ns(dict_new());
  if (!ns || dict_set(*ns, STRATA_NAME(__builtins__), builtins_module()) < 0) return clear_error();
  Ref code(compile_to_code(kSiteBuiltins, "<site>", 0, true, nullptr));
  Ref r(code ? eval_code(*code, *ns, *ns) : Value());
  if (!r) clear_error();  // without _sitebuiltins, the plain built-in exit() stays
}

}  // namespace

int run_repl(bool show_banner) {
  bool terminal = isatty(fileno(stdin));
  the_main_dict = main_namespace();
  if (!the_main_dict || set_default_prompt("ps1", ">>> ") < 0 ||
      set_default_prompt("ps2", "... ") < 0) {
    return report_uncaught();
  }
  install_site_builtins();
  if (show_banner) {
    std::fprintf(stderr, "Strata %s (Python 3.11 compatible) %s on linux\n", STRATA_VERSION,
                 STRATA_COMPILER);
    std::fputs("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
               stderr);
  }
  LineReader reader(terminal);
  std::string source;
  bool more = false;
  for (;;) {
    flush_std_streams();
    clear_error();
    std::string line;
    ReadStatus st = reader.read(prompt_text(more ? "ps2" : "ps1"), line);
    if (st == ReadStatus::Eof) {
      std::fputs("\n", stdout);
      break;
    }
    if (st == ReadStatus::Interrupted) {  // the exception is pending
      flush_std_streams();
      write_stderr("\n");
      source.clear();
      more = false;
      if (show_exception() < 0) return report_uncaught();
      continue;
    }
    source = more ? source + "\n" + line : line;
    Ref code;
    Verdict v = compile_interactive(source, code);
    if (v == Verdict::Incomplete) {
      more = true;
      continue;
    }
    more = false;
    source.clear();
    if (v == Verdict::Complete) {
      Ref r(eval_code(*code, the_main_dict, the_main_dict));
      if (r) continue;
    }
    if (show_exception() < 0) return report_uncaught();  // SystemExit: its status
  }
  return 0;
}

}  // namespace strata
