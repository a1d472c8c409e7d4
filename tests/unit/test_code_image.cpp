// tests/unit/test_code_image.cpp — the code image format (frontend/code_image.h) and the
// on-disk cache (frontend/image_cache.h): round trips, lazy decoding, rejection of every
// kind of corruption, cache files beside the source and in the per-user fallback.
//
// STRATA_WRITE_IMAGE_SEEDS=DIR strata-unit -tc='*fuzz seeds*' writes the seed images of
// tests/fuzz/seeds-image/ into DIR.
#include <doctest/doctest.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "frontend/arena.h"
#include "frontend/code.h"
#include "frontend/code_image.h"
#include "frontend/compiler.h"
#include "frontend/image_cache.h"
#include "frontend/parser.h"

using namespace strata;

namespace {

Const make_const(ConstTag tag) {
  Const c;
  c.tag = tag;
  return c;
}
Const int_const(int64_t v) {
  Const c = make_const(ConstTag::Int);
  c.i = v;
  return c;
}
Const text_const(ConstTag tag, std::string text) {
  Const c = make_const(tag);
  c.text = std::move(text);
  return c;
}
Const code_const(std::shared_ptr<CodeObject> co) {
  Const c = make_const(ConstTag::Code);
  c.code = std::move(co);
  return c;
}

std::shared_ptr<CodeObject> function(const std::string& name, const std::string& qualname,
                                     int line) {
  auto co = std::make_shared<CodeObject>();
  co->name = name;
  co->qualname = qualname;
  co->filename = "example.py";
  co->argcount = 2;
  co->posonlyargcount = 1;
  co->kwonlyargcount = 0;
  co->flags = CO_OPTIMIZED | CO_NEWLOCALS | CO_NOFREE;
  co->firstlineno = line;
  co->stacksize = 3;
  co->code = {0x0109, 0x0017, 0x0117, 0x0a0c, 0x0000, 0x0013};
  co->consts = {make_const(ConstTag::None), int_const(line)};
  co->names = {"print", "len"};
  co->localsplusnames = {"a", "b", "tmp"};
  co->localspluskinds = {CO_FAST_LOCAL, CO_FAST_LOCAL, CO_FAST_LOCAL | CO_FAST_CELL};
  co->linetable = {0x80, 0x00, 0xd8, 0x04, 0x09};
  co->exceptiontable = {};
  return co;
}

// A module holding every kind of constant, a function with a nested closure, a class
// body, and a code object inside a tuple.
std::shared_ptr<CodeObject> sample_module() {
  auto mod = std::make_shared<CodeObject>();
  mod->name = "<module>";
  mod->qualname = "<module>";
  mod->filename = "example.py";
  mod->stacksize = 4;
  mod->code = {0x0097, 0x0164, 0x025a, 0x0053};
  mod->names = {"f", "C", "print"};

  auto outer = function("outer", "outer", 3);
  auto inner = function("inner", "outer.<locals>.inner", 4);
  inner->flags = CO_OPTIMIZED | CO_NEWLOCALS | CO_NESTED;
  outer->consts.push_back(code_const(inner));
  outer->exceptiontable = {0x82, 0x04, 0x0a, 0x04};
  auto cls = function("C", "C", 10);
  cls->flags = 0;
  auto method = function("m", "C.m", 11);
  cls->consts.push_back(code_const(method));

  Const tuple = make_const(ConstTag::Tuple);
  tuple.items = {int_const(1), text_const(ConstTag::Str, "two"), make_const(ConstTag::Ellipsis),
                 code_const(function("<lambda>", "<lambda>", 20))};
  Const inner_tuple = make_const(ConstTag::Tuple);
  inner_tuple.items = {make_const(ConstTag::True), make_const(ConstTag::False)};
  tuple.items.push_back(inner_tuple);
  Const fs = make_const(ConstTag::FrozenSet);
  fs.items = {text_const(ConstTag::Str, "a"), text_const(ConstTag::Str, "b")};
  Const flt = make_const(ConstTag::Float);
  flt.re = -0.0;
  Const nan = make_const(ConstTag::Float);
  nan.re = std::numeric_limits<double>::quiet_NaN();
  Const cpx = make_const(ConstTag::Complex);
  cpx.re = 1.5;
  cpx.im = -2.25;

  mod->consts = {code_const(outer),
                 text_const(ConstTag::Str, "outer"),
                 code_const(cls),
                 text_const(ConstTag::Str, std::string("nul\0and \xc3\xa9", 9)),
                 text_const(ConstTag::Bytes, std::string("\x00\xff\x80", 3)),
                 text_const(ConstTag::BigInt, "-123456789012345678901234567890"),
                 int_const(INT64_MIN),
                 int_const(INT64_MAX),
                 flt,
                 nan,
                 cpx,
                 tuple,
                 fs,
                 make_const(ConstTag::None),
                 text_const(ConstTag::Str, "")};
  return mod;
}

ImageKey file_key(uint64_t size, int64_t mtime) {
  ImageKey k;
  k.source_size = size;
  k.mtime_ns = mtime;
  return k;
}

// A module that defines `n` functions; what a large generated module compiles to.
std::shared_ptr<CodeObject> wide_module(int n) {
  auto mod = std::make_shared<CodeObject>();
  mod->name = mod->qualname = "<module>";
  mod->filename = "wide.py";
  for (int i = 0; i < n; ++i) {
    std::string name("f");  // not "f" + ...: GCC 12 warns falsely (-Wrestrict)
    name += std::to_string(i);
    mod->consts.push_back(code_const(function(name, name, i + 1)));
    mod->names.push_back(name);
  }
  return mod;
}

std::string open_error(std::string bytes, const ImageKey* key = nullptr) {
  CodeImage img;
  std::string why;
  if (CodeImage::open(std::move(bytes), key, img, why)) return "";
  return why.empty() ? "(no reason)" : why;
}

}  // namespace

TEST_CASE("crc32c matches the standard check value") {
  const char* s = "123456789";
  CHECK(crc32c(reinterpret_cast<const uint8_t*>(s), 9) == 0xE3069283u);
  // Continuing a checksum gives the same as computing it in one go.
  uint32_t part = crc32c(reinterpret_cast<const uint8_t*>(s), 4);
  CHECK(crc32c(reinterpret_cast<const uint8_t*>(s) + 4, 5, part) == 0xE3069283u);
  CHECK(source_hash("a") != source_hash("b"));
  CHECK(source_hash("") != source_hash(std::string_view("\0", 1)));
}

TEST_CASE("image round trip: decode_tree gives back the same tree") {
  auto mod = sample_module();
  ImageKey key = file_key(1234, 1700000000123456789);
  std::string bytes = write_image(*mod, key);
  REQUIRE(!bytes.empty());
  CHECK(bytes.size() % 8 == 0);
  CodeImage img;
  std::string why;
  REQUIRE(CodeImage::open(bytes, &key, img, why));
  CHECK(img.key() == key);
  CHECK(img.code_count() == 6);  // module, outer, inner, C, C.m, <lambda>
  std::shared_ptr<CodeObject> back = img.decode_tree(img.module_offset(), &why);
  REQUIRE_MESSAGE(back, why);
  std::string where;
  CHECK_MESSAGE(same_code(*mod, *back, &where), where);
  CHECK(img.decoded_count() == 6);
  // An image of the decoded tree is the same bytes: the format has one spelling.
  CHECK(write_image(*back, key) == bytes);
}

TEST_CASE("same_code notices differences") {
  auto a = sample_module();
  auto b = sample_module();
  std::string where;
  CHECK(same_code(*a, *b, &where));
  b->consts[0].code->consts[2].code->localsplusnames[0].assign(1, 'z');
  CHECK(!same_code(*a, *b, &where));
  CHECK(where.find("co_localsplusnames") != std::string::npos);
  b = sample_module();
  b->consts[8].re = 0.0;  // -0.0 vs 0.0
  CHECK(!same_code(*a, *b, &where));
}

TEST_CASE("decode materializes one code object; nested ones stay in the image") {
  auto mod = sample_module();
  std::string bytes = write_image(*mod, ImageKey{});
  CodeImage img;
  std::string why;
  REQUIRE(CodeImage::open(std::move(bytes), nullptr, img, why));
  auto m = img.decode_module(&why);
  REQUIRE(m);
  CHECK(img.decoded_count() == 1);
  REQUIRE(m->consts[0].tag == ConstTag::Code);
  CHECK(m->consts[0].code == nullptr);
  CHECK(m->consts[0].image_offset != 0);
  CHECK(m->consts[11].items[3].tag == ConstTag::Code);  // the lambda inside the tuple
  CHECK(m->consts[11].items[3].code == nullptr);

  auto outer = img.decode(m->consts[0].image_offset, &why);
  REQUIRE(outer);
  CHECK(img.decoded_count() == 2);
  CHECK(outer->qualname == "outer");
  CHECK(outer->consts.back().tag == ConstTag::Code);
  CHECK(outer->consts.back().code == nullptr);
  auto inner = img.decode(outer->consts.back().image_offset);
  REQUIRE(inner);
  CHECK(inner->qualname == "outer.<locals>.inner");
  CHECK(same_code(*inner, *mod->consts[0].code->consts.back().code));

  // The code units are in place in the image, 8-aligned relative to its start.
  auto units = img.code_units(m->consts[0].image_offset);
  REQUIRE(units.size() == outer->code.size());
  CHECK(std::equal(units.begin(), units.end(), outer->code.begin()));
  CHECK((reinterpret_cast<const uint8_t*>(units.data()) - img.bytes().data()) % 8 == 0);

  // Not a record start: an error, not a crash.
  CHECK(img.decode(m->consts[0].image_offset + 8, &why) == nullptr);
  CHECK(img.decode(3, &why) == nullptr);
  CHECK(img.decode(0xFFFFFFF8u, &why) == nullptr);
  CHECK(img.code_units(4).empty());
}

TEST_CASE("lazy loading: 500 functions, 3 called, 4 records decoded") {
  auto mod = wide_module(500);
  std::string bytes = write_image(*mod, ImageKey{});
  CodeImage img;
  std::string why;
  REQUIRE(CodeImage::open(std::move(bytes), nullptr, img, why));
  CHECK(img.code_count() == 501);
  auto m = img.decode_module();
  REQUIRE(m);
  for (int i : {7, 250, 499}) {
    auto f = img.decode(m->consts[i].image_offset);
    REQUIRE(f);
    CHECK(f->name == std::string("f").append(std::to_string(i)));
  }
  CHECK(img.decoded_count() == 4);
}

TEST_CASE("the string table stores each string once") {
  std::string long_name(4000, 'q');
  auto mod = wide_module(100);
  for (Const& c : mod->consts) c.code->localsplusnames[2] = long_name;
  std::string bytes = write_image(*mod, ImageKey{});
  CHECK(bytes.size() < 100 * long_name.size() / 4);
  CodeImage img;
  std::string why;
  REQUIRE(CodeImage::open(std::move(bytes), nullptr, img, why));
  auto back = img.decode_tree(img.module_offset());
  REQUIRE(back);
  CHECK(back->consts[99].code->localsplusnames[2] == long_name);
}

TEST_CASE("open rejects wrong magic, version, key, length and checksum") {
  auto mod = sample_module();
  ImageKey key = file_key(10, 20);
  std::string good = write_image(*mod, key);
  CHECK(open_error(good, &key).empty());

  CHECK(open_error("").find("magic") != std::string::npos);
  CHECK(open_error(std::string(100, '\0')).find("magic") != std::string::npos);

  std::string bad = good;
  bad[8] = 99;  // format version
  CHECK(open_error(bad).find("version") != std::string::npos);

  ImageKey newer = file_key(10, 21);
  CHECK(open_error(good, &newer).find("stale") != std::string::npos);
  ImageKey bigger = file_key(11, 20);
  CHECK(open_error(good, &bigger).find("stale") != std::string::npos);
  ImageKey hashed = key;
  hashed.has_hash = true;
  hashed.source_hash = 5;
  CHECK(open_error(good, &hashed).find("stale") != std::string::npos);
  std::string with_hash = write_image(*mod, hashed);
  CHECK(open_error(with_hash, &hashed).empty());
  ImageKey other_hash = hashed;
  other_hash.source_hash = 6;
  CHECK(open_error(with_hash, &other_hash).find("stale") != std::string::npos);

  // Every truncation, and trailing garbage.
  for (size_t n = 0; n < good.size(); ++n) {
    CHECK_MESSAGE(!open_error(good.substr(0, n)).empty(), "truncated to ", n);
  }
  CHECK(!open_error(good + "x").empty());

  // Every single-bit flip anywhere is caught by the length field or the checksum.
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit : {0, 5}) {
      bad = good;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      if (!open_error(bad).empty()) continue;
      FAIL_CHECK("flip of bit ", bit, " at byte ", i, " went unnoticed");
    }
  }
}

TEST_CASE("a corrupt image with a valid checksum is an error on decode, never a crash") {
  auto mod = sample_module();
  std::string good = write_image(*mod, ImageKey{});
  size_t opened = 0, decoded = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (int x : {0x01, 0x80, 0xFF}) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ x);
      reseal_image(bad);
      CodeImage img;
      std::string why;
      if (!CodeImage::open(std::move(bad), nullptr, img, why)) continue;
      ++opened;
      if (img.decode_tree(img.module_offset(), &why, 64)) ++decoded;
      for (uint32_t off = 0; off < img.bytes().size(); off += 8) (void)img.decode(off);
    }
  }
  // Most corruptions open (the checksum was recomputed); the reader survived all of them.
  CHECK(opened > good.size());
  CHECK(decoded > 0);
}

TEST_CASE("write_image refuses a tree with an undecoded code constant") {
  auto mod = sample_module();
  mod->consts[0].code = nullptr;
  mod->consts[0].image_offset = 64;
  CHECK(write_image(*mod, ImageKey{}).empty());
}

TEST_CASE("compiled modules round-trip through images") {
  const char* sources[] = {
      "x = 1\n",
      "def f(a, b=2, *c, d, **e):\n    def g():\n        return a + d\n    return g\n"
      "class C:\n    def m(self):\n        return [i * i for i in range(10)]\n"
      "lambda: (yield)\n",
      "try:\n    import os\nexcept ImportError as e:\n    print(e)\nfinally:\n    pass\n"
      "t = (1, 2.5, 3j, 'x', b'y', None, ..., 10**30)\n",
  };
  for (const char* src : sources) {
    Arena arena;
    SyntaxErrorInfo error;
    ast::Node* tree = parse(src, "<test>", ParseMode::Exec, arena, error);
    REQUIRE(tree);
    auto co = compile(tree, "<test>", ParseMode::Exec, error);
    if (!co) {
      MESSAGE("compile failed: ", error.msg);
      continue;
    }
    ImageKey key;
    key.has_hash = true;
    key.source_hash = source_hash(src);
    std::string bytes = write_image(*co, key);
    REQUIRE(!bytes.empty());
    CodeImage img;
    std::string why;
    REQUIRE(CodeImage::open(std::move(bytes), &key, img, why));
    auto back = img.decode_tree(img.module_offset(), &why);
    REQUIRE_MESSAGE(back, why);
    std::string where;
    CHECK_MESSAGE(same_code(*co, *back, &where), src, ": ", where);
  }
}

// -- The cache ---------------------------------------------------------------------------

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/strata-image-test-XXXXXX";
    char* p = ::mkdtemp(tmpl);
    REQUIRE(p);
    path = p;
  }
  ~TempDir() { std::system(("chmod -R u+w '" + path + "' && rm -rf '" + path + "'").c_str()); }
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Names in `dir` that are leftovers of an interrupted write.
int temp_files_in(const std::string& dir) {
  int n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) n += std::strstr(e->d_name, ".tmp") != nullptr;
    ::closedir(d);
  }
  return n;
}

std::string image_for(const std::string& source, const ImageKey& key) {
  auto mod = sample_module();
  mod->filename = source;
  return write_image(*mod, key);
}

}  // namespace

TEST_CASE("cache paths") {
  CHECK(cache_path_for("/a/b/mod.py") == "/a/b/__pycache__/mod.strata-" +
                                             std::to_string(kImageFormatVersion) + ".img");
  CHECK(cache_path_for("mod.py") == "./__pycache__/mod.strata-" +
                                        std::to_string(kImageFormatVersion) + ".img");
  CHECK(cache_path_for("/x.py") == "/__pycache__/x.strata-" +
                                       std::to_string(kImageFormatVersion) + ".img");
  CHECK(fallback_path_for("/usr/lib/python3.11/argparse.py", "/home/u/.cache/strata") ==
        "/home/u/.cache/strata/usr/lib/python3.11/argparse.strata-" +
            std::to_string(kImageFormatVersion) + ".img");
  CHECK(fallback_path_for("/a/b.py", "").empty());
  CHECK(fallback_path_for("/a/../../../b/./c.py", "/r") ==
        "/r/b/c.strata-" + std::to_string(kImageFormatVersion) + ".img");
}

TEST_CASE("cache: store beside the source, load, detect staleness and corruption") {
  TempDir tmp;
  TempDir fallback;
  ImageCache cache(fallback.path);
  std::string src = tmp.path + "/mod.py";
  write_file(src, "x = 1\n");
  ImageKey key;
  REQUIRE(source_key(src, key));
  CHECK(key.source_size == 6);

  CodeImage img;
  CHECK(!cache.load(src, key, img));  // nothing cached yet
  std::string where;
  REQUIRE(cache.store(src, image_for(src, key), &where));
  CHECK(where == cache_path_for(src));
  CHECK(temp_files_in(tmp.path + "/__pycache__") == 0);
  REQUIRE(cache.load(src, key, img, &where));
  CHECK(where == cache_path_for(src));
  auto m = img.decode_module();
  REQUIRE(m);
  CHECK(m->filename == src);

  // The source changes: the cached image is stale and ignored, then rewritten.
  write_file(src, "x = 22\n");
  ImageKey key2;
  REQUIRE(source_key(src, key2));
  CHECK(!cache.load(src, key2, img));
  REQUIRE(cache.store(src, image_for(src, key2)));
  CHECK(cache.load(src, key2, img));

  // Corrupt and truncated files are ignored, and replaced by the next store.
  std::string path = cache_path_for(src);
  std::string bytes = read_file(path);
  std::string corrupt = bytes;
  corrupt[bytes.size() / 2] ^= 0x40;
  write_file(path, corrupt);
  CHECK(!cache.load(src, key2, img));
  write_file(path, bytes.substr(0, bytes.size() - 9));
  CHECK(!cache.load(src, key2, img));
  write_file(path, "");
  CHECK(!cache.load(src, key2, img));
  REQUIRE(cache.store(src, image_for(src, key2)));
  CHECK(cache.load(src, key2, img));
  CHECK(read_file(path) == bytes);
}

TEST_CASE("cache: an unwritable source directory falls back to the per-user cache") {
  TempDir tmp;
  TempDir fallback;
  std::string src = tmp.path + "/lib.py";
  write_file(src, "pass\n");
  ImageKey key;
  REQUIRE(source_key(src, key));
  // __pycache__ taken by a plain file: the directory cannot be created, even by root.
  write_file(tmp.path + "/__pycache__", "not a directory");

  ImageCache no_fallback("");
  CHECK(!no_fallback.store(src, image_for(src, key)));  // silently no cache
  CodeImage img;
  CHECK(!no_fallback.load(src, key, img));

  ImageCache cache(fallback.path);
  std::string where;
  REQUIRE(cache.store(src, image_for(src, key), &where));
  CHECK(where == fallback_path_for(src, fallback.path));
  CHECK(where.rfind(fallback.path + tmp.path + "/", 0) == 0);
  REQUIRE(cache.load(src, key, img, &where));
  CHECK(where == fallback_path_for(src, fallback.path));
  struct stat st;
  REQUIRE(::stat((fallback.path + "/tmp").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);  // the fallback tree is private
}

TEST_CASE("cache: a read-only source directory (permission bits)") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: running as root, permission bits do not stop writes");
    return;
  }
  TempDir tmp;
  TempDir fallback;
  std::string src = tmp.path + "/ro.py";
  write_file(src, "pass\n");
  ImageKey key;
  REQUIRE(source_key(src, key));
  REQUIRE(::chmod(tmp.path.c_str(), 0555) == 0);
  ImageCache cache(fallback.path);
  std::string where;
  REQUIRE(cache.store(src, image_for(src, key), &where));
  CHECK(where == fallback_path_for(src, fallback.path));
  CHECK(!exists(tmp.path + "/__pycache__"));
  CodeImage img;
  CHECK(cache.load(src, key, img));
  // Not even the fallback is writable: no cache, no complaint.
  REQUIRE(::chmod(fallback.path.c_str(), 0555) == 0);
  std::string src2 = tmp.path + "/ro.py";
  ImageCache cache2(fallback.path + "/sub");
  CHECK(!cache2.store(src2, image_for(src2, key)));
}

TEST_CASE("fuzz seeds for tests/fuzz/seeds-image") {
  const char* dir = std::getenv("STRATA_WRITE_IMAGE_SEEDS");
  if (!dir) return;
  ImageKey key = file_key(100, 200);
  write_file(std::string(dir) + "/sample.img", write_image(*sample_module(), key));
  write_file(std::string(dir) + "/wide.img", write_image(*wide_module(12), key));
  auto one = function("f", "f", 1);
  one->consts.clear();
  write_file(std::string(dir) + "/one.img", write_image(*one, key));
  auto empty = std::make_shared<CodeObject>();
  write_file(std::string(dir) + "/empty.img", write_image(*empty, key));
  // What the compiler makes of a small module with a closure, a class and a handler.
  const char* src =
      "import os\n"
      "def outer(a, *b, c=3, **d):\n    def inner(x):\n        return a + x\n    return inner\n"
      "class K(object):\n    def m(self):\n        return [i for i in range(3)]\n"
      "try:\n    v = outer(1)(2)\nexcept (ValueError, TypeError) as e:\n    v = None\n"
      "t = (1, 2.5, 3j, 'x', b'y', None, ..., 10**30, frozenset({1}))\n";
  Arena arena;
  SyntaxErrorInfo error;
  ast::Node* tree = parse(src, "seed.py", ParseMode::Exec, arena, error);
  auto co = tree ? compile(tree, "seed.py", ParseMode::Exec, error) : nullptr;
  if (co) write_file(std::string(dir) + "/compiled.img", write_image(*co, key));
  MESSAGE("wrote seed images to ", dir);
}
