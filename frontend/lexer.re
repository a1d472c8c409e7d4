// frontend/lexer.re — the tokenizer: UTF-8 source to the complete token array, with
// CPython 3.11's token positions, INDENT/DEDENT/NEWLINE rules and tokenizer errors
// (Parser/tokenizer.c is the behaviour we reproduce). re2c turns the scanner block
// into the DFA that recognizes operators, keywords, ASCII names, well-formed numbers
// and string openings; the rarer paths (malformed numbers, non-ASCII identifiers,
// string bodies, errors) are written by hand after CPython's logic.
//
// Buffer invariant: we lex a private copy of the source that always ends in '\n'
// (CPython fakes a newline after an unterminated last line) followed by NUL padding;
// a NUL byte is therefore only ever read at `lim`, the end of input. (A UTF-8 file's
// NUL bytes are gone before we see it: decode_source joins lines at them as CPython
// 3.11.2's file reader does.) When the source still holds a NUL byte (a string, another
// declared encoding), the copy stops before the line holding it, and reaching our end
// of input then means "report the NUL", as later CPython versions do.
//
// Line bookkeeping: `lineno`/`line_start` describe the line `cur` is in, advanced as
// soon as a '\n' is consumed. CPython only advances when it reads the next line, which
// makes a difference at end of input only: there CPython still reports the last line,
// hence eof_lineno().
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "frontend/lexer.h"

namespace strata {

const char* token_name(Tok kind) {
  static const char* const names[] = {
#define TOKEN(name) #name,
#define OP(name, text) #name,
#define KEYWORD(name, word) #name,
#define SOFT_KEYWORD(name, word) #name,
#include "frontend/tokens.def"
#undef TOKEN
#undef OP
#undef KEYWORD
#undef SOFT_KEYWORD
  };
  return names[static_cast<int>(kind)];
}

namespace {

constexpr int kTabSize = 8;       // CPython's tok->tabsize
constexpr int kAltTabSize = 1;    // the second measure that exposes tab/space mixing
constexpr int kMaxIndent = 100;   // MAXINDENT
constexpr int kMaxLevel = 200;    // MAXLEVEL: bracket nesting

using uchar = unsigned char;

inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
inline bool is_xdigit(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// CPython's is_potential_identifier_char: any non-ASCII byte may continue a name.
inline bool is_ident_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
         c >= 128;
}

// Py_UNICODE_ISPRINTABLE: everything but the categories Cc Cf Cs Co Cn Zl Zp Zs,
// except that the ASCII space is printable.
bool is_printable(UChar32 ch) {
  if (ch == ' ') return true;
  switch (u_charType(ch)) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

constexpr int kEOF = -1;

class Lexer {
 public:
  Lexer(std::string_view source, Arena& arena, const LexOptions& options, LexResult& result)
      : src_(source.data()), src_size_(static_cast<uint32_t>(source.size())), arena_(arena),
        opt_(options), out_(result.tokens), error_(result.error) {
    // Cut before the line holding the first NUL byte (see the header comment).
    size_t n = source.size();
    const void* nul = n ? std::memchr(source.data(), 0, n) : nullptr;
    if (nul) {
      size_t at = static_cast<const char*>(nul) - source.data();
      size_t ls = at;
      while (ls > 0 && source[ls - 1] != '\n') --ls;
      nul_at_ = static_cast<uint32_t>(at);
      nul_line_ = static_cast<uint32_t>(ls);
      n = ls;
    }
    buf_.reserve(n + 8);
    buf_.append(source.data(), n);
    if (n && buf_.back() != '\n') buf_.push_back('\n');
    buf_.append(8, '\0');
    b_ = reinterpret_cast<const uchar*>(buf_.data());
    lim_ = b_ + (buf_.size() - 8);
    cur_ = line_start_ = b_;
    out_.reserve(n / 4 + 16);
  }

  void run();

 private:
  // -- positions -----------------------------------------------------------------
  uint32_t off(const uchar* p) const { return static_cast<uint32_t>(p - b_); }
  int line_base() const { return opt_.first_lineno - 1; }  // internal line 1 -> first_lineno
  // The line CPython's tokenizer reports once it has hit end of input.
  int eof_lineno() const {
    if (cur_ != lim_ || cur_ != line_start_) return lineno_;
    return lim_ > b_ ? lineno_ - 1 : 0;  // an empty source has read no line at all
  }
  const uchar* eof_line_start() const {
    if (!(cur_ == line_start_ && cur_ == lim_ && lim_ > b_)) return line_start_;
    const uchar* p = lim_ - 1;  // the final '\n'
    while (p > b_ && p[-1] != '\n') --p;
    return p;
  }

  void emit(Tok kind, const uchar* s, const uchar* e, int sline, const uchar* sls,
            int eline, const uchar* els) {
    Token t;
    t.kind = kind;
    uint32_t so = off(s), eo = off(e);
    if (so > src_size_) so = src_size_;
    if (eo > src_size_) eo = src_size_;
    if (eo < so) eo = so;
    t.start = so;
    t.end = eo;
    t.lineno = sline + line_base();
    t.end_lineno = eline + line_base();
    t.col_offset = static_cast<int32_t>(s - sls);
    t.end_col_offset = static_cast<int32_t>(e - els);
    // CPython shifts columns by the f-string offset when the tokenizer's current line
    // (the token's last line) is the first one.
    if (eline == 1 && opt_.first_col) {
      t.col_offset += opt_.first_col;
      t.end_col_offset += opt_.first_col;
    }
    t.text = src_ + so;
    t.text_len = eo - so;
    out_.push_back(t);
  }
  void emit_simple(Tok kind, const uchar* s, const uchar* e) {
    emit(kind, s, e, lineno_, line_start_, lineno_, line_start_);
  }
  // INDENT, DEDENT and ENDMARKER have no text in CPython (columns -1).
  void emit_nospan(Tok kind, int line) {
    Token t;
    t.kind = kind;
    uint32_t o = off(cur_);
    if (o > src_size_) o = src_size_;
    t.start = t.end = o;
    t.lineno = t.end_lineno = line + line_base();
    t.col_offset = t.end_col_offset = -1;
    t.text = src_ + o;
    t.text_len = 0;
    out_.push_back(t);
  }

  // -- errors --------------------------------------------------------------------
  std::string line_text(const uchar* ls, bool with_newline) const {
    const uchar* e = ls;
    while (e < lim_ && *e != '\n') ++e;
    if (with_newline && e < lim_) ++e;
    return std::string(reinterpret_cast<const char*>(ls), e - ls);
  }
  // Stops the token stream with an ERRORTOKEN carrying `error_`.
  void fail(std::string type, std::string msg, int line, const uchar* ls, int col,
            int end_line, int end_col, bool text_newline) {
    error_.type = std::move(type);
    error_.msg = std::move(msg);
    error_.lineno = line + line_base();
    error_.end_lineno = end_line + line_base();
    error_.col_offset = col;
    error_.end_col_offset = end_col;
    error_.text = line_text(ls, text_newline);
    Token t;
    t.kind = Tok::ERRORTOKEN;
    const uchar* p = col >= 0 ? ls + col : ls;
    if (p > lim_) p = lim_;
    uint32_t o = off(p);
    if (o > src_size_) o = src_size_;
    t.start = t.end = o;
    t.lineno = error_.lineno;
    t.end_lineno = error_.end_lineno;
    t.col_offset = col;
    t.end_col_offset = end_col < 0 ? col : end_col;
    t.text = src_ + o;
    t.text_len = 0;
    out_.push_back(t);
  }
  // CPython's syntaxerror(): the caret goes under the last character before `at`, on
  // the current line; the text is the line without its newline.
  void syntax_error(std::string msg, const uchar* at) {
    const uchar* p = at;
    int col;
    if (p <= line_start_) {
      col = -1;
    } else {
      --p;
      while (p > line_start_ && (*p & 0xC0) == 0x80) --p;
      col = static_cast<int>(p - line_start_);
    }
    fail("SyntaxError", std::move(msg), lineno_, line_start_, col, lineno_, col, false);
  }
  // Reaching the end of our copy of the source after it was cut at a NUL line.
  bool nul_pending() const { return nul_line_ != UINT32_MAX; }
  void fail_nul() {
    // CPython reports the line holding the NUL (text up to it) and no column.
    int line = 1;
    for (uint32_t i = 0; i < nul_line_; ++i) line += src_[i] == '\n';
    error_.type = "SyntaxError";
    error_.msg = "source code cannot contain null bytes";
    error_.lineno = error_.end_lineno = line + line_base();
    error_.col_offset = error_.end_col_offset = -1;
    error_.text.assign(src_ + nul_line_, nul_at_ - nul_line_);
    Token t;
    t.kind = Tok::ERRORTOKEN;
    t.start = t.end = nul_at_;
    t.lineno = t.end_lineno = error_.lineno;
    t.col_offset = t.end_col_offset = -1;
    t.text = src_ + nul_at_;
    t.text_len = 0;
    out_.push_back(t);
  }

  void newline_consumed(const uchar* after) {
    ++lineno_;
    line_start_ = after;
  }

  bool continuation(bool in_indent);  // after a '\\' outside strings
  bool indentation(bool& blankline);
  bool lex_string(const uchar* start, const uchar* body, uchar quote, bool triple);
  bool lex_number_slow(const uchar* start);
  bool verify_end_of_number(const uchar*& p, int c, const char* kind);
  bool lex_identifier_slow(const uchar* start);
  bool open_bracket(const uchar* s, uchar c);
  bool close_bracket(const uchar* s, uchar c);
  void end_of_input();
  bool bad_character(const uchar* s);

  // -- state ---------------------------------------------------------------------
  const char* src_;
  uint32_t src_size_;
  Arena& arena_;
  const LexOptions& opt_;
  std::vector<Token>& out_;
  SyntaxErrorInfo& error_;

  std::string buf_;
  const uchar* b_;
  const uchar* lim_;
  uint32_t nul_at_ = 0, nul_line_ = UINT32_MAX;

  const uchar* cur_;
  const uchar* line_start_;
  int lineno_ = 1;

  int indent_ = 0;
  int indstack_[kMaxIndent] = {0};
  int altindstack_[kMaxIndent] = {0};

  int level_ = 0;
  uchar paren_[kMaxLevel];
  int paren_line_[kMaxLevel];
  int paren_col_[kMaxLevel];
};

// tok_continuation_line(): `cur_` is just past a backslash outside a string.
bool Lexer::continuation(bool in_indent) {
  const uchar* p = cur_;
  if (*p != '\n') {
    if (p == lim_) {  // cannot happen with the trailing '\n', kept for safety
      end_of_input();
      return false;
    }
    // The column is that of the character after the backslash; no end column.
    fail("SyntaxError", "unexpected character after line continuation character", lineno_,
         line_start_, static_cast<int>(p - line_start_), lineno_, -1, true);
    return false;
  }
  cur_ = p + 1;
  newline_consumed(cur_);
  if (cur_ == lim_) {
    if (nul_pending()) {
      fail_nul();
      return false;
    }
    if (level_ > 0) {
      end_of_input();
      return false;
    }
    // pegen raises this at the ERRORTOKEN, which has no start: the column is that of
    // the tokenizer's cursor (end of input) on the last line. Within indentation, the
    // file reader has already dropped the line from its buffer: no column at all.
    const uchar* ls = eof_line_start();
    int col = in_indent ? -1 : static_cast<int>(lim_ - ls) - 1;
    fail("SyntaxError", "unexpected EOF while parsing", eof_lineno(), ls, col, eof_lineno(),
         -1, true);
    return false;
  }
  return true;
}

// The start of a line: measure the indentation (tab stops of 8, and of 1 to catch
// inconsistent mixing) and emit INDENT/DEDENT as CPython does.
bool Lexer::indentation(bool& blankline) {
  int col = 0, altcol = 0, cont_line_col = 0;
  for (;;) {
    uchar c = *cur_;
    if (c == ' ') {
      ++col, ++altcol;
    } else if (c == '\t') {
      col = (col / kTabSize + 1) * kTabSize;
      altcol = (altcol / kAltTabSize + 1) * kAltTabSize;
    } else if (c == '\f') {
      col = altcol = 0;
    } else if (c == '\\') {
      // The first backslash determines the indentation of what follows it.
      cont_line_col = cont_line_col ? cont_line_col : col;
      ++cur_;
      if (!continuation(true)) return false;
      continue;
    } else {
      break;
    }
    ++cur_;
  }
  uchar c = *cur_;
  if (c == '#' || c == '\n') {
    if (opt_.interactive && col == 0 && c == '\n') {
      blankline = false;
    } else if (opt_.interactive && lineno_ == 1) {
      blankline = false;
      col = altcol = 0;
    } else {
      blankline = true;
    }
  }
  if (blankline || level_ != 0) return true;
  if (cur_ == lim_ && nul_pending()) {
    fail_nul();
    return false;
  }
  int line = cur_ == lim_ ? eof_lineno() : lineno_;
  if (cont_line_col) col = altcol = cont_line_col;
  auto tab_error = [&] {
    fail("TabError", "inconsistent use of tabs and spaces in indentation", line,
         cur_ == lim_ ? eof_line_start() : line_start_, 0, line, -1, true);
    return false;
  };
  if (col == indstack_[indent_]) {
    if (altcol != altindstack_[indent_]) return tab_error();
  } else if (col > indstack_[indent_]) {
    if (indent_ + 1 >= kMaxIndent) {
      fail("IndentationError", "too many levels of indentation", line, line_start_, 0, line,
           -1, true);
      return false;
    }
    if (altcol <= altindstack_[indent_]) return tab_error();
    ++indent_;
    indstack_[indent_] = col;
    altindstack_[indent_] = altcol;
    emit_nospan(Tok::INDENT, line);
  } else {
    int dedents = 0;
    while (indent_ > 0 && col < indstack_[indent_]) {
      --indent_;
      ++dedents;
    }
    if (col != indstack_[indent_]) {
      // pegen reports it at the end of the line (the tokenizer's cursor).
      const uchar* e = cur_;
      while (e < lim_ && *e != '\n') ++e;
      int ecol = static_cast<int>(e - line_start_);
      fail("IndentationError", "unindent does not match any outer indentation level", line,
           line_start_, ecol, line, -1, true);
      return false;
    }
    if (altcol != altindstack_[indent_]) return tab_error();
    for (int i = 0; i < dedents; ++i) emit_nospan(Tok::DEDENT, line);
  }
  return true;
}

// End of input outside any token: an unclosed bracket, the NUL line, or ENDMARKER.
void Lexer::end_of_input() {
  if (nul_pending()) {
    fail_nul();
    return;
  }
  if (level_ > 0) {
    int i = level_ - 1;
    char msg[40];
    std::snprintf(msg, sizeof msg, "'%c' was never closed", paren_[i]);
    const uchar* ls = b_;  // the bracket's line
    for (int l = 1; l < paren_line_[i]; ++l) {
      while (*ls != '\n') ++ls;
      ++ls;
    }
    fail("SyntaxError", msg, paren_line_[i], ls, paren_col_[i], paren_line_[i], -1, true);
    return;
  }
  emit_nospan(Tok::ENDMARKER, eof_lineno());
}

bool Lexer::open_bracket(const uchar* s, uchar c) {
  if (level_ >= kMaxLevel) {
    syntax_error("too many nested parentheses", s + 1);
    return false;
  }
  paren_[level_] = c;
  paren_line_[level_] = lineno_;
  paren_col_[level_] = static_cast<int>(s - line_start_);
  ++level_;
  return true;
}

bool Lexer::close_bracket(const uchar* s, uchar c) {
  char msg[100];
  if (level_ == 0) {
    std::snprintf(msg, sizeof msg, "unmatched '%c'", c);
    syntax_error(msg, s + 1);
    return false;
  }
  --level_;
  uchar open = paren_[level_];
  if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))) {
    if (paren_line_[level_] != lineno_) {
      std::snprintf(msg, sizeof msg,
                    "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                    c, open, paren_line_[level_] + line_base());
    } else {
      std::snprintf(msg, sizeof msg,
                    "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
    }
    syntax_error(msg, s + 1);
    return false;
  }
  return true;
}

// A string literal: `start` is the token's first byte (its prefix, if any), `body` is
// just past the opening quote(s). Backslashes skip the next byte, in raw strings too.
bool Lexer::lex_string(const uchar* start, const uchar* body, uchar quote, bool triple) {
  const int first_line = lineno_;
  const uchar* first_ls = line_start_;
  const uchar* p = body;
  if (!triple) {
    for (;;) {
      uchar c = *p++;
      if (c == quote) break;
      if (c == '\\') {
        uchar n = *p;
        if (n == '\n') {
          ++p;
          newline_consumed(p);
          continue;
        }
        if (n == 0 && p == lim_) continue;  // EOF is found on the next read
        ++p;
        continue;
      }
      if (c == '\n' || (c == 0 && p - 1 == lim_)) {
        bool eof = c == 0;
        if (eof) {
          --p;
          cur_ = p;
          if (nul_pending()) {
            fail_nul();
            return false;
          }
        }
        int detected = eof ? eof_lineno() : lineno_;
        char msg[80];
        std::snprintf(msg, sizeof msg, "unterminated string literal (detected at line %d)",
                      detected + line_base());
        int col = static_cast<int>(start - first_ls);
        fail("SyntaxError", msg, first_line, first_ls, col, first_line, col, false);
        return false;
      }
    }
  } else {
    int run = 0;  // closing quotes seen in a row
    for (;;) {
      uchar c = *p++;
      if (c == quote) {
        if (++run == 3) break;
        continue;
      }
      run = 0;
      if (c == '\n') {
        newline_consumed(p);
      } else if (c == '\\') {
        uchar n = *p;
        if (n == '\n') {
          ++p;
          newline_consumed(p);
        } else if (!(n == 0 && p == lim_)) {
          ++p;
        }
      } else if (c == 0 && p - 1 == lim_) {
        --p;
        cur_ = p;
        if (nul_pending()) {
          fail_nul();
          return false;
        }
        char msg[90];
        std::snprintf(msg, sizeof msg,
                      "unterminated triple-quoted string literal (detected at line %d)",
                      eof_lineno() + line_base());
        int col = static_cast<int>(start - first_ls);
        fail("SyntaxError", msg, first_line, first_ls, col, first_line, col, false);
        return false;
      }
    }
  }
  cur_ = p;
  emit(Tok::STRING, start, p, first_line, first_ls, lineno_, line_start_);
  return true;
}

// verify_end_of_number(): `p` is just past `c`, the character after the number. A
// keyword that may legally follow a number (and, else, for, if, in, is, not, or) only
// earns CPython's DeprecationWarning; any other name character is an error.
bool Lexer::verify_end_of_number(const uchar*& p, int c, const char* kind) {
  auto lookahead = [&](const char* rest) {
    const uchar* q = p;
    while (*rest) {
      if (*q != static_cast<uchar>(*rest)) return false;
      ++q, ++rest;
    }
    return !is_ident_char(*q);
  };
  bool r = false;
  switch (c) {
    case 'a': r = lookahead("nd"); break;
    case 'e': r = lookahead("lse"); break;
    case 'f': r = lookahead("or"); break;
    case 'i': r = *p == 'f' || *p == 'n' || *p == 's'; break;
    case 'o': r = lookahead("r"); break;
    case 'n': r = lookahead("ot"); break;
    default: break;
  }
  if (r) return true;
  if (c != kEOF && is_ident_char(c)) {
    --p;  // back up over c: the caret goes under the number's last character
    std::string msg = "invalid ";
    msg += kind;
    msg += " literal";
    syntax_error(std::move(msg), p);
    return false;
  }
  return true;
}

// A number the DFA could not accept as a whole: CPython's hand-written scanner, which
// finds the exact error (or accepts numbers followed by a keyword such as `1if`).
bool Lexer::lex_number_slow(const uchar* start) {
  const uchar* p = start;
  auto next = [&]() -> int {
    if (p == lim_) return kEOF;
    return *p++;
  };
  auto backup = [&](int c) {
    if (c != kEOF) --p;
  };
  // tok_decimal_tail(): returns the character after the digits, or -2 on error.
  auto decimal_tail = [&]() -> int {
    int c;
    for (;;) {
      do c = next(); while (is_digit(c));
      if (c != '_') break;
      c = next();
      if (!is_digit(c)) {
        backup(c);
        syntax_error("invalid decimal literal", p);
        return -2;
      }
    }
    return c;
  };
  int c = next();
  bool fraction_entry = false;
  if (c == '.') {
    c = next();
    fraction_entry = true;
  }
  if (!fraction_entry && c == '0') {
    c = next();
    if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      int radix = (c | 0x20) == 'x' ? 16 : (c | 0x20) == 'o' ? 8 : 2;
      const char* kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
      auto ok = [&](int ch) {
        return radix == 16 ? is_xdigit(ch) : radix == 8 ? (ch >= '0' && ch < '8')
                                                        : (ch == '0' || ch == '1');
      };
      c = next();
      do {
        if (c == '_') c = next();
        if (!ok(c)) {
          if (radix != 16 && is_digit(c)) {
            char msg[48];
            std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
            syntax_error(msg, p);
            return false;
          }
          backup(c);
          syntax_error(std::string("invalid ") + kind + " literal", p);
          return false;
        }
        do c = next(); while (ok(c));
      } while (c == '_');
      if (radix != 16 && is_digit(c)) {
        char msg[48];
        std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
        syntax_error(msg, p);
        return false;
      }
      if (!verify_end_of_number(p, c, kind)) return false;
      backup(c);
      cur_ = p;
      emit_simple(Tok::NUMBER, start, p);
      return true;
    }
    bool nonzero = false;
    for (;;) {
      if (c == '_') {
        c = next();
        if (!is_digit(c)) {
          backup(c);
          syntax_error("invalid decimal literal", p);
          return false;
        }
      }
      if (c != '0') break;
      c = next();
    }
    const uchar* zeros_end = p;
    if (is_digit(c)) {
      nonzero = true;
      c = decimal_tail();
      if (c == -2) return false;
    }
    if (c == '.') {
      c = next();
      goto fraction;
    } else if (c == 'e' || c == 'E') {
      goto exponent;
    } else if (c == 'j' || c == 'J') {
      goto imaginary;
    } else if (nonzero) {
      backup(c);
      // A known range: from the first zero to the end of the zeros (and the digit
      // read after them), as CPython's syntaxerror_known_range gives it.
      int col = static_cast<int>(start - line_start_);
      int end = static_cast<int>(zeros_end - line_start_) - 1;
      fail("SyntaxError",
           "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
           "for octal integers",
           lineno_, line_start_, col, lineno_, end, false);
      return false;
    }
    if (!verify_end_of_number(p, c, "decimal")) return false;
    backup(c);
    cur_ = p;
    emit_simple(Tok::NUMBER, start, p);
    return true;
  }
  if (!fraction_entry) {
    c = decimal_tail();
    if (c == -2) return false;
    if (c == '.') {
      c = next();
      goto fraction;
    }
    goto after_fraction;
  }
fraction:
  if (is_digit(c)) {
    c = decimal_tail();
    if (c == -2) return false;
  }
after_fraction:
  if (c == 'e' || c == 'E') {
  exponent:
    int e = c;
    c = next();
    if (c == '+' || c == '-') {
      c = next();
      if (!is_digit(c)) {
        backup(c);
        syntax_error("invalid decimal literal", p);
        return false;
      }
    } else if (!is_digit(c)) {
      backup(c);
      if (!verify_end_of_number(p, e, "decimal")) return false;
      backup(e);
      cur_ = p;
      emit_simple(Tok::NUMBER, start, p);
      return true;
    }
    c = decimal_tail();
    if (c == -2) return false;
  }
  if (c == 'j' || c == 'J') {
  imaginary:
    c = next();
    if (!verify_end_of_number(p, c, "imaginary")) return false;
  } else if (!verify_end_of_number(p, c, "decimal")) {
    return false;
  }
  backup(c);
  cur_ = p;
  emit_simple(Tok::NUMBER, start, p);
  return true;
}

// A name holding non-ASCII characters: the whole run of name bytes is checked with
// ICU (XID_Start / XID_Continue, as _PyUnicode_ScanIdentifier) and NFKC-normalized.
bool Lexer::lex_identifier_slow(const uchar* start) {
  const uchar* p = start;
  while (is_ident_char(*p)) ++p;
  int32_t len = static_cast<int32_t>(p - start);
  // Only a source declared UTF-8 can hold bytes that are not (undeclared ones are
  // checked whole). CPython decodes the name at once, before looking at its characters,
  // and its parser reports the decoder's error at the end of the name, on the line as
  // decoded with replacement characters.
  std::string bad = utf8_decode_error(std::string_view(reinterpret_cast<const char*>(start), len));
  if (!bad.empty()) {
    cur_ = p;
    std::string shown = utf8_replace(line_text(line_start_, true));
    int col = replaced_line_column(shown, static_cast<long>(p - line_start_));
    fail("SyntaxError", "(unicode error) " + bad, lineno_, line_start_, col, lineno_, -1, true);
    error_.text = std::move(shown);
    return false;
  }
  // Find the first character that cannot be part of a name.
  int32_t i = 0;
  bool first = true;
  while (i < len) {
    int32_t at = i;
    UChar32 ch;
    U8_NEXT(start, i, len, ch);
    if (ch < 0) {  // unreachable after the check above; kept for safety
      cur_ = start + i;
      syntax_error("invalid character in identifier", start + i);
      return false;
    }
    bool ok = first ? (ch == '_' || u_hasBinaryProperty(ch, UCHAR_XID_START))
                    : u_hasBinaryProperty(ch, UCHAR_XID_CONTINUE);
    first = false;
    if (!ok) {
      // The caret goes under the bad character (CPython moves its cursor past it).
      char msg[64];
      if (is_printable(ch)) {
        char utf8[5] = {0};
        std::memcpy(utf8, start + at, i - at);
        std::snprintf(msg, sizeof msg, "invalid character '%s' (U+%04X)", utf8,
                      static_cast<unsigned>(ch));
      } else {
        std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X",
                      static_cast<unsigned>(ch));
      }
      syntax_error(msg, start + i);
      return false;
    }
  }
  // NFKC through UTF-16; identifiers are short, so stack buffers cover almost all.
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  std::u16string u16(static_cast<size_t>(len), u'\0');
  int32_t u16len = 0;
  u_strFromUTF8(u16.data(), len, &u16len, reinterpret_cast<const char*>(start), len, &status);
  const char* text = nullptr;
  int32_t text_len = 0;
  if (U_SUCCESS(status) && nfkc && unorm2_isNormalized(nfkc, u16.data(), u16len, &status) &&
      U_SUCCESS(status)) {
    text = arena_.copy(src_ + off(start), static_cast<size_t>(len));
    text_len = len;
  } else {
    status = U_ZERO_ERROR;
    int32_t cap = u16len * 18 + 16;  // NFKC expands by at most 18x
    std::u16string norm(static_cast<size_t>(cap), u'\0');
    int32_t nlen = unorm2_normalize(nfkc, u16.data(), u16len, norm.data(), cap, &status);
    if (U_FAILURE(status)) nlen = 0;
    int32_t u8len = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &u8len, norm.data(), nlen, &status);
    char* d = static_cast<char*>(arena_.allocate(static_cast<size_t>(u8len) + 1, 1));
    status = U_ZERO_ERROR;
    u_strToUTF8(d, u8len + 1, nullptr, norm.data(), nlen, &status);
    d[u8len] = 0;
    text = d;
    text_len = u8len;
  }
  cur_ = p;
  emit_simple(Tok::NAME, start, p);
  out_.back().text = text;
  out_.back().text_len = static_cast<uint32_t>(text_len);
  return true;
}

// A byte no token starts with: ASCII control characters are CPython's tokenizer
// errors; the printable ones ($ ? `) are a generic OP there, which the parser rejects:
// a STRAY token, and the tokenizer goes on. Returns false when it stopped.
bool Lexer::bad_character(const uchar* s) {
  uchar c = *s;
  if (c < 0x20 || c == 0x7f) {
    char msg[48];
    std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X", c);
    syntax_error(msg, s + 1);
    return false;
  }
  cur_ = s + 1;
  emit_simple(Tok::STRAY, s, s + 1);
  return true;
}

void Lexer::run() {
  bool atbol = true;
  for (;;) {
    bool blankline = false;
    if (atbol) {
      atbol = false;
      if (!indentation(blankline)) return;
    }
  again:
    while (*cur_ == ' ' || *cur_ == '\t' || *cur_ == '\f') ++cur_;
    const uchar* s = cur_;
    const uchar* p = cur_;
    const uchar* mk = p;
    Tok kind;
    uchar quote;
    bool triple;
    /*!re2c
      re2c:define:YYCTYPE = "unsigned char";
      re2c:define:YYCURSOR = p;
      re2c:define:YYMARKER = mk;
      re2c:yyfill:enable = 0;
      re2c:indent:top = 2;

      digitpart = [0-9] ("_"? [0-9])*;
      decinteger = [1-9] ("_"? [0-9])* | "0"+ ("_"? "0")*;
      hexinteger = "0" [xX] ("_"? [0-9a-fA-F])+;
      octinteger = "0" [oO] ("_"? [0-7])+;
      bininteger = "0" [bB] ("_"? [01])+;
      pointfloat = digitpart? "." digitpart | digitpart ".";
      exponentfloat = (digitpart | pointfloat) [eE] [+-]? digitpart;
      floatnumber = pointfloat | exponentfloat;
      imagnumber = (floatnumber | digitpart) [jJ];
      number = decinteger | hexinteger | octinteger | bininteger | floatnumber | imagnumber;
      prefix = 'r' | 'u' | 'b' | 'br' | 'rb' | 'f' | 'fr' | 'rf';

      "\x00"  { goto eof; }
      "\n"    { goto newline; }
      "#" [^\n\x00]* { cur_ = p; goto comment; }
      "\\"    { cur_ = p; if (!continuation(false)) return; goto again; }

      prefix? "'"     { quote = '\''; triple = false; goto string; }
      prefix? "\""    { quote = '"'; triple = false; goto string; }
      prefix? "'''"   { quote = '\''; triple = true; goto string; }
      prefix? "\"\"\"" { quote = '"'; triple = true; goto string; }

      "False"    { kind = Tok::KW_FALSE; goto name; }
      "None"     { kind = Tok::KW_NONE; goto name; }
      "True"     { kind = Tok::KW_TRUE; goto name; }
      "and"      { kind = Tok::KW_AND; goto name; }
      "as"       { kind = Tok::KW_AS; goto name; }
      "assert"   { kind = Tok::KW_ASSERT; goto name; }
      "async"    { kind = Tok::KW_ASYNC; goto name; }
      "await"    { kind = Tok::KW_AWAIT; goto name; }
      "break"    { kind = Tok::KW_BREAK; goto name; }
      "class"    { kind = Tok::KW_CLASS; goto name; }
      "continue" { kind = Tok::KW_CONTINUE; goto name; }
      "def"      { kind = Tok::KW_DEF; goto name; }
      "del"      { kind = Tok::KW_DEL; goto name; }
      "elif"     { kind = Tok::KW_ELIF; goto name; }
      "else"     { kind = Tok::KW_ELSE; goto name; }
      "except"   { kind = Tok::KW_EXCEPT; goto name; }
      "finally"  { kind = Tok::KW_FINALLY; goto name; }
      "for"      { kind = Tok::KW_FOR; goto name; }
      "from"     { kind = Tok::KW_FROM; goto name; }
      "global"   { kind = Tok::KW_GLOBAL; goto name; }
      "if"       { kind = Tok::KW_IF; goto name; }
      "import"   { kind = Tok::KW_IMPORT; goto name; }
      "in"       { kind = Tok::KW_IN; goto name; }
      "is"       { kind = Tok::KW_IS; goto name; }
      "lambda"   { kind = Tok::KW_LAMBDA; goto name; }
      "nonlocal" { kind = Tok::KW_NONLOCAL; goto name; }
      "not"      { kind = Tok::KW_NOT; goto name; }
      "or"       { kind = Tok::KW_OR; goto name; }
      "pass"     { kind = Tok::KW_PASS; goto name; }
      "raise"    { kind = Tok::KW_RAISE; goto name; }
      "return"   { kind = Tok::KW_RETURN; goto name; }
      "try"      { kind = Tok::KW_TRY; goto name; }
      "while"    { kind = Tok::KW_WHILE; goto name; }
      "with"     { kind = Tok::KW_WITH; goto name; }
      "yield"    { kind = Tok::KW_YIELD; goto name; }
      [a-zA-Z_][a-zA-Z0-9_]* { kind = Tok::NAME; goto name; }
      [\x80-\xff] { if (!lex_identifier_slow(s)) return; continue; }

      number  { goto number; }

      "("   { if (!open_bracket(s, '(')) return; kind = Tok::LPAR; goto op; }
      "["   { if (!open_bracket(s, '[')) return; kind = Tok::LSQB; goto op; }
      "{"   { if (!open_bracket(s, '{')) return; kind = Tok::LBRACE; goto op; }
      ")"   { if (!close_bracket(s, ')')) return; kind = Tok::RPAR; goto op; }
      "]"   { if (!close_bracket(s, ']')) return; kind = Tok::RSQB; goto op; }
      "}"   { if (!close_bracket(s, '}')) return; kind = Tok::RBRACE; goto op; }
      ":"   { kind = Tok::COLON; goto op; }
      ","   { kind = Tok::COMMA; goto op; }
      ";"   { kind = Tok::SEMI; goto op; }
      "+"   { kind = Tok::PLUS; goto op; }
      "-"   { kind = Tok::MINUS; goto op; }
      "*"   { kind = Tok::STAR; goto op; }
      "/"   { kind = Tok::SLASH; goto op; }
      "|"   { kind = Tok::VBAR; goto op; }
      "&"   { kind = Tok::AMPER; goto op; }
      "<"   { kind = Tok::LESS; goto op; }
      ">"   { kind = Tok::GREATER; goto op; }
      "="   { kind = Tok::EQUAL; goto op; }
      "."   { kind = Tok::DOT; goto op; }
      "%"   { kind = Tok::PERCENT; goto op; }
      "=="  { kind = Tok::EQEQUAL; goto op; }
      "!="  { kind = Tok::NOTEQUAL; goto op; }
      "<>"  { kind = Tok::NOTEQUAL; goto op; }
      "<="  { kind = Tok::LESSEQUAL; goto op; }
      ">="  { kind = Tok::GREATEREQUAL; goto op; }
      "~"   { kind = Tok::TILDE; goto op; }
      "^"   { kind = Tok::CIRCUMFLEX; goto op; }
      "<<"  { kind = Tok::LEFTSHIFT; goto op; }
      ">>"  { kind = Tok::RIGHTSHIFT; goto op; }
      "**"  { kind = Tok::DOUBLESTAR; goto op; }
      "+="  { kind = Tok::PLUSEQUAL; goto op; }
      "-="  { kind = Tok::MINEQUAL; goto op; }
      "*="  { kind = Tok::STAREQUAL; goto op; }
      "/="  { kind = Tok::SLASHEQUAL; goto op; }
      "%="  { kind = Tok::PERCENTEQUAL; goto op; }
      "&="  { kind = Tok::AMPEREQUAL; goto op; }
      "|="  { kind = Tok::VBAREQUAL; goto op; }
      "^="  { kind = Tok::CIRCUMFLEXEQUAL; goto op; }
      "<<=" { kind = Tok::LEFTSHIFTEQUAL; goto op; }
      ">>=" { kind = Tok::RIGHTSHIFTEQUAL; goto op; }
      "**=" { kind = Tok::DOUBLESTAREQUAL; goto op; }
      "//"  { kind = Tok::DOUBLESLASH; goto op; }
      "//=" { kind = Tok::DOUBLESLASHEQUAL; goto op; }
      "@"   { kind = Tok::AT; goto op; }
      "@="  { kind = Tok::ATEQUAL; goto op; }
      "->"  { kind = Tok::RARROW; goto op; }
      "..." { kind = Tok::ELLIPSIS; goto op; }
      ":="  { kind = Tok::COLONEQUAL; goto op; }
      "!"   { kind = Tok::EXCLAMATION; goto op; }

      *     { if (!bad_character(s)) return; continue; }
    */
  name:
    if (*p >= 0x80) {  // a name that continues with non-ASCII characters
      if (!lex_identifier_slow(s)) return;
      continue;
    }
    cur_ = p;
    emit_simple(kind, s, p);
    continue;
  op:
    cur_ = p;
    emit_simple(kind, s, p);
    continue;
  number:
    // The DFA took the longest well-formed number; a name character right after it
    // means CPython's scanner must decide (an error, or a keyword such as `1if`).
    if (is_ident_char(*p)) {
      if (!lex_number_slow(s)) return;
      continue;
    }
    cur_ = p;
    emit_simple(Tok::NUMBER, s, p);
    continue;
  string:
    if (!lex_string(s, p, quote, triple)) return;
    continue;
  comment:
    // cur_ is at the '\n' ending the comment (or at end of input); the NEWLINE token,
    // when there is one, starts at the '#', as CPython's does.
    if (*cur_ == '\n') {
      p = cur_ + 1;
      goto newline;
    }
    goto eof;
  newline:
    // s is the token start ('\n', or the '#' of a trailing comment); p is past '\n'.
    cur_ = p;
    atbol = true;
    if (blankline || level_ > 0) {
      newline_consumed(p);
      continue;
    }
    emit(Tok::NEWLINE, s, p - 1, lineno_, line_start_, lineno_, line_start_);
    newline_consumed(p);
    continue;
  eof:
    cur_ = lim_;
    end_of_input();
    return;
  }
}

}  // namespace

LexResult tokenize(std::string_view source, Arena& arena, const LexOptions& options) {
  LexResult result;
  Lexer lexer(source, arena, options, result);
  lexer.run();
  return result;
}

}  // namespace strata
