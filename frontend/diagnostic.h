// frontend/diagnostic.h — a syntax error as the front end reports it, and its printing
// in CPython's format.
#pragma once
#include <string>
#include <string_view>

namespace strata {

struct SyntaxErrorInfo {
  std::string type = "SyntaxError";  // or "IndentationError", "TabError"
  std::string msg;
  std::string filename;
  int lineno = 0;           // 1-based; 0 when unknown
  int col_offset = -1;      // 0-based UTF-8 byte offset into `text`; -1 when unknown
  int end_lineno = 0;       // 0 when unknown
  int end_col_offset = -1;  // exclusive, UTF-8 bytes, on end_lineno; -1 when unknown
  std::string text;         // the source line (with its newline), as SyntaxError.text
  // CPython turns the columns into SyntaxError.offset by counting characters of `text`
  // when its tokenizer knew the source's encoding; for an undeclared file (and for an
  // f-string's sub-parser) its parser's errors keep byte counts instead.
  bool byte_offsets = false;
};

// What CPython 3.11 prints for an uncaught SyntaxError (File/line header, the source
// line stripped of its indentation, the carets, "SyntaxError: msg").
std::string format_syntax_error(const SyntaxErrorInfo& error);

// For errors found after parsing (symbol table, compiler): CPython takes the shown line
// from the file named error.filename, read again from disk (PyErr_ProgramTextObject), so
// "<string>" and "<stdin>" show no line; and it keeps byte columns.
void set_program_text(SyntaxErrorInfo& error);

// The `index`-th (1-based) line of `source`, with its newline if it has one.
std::string_view source_line(std::string_view source, int lineno);

}  // namespace strata
