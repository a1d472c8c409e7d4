// vm/main.cpp — the `strata` command: options, reading the program, reporting errors.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <climits>
#include <cstdlib>
#include <unistd.h>

#include "frontend/ast_dump.h"
#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "strata_config.h"
#include "tools/dis.h"
#include "vm/interp.h"
#include "vm/repl.h"
#include "vm/runtime.h"

namespace {

const char kUsage[] =
    "usage: strata [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options:\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-i     : inspect interactively after running script\n"
    "-V     : print the version number and exit (also --version)\n"
    "file   : program read from script file\n"
    "-      : program read from stdin\n";

// CPython 3.11 runs a script under its absolute path (cwd + "/" + path, unnormalized);
// tracebacks and __file__ show that name.
std::string absolute_path(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) return path;
  return std::string(buf) + "/" + path;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::string read_stdin() {
  std::ostringstream s;
  s << std::cin.rdbuf();
  return s.str();
}

// Parses and reports a syntax error the way CPython does; 0 on success.
// `from_string`: the source came as text (-c), not from a file; CPython's tokenizer
// then knows its encoding and counts error columns in characters, never bytes.
int check_syntax(const std::string& source, const std::string& filename, strata::ParseMode mode,
                 strata::Arena& arena, strata::ast::Node** tree, bool from_string = false) {
  strata::SyntaxErrorInfo error;
  *tree = strata::parse(source, filename, mode, arena, error);
  if (*tree) return 0;
  if (from_string) error.byte_offsets = false;
  std::fputs(strata::format_syntax_error(error).c_str(), stderr);
  return 1;
}

// `-m ast`: the front end's own tool, printing what `python3.11 -m ast` prints.
int run_ast_tool(const std::vector<std::string>& args) {
  bool attributes = false;
  int indent = 3;
  std::string mode_name = "exec";
  std::string file = "-";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-a" || a == "--include-attributes") {
      attributes = true;
    } else if (a == "--no-type-comments") {
      // Type comments are read as comments: nothing to turn off.
    } else if ((a == "-i" || a == "--indent") && i + 1 < args.size()) {
      indent = std::atoi(args[++i].c_str());
    } else if ((a == "-m" || a == "--mode") && i + 1 < args.size()) {
      mode_name = args[++i];
    } else if (a == "-h" || a == "--help") {
      std::puts("usage: strata -m ast [-h] [-m {exec,single,eval}] [--no-type-comments] [-a]\n"
                "                     [-i INDENT] [infile]");
      return 0;
    } else {
      file = a;
    }
  }
  strata::ParseMode mode = strata::ParseMode::Exec;
  if (mode_name == "eval") mode = strata::ParseMode::Eval;
  else if (mode_name == "single") mode = strata::ParseMode::Single;
  else if (mode_name == "func_type") mode = strata::ParseMode::FuncType;
  else if (mode_name != "exec") {
    std::fprintf(stderr, "strata -m ast: error: argument -m/--mode: invalid choice: '%s'\n",
                 mode_name.c_str());
    return 2;
  }
  std::string source;
  std::string filename = file == "-" ? "<stdin>" : file;
  if (file == "-") {
    source = read_stdin();
  } else if (!read_file(file, source)) {
    std::fprintf(stderr, "strata -m ast: error: argument infile: can't open '%s': [Errno 2] "
                 "No such file or directory: '%s'\n", file.c_str(), file.c_str());
    return 2;
  }
  strata::Arena arena;
  strata::ast::Node* tree;
  if (int status = check_syntax(source, filename, mode, arena, &tree)) return status;
  std::string text = strata::ast::dump(tree, attributes, indent);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

// The directory CPython puts first on sys.path for a script: its real directory.
std::string script_directory(const std::string& path) {
  char buf[PATH_MAX];
  std::string real = realpath(path.c_str(), buf) ? std::string(buf) : path;
  size_t slash = real.rfind('/');
  return slash == std::string::npos ? std::string() : real.substr(0, slash == 0 ? 1 : slash);
}

// Finds module `name` (a.b.c) on the search path as -m does: NAME.py, or a package's
// __main__.py. Returns "" when not found.
std::string find_module_file(const std::string& name, const std::vector<std::string>& dirs) {
  std::string rel = name;
  for (char& c : rel) {
    if (c == '.') c = '/';
  }
  for (const std::string& d : dirs) {
    std::string base = (d.empty() ? "." : d) + "/" + rel;
    std::string candidates[] = {base + ".py", base + "/__main__.py"};
    for (const std::string& c : candidates) {
      std::ifstream f(c);
      if (f) return c;
    }
  }
  return "";
}

struct Invocation {
  std::vector<std::string> argv;  // sys.argv
  std::string path0;              // sys.path[0]
};

bool inspect = false;  // -i: the REPL after the program
bool quiet = false;    // -q: no banner

int run_program(const Invocation& inv, const std::vector<std::string>& orig_argv,
                const std::string* source, const std::string& filename, bool from_string,
                const std::string* path) {
  if (strata::runtime_init() < 0 ||
      strata::set_sys_argv_and_path(inv.argv, inv.path0, orig_argv) < 0) {
    return strata::runtime_finish(strata::report_uncaught());
  }
  int status = strata::run_source_text(source ? *source : std::string(), filename, from_string,
                                       source ? nullptr : path);
  if (inspect) status = strata::run_repl(false);
  return strata::runtime_finish(status);
}

// `strata` on a terminal (or `strata -i` alone): the interactive prompt.
int run_interactive(const std::vector<std::string>& orig_argv) {
  Invocation inv{{""}, ""};
  if (strata::runtime_init() < 0 ||
      strata::set_sys_argv_and_path(inv.argv, inv.path0, orig_argv) < 0) {
    return strata::runtime_finish(strata::report_uncaught());
  }
  return strata::runtime_finish(strata::run_repl(!quiet && isatty(STDIN_FILENO)));
}

// -X options: max_tier=N, thresholds=1, stats; the others are only recorded.
bool apply_x_option(const std::string& opt) {
  if (opt.rfind("max_tier=", 0) == 0) {
    strata::options.max_tier = std::atoi(opt.c_str() + 9);
  } else if (opt == "thresholds=1") {
    strata::options.thresholds_one = true;
  } else if (opt == "stats") {
    strata::options.stats = true;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::string> orig_argv(argv, argv + argc);
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "-?" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "-V" || a == "--version") {
      std::printf("Strata %s (Python 3.11)\n", STRATA_VERSION);
      return 0;
    }
    if (a == "-X" || a == "-W") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "Argument expected for the %s option\n", a.c_str());
        std::fputs(kUsage, stderr);
        return 2;
      }
      if (a == "-X") apply_x_option(args[i + 1]);
      ++i;
      continue;
    }
    if (a.size() > 2 && (a.rfind("-X", 0) == 0 || a.rfind("-W", 0) == 0)) {
      if (a[1] == 'X') apply_x_option(a.substr(2));
      continue;
    }
    if (a == "-i") {
      inspect = true;
      continue;
    }
    if (a == "-q") quiet = true;
    if (a == "-B" || a == "-E" || a == "-s" || a == "-S" || a == "-u" || a == "-q" ||
        a == "-I" || a == "-O" || a == "-OO" || a == "-b" || a == "-d" || a == "-v" ||
        a == "-R" || a == "-P") {
      continue;
    }
    break;
  }
  if (i >= args.size()) {
    // No program: the REPL on a terminal (or with -i); a program on stdin runs as `-`.
    if (inspect || isatty(STDIN_FILENO)) return run_interactive(orig_argv);
    std::string source = read_stdin();
    Invocation inv{{""}, ""};
    return run_program(inv, orig_argv, &source, "<stdin>", false, nullptr);
  }
  const std::string& a = args[i];
  std::vector<std::string> rest(args.begin() + i + 1, args.end());
  if (a == "-c") {
    if (rest.empty()) {
      std::fputs("Argument expected for the -c option\n", stderr);
      std::fputs(kUsage, stderr);
      return 2;
    }
    std::string source = rest[0];
    Invocation inv{{"-c"}, ""};
    inv.argv.insert(inv.argv.end(), rest.begin() + 1, rest.end());
    return run_program(inv, orig_argv, &source, "<string>", true, nullptr);
  }
  if (a == "-m") {
    if (rest.empty()) {
      std::fputs("Argument expected for the -m option\n", stderr);
      return 2;
    }
    std::vector<std::string> margs(rest.begin() + 1, rest.end());
    if (rest[0] == "ast") return run_ast_tool(margs);
    if (rest[0] == "dis") return strata::run_dis_tool(margs);
    char cwd[PATH_MAX];
    std::string here = getcwd(cwd, sizeof cwd) ? cwd : ".";
    std::vector<std::string> dirs{here};
    if (const char* pp = std::getenv("PYTHONPATH")) {
      std::string all(pp);
      size_t start = 0;
      while (start <= all.size()) {
        size_t colon = all.find(':', start);
        dirs.push_back(all.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
    }
    dirs.push_back(strata::stdlib_dir());
    std::string file = find_module_file(rest[0], dirs);
    if (file.empty()) {
      std::fprintf(stderr, "%s: No module named %s\n", argv[0], rest[0].c_str());
      return 1;
    }
    Invocation inv{{file}, here};
    inv.argv.insert(inv.argv.end(), margs.begin(), margs.end());
    return run_program(inv, orig_argv, nullptr, file, false, &file);
  }
  if (a == "-") {
    std::string source = read_stdin();
    Invocation inv{{"-"}, ""};
    inv.argv.insert(inv.argv.end(), rest.begin(), rest.end());
    return run_program(inv, orig_argv, &source, "<stdin>", false, nullptr);
  }
  if (!a.empty() && a[0] == '-') {
    std::fprintf(stderr, "Unknown option: %s\n", a.c_str());
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string path = absolute_path(a);
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) {
      std::fprintf(stderr, "%s: can't open file '%s': [Errno 2] No such file or directory\n",
                   argv[0], path.c_str());
      return 2;
    }
  }
  Invocation inv{{a}, script_directory(path)};
  inv.argv.insert(inv.argv.end(), rest.begin(), rest.end());
  return run_program(inv, orig_argv, nullptr, path, false, &path);
}
