// frontend/code_image.h — the code image: the byte form of a module's CodeObject tree
// (frontend/code.h) that the on-disk cache holds and tier 0 runs from (decision 7).
//
// Layout (all integers little-endian; offsets are from the image's first byte):
//
//   header (64 bytes)   magic "STRATAIM", format version, flags, the key (source size,
//                       mtime in ns, optional source hash), total length, CRC32C of every
//                       byte but the checksum field, string table offset, module record
//                       offset, number of code records, the instruction set's hash
//                       (kOpcodeTableHash of vm/instructions.def) xor the compiler's
//                       (kCompilerHash: its sources' hash, build*/compiler_hash.h)
//   string table        u32 count, u32 ends[count] (end of string i in the data), data:
//                       every name, qualname, filename, identifier, str/bytes/bigint
//                       constant stored once
//   code records        post-order: every nested code object's record precedes its
//                       parent's, the module's is last. Each starts 8-aligned with a fixed
//                       part (see RecordHeader in code_image.cpp) and then its code units
//                       (8-aligned, so tier 0 can execute them in place), string indices of
//                       names and localsplus names, localsplus kinds, consts, line table,
//                       exception table.
//
// A nested code object is a Code constant {offset, length} of its record. Reading an
// image decodes one record at a time: decode() leaves every nested Code constant as
// {tag = Code, code = nullptr, image_offset = offset}, to be decoded on first call.
//
// Trust: open() validates the header, the length and the checksum; every later read is
// bounds-checked as well, so a corrupt or hostile image yields an error, never undefined
// behaviour (tests/fuzz/fuzz_image.cpp holds the reader to this). Because children precede
// their parents strictly, the graph of Code constants has no cycles.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "frontend/code.h"

namespace strata {

// Bumped on every change to the layout; also part of the cache file's name.
inline constexpr uint32_t kImageFormatVersion = 1;
inline constexpr size_t kImageHeaderSize = 64;

// What an image was compiled from; a cached image whose key differs is stale.
// source_hash is compared only when has_hash is set (images of strings, not files).
struct ImageKey {
  uint64_t source_size = 0;
  int64_t mtime_ns = 0;
  uint64_t source_hash = 0;
  bool has_hash = false;
};
bool operator==(const ImageKey& a, const ImageKey& b);

// A 64-bit hash of source bytes, for ImageKey::source_hash.
uint64_t source_hash(std::string_view bytes);

// CRC32C (Castagnoli) of `bytes`, continuing from `crc` (0 to start).
uint32_t crc32c(const uint8_t* bytes, size_t size, uint32_t crc = 0);

// The image of `module` and everything nested in it. Code constants must be materialized
// (code != nullptr). Returns "" only if the image would exceed 4 GiB (no cache then).
std::string write_image(const CodeObject& module, const ImageKey& key);

// Recomputes the total length and checksum fields of an image in place (fuzzing and
// corruption tests use it to reach the decoder past the checksum). No-op if too short.
void reseal_image(std::string& image);

// A validated image and the lazy decoder over it.
class CodeImage {
 public:
  CodeImage() = default;
  CodeImage(CodeImage&&) noexcept;
  CodeImage& operator=(CodeImage&&) noexcept;
  CodeImage(const CodeImage&) = delete;
  CodeImage& operator=(const CodeImage&) = delete;
  ~CodeImage() = default;

  // Takes ownership of `bytes`. Checks magic, version, length and checksum, and, when
  // `expect` is given, the key. On failure returns false with the reason in `why`.
  static bool open(std::string bytes, const ImageKey* expect, CodeImage& out,
                   std::string& why);
  // The same over bytes the caller keeps alive and unchanged (an mmapped file, an image
  // embedded in the binary) for as long as `out` is used.
  static bool open_view(std::span<const uint8_t> bytes, const ImageKey* expect,
                        CodeImage& out, std::string& why);

  bool valid() const { return size_ != 0; }
  const ImageKey& key() const { return key_; }
  uint32_t module_offset() const { return module_offset_; }
  uint32_t code_count() const { return code_count_; }  // records in the image
  uint64_t decoded_count() const { return decoded_; }  // successful decode() calls
  std::span<const uint8_t> bytes() const { return {data_, size_}; }

  // Materializes the one code object whose record starts at `offset`; nested Code
  // constants stay undecoded. Null on any inconsistency (`why` says which, if given).
  std::shared_ptr<CodeObject> decode(uint32_t offset, std::string* why = nullptr);
  std::shared_ptr<CodeObject> decode_module(std::string* why = nullptr) {
    return decode(module_offset_, why);
  }
  // Decodes `offset` and, recursively, every nested code object (tests, tools/dis).
  // Gives up (null) after `max_records` decodes, so shared sub-records cannot blow up.
  std::shared_ptr<CodeObject> decode_tree(uint32_t offset, std::string* why = nullptr,
                                          uint64_t max_records = 1u << 20);

  // The code units of the record at `offset`, in place in the image (tier 0 executes
  // these read-only). Empty on a bad record, or when the image's bytes are not 2-aligned.
  std::span<const uint16_t> code_units(uint32_t offset) const;

 private:
  // The fixed part of a record and where its sections lie (relative to the record).
  struct RecordView {
    uint32_t f[18];
    uint32_t offset, code, names, localsplus, kinds, consts, linetable, exctable;
  };
  struct ConstReader;

  bool validate(const ImageKey* expect, std::string& why);
  bool string_at(uint32_t index, std::string_view& out) const;
  bool record_at(uint32_t offset, RecordView& rv, std::string* why) const;

  std::string owned_;            // the bytes when owned (data_ points into it)
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;              // 0 until validated
  ImageKey key_;
  uint32_t strings_offset_ = 0, string_count_ = 0, string_data_ = 0, string_data_len_ = 0;
  uint32_t records_start_ = 0, module_offset_ = 0, code_count_ = 0;
  uint64_t decoded_ = 0;
};

// Structural equality of two code objects, nested Code constants compared recursively
// (an undecoded constant equals only an undecoded one at the same offset). Floats compare
// by bit pattern. On a difference returns false and, if `where` is given, describes it.
bool same_code(const CodeObject& a, const CodeObject& b, std::string* where = nullptr);

}  // namespace strata
