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

#include <unistd.h>

#include "frontend/ast_dump.h"
#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "strata_config.h"
#include "tools/dis.h"

namespace {

const char kUsage[] =
    "usage: strata [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options:\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
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

int run_source(const std::string& source, const std::string& filename, bool from_string) {
  strata::Arena arena;
  strata::ast::Node* tree;
  if (int status = check_syntax(source, filename, strata::ParseMode::Exec, arena, &tree,
                                from_string)) {
    return status;
  }
  strata::SyntaxErrorInfo error;
  strata::CompileOptions options;
  options.source = source;
  if (!strata::compile(tree, filename, strata::ParseMode::Exec, error, options)) {
    strata::set_program_text(error);
    std::fputs(strata::format_syntax_error(error).c_str(), stderr);
    return 1;
  }
  std::fprintf(stderr, "strata: %s compiles, but running programs is not implemented yet\n",
               filename.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "-?" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "-V" || a == "--version") {
      std::printf("Strata %s (Python 3.11)\n", STRATA_VERSION);
      return 0;
    }
    if (a == "-c") {
      if (i + 1 >= args.size()) {
        std::fputs("Argument expected for the -c option\n", stderr);
        std::fputs(kUsage, stderr);
        return 2;
      }
      return run_source(args[i + 1], "<string>", true);
    }
    if (a == "-m") {
      if (i + 1 >= args.size()) {
        std::fputs("Argument expected for the -m option\n", stderr);
        return 2;
      }
      std::vector<std::string> rest(args.begin() + i + 2, args.end());
      if (args[i + 1] == "ast") return run_ast_tool(rest);
      if (args[i + 1] == "dis") return strata::run_dis_tool(rest);
      std::fprintf(stderr, "strata: No module named %s\n", args[i + 1].c_str());
      return 1;
    }
    if (a == "-") return run_source(read_stdin(), "<stdin>", false);
    if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "Unknown option: %s\n", a.c_str());
      std::fputs(kUsage, stderr);
      return 2;
    }
    std::string source;
    if (!read_file(a, source)) {
      std::fprintf(stderr, "strata: can't open file '%s': [Errno 2] No such file or directory\n",
                   a.c_str());
      return 2;
    }
    return run_source(source, absolute_path(a), false);
  }
  std::fputs("strata: the interactive prompt is not implemented yet; give a file, -c or -m\n",
             stderr);
  return 2;
}
