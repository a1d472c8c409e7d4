// tests/fuzz/fuzz_parser.cpp — the libFuzzer target for the front end: arbitrary bytes
// through strata::parse (as a module and as an expression), then through the dumper or
// the syntax-error printer, whichever the parse leads to.
//
// What a finding means: a crash, a sanitizer report, a leak, a hang (-timeout), or a broken
// contract of parser.h checked below: every input either yields a tree or fills a
// SyntaxErrorInfo that CPython could have raised. tests/fuzz/run drives it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "frontend/arena.h"
#include "frontend/ast_dump.h"
#include "frontend/diagnostic.h"
#include "frontend/parser.h"

namespace {

// A contract violation is reported like a crash so that libFuzzer saves the input.
[[noreturn]] void contract_broken(const char* what, const strata::SyntaxErrorInfo& error) {
  std::fprintf(stderr, "fuzz_parser: %s (type=%s msg=\"%s\" lineno=%d col=%d)\n", what,
               error.type.c_str(), error.msg.c_str(), error.lineno, error.col_offset);
  std::abort();
}

void check_error(const strata::SyntaxErrorInfo& error) {
  if (error.msg.empty()) contract_broken("parse failed without a message", error);
  if (error.type != "SyntaxError" && error.type != "IndentationError" &&
      error.type != "TabError") {
    contract_broken("error type is not SyntaxError/IndentationError/TabError", error);
  }
  if (error.lineno < 0 || error.end_lineno < 0) contract_broken("negative line number", error);
  if (error.col_offset < -1 || error.end_col_offset < -1) {
    contract_broken("column below -1", error);
  }
}

void parse_one(std::string_view source, strata::ParseMode mode) {
  strata::Arena arena;
  strata::SyntaxErrorInfo error;
  strata::ast::Node* tree = strata::parse(source, "<fuzz>", mode, arena, error);
  if (tree) {
    // The dumper walks every node and field: a malformed tree shows up here.
    std::string text = strata::ast::dump(tree, /*include_attributes=*/true, /*indent=*/3);
    if (text.empty()) contract_broken("empty dump of a tree", error);
  } else {
    check_error(error);
    std::string text = strata::format_syntax_error(error);
    if (text.empty()) contract_broken("empty syntax error report", error);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The bytes are passed exactly as libFuzzer owns them (a heap block of `size` bytes, no
  // terminator), so any read past the end of the source is an AddressSanitizer report.
  std::string_view source(reinterpret_cast<const char*>(data), size);
  parse_one(source, strata::ParseMode::Exec);
  parse_one(source, strata::ParseMode::Eval);
  return 0;
}
