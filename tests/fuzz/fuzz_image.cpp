// tests/fuzz/fuzz_image.cpp — the libFuzzer target for the code image reader
// (frontend/code_image.h): arbitrary bytes through CodeImage::open and the lazy decoder.
//
// Each input is tried twice: as given (nearly always refused by the checksum, which tests
// the header checks), and with its length and checksum fields recomputed (reseal_image),
// so that mutations of the seed images in tests/fuzz/seeds-image/ reach the record and
// constant decoders. A finding is a crash, a sanitizer report, a leak, a hang, or a
// broken contract checked below: a tree that decodes must write back to an image that
// opens and decodes to the same tree. tests/fuzz/run drives it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "frontend/code_image.h"

namespace {

[[noreturn]] void contract_broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_image: %s: %s\n", what, detail.c_str());
  std::abort();
}

// Decodes whatever the image offers, with bounded work: the module's tree (at most 256
// records, so a record shared by many parents cannot blow up), then a record at each of
// the first 1024 8-aligned offsets.
void exercise(strata::CodeImage& img) {
  std::string why;
  std::shared_ptr<strata::CodeObject> tree = img.decode_tree(img.module_offset(), &why, 256);
  if (!tree && why.empty()) contract_broken("decode_tree failed without a reason", "");
  size_t limit = img.bytes().size() < 8192 ? img.bytes().size() : 8192;
  for (uint32_t off = 0; off < limit; off += 8) {
    auto co = img.decode(off);
    auto units = img.code_units(off);
    if (co && units.size() != co->code.size()) {
      contract_broken("code_units disagrees with decode", std::to_string(off));
    }
  }
  if (!tree) return;
  std::string again = strata::write_image(*tree, img.key());
  if (again.empty()) return;  // a tree the writer refuses (e.g. sizes past 4 GiB)
  strata::CodeImage img2;
  if (!strata::CodeImage::open(again, &img.key(), img2, why)) {
    contract_broken("re-written image does not open", why);
  }
  auto tree2 = img2.decode_tree(img2.module_offset(), &why, 1u << 16);
  if (!tree2) contract_broken("re-written image does not decode", why);
  std::string where;
  if (!strata::same_code(*tree, *tree2, &where)) {
    contract_broken("re-written image decodes differently", where);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // As given, read in place: any read past the end is an AddressSanitizer report.
  {
    strata::CodeImage img;
    std::string why;
    if (strata::CodeImage::open_view(std::span<const uint8_t>(data, size), nullptr, img, why)) {
      exercise(img);
    } else if (why.empty()) {
      contract_broken("open failed without a reason", "");
    }
  }
  // Resealed, owned by the image.
  {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    strata::reseal_image(bytes);
    strata::CodeImage img;
    std::string why;
    if (strata::CodeImage::open(std::move(bytes), nullptr, img, why)) exercise(img);
  }
  return 0;
}
