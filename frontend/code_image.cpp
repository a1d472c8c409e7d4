// frontend/code_image.cpp — writes and reads code images (the layout is described in
// frontend/code_image.h): the string table, code records in post-order, the CRC32C
// checksum, the source hash, and the bounds-checked lazy decoder.
#include "frontend/code_image.h"

#include "compiler_hash.h"

#include "vm/opcodes.h"

#include <bit>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__x86_64__)
#include <nmmintrin.h>
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#endif

namespace strata {

static_assert(std::endian::native == std::endian::little,
              "code images store little-endian code units that tier 0 runs in place");

namespace {

constexpr char kMagic[8] = {'S', 'T', 'R', 'A', 'T', 'A', 'I', 'M'};
constexpr uint32_t kRecordMagic = 0x45444F43;  // "CODE"
constexpr uint32_t kFlagHasHash = 1;

// Header field offsets.
enum : size_t {
  H_MAGIC = 0, H_VERSION = 8, H_FLAGS = 12, H_SOURCE_SIZE = 16, H_MTIME = 24,
  H_HASH = 32, H_LENGTH = 40, H_CHECKSUM = 44, H_STRINGS = 48, H_MODULE = 52,
  H_CODE_COUNT = 56, H_OPCODES = 60,
};

// The fixed part of a code record, in u32 slots; the variable sections follow in the
// order of RecordLayout, starting with the code units at kRecordFixedSize (8-aligned).
enum : uint32_t {
  R_MAGIC, R_LENGTH, R_NAME, R_QUALNAME, R_FILENAME, R_ARGCOUNT, R_POSONLY, R_KWONLY,
  R_FLAGS, R_FIRSTLINENO, R_STACKSIZE, R_NCODE, R_NNAMES, R_NLOCALSPLUS, R_CONSTS_LEN,
  R_NCONSTS, R_LINETABLE_LEN, R_EXCTABLE_LEN, R_FIELDS
};
constexpr uint32_t kRecordFixedSize = R_FIELDS * 4;
static_assert(kRecordFixedSize % 8 == 0, "code units must start 8-aligned");

// Tuples of tuples nest no deeper than this; Python source cannot nest brackets anywhere
// near as deep (the tokenizer stops at 200), and it bounds the reader's recursion.
constexpr int kMaxConstDepth = 1000;

constexpr uint64_t align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }
constexpr uint64_t align4(uint64_t n) { return (n + 3) & ~uint64_t{3}; }

uint32_t load_u32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
void store_u32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }
void store_u64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }

// Where each section of a record lies, relative to the record's start; computed from the
// fixed part in 64-bit arithmetic so that hostile counts cannot wrap around.
struct RecordLayout {
  uint64_t code, names, localsplus, kinds, consts, linetable, exctable, end;
};

RecordLayout layout_of(uint64_t ncode, uint64_t nnames, uint64_t nlocalsplus,
                       uint64_t consts_len, uint64_t linetable_len, uint64_t exctable_len) {
  RecordLayout l;
  l.code = kRecordFixedSize;
  l.names = align4(l.code + 2 * ncode);
  l.localsplus = l.names + 4 * nnames;
  l.kinds = l.localsplus + 4 * nlocalsplus;
  l.consts = l.kinds + nlocalsplus;
  l.linetable = l.consts + consts_len;
  l.exctable = l.linetable + linetable_len;
  l.end = l.exctable + exctable_len;
  return l;
}

// -- CRC32C ------------------------------------------------------------------------------

struct Crc32cTables {
  uint32_t t[8][256];
  constexpr Crc32cTables() : t{} {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
      t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i) {
      for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
    }
  }
};
constexpr Crc32cTables kCrcTables;

// Slicing-by-8 on the raw (pre-inverted) register.
uint32_t crc32c_soft(uint32_t c, const uint8_t* p, size_t n) {
  const auto& t = kCrcTables.t;
  while (n >= 8) {
    uint64_t w = load_u64(p) ^ c;
    c = t[7][w & 0xFF] ^ t[6][(w >> 8) & 0xFF] ^ t[5][(w >> 16) & 0xFF] ^
        t[4][(w >> 24) & 0xFF] ^ t[3][(w >> 32) & 0xFF] ^ t[2][(w >> 40) & 0xFF] ^
        t[1][(w >> 48) & 0xFF] ^ t[0][w >> 56];
    p += 8;
    n -= 8;
  }
  while (n--) c = (c >> 8) ^ t[0][(c ^ *p++) & 0xFF];
  return c;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t crc32c_hw(uint32_t c, const uint8_t* p, size_t n) {
  uint64_t c64 = c;
  while (n >= 8) {
    c64 = _mm_crc32_u64(c64, load_u64(p));
    p += 8;
    n -= 8;
  }
  c = static_cast<uint32_t>(c64);
  while (n--) c = _mm_crc32_u8(c, *p++);
  return c;
}
const bool kHaveHwCrc = __builtin_cpu_supports("sse4.2");
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
uint32_t crc32c_hw(uint32_t c, const uint8_t* p, size_t n) {
  while (n >= 8) {
    c = __crc32cd(c, load_u64(p));
    p += 8;
    n -= 8;
  }
  while (n--) c = __crc32cb(c, *p++);
  return c;
}
constexpr bool kHaveHwCrc = true;
#else
uint32_t crc32c_hw(uint32_t c, const uint8_t* p, size_t n) { return crc32c_soft(c, p, n); }
constexpr bool kHaveHwCrc = false;
#endif

// The checksum covers every byte of the image except the checksum field itself.
uint32_t image_checksum(const uint8_t* data, size_t size) {
  uint32_t c = crc32c(data, H_CHECKSUM);
  return crc32c(data + H_CHECKSUM + 4, size - H_CHECKSUM - 4, c);
}

// -- Writer ------------------------------------------------------------------------------

class ImageWriter {
 public:
  explicit ImageWriter(std::string& out) : out_(out) {}

  // Pass 1: every string of the tree gets its index. False on an unmaterialized Code
  // constant or constants nested too deep.
  bool intern_tree(const CodeObject& co) {
    intern(co.name);
    intern(co.qualname);
    intern(co.filename);
    for (const std::string& s : co.names) intern(s);
    for (const std::string& s : co.localsplusnames) intern(s);
    for (const Const& c : co.consts) {
      if (!intern_const(c, 0)) return false;
    }
    return true;
  }

  void write_strings() {
    size_t start = out_.size();
    size_t count = strings_.size();
    out_.resize(start + 4 + 4 * count);
    uint8_t* p = bytes() + start;
    store_u32(p, static_cast<uint32_t>(count));
    uint64_t end = 0;
    for (size_t i = 0; i < count; ++i) {
      end += strings_[i].size();
      store_u32(p + 4 + 4 * i, static_cast<uint32_t>(end));
    }
    for (std::string_view s : strings_) out_.append(s);
    pad_to(align8(out_.size()));
  }

  // Pass 2: the record of `co` after those of its nested code objects. Returns false if
  // the image outgrows 32-bit offsets.
  bool write_code(const CodeObject& co, uint32_t& offset, uint32_t& length) {
    // Children first, in the order their constants appear (depth-first through tuples).
    std::vector<std::pair<uint32_t, uint32_t>> children;
    for (const Const& c : co.consts) {
      if (!write_children(c, children)) return false;
    }
    if (out_.size() > UINT32_MAX) return false;
    size_t start = out_.size();

    std::string consts;
    size_t next_child = 0;
    for (const Const& c : co.consts) encode_const(c, consts, children, next_child);

    RecordLayout l = layout_of(co.code.size(), co.names.size(), co.localsplusnames.size(),
                               consts.size(), co.linetable.size(), co.exceptiontable.size());
    if (start + l.end > UINT32_MAX || co.localspluskinds.size() != co.localsplusnames.size()) {
      return false;
    }
    out_.resize(start + align8(l.end));
    uint8_t* r = bytes() + start;
    uint32_t fixed[R_FIELDS] = {};
    fixed[R_MAGIC] = kRecordMagic;
    fixed[R_LENGTH] = static_cast<uint32_t>(l.end);
    fixed[R_NAME] = index_of(co.name);
    fixed[R_QUALNAME] = index_of(co.qualname);
    fixed[R_FILENAME] = index_of(co.filename);
    fixed[R_ARGCOUNT] = static_cast<uint32_t>(co.argcount);
    fixed[R_POSONLY] = static_cast<uint32_t>(co.posonlyargcount);
    fixed[R_KWONLY] = static_cast<uint32_t>(co.kwonlyargcount);
    fixed[R_FLAGS] = co.flags;
    fixed[R_FIRSTLINENO] = static_cast<uint32_t>(co.firstlineno);
    fixed[R_STACKSIZE] = static_cast<uint32_t>(co.stacksize);
    fixed[R_NCODE] = static_cast<uint32_t>(co.code.size());
    fixed[R_NNAMES] = static_cast<uint32_t>(co.names.size());
    fixed[R_NLOCALSPLUS] = static_cast<uint32_t>(co.localsplusnames.size());
    fixed[R_CONSTS_LEN] = static_cast<uint32_t>(consts.size());
    fixed[R_NCONSTS] = static_cast<uint32_t>(co.consts.size());
    fixed[R_LINETABLE_LEN] = static_cast<uint32_t>(co.linetable.size());
    fixed[R_EXCTABLE_LEN] = static_cast<uint32_t>(co.exceptiontable.size());
    for (uint32_t i = 0; i < R_FIELDS; ++i) store_u32(r + 4 * i, fixed[i]);
    if (!co.code.empty()) std::memcpy(r + l.code, co.code.data(), 2 * co.code.size());
    for (size_t i = 0; i < co.names.size(); ++i) {
      store_u32(r + l.names + 4 * i, index_of(co.names[i]));
    }
    for (size_t i = 0; i < co.localsplusnames.size(); ++i) {
      store_u32(r + l.localsplus + 4 * i, index_of(co.localsplusnames[i]));
    }
    if (!co.localspluskinds.empty()) {
      std::memcpy(r + l.kinds, co.localspluskinds.data(), co.localspluskinds.size());
    }
    if (!consts.empty()) std::memcpy(r + l.consts, consts.data(), consts.size());
    if (!co.linetable.empty()) {
      std::memcpy(r + l.linetable, co.linetable.data(), co.linetable.size());
    }
    if (!co.exceptiontable.empty()) {
      std::memcpy(r + l.exctable, co.exceptiontable.data(), co.exceptiontable.size());
    }
    offset = static_cast<uint32_t>(start);
    length = static_cast<uint32_t>(l.end);
    ++code_count_;
    return true;
  }

  uint32_t code_count() const { return code_count_; }
  size_t string_table_bytes() const {
    size_t n = 4 + 4 * strings_.size();
    for (std::string_view s : strings_) n += s.size();
    return n;
  }

 private:
  uint8_t* bytes() { return reinterpret_cast<uint8_t*>(out_.data()); }
  void pad_to(size_t n) { out_.resize(n, '\0'); }

  // The tree outlives the writer, so views into its strings make safe keys.
  void intern(const std::string& s) {
    auto [it, inserted] = index_.try_emplace(std::string_view(s), 0);
    if (inserted) {
      it->second = static_cast<uint32_t>(strings_.size());
      strings_.push_back(s);
    }
  }
  uint32_t index_of(const std::string& s) const { return index_.find(s)->second; }

  bool intern_const(const Const& c, int depth) {
    if (depth > kMaxConstDepth) return false;
    switch (c.tag) {
      case ConstTag::BigInt:
      case ConstTag::Str:
      case ConstTag::Bytes:
        intern(c.text);
        return true;
      case ConstTag::Tuple:
      case ConstTag::FrozenSet:
        for (const Const& item : c.items) {
          if (!intern_const(item, depth + 1)) return false;
        }
        return true;
      case ConstTag::Code:
        return c.code && intern_tree(*c.code);
      default:
        return true;
    }
  }

  bool write_children(const Const& c, std::vector<std::pair<uint32_t, uint32_t>>& children) {
    if (c.tag == ConstTag::Code) {
      uint32_t off, len;
      if (!write_code(*c.code, off, len)) return false;
      children.emplace_back(off, len);
    } else if (c.tag == ConstTag::Tuple || c.tag == ConstTag::FrozenSet) {
      for (const Const& item : c.items) {
        if (!write_children(item, children)) return false;
      }
    }
    return true;
  }

  static void put_u32(std::string& s, uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    s.append(b, 4);
  }
  static void put_u64(std::string& s, uint64_t v) {
    char b[8];
    std::memcpy(b, &v, 8);
    s.append(b, 8);
  }

  void encode_const(const Const& c, std::string& s,
                    const std::vector<std::pair<uint32_t, uint32_t>>& children, size_t& next) {
    s.push_back(static_cast<char>(c.tag));
    switch (c.tag) {
      case ConstTag::None: case ConstTag::False: case ConstTag::True: case ConstTag::Ellipsis:
        break;
      case ConstTag::Int:
        put_u64(s, static_cast<uint64_t>(c.i));
        break;
      case ConstTag::Float:
        put_u64(s, std::bit_cast<uint64_t>(c.re));
        break;
      case ConstTag::Complex:
        put_u64(s, std::bit_cast<uint64_t>(c.re));
        put_u64(s, std::bit_cast<uint64_t>(c.im));
        break;
      case ConstTag::BigInt: case ConstTag::Str: case ConstTag::Bytes:
        put_u32(s, index_of(c.text));
        break;
      case ConstTag::Tuple: case ConstTag::FrozenSet:
        put_u32(s, static_cast<uint32_t>(c.items.size()));
        for (const Const& item : c.items) encode_const(item, s, children, next);
        break;
      case ConstTag::Code:
        put_u32(s, children[next].first);
        put_u32(s, children[next].second);
        ++next;
        break;
    }
  }

  std::string& out_;
  std::vector<std::string_view> strings_;
  std::unordered_map<std::string_view, uint32_t> index_;
  uint32_t code_count_ = 0;
};

}  // namespace

bool operator==(const ImageKey& a, const ImageKey& b) {
  return a.source_size == b.source_size && a.mtime_ns == b.mtime_ns &&
         a.has_hash == b.has_hash && (!a.has_hash || a.source_hash == b.source_hash);
}

uint32_t crc32c(const uint8_t* bytes, size_t size, uint32_t crc) {
  uint32_t c = ~crc;
  c = kHaveHwCrc ? crc32c_hw(c, bytes, size) : crc32c_soft(c, bytes, size);
  return ~c;
}

// One 64-bit lane of multiply-rotate mixing over 8-byte words, then an avalanche; not
// cryptographic, only meant to tell two versions of a source apart.
uint64_t source_hash(std::string_view bytes) {
  constexpr uint64_t P1 = 0x9E3779B185EBCA87ull, P2 = 0xC2B2AE3D27D4EB4Full,
                     P3 = 0x165667B19E3779F9ull, P4 = 0x85EBCA77C2B2AE63ull;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size();
  uint64_t h = P3 ^ (n * P1);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t k = std::rotl(load_u64(p) * P2, 31) * P1;
    h = std::rotl(h ^ k, 27) * P1 + P4;
  }
  for (; n > 0; ++p, --n) h = std::rotl(h ^ (*p * P3), 11) * P1;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

std::string write_image(const CodeObject& module, const ImageKey& key) {
  std::string out(kImageHeaderSize, '\0');
  ImageWriter w(out);
  if (!w.intern_tree(module)) return {};
  if (kImageHeaderSize + w.string_table_bytes() > UINT32_MAX) return {};
  w.write_strings();
  uint32_t module_offset, module_length;
  if (!w.write_code(module, module_offset, module_length)) return {};
  if (out.size() > UINT32_MAX) return {};

  auto* h = reinterpret_cast<uint8_t*>(out.data());
  std::memcpy(h + H_MAGIC, kMagic, 8);
  store_u32(h + H_VERSION, kImageFormatVersion);
  store_u32(h + H_FLAGS, key.has_hash ? kFlagHasHash : 0);
  store_u64(h + H_SOURCE_SIZE, key.source_size);
  store_u64(h + H_MTIME, static_cast<uint64_t>(key.mtime_ns));
  store_u64(h + H_HASH, key.has_hash ? key.source_hash : 0);
  store_u32(h + H_STRINGS, static_cast<uint32_t>(kImageHeaderSize));
  store_u32(h + H_MODULE, module_offset);
  store_u32(h + H_CODE_COUNT, w.code_count());
  store_u32(h + H_OPCODES, kOpcodeTableHash ^ kCompilerHash);
  reseal_image(out);
  return out;
}

void reseal_image(std::string& image) {
  if (image.size() < kImageHeaderSize || image.size() > UINT32_MAX) return;
  auto* h = reinterpret_cast<uint8_t*>(image.data());
  store_u32(h + H_LENGTH, static_cast<uint32_t>(image.size()));
  store_u32(h + H_CHECKSUM, image_checksum(h, image.size()));
}

// -- Reader ------------------------------------------------------------------------------

CodeImage::CodeImage(CodeImage&& o) noexcept { *this = std::move(o); }

CodeImage& CodeImage::operator=(CodeImage&& o) noexcept {
  if (this == &o) return *this;
  // A moved std::string may carry its bytes inline (short strings), so data_ is
  // re-derived rather than copied when the bytes are owned.
  bool owned = o.data_ && o.data_ == reinterpret_cast<const uint8_t*>(o.owned_.data());
  owned_ = std::move(o.owned_);
  data_ = owned ? reinterpret_cast<const uint8_t*>(owned_.data()) : o.data_;
  size_ = o.size_;
  key_ = o.key_;
  strings_offset_ = o.strings_offset_;
  string_count_ = o.string_count_;
  string_data_ = o.string_data_;
  string_data_len_ = o.string_data_len_;
  records_start_ = o.records_start_;
  module_offset_ = o.module_offset_;
  code_count_ = o.code_count_;
  decoded_ = o.decoded_;
  o.data_ = nullptr;
  o.size_ = 0;
  return *this;
}

bool CodeImage::open(std::string bytes, const ImageKey* expect, CodeImage& out,
                     std::string& why) {
  CodeImage img;
  img.owned_ = std::move(bytes);
  img.data_ = reinterpret_cast<const uint8_t*>(img.owned_.data());
  img.size_ = img.owned_.size();
  if (!img.validate(expect, why)) return false;
  out = std::move(img);
  return true;
}

bool CodeImage::open_view(std::span<const uint8_t> bytes, const ImageKey* expect,
                          CodeImage& out, std::string& why) {
  CodeImage img;
  img.data_ = bytes.data();
  img.size_ = bytes.size();
  if (!img.validate(expect, why)) return false;
  out = std::move(img);
  return true;
}

bool CodeImage::validate(const ImageKey* expect, std::string& why) {
  const uint8_t* h = data_;
  size_t n = size_;
  size_ = 0;  // not valid() until every check passed
  if (n < kImageHeaderSize || std::memcmp(h + H_MAGIC, kMagic, 8) != 0) {
    why = "not a code image (bad magic)";
    return false;
  }
  if (load_u32(h + H_VERSION) != kImageFormatVersion) {
    why = "code image format version " + std::to_string(load_u32(h + H_VERSION)) +
          ", expected " + std::to_string(kImageFormatVersion);
    return false;
  }
  if (load_u32(h + H_LENGTH) != n) {
    why = "code image truncated or padded: header says " +
          std::to_string(load_u32(h + H_LENGTH)) + " bytes, have " + std::to_string(n);
    return false;
  }
  if (load_u32(h + H_CHECKSUM) != image_checksum(h, n)) {
    why = "code image checksum mismatch";
    return false;
  }
  uint32_t flags = load_u32(h + H_FLAGS);
  if ((flags & ~kFlagHasHash) != 0) {
    why = "code image has unknown flags";
    return false;
  }
  // Code units are only meaningful with the opcode numbers they were written with, and
  // an image is only as good as the compiler that wrote it.
  if (load_u32(h + H_OPCODES) != (kOpcodeTableHash ^ kCompilerHash)) {
    why = "code image was written for another instruction set or compiler";
    return false;
  }
  key_.source_size = load_u64(h + H_SOURCE_SIZE);
  key_.mtime_ns = static_cast<int64_t>(load_u64(h + H_MTIME));
  key_.has_hash = (flags & kFlagHasHash) != 0;
  key_.source_hash = key_.has_hash ? load_u64(h + H_HASH) : 0;
  if (expect && !(key_ == *expect)) {
    why = "code image is stale (source size, mtime or hash differ)";
    return false;
  }
  // String table: count, ends[count], data; ends are checked on each lookup.
  uint64_t so = load_u32(h + H_STRINGS);
  if (so < kImageHeaderSize || so + 4 > n) {
    why = "code image string table out of bounds";
    return false;
  }
  uint64_t count = load_u32(h + so);
  uint64_t data = so + 4 + 4 * count;
  if (data > n) {
    why = "code image string table out of bounds";
    return false;
  }
  uint64_t data_len = count ? load_u32(h + data - 4) : 0;
  if (data + data_len > n) {
    why = "code image string data out of bounds";
    return false;
  }
  strings_offset_ = static_cast<uint32_t>(so);
  string_count_ = static_cast<uint32_t>(count);
  string_data_ = static_cast<uint32_t>(data);
  string_data_len_ = static_cast<uint32_t>(data_len);
  records_start_ = static_cast<uint32_t>(align8(data + data_len));
  module_offset_ = load_u32(h + H_MODULE);
  code_count_ = load_u32(h + H_CODE_COUNT);
  if (module_offset_ < records_start_ || module_offset_ >= n) {
    why = "code image module record out of bounds";
    return false;
  }
  decoded_ = 0;
  size_ = n;
  return true;
}

bool CodeImage::string_at(uint32_t index, std::string_view& out) const {
  if (index >= string_count_) return false;
  const uint8_t* ends = data_ + strings_offset_ + 4;
  uint32_t start = index ? load_u32(ends + 4 * (index - 1)) : 0;
  uint32_t end = load_u32(ends + 4 * index);
  if (start > end || end > string_data_len_) return false;
  out = std::string_view(reinterpret_cast<const char*>(data_ + string_data_ + start),
                         end - start);
  return true;
}

// The fixed part and section layout of the record at `offset`, fully bounds-checked.
bool CodeImage::record_at(uint32_t offset, RecordView& rv, std::string* why) const {
  auto fail = [&](const char* what) {
    if (why) *why = std::string("bad code record at ") + std::to_string(offset) + ": " + what;
    return false;
  };
  static_assert(std::size(RecordView{}.f) == R_FIELDS);
  if (!valid()) return fail("no image");
  if (offset % 8 != 0 || offset < records_start_ ||
      uint64_t{offset} + kRecordFixedSize > size_) {
    return fail("offset out of bounds or misaligned");
  }
  const uint8_t* r = data_ + offset;
  for (uint32_t i = 0; i < R_FIELDS; ++i) rv.f[i] = load_u32(r + 4 * i);
  if (rv.f[R_MAGIC] != kRecordMagic) return fail("no record there");
  RecordLayout l = layout_of(rv.f[R_NCODE], rv.f[R_NNAMES], rv.f[R_NLOCALSPLUS],
                             rv.f[R_CONSTS_LEN], rv.f[R_LINETABLE_LEN], rv.f[R_EXCTABLE_LEN]);
  if (l.end != rv.f[R_LENGTH] || uint64_t{offset} + l.end > size_) {
    return fail("sections do not fit the record");
  }
  rv.offset = offset;
  rv.code = static_cast<uint32_t>(l.code);
  rv.names = static_cast<uint32_t>(l.names);
  rv.localsplus = static_cast<uint32_t>(l.localsplus);
  rv.kinds = static_cast<uint32_t>(l.kinds);
  rv.consts = static_cast<uint32_t>(l.consts);
  rv.linetable = static_cast<uint32_t>(l.linetable);
  rv.exctable = static_cast<uint32_t>(l.exctable);
  return true;
}

std::span<const uint16_t> CodeImage::code_units(uint32_t offset) const {
  RecordView rv;
  if (!record_at(offset, rv, nullptr)) return {};
  const uint8_t* p = data_ + offset + rv.code;
  if (reinterpret_cast<uintptr_t>(p) % alignof(uint16_t) != 0) return {};
  return {reinterpret_cast<const uint16_t*>(p), rv.f[R_NCODE]};
}

// Reads the consts stream of one record: every read checks the stream's end.
struct CodeImage::ConstReader {
  const CodeImage& img;
  const uint8_t* p;
  const uint8_t* end;
  uint32_t parent_offset;
  const char* error = nullptr;

  bool fail(const char* what) {
    if (!error) error = what;
    return false;
  }
  bool take(size_t n, const uint8_t*& out) {
    if (static_cast<size_t>(end - p) < n) return fail("constant runs past its record");
    out = p;
    p += n;
    return true;
  }

  bool read(Const& c, int depth) {
    if (depth > kMaxConstDepth) return fail("constants nested too deep");
    const uint8_t* q;
    if (!take(1, q)) return false;
    uint8_t tag = *q;
    if (tag > static_cast<uint8_t>(ConstTag::Code)) return fail("unknown constant tag");
    c.tag = static_cast<ConstTag>(tag);
    switch (c.tag) {
      case ConstTag::None: case ConstTag::False: case ConstTag::True: case ConstTag::Ellipsis:
        return true;
      case ConstTag::Int:
        if (!take(8, q)) return false;
        c.i = static_cast<int64_t>(load_u64(q));
        return true;
      case ConstTag::Float:
        if (!take(8, q)) return false;
        c.re = std::bit_cast<double>(load_u64(q));
        return true;
      case ConstTag::Complex:
        if (!take(16, q)) return false;
        c.re = std::bit_cast<double>(load_u64(q));
        c.im = std::bit_cast<double>(load_u64(q + 8));
        return true;
      case ConstTag::BigInt: case ConstTag::Str: case ConstTag::Bytes: {
        if (!take(4, q)) return false;
        std::string_view s;
        if (!img.string_at(load_u32(q), s)) return fail("bad string index");
        c.text.assign(s);
        return true;
      }
      case ConstTag::Tuple: case ConstTag::FrozenSet: {
        if (!take(4, q)) return false;
        uint32_t count = load_u32(q);
        // Every item takes at least one byte: a hostile count cannot force a huge reserve.
        if (count > static_cast<size_t>(end - p)) return fail("tuple longer than its record");
        c.items.resize(count);
        for (Const& item : c.items) {
          if (!read(item, depth + 1)) return false;
        }
        return true;
      }
      case ConstTag::Code: {
        if (!take(8, q)) return false;
        uint32_t off = load_u32(q), len = load_u32(q + 4);
        // Children precede their parent strictly: no cycles, and a bad offset is caught
        // here as well as when it is decoded.
        if (off % 8 != 0 || off < img.records_start_ || len < kRecordFixedSize ||
            uint64_t{off} + len > parent_offset) {
          return fail("nested code reference out of bounds");
        }
        c.image_offset = off;
        return true;
      }
    }
    return fail("unknown constant tag");
  }
};

std::shared_ptr<CodeObject> CodeImage::decode(uint32_t offset, std::string* why) {
  RecordView rv;
  if (!record_at(offset, rv, why)) return nullptr;
  const uint8_t* r = data_ + offset;
  auto fail = [&](const char* what) -> std::shared_ptr<CodeObject> {
    if (why) *why = std::string("bad code record at ") + std::to_string(offset) + ": " + what;
    return nullptr;
  };
  auto co = std::make_shared<CodeObject>();
  std::string_view s;
  if (!string_at(rv.f[R_NAME], s)) return fail("bad name");
  co->name.assign(s);
  if (!string_at(rv.f[R_QUALNAME], s)) return fail("bad qualname");
  co->qualname.assign(s);
  if (!string_at(rv.f[R_FILENAME], s)) return fail("bad filename");
  co->filename.assign(s);
  co->argcount = static_cast<int32_t>(rv.f[R_ARGCOUNT]);
  co->posonlyargcount = static_cast<int32_t>(rv.f[R_POSONLY]);
  co->kwonlyargcount = static_cast<int32_t>(rv.f[R_KWONLY]);
  co->flags = rv.f[R_FLAGS];
  co->firstlineno = static_cast<int32_t>(rv.f[R_FIRSTLINENO]);
  co->stacksize = static_cast<int32_t>(rv.f[R_STACKSIZE]);
  co->code.resize(rv.f[R_NCODE]);
  if (!co->code.empty()) std::memcpy(co->code.data(), r + rv.code, 2 * co->code.size());
  co->names.resize(rv.f[R_NNAMES]);
  for (size_t i = 0; i < co->names.size(); ++i) {
    if (!string_at(load_u32(r + rv.names + 4 * i), s)) return fail("bad name index");
    co->names[i].assign(s);
  }
  co->localsplusnames.resize(rv.f[R_NLOCALSPLUS]);
  for (size_t i = 0; i < co->localsplusnames.size(); ++i) {
    if (!string_at(load_u32(r + rv.localsplus + 4 * i), s)) return fail("bad local index");
    co->localsplusnames[i].assign(s);
  }
  co->localspluskinds.assign(r + rv.kinds, r + rv.kinds + rv.f[R_NLOCALSPLUS]);
  // Each constant takes at least one byte of the stream.
  if (rv.f[R_NCONSTS] > rv.f[R_CONSTS_LEN]) return fail("more constants than bytes");
  ConstReader cr{*this, r + rv.consts, r + rv.consts + rv.f[R_CONSTS_LEN], offset};
  co->consts.resize(rv.f[R_NCONSTS]);
  for (Const& c : co->consts) {
    if (!cr.read(c, 0)) return fail(cr.error);
  }
  if (cr.p != cr.end) return fail("trailing bytes after the constants");
  co->linetable.assign(r + rv.linetable, r + rv.linetable + rv.f[R_LINETABLE_LEN]);
  co->exceptiontable.assign(r + rv.exctable, r + rv.exctable + rv.f[R_EXCTABLE_LEN]);
  ++decoded_;
  return co;
}

namespace {

bool decode_nested(CodeImage& img, std::vector<Const>& consts, std::string* why,
                   uint64_t& budget, int depth) {
  // Code nests no deeper than Python's indentation allows; this bounds the recursion.
  if (depth > kMaxConstDepth) {
    if (why) *why = "code objects nested too deep";
    return false;
  }
  for (Const& c : consts) {
    if (c.tag == ConstTag::Code && !c.code) {
      if (budget == 0) {
        if (why) *why = "too many nested code objects";
        return false;
      }
      --budget;
      c.code = img.decode(c.image_offset, why);
      if (!c.code || !decode_nested(img, c.code->consts, why, budget, depth + 1)) return false;
    } else if (c.tag == ConstTag::Tuple || c.tag == ConstTag::FrozenSet) {
      if (!decode_nested(img, c.items, why, budget, depth + 1)) return false;
    }
  }
  return true;
}

}  // namespace

std::shared_ptr<CodeObject> CodeImage::decode_tree(uint32_t offset, std::string* why,
                                                   uint64_t max_records) {
  if (max_records == 0) return nullptr;
  uint64_t budget = max_records - 1;
  std::shared_ptr<CodeObject> co = decode(offset, why);
  if (!co || !decode_nested(*this, co->consts, why, budget, 0)) return nullptr;
  return co;
}

// -- Equality ----------------------------------------------------------------------------

namespace {

const char* tag_name(ConstTag t) {
  static const char* const names[] = {"None", "False", "True", "Ellipsis", "Int", "BigInt",
                                      "Float", "Complex", "Str", "Bytes", "Tuple",
                                      "FrozenSet", "Code"};
  auto i = static_cast<size_t>(t);
  return i < std::size(names) ? names[i] : "?";
}

bool same_const(const Const& a, const Const& b, const std::string& path, std::string* where) {
  auto differ = [&](const std::string& what) {
    if (where) *where = path + ": " + what;
    return false;
  };
  if (a.tag != b.tag) return differ(std::string("tag ") + tag_name(a.tag) + " vs " + tag_name(b.tag));
  switch (a.tag) {
    case ConstTag::Int:
      return a.i == b.i || differ(std::to_string(a.i) + " vs " + std::to_string(b.i));
    case ConstTag::Float:
    case ConstTag::Complex:
      if (std::bit_cast<uint64_t>(a.re) != std::bit_cast<uint64_t>(b.re) ||
          (a.tag == ConstTag::Complex &&
           std::bit_cast<uint64_t>(a.im) != std::bit_cast<uint64_t>(b.im))) {
        return differ("float bits differ");
      }
      return true;
    case ConstTag::BigInt: case ConstTag::Str: case ConstTag::Bytes:
      return a.text == b.text || differ("text '" + a.text + "' vs '" + b.text + "'");
    case ConstTag::Tuple: case ConstTag::FrozenSet:
      if (a.items.size() != b.items.size()) return differ("item counts differ");
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!same_const(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]", where)) {
          return false;
        }
      }
      return true;
    case ConstTag::Code:
      if (a.code && b.code) {
        std::string sub;
        if (same_code(*a.code, *b.code, where ? &sub : nullptr)) return true;
        return differ("code " + a.code->qualname + ": " + sub);
      }
      if (!a.code && !b.code) {
        return a.image_offset == b.image_offset || differ("undecoded offsets differ");
      }
      return differ("one code constant is decoded, the other is not");
    default:
      return true;
  }
}

}  // namespace

bool same_code(const CodeObject& a, const CodeObject& b, std::string* where) {
  auto differ = [&](const char* field) {
    if (where) *where = field;
    return false;
  };
  if (a.name != b.name) return differ("co_name");
  if (a.qualname != b.qualname) return differ("co_qualname");
  if (a.filename != b.filename) return differ("co_filename");
  if (a.argcount != b.argcount) return differ("co_argcount");
  if (a.posonlyargcount != b.posonlyargcount) return differ("co_posonlyargcount");
  if (a.kwonlyargcount != b.kwonlyargcount) return differ("co_kwonlyargcount");
  if (a.flags != b.flags) return differ("co_flags");
  if (a.firstlineno != b.firstlineno) return differ("co_firstlineno");
  if (a.stacksize != b.stacksize) return differ("co_stacksize");
  if (a.code != b.code) return differ("co_code");
  if (a.names != b.names) return differ("co_names");
  if (a.localsplusnames != b.localsplusnames) return differ("co_localsplusnames");
  if (a.localspluskinds != b.localspluskinds) return differ("co_localspluskinds");
  if (a.linetable != b.linetable) return differ("co_linetable");
  if (a.exceptiontable != b.exceptiontable) return differ("co_exceptiontable");
  if (a.consts.size() != b.consts.size()) return differ("co_consts (length)");
  for (size_t i = 0; i < a.consts.size(); ++i) {
    if (!same_const(a.consts[i], b.consts[i], "co_consts[" + std::to_string(i) + "]", where)) {
      return false;
    }
  }
  return true;
}

}  // namespace strata
