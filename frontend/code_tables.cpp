// frontend/code_tables.cpp — decoders of the location and exception tables.
#include "frontend/code_tables.h"

namespace strata {

// The location table (Objects/locations.md of 3.11): entries of a first byte
// 1CCCCLLL (code, length - 1 in code units) and code-dependent bytes.
std::vector<Position> decode_positions(const CodeObject& co) {
  std::vector<Position> out(co.code.size());
  const std::vector<uint8_t>& t = co.linetable;
  size_t pos = 0;
  int line = co.firstlineno;
  size_t addr = 0;
  bool ok = true;
  auto byte = [&]() -> int {
    if (pos >= t.size() || (t[pos] & 0x80)) {
      ok = false;
      return 0;
    }
    return t[pos++];
  };
  auto varint = [&]() -> uint32_t {  // 6-bit chunks, least significant first
    uint32_t value = 0;
    for (int shift = 0; shift < 32; shift += 6) {
      int b = byte();
      value |= static_cast<uint32_t>(b & 63) << shift;
      if (!(b & 64)) break;
    }
    return value;
  };
  auto svarint = [&]() -> int {
    uint32_t u = varint();
    return (u & 1) ? -static_cast<int>(u >> 1) : static_cast<int>(u >> 1);
  };
  while (pos < t.size() && ok) {
    uint8_t first = t[pos++];
    if (!(first & 0x80)) break;
    int code = (first >> 3) & 15;
    int length = (first & 7) + 1;
    Position p;
    if (code == 15) {
      // no location
    } else if (code == 14) {
      line += svarint();
      p.line = line;
      p.end_line = line + static_cast<int>(varint());
      p.col = static_cast<int>(varint()) - 1;
      p.end_col = static_cast<int>(varint()) - 1;
    } else if (code == 13) {
      line += svarint();
      p.line = p.end_line = line;
    } else if (code >= 10) {
      line += code - 10;
      p.line = p.end_line = line;
      p.col = byte();
      p.end_col = byte();
    } else {
      int b = byte();
      p.line = p.end_line = line;
      p.col = code * 8 + ((b >> 4) & 7);
      p.end_col = p.col + (b & 15);
    }
    if (!ok) break;
    for (int i = 0; i < length && addr < out.size(); i++) out[addr++] = p;
  }
  return out;
}

// The exception table (Objects/exception_handling_notes.txt of 3.11): per entry start,
// size, target, depth << 1 | lasti, each a varint of 6-bit chunks, most significant
// first, the first byte of an entry marked with bit 7.
std::vector<ExceptionEntry> decode_exception_table(std::span<const uint8_t> t) {
  std::vector<ExceptionEntry> entries;
  size_t pos = 0;
  auto varint = [&](bool& ok) -> int {
    if (pos >= t.size()) {
      ok = false;
      return 0;
    }
    int b = t[pos++];
    int value = b & 63;
    while ((b & 64) && ok) {
      if (pos >= t.size() || value > (1 << 24)) {
        ok = false;
        return 0;
      }
      b = t[pos++];
      value = (value << 6) | (b & 63);
    }
    return value;
  };
  while (pos < t.size()) {
    bool ok = true;
    int start = varint(ok), size = varint(ok), target = varint(ok), dl = varint(ok);
    if (!ok) break;
    entries.push_back({start, start + size, target, dl >> 1, (dl & 1) != 0});
  }
  return entries;
}

}  // namespace strata
