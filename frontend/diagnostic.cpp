// frontend/diagnostic.cpp — printing a syntax error the way CPython 3.11's
// print_exception() does for an uncaught SyntaxError.
//
// SyntaxError keeps 1-based *character* offsets, but CPython then walks the UTF-8 text
// with them as if they were byte counts when it strips indentation and skips embedded
// newlines; we keep that arithmetic so that non-ASCII lines get the same carets.
#include "frontend/diagnostic.h"

#include <cstdio>

namespace strata {

namespace {

// 1-based character offset of UTF-8 byte column `col` in `line` (CPython's
// _PyPegen_byte_offset_to_character_offset); -1 stays -1.
long char_offset(std::string_view line, long col) {
  if (col < 0) return -1;
  if (static_cast<size_t>(col) > line.size()) col = static_cast<long>(line.size());
  long chars = 0;
  for (long i = 0; i < col; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

void append_error_text(std::string& out, long offset, long end_offset, std::string_view text) {
  long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
  offset -= 1;  // to 0-based
  size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\t' || text[start] == '\f')) {
    ++start;
    --offset;
  }
  text.remove_prefix(start);
  long len = static_cast<long>(text.size());
  if (len > 0 && text[len - 1] == '\n') --len;
  if (offset > len) offset = len;
  for (;;) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos || static_cast<long>(nl) >= offset) break;
    long skip = static_cast<long>(nl) + 1;
    text.remove_prefix(skip);
    len -= skip;
    offset -= skip;
  }
  out += "    ";
  out += text;
  if (len >= static_cast<long>(text.size()) || text[len] != '\n') out += '\n';
  if (offset < 0) return;
  out += "    ";
  out.append(offset, ' ');
  out.append(carets, '^');
  out += '\n';
}

}  // namespace

std::string format_syntax_error(const SyntaxErrorInfo& e) {
  std::string out;
  // Errors found before there are lines (encoding, decoding) have no location at all.
  if (e.lineno == 0) return e.type + ": " + e.msg + "\n";
  out = "  File \"";
  out += e.filename.empty() ? "<string>" : e.filename;
  out += "\", line ";
  out += std::to_string(e.lineno);
  out += '\n';
  if (!e.text.empty()) {
    long offset = e.byte_offsets ? (e.col_offset < 0 ? -1 : e.col_offset + 1L)
                                 : char_offset(e.text, e.col_offset);
    long end_offset = -1;
    if (e.end_col_offset >= 0) {
      if (e.end_lineno > e.lineno) {
        end_offset = static_cast<long>(e.text.size());
      } else {
        end_offset = e.byte_offsets ? e.end_col_offset + 1L : char_offset(e.text, e.end_col_offset);
      }
    }
    if (end_offset > static_cast<long>(e.text.size()) + 1) {
      end_offset = static_cast<long>(e.text.size()) + 1;
    }
    append_error_text(out, offset, end_offset, e.text);
  }
  out += e.type;
  if (!e.msg.empty()) {
    out += ": ";
    out += e.msg;
  }
  out += '\n';
  return out;
}

void set_program_text(SyntaxErrorInfo& error) {
  // As CPython's err_programtext(): lines are read with universal newlines ("\r\n" and
  // "\r" end a line and read as "\n") through a 1000-byte buffer, so a longer line
  // shows only its last piece of at most 999 bytes.
  error.byte_offsets = true;
  error.text.clear();
  if (error.lineno <= 0) return;
  std::FILE* f = std::fopen(error.filename.c_str(), "rb");
  if (!f) return;
  std::string piece;
  int lineno = 1;
  bool found = false;
  int c;
  while ((c = std::fgetc(f)) != EOF) {
    if (c == '\r') {
      int next = std::fgetc(f);
      if (next != '\n' && next != EOF) std::ungetc(next, f);
      c = '\n';
    }
    if (lineno == error.lineno) {
      if (piece.size() == 999) piece.clear();
      piece += static_cast<char>(c);
      found = true;
    }
    if (c == '\n' && ++lineno > error.lineno) break;
  }
  std::fclose(f);
  if (found) error.text = piece;
}

std::string_view source_line(std::string_view source, int lineno) {
  size_t pos = 0;
  for (int i = 1; i < lineno; ++i) {
    size_t nl = source.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  if (pos >= source.size()) return {};
  size_t nl = source.find('\n', pos);
  return source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1);
}

}  // namespace strata
