// benchmarks/frontend/parse_corpus.cpp — times strata::parse (source bytes to AST) over a
// corpus of files held in memory; benchmarks/frontend/run compares it with CPython.
//
//   parse-corpus [-n PASSES] [--serve] FILE... | @LISTFILE
//
// Every file is read before any timing starts, so file I/O is never measured. A pass
// parses every file once, each into a fresh Arena (creating and freeing the arena is part
// of the parse, as allocating and freeing the tree is part of CPython's). Output:
//   files N bytes B rejected R          (R: files that did not parse)
//   pass 1 0.123456                     (seconds of one pass)
//   ...
// --serve: after loading, runs one pass per line read from stdin and prints its time, so
// that a driver can interleave passes with CPython's while this process stays warm.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "benchmarks/corpus.h"
#include "frontend/arena.h"
#include "frontend/parser.h"

namespace {

using corpus::SourceFile;

// One pass over the corpus; returns its duration and counts the files that did not parse.
double run_pass(const std::vector<SourceFile>& files, size_t& rejected) {
  rejected = 0;
  auto start = std::chrono::steady_clock::now();
  for (const SourceFile& f : files) {
    strata::Arena arena;
    strata::SyntaxErrorInfo error;
    if (!strata::parse(f.bytes, f.path, strata::ParseMode::Exec, arena, error)) ++rejected;
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count();
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 5;
  bool serve = false;
  std::vector<SourceFile> files;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "-n") == 0 && i + 1 < argc) {
      passes = std::atoi(argv[++i]);
    } else if (std::strcmp(a, "--serve") == 0) {
      serve = true;
    } else if (a[0] == '@') {
      if (!corpus::load_list("parse-corpus", a + 1, files)) return 2;
    } else if (a[0] == '-') {
      std::fprintf(stderr, "usage: parse-corpus [-n PASSES] [--serve] FILE... | @LISTFILE\n");
      return 2;
    } else if (!corpus::load("parse-corpus", a, files)) {
      return 2;
    }
  }
  return corpus::time_passes(files, passes, serve, run_pass);
}
