// benchmarks/corpus.h — a corpus of source files read into memory before timing, shared
// by the front end's benchmark programs (parse-corpus, compile-corpus).
#pragma once
#include <cstdio>
#include <fstream>
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

}  // namespace corpus
