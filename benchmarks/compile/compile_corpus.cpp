// benchmarks/compile/compile_corpus.cpp — times strata::parse + strata::compile over a
// corpus held in memory, and measures lazy loading from code images; benchmarks/compile/run
// drives it and compares with CPython.
//
//   compile-corpus [-n PASSES] [--serve] FILE... | @LISTFILE
//       A pass parses and compiles every file once (a fresh Arena per file; building and
//       freeing the code objects is part of it). Output like parse-corpus:
//         files N bytes B rejected R     (R: files that did not parse or compile)
//         pass 1 0.123456
//       --serve: one pass per line read from stdin, so a driver can interleave passes
//       with CPython's while this process stays warm.
//   compile-corpus --check FILE... | @LISTFILE
//       Round-trips every file that compiles through a code image (write, open, decode
//       the whole tree) and checks the tree comes back identical; prints the failures and
//       "checked N identical I failed F uncompiled U". Exit status 1 on a failure.
//   compile-corpus --lazy [-n REPEATS] FILE...
//       For each file, one line of key=value fields:
//         file=PATH defined=D decoded_at_load=L decoded_after_3_calls=C image_bytes=B
//         compile_s=T write_s=W load_s=M cache_load_s=K
//       defined: code objects in the module's image; decoded_at_load: records decoded by
//       opening the image and decoding the module's code object; after_3_calls: after
//       also decoding three of the module's functions, as calling them would. Times are
//       medians of REPEATS: compile = parse + compile, write = write_image, load = open
//       (checksum included) + decode the module from bytes in memory (not copied: as an
//       mmapped or embedded image would be), cache_load = the
//       same from a cache file (read + open + decode).
// Exit status 3 and "compiler not ready" while strata::compile cannot compile "x = 1".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "benchmarks/corpus.h"
#include "frontend/arena.h"
#include "frontend/code_image.h"
#include "frontend/compiler.h"
#include "frontend/image_cache.h"
#include "frontend/parser.h"

namespace {

using Clock = std::chrono::steady_clock;

using corpus::SourceFile;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::shared_ptr<strata::CodeObject> compile_file(const SourceFile& f) {
  strata::Arena arena;
  strata::SyntaxErrorInfo error;
  strata::ast::Node* tree = strata::parse(f.bytes, f.path, strata::ParseMode::Exec, arena, error);
  if (!tree) return nullptr;
  strata::CompileOptions options;
  options.source = f.bytes;
  return strata::compile(tree, f.path, strata::ParseMode::Exec, error, options);
}

double run_pass(const std::vector<SourceFile>& files, size_t& rejected) {
  rejected = 0;
  auto start = Clock::now();
  for (const SourceFile& f : files) {
    if (!compile_file(f)) ++rejected;
  }
  return seconds_since(start);
}

template <typename F>
double median_time(int repeats, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    auto start = Clock::now();
    f();
    times.push_back(seconds_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// The lazy-loading measurements of one file (see the header comment).
bool lazy_report(const SourceFile& f, int repeats, const std::string& cache_dir) {
  auto module = compile_file(f);
  if (!module) {
    std::printf("file=%s error=compile-failed\n", f.path.c_str());
    return false;
  }
  strata::ImageKey key;
  key.source_size = f.bytes.size();
  key.has_hash = true;
  key.source_hash = strata::source_hash(f.bytes);
  std::string image = strata::write_image(*module, key);

  double compile_s = median_time(repeats, [&] { (void)compile_file(f); });
  double write_s = median_time(repeats, [&] { (void)strata::write_image(*module, key); });

  uint64_t defined = 0, at_load = 0, after_calls = 0;
  bool ok = true;
  double load_s = median_time(repeats, [&] {
    strata::CodeImage img;
    std::string why;
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(image.data()), image.size());
    if (!strata::CodeImage::open_view(bytes, &key, img, why) || !img.decode_module()) ok = false;
    defined = img.code_count();
    at_load = img.decoded_count();
  });
  {
    // Three calls: the first, middle and last function the module defines.
    strata::CodeImage img;
    std::string why;
    ok = ok && strata::CodeImage::open(image, &key, img, why);
    auto m = ok ? img.decode_module() : nullptr;
    std::vector<uint32_t> functions;
    if (m) {
      for (const strata::Const& c : m->consts) {
        if (c.tag == strata::ConstTag::Code) functions.push_back(c.image_offset);
      }
    }
    if (!functions.empty()) {
      for (size_t i : {size_t{0}, functions.size() / 2, functions.size() - 1}) {
        (void)img.decode(functions[i]);
      }
    }
    after_calls = img.decoded_count();
  }

  // The same from the on-disk cache, under a private directory.
  std::string src = cache_dir + "/" + std::to_string(std::hash<std::string>()(f.path)) + ".py";
  { std::ofstream(src, std::ios::binary) << f.bytes; }
  strata::ImageKey file_key;
  strata::source_key(src, file_key);
  strata::ImageCache cache("");
  cache.store(src, strata::write_image(*module, file_key));
  double cache_s = median_time(repeats, [&] {
    strata::CodeImage img;
    if (!cache.load(src, file_key, img) || !img.decode_module()) ok = false;
  });

  std::printf("file=%s defined=%llu decoded_at_load=%llu decoded_after_3_calls=%llu "
              "image_bytes=%zu compile_s=%.6f write_s=%.6f load_s=%.6f cache_load_s=%.6f%s\n",
              f.path.c_str(), static_cast<unsigned long long>(defined),
              static_cast<unsigned long long>(at_load),
              static_cast<unsigned long long>(after_calls), image.size(), compile_s, write_s,
              load_s, cache_s, ok ? "" : " error=load-failed");
  return ok;
}

// --check: the image round trip of every file.
int check_round_trips(const std::vector<SourceFile>& files) {
  size_t identical = 0, failed = 0, uncompiled = 0;
  for (const SourceFile& f : files) {
    auto module = compile_file(f);
    if (!module) {
      ++uncompiled;
      continue;
    }
    strata::ImageKey key;
    key.source_size = f.bytes.size();
    std::string image = strata::write_image(*module, key);
    strata::CodeImage img;
    std::string why, where;
    std::shared_ptr<strata::CodeObject> back;
    if (image.empty()) {
      why = "write_image refused the tree";
    } else if (strata::CodeImage::open(std::move(image), &key, img, why)) {
      back = img.decode_tree(img.module_offset(), &why);
    }
    if (back && strata::same_code(*module, *back, &where)) {
      ++identical;
    } else {
      ++failed;
      std::printf("FAIL %s: %s\n", f.path.c_str(), back ? where.c_str() : why.c_str());
    }
  }
  std::printf("checked %zu identical %zu failed %zu uncompiled %zu\n", files.size(), identical,
              failed, uncompiled);
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 5;
  bool serve = false, lazy = false, check = false;
  std::vector<SourceFile> files;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "-n") == 0 && i + 1 < argc) {
      passes = std::atoi(argv[++i]);
    } else if (std::strcmp(a, "--serve") == 0) {
      serve = true;
    } else if (std::strcmp(a, "--check") == 0) {
      check = true;
    } else if (std::strcmp(a, "--lazy") == 0) {
      lazy = true;
    } else if (a[0] == '@') {
      if (!corpus::load_list("compile-corpus", a + 1, files)) return 2;
    } else if (a[0] == '-') {
      std::fprintf(stderr, "usage: compile-corpus [-n PASSES] [--serve] FILE... | @LISTFILE\n"
                           "       compile-corpus --check FILE... | @LISTFILE\n"
                           "       compile-corpus --lazy [-n REPEATS] FILE...\n");
      return 2;
    } else if (!corpus::load("compile-corpus", a, files)) {
      return 2;
    }
  }
  if (!compile_file({"<probe>", "x = 1\n"})) {
    std::printf("compiler not ready\n");
    return 3;
  }
  if (check) return check_round_trips(files);
  if (lazy) {
    char tmpl[] = "/tmp/strata-compile-bench-XXXXXX";
    if (!::mkdtemp(tmpl)) return 2;
    bool ok = true;
    for (const SourceFile& f : files) ok = lazy_report(f, std::max(passes, 1), tmpl) && ok;
    std::system(("rm -rf '" + std::string(tmpl) + "'").c_str());
    return ok ? 0 : 1;
  }
  return corpus::time_passes(files, passes, serve, run_pass);
}
