// benchmarks/corpus.h — a corpus of source files read into memory before timing, shared
// by the front end's benchmark programs (parse-corpus, compile-corpus).
#pragma once
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace corpus {

struct SourceFile {
  std::string path;
  std::string bytes;
};

// Appends the file at `path`; false (with a message naming `program`) if unreadable.
inline bool load(const char* program, const std::string& path, std::vector<SourceFile>& files) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", program, path.c_str());
    return false;
  }
  files.push_back({path, std::string(std::istreambuf_iterator<char>(in),
                                     std::istreambuf_iterator<char>())});
  return true;
}

// Appends every file named in `list`, one path a line.
inline bool load_list(const char* program, const std::string& list,
                      std::vector<SourceFile>& files) {
  std::ifstream in(list);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read list %s\n", program, list.c_str());
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && !load(program, line, files)) return false;
  }
  return true;
}

// The timing protocol both programs speak to their drivers: one warm-up pass, a line
// "files N bytes B rejected R", then "pass K SECONDS" for each pass: `passes` of them,
// or with `serve` one per line read from stdin (so a driver can interleave passes with
// CPython's while this process stays warm). `run_pass(files, rejected)` times one pass.
template <class RunPass>
int time_passes(const std::vector<SourceFile>& files, int passes, bool serve, RunPass run_pass) {
  size_t bytes = 0;
  for (const SourceFile& f : files) bytes += f.bytes.size();
  size_t rejected = 0;
  run_pass(files, rejected);  // warm-up: page in the code, grow the allocator's pools
  std::printf("files %zu bytes %zu rejected %zu\n", files.size(), bytes, rejected);
  std::fflush(stdout);
  std::string line;
  for (int pass = 1; serve ? static_cast<bool>(std::getline(std::cin, line)) : pass <= passes;
       ++pass) {
    double t = run_pass(files, rejected);
    std::printf("pass %d %.6f\n", pass, t);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace corpus
