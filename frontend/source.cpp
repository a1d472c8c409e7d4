// frontend/source.cpp — from a file's bytes to the UTF-8 text the lexer reads, as
// CPython 3.11's file tokenizer does it: the UTF-8 BOM, the PEP 263 coding declaration
// on line 1 or 2, recoding of latin-1 (and, through ICU, other declared encodings) to
// UTF-8, the (strict) check that undeclared sources are UTF-8, the file reader's way
// with NUL bytes, and universal newlines (\r\n and \r become \n, so positions count
// lines as CPython does). Also Python's UTF-8 decoder's error messages, for the bytes
// of a source that declares UTF-8 but holds something else.
#include <unicode/ucnv.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include "frontend/lexer.h"

namespace strata {

namespace {

// get_normal_name(): CPython's own spelling of the two encodings it knows by heart.
std::string normal_name(const std::string& s) {
  std::string buf;
  for (size_t i = 0; i < s.size() && i < 12; ++i) {
    char c = s[i];
    buf += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto starts = [&](const char* p) { return buf.compare(0, std::strlen(p), p) == 0; };
  if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
  if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") ||
      starts("iso-8859-1-") || starts("iso-latin-1-")) {
    return "iso-8859-1";
  }
  return s;
}

// get_coding_spec(): a `coding[:=]\s*name` inside a comment that is the only thing on
// the line. Returns false when the line has no declaration.
bool coding_spec(std::string_view line, std::string& spec) {
  long size = static_cast<long>(line.size());
  long i = 0;
  for (; i < size - 6; ++i) {
    if (line[i] == '#') break;
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f') return false;
  }
  for (; i < size - 6; ++i) {
    if (line.compare(i, 6, "coding") != 0) continue;
    long t = i + 6;
    if (line[t] != ':' && line[t] != '=') continue;
    do ++t; while (t < size && (line[t] == ' ' || line[t] == '\t'));
    long begin = t;
    while (t < size && (std::isalnum(static_cast<unsigned char>(line[t])) || line[t] == '-' ||
                        line[t] == '_' || line[t] == '.')) {
      ++t;
    }
    if (begin < t) {
      spec = normal_name(std::string(line.substr(begin, t - begin)));
      return true;
    }
  }
  return false;
}

// Whether a line without a declaration lets line 2 still carry one: only blank and
// comment lines do (check_coding_spec()).
bool only_comment(std::string_view line) {
  for (char c : line) {
    if (c == '#' || c == '\n' || c == '\r') return true;
    if (c != ' ' && c != '\t' && c != '\f') return false;
  }
  return true;
}

// Python's codec lookup normalization (encodings.normalize_encoding plus lowercasing):
// runs of punctuation become one '_'.
std::string codec_key(const std::string& name) {
  std::string out;
  bool pending = false;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.') {
      if (pending && !out.empty()) out += '_';
      pending = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      pending = true;
    }
  }
  return out;
}

enum class Codec { Utf8, Latin1, Ascii, Other };

Codec classify(const std::string& name) {
  static const char* const utf8[] = {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4",
                                     "cp65001"};
  static const char* const latin1[] = {"latin_1", "latin1", "iso_8859_1", "iso8859_1", "8859",
                                       "cp819", "l1", "latin", "iso_ir_100", "csisolatin1",
                                       "iso_8859_1_1987", "ibm819"};
  static const char* const ascii[] = {"ascii", "us_ascii", "646", "us", "ansi_x3.4_1968",
                                      "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367", "csascii",
                                      "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6"};
  std::string key = codec_key(name);
  for (const char* n : utf8) if (key == n) return Codec::Utf8;
  for (const char* n : latin1) if (key == n) return Codec::Latin1;
  for (const char* n : ascii) if (key == n) return Codec::Ascii;
  return Codec::Other;
}

// valid_utf8(): the length of the UTF-8 sequence `s` starts, or 0 when it starts none.
// Strict, as CPython 3.11's check: no overlong forms, no surrogates, nothing past
// U+10FFFF.
int valid_utf8(const unsigned char* s, const unsigned char* end) {
  unsigned char c = *s;
  if (c < 0x80) return 1;
  int expected;
  if (c < 0xC2) return 0;  // a continuation byte, or an overlong 2-byte form
  if (c < 0xE0) {
    expected = 1;
  } else if (c < 0xF0) {
    expected = 2;
  } else if (c < 0xF5) {
    expected = 3;
  } else {
    return 0;
  }
  if (end - s <= expected) return 0;
  for (int k = 1; k <= expected; ++k) {
    if (s[k] < 0x80 || s[k] >= 0xC0) return 0;
  }
  if (c == 0xE0 && s[1] < 0xA0) return 0;   // overlong 3-byte form
  if (c == 0xED && s[1] >= 0xA0) return 0;  // a surrogate
  if (c == 0xF0 && s[1] < 0x90) return 0;   // overlong 4-byte form
  if (c == 0xF4 && s[1] >= 0x90) return 0;  // beyond U+10FFFF
  return expected + 1;
}

// CPython 3.11.2's file reader reads a line, then continues at its first NUL byte: the
// rest of that line, newline included, is lost and the next line is joined on. Returns
// the source as its tokenizer then sees it.
std::string splice_nul_lines(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0, n = raw.size();
  while (i < n) {
    size_t e = i;  // the line's end, past its terminator (\n, \r\n or \r)
    while (e < n && raw[e] != '\n' && raw[e] != '\r') ++e;
    if (e < n) e += (raw[e] == '\r' && e + 1 < n && raw[e + 1] == '\n') ? 2 : 1;
    std::string_view line = raw.substr(i, e - i);
    size_t nul = line.find('\0');
    out.append(line.substr(0, nul));
    i = e;
  }
  return out;
}

void problem(SyntaxErrorInfo& error, std::string msg) {
  error.type = "SyntaxError";
  error.msg = std::move(msg);
  error.lineno = 0;
  error.col_offset = error.end_col_offset = -1;
  error.end_lineno = 0;
  error.text.clear();
}

// \r\n and lone \r to \n, as CPython's universal-newline reader does.
void append_universal(std::string& out, std::string_view in) {
  size_t i = 0, n = in.size();
  while (i < n) {
    const void* cr = std::memchr(in.data() + i, '\r', n - i);
    size_t j = cr ? static_cast<const char*>(cr) - in.data() : n;
    out.append(in.data() + i, j - i);
    if (j == n) break;
    out += '\n';
    i = j + 1;
    if (i < n && in[i] == '\n') ++i;
  }
}

}  // namespace

namespace {

// Python's UTF-8 decoder at the sequence starting at `p`: its length when valid, else 0
// with the error's end (exclusive) and reason.
int decode_step(const unsigned char* p, const unsigned char* end, size_t& bad_end,
                const char*& reason) {
  unsigned char c = *p;
  if (c < 0x80) return 1;
  int len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (!len) {
    bad_end = 1;
    reason = "invalid start byte";
    return 0;
  }
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  for (int k = 1; k < len; ++k) {
    if (p + k >= end) {
      bad_end = static_cast<size_t>(end - p);
      reason = "unexpected end of data";
      return 0;
    }
    unsigned char b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
      bad_end = static_cast<size_t>(k);
      reason = "invalid continuation byte";
      return 0;
    }
  }
  return len;
}

}  // namespace

std::string utf8_decode_error(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = s + bytes.size();
  for (const auto* p = s; p < end;) {
    size_t bad_end;
    const char* reason;
    int len = decode_step(p, end, bad_end, reason);
    if (len) {
      p += len;
      continue;
    }
    size_t at = static_cast<size_t>(p - s);
    char msg[160];
    if (bad_end == 1) {
      std::snprintf(msg, sizeof msg, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                    *p, at, reason);
    } else {
      std::snprintf(msg, sizeof msg, "'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                    at, at + bad_end - 1, reason);
    }
    return msg;
  }
  return {};
}

std::string utf8_replace(std::string_view line) {
  std::string out;
  const auto* s = reinterpret_cast<const unsigned char*>(line.data());
  const auto* end = s + line.size();
  for (const auto* p = s; p < end;) {
    size_t bad_end;
    const char* reason;
    int len = decode_step(p, end, bad_end, reason);
    if (len) {
      out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
      p += len;
    } else {
      out += "\xEF\xBF\xBD";
      p += bad_end;
    }
  }
  return out;
}

int replaced_line_column(std::string_view shown, long offset) {
  // CPython decodes the first `offset` bytes of the shown line (a cut character counts
  // once, the terminating NUL too when it reaches it) and counts characters.
  long size = static_cast<long>(shown.size());
  long chars = offset > size ? 1 : 0;
  long upto = offset > size ? size : offset;
  for (long i = 0; i < upto; ++i) chars += (static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80;
  // format_syntax_error shows 1 + the characters before the column.
  long want = chars - 1, seen = 0;
  for (long i = 0; i < size; ++i) {
    if ((static_cast<unsigned char>(shown[i]) & 0xC0) == 0x80) continue;
    if (seen++ == want) return static_cast<int>(i);
  }
  return want < 0 ? -1 : static_cast<int>(size);
}

bool source_encoding_known(std::string_view raw) {
  if (raw.size() >= 3 && static_cast<unsigned char>(raw[0]) == 0xEF &&
      static_cast<unsigned char>(raw[1]) == 0xBB && static_cast<unsigned char>(raw[2]) == 0xBF) {
    return true;
  }
  std::string spec;
  size_t nl1 = raw.find('\n');
  std::string_view line1 = raw.substr(0, nl1 == std::string_view::npos ? raw.size() : nl1 + 1);
  if (coding_spec(line1, spec)) return true;
  if (nl1 == std::string_view::npos || !only_comment(line1)) return false;
  std::string_view rest = raw.substr(nl1 + 1);
  size_t nl2 = rest.find('\n');
  return coding_spec(rest.substr(0, nl2 == std::string_view::npos ? rest.size() : nl2 + 1), spec);
}

// Callers that know the file's name put it in error.filename first: CPython names the
// file inside the message about undeclared non-UTF-8 bytes.
bool decode_source(std::string_view raw, std::string& utf8, SyntaxErrorInfo& error) {
  utf8.clear();
  bool bom = raw.size() >= 3 && static_cast<unsigned char>(raw[0]) == 0xEF &&
             static_cast<unsigned char>(raw[1]) == 0xBB &&
             static_cast<unsigned char>(raw[2]) == 0xBF;
  if (bom) raw.remove_prefix(3);

  // The declaration: line 1, or line 2 when line 1 is blank or a comment.
  std::string spec;
  bool declared = false;
  size_t nl1 = raw.find('\n');
  std::string_view line1 = raw.substr(0, nl1 == std::string_view::npos ? raw.size() : nl1 + 1);
  if (coding_spec(line1, spec)) {
    declared = true;
  } else if (nl1 != std::string_view::npos && only_comment(line1)) {
    std::string_view rest = raw.substr(nl1 + 1);
    size_t nl2 = rest.find('\n');
    if (coding_spec(rest.substr(0, nl2 == std::string_view::npos ? rest.size() : nl2 + 1), spec)) {
      declared = true;
    }
  }
  if (declared && bom && spec != "utf-8") {
    problem(error, "encoding problem: " + spec + " with BOM");
    return false;
  }

  Codec codec = declared ? classify(spec) : Codec::Utf8;
  std::string spliced;
  if (codec == Codec::Utf8 && std::memchr(raw.data(), 0, raw.size())) {
    spliced = splice_nul_lines(raw);
    raw = spliced;
  }
  if (!declared) {
    // Undeclared sources must be UTF-8; CPython names the first bad byte and its line.
    const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
    const auto* end = s + raw.size();
    for (const auto* p = s; p < end;) {
      if (end - p >= 8) {  // ASCII runs, a word at a time
        uint64_t w;
        std::memcpy(&w, p, 8);
        if (!(w & 0x8080808080808080ull)) {
          p += 8;
          continue;
        }
      }
      unsigned char c = *p;
      if (c < 0x80) {
        ++p;
        continue;
      }
      int len = valid_utf8(p, end);
      if (!len) {
        int line = 1;  // universal newlines: \r\n, \r and \n each end a line
        for (const auto* q = s; q < p; ++q) {
          line += *q == '\n' || (*q == '\r' && !(q + 1 < end && q[1] == '\n'));
        }
        char msg[64];
        std::snprintf(msg, sizeof msg, "Non-UTF-8 code starting with '\\x%.2x' in file ", c);
        std::string m = msg;
        m += error.filename.empty() ? "<string>" : error.filename;
        m += " on line " + std::to_string(line) +
             ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
        problem(error, std::move(m));
        return false;
      }
      p += len;
    }
  }

  switch (codec) {
    case Codec::Utf8:
      // A declared UTF-8 source is not checked here: CPython reports bad bytes only
      // where a token (a string's decoding, a name) meets them.
      utf8.reserve(raw.size() + 1);
      append_universal(utf8, raw);
      return true;
    case Codec::Ascii:
      for (char c : raw) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          problem(error, "encoding problem: " + spec);
          return false;
        }
      }
      utf8.reserve(raw.size() + 1);
      append_universal(utf8, raw);
      return true;
    case Codec::Latin1: {
      std::string tmp;
      tmp.reserve(raw.size() + raw.size() / 8 + 1);
      for (char ch : raw) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
          tmp += ch;
        } else {
          tmp += static_cast<char>(0xC0 | (c >> 6));
          tmp += static_cast<char>(0x80 | (c & 0x3F));
        }
      }
      append_universal(utf8, tmp);
      return true;
    }
    case Codec::Other:
      break;
  }

  // Any other declared encoding goes through an ICU converter when ICU knows the name;
  // CPython would know more of them, and says "encoding problem" for names it does not.
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(spec.c_str(), &status);
  if (U_FAILURE(status) || !conv) {
    problem(error, "encoding problem: " + spec);
    return false;
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string u16(raw.size() * 2 + 16, u'\0');
  status = U_ZERO_ERROR;
  int32_t n16 = ucnv_toUChars(conv, u16.data(), static_cast<int32_t>(u16.size()), raw.data(),
                              static_cast<int32_t>(raw.size()), &status);
  if (U_FAILURE(status)) {
    problem(error, "encoding problem: " + spec);
    return false;
  }
  std::string tmp(static_cast<size_t>(n16) * 3 + 1, '\0');
  int32_t n8 = 0;
  status = U_ZERO_ERROR;
  UConverter* out = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status) || !out) {
    problem(error, "encoding problem: " + spec);
    return false;
  }
  n8 = ucnv_fromUChars(out, tmp.data(), static_cast<int32_t>(tmp.size()), u16.data(), n16,
                       &status);
  ucnv_close(out);
  if (U_FAILURE(status)) {
    problem(error, "encoding problem: " + spec);
    return false;
  }
  tmp.resize(static_cast<size_t>(n8));
  append_universal(utf8, tmp);
  return true;
}

}  // namespace strata
