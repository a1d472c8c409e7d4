// tests/unit/test_lexer.cpp — the tokenizer and decode_source. Expected kinds,
// positions and messages are CPython 3.11's (its C tokenizer, as the parser and
// `python3.11 FILE` show them; columns converted to UTF-8 bytes).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "frontend/lexer.h"

using strata::Tok;

namespace {

struct Lexed {
  strata::Arena arena;
  strata::LexResult result;
};

std::string lex_kinds(std::string_view src) {
  strata::Arena arena;
  strata::LexResult r = strata::tokenize(src, arena);
  std::string out;
  for (const auto& t : r.tokens) {
    if (!out.empty()) out += ' ';
    out += strata::token_name(t.kind);
  }
  return out;
}

// "KIND l,c-l,c" for each token.
std::vector<std::string> lex_spans(std::string_view src, const strata::LexOptions& opt = {}) {
  strata::Arena arena;
  strata::LexResult r = strata::tokenize(src, arena, opt);
  std::vector<std::string> out;
  for (const auto& t : r.tokens) {
    out.push_back(std::string(strata::token_name(t.kind)) + " " + std::to_string(t.lineno) +
                  "," + std::to_string(t.col_offset) + "-" + std::to_string(t.end_lineno) +
                  "," + std::to_string(t.end_col_offset));
  }
  return out;
}

// The error as "Type: msg @line,col-end_line,end_col".
std::string lex_error(std::string_view src) {
  strata::Arena arena;
  strata::LexResult r = strata::tokenize(src, arena);
  if (r.tokens.back().kind != Tok::ERRORTOKEN) return "OK";
  const auto& e = r.error;
  return e.type + ": " + e.msg + " @" + std::to_string(e.lineno) + "," +
         std::to_string(e.col_offset) + "-" + std::to_string(e.end_lineno) + "," +
         std::to_string(e.end_col_offset);
}

}  // namespace

TEST_CASE("lexer: names, keywords, operators and positions") {
  CHECK(lex_kinds("x = a.b(1, **k) >>= ...\n") ==
        "NAME EQUAL NAME DOT NAME LPAR NUMBER COMMA DOUBLESTAR NAME RPAR RIGHTSHIFTEQUAL "
        "ELLIPSIS NEWLINE ENDMARKER");
  CHECK(lex_kinds("if not x: pass\nmatch case _\n") ==
        "KW_IF KW_NOT NAME COLON KW_PASS NEWLINE NAME NAME NAME NEWLINE ENDMARKER");
  CHECK(lex_kinds("a->b:=c//=d@=e!=f<>g\n") ==
        "NAME RARROW NAME COLONEQUAL NAME DOUBLESLASHEQUAL NAME ATEQUAL NAME NOTEQUAL NAME "
        "NOTEQUAL NAME NEWLINE ENDMARKER");
  CHECK(lex_spans("def f(x):\n    return x\n") ==
        std::vector<std::string>{"KW_DEF 1,0-1,3", "NAME 1,4-1,5", "LPAR 1,5-1,6",
                                 "NAME 1,6-1,7", "RPAR 1,7-1,8", "COLON 1,8-1,9",
                                 "NEWLINE 1,9-1,9", "INDENT 2,-1-2,-1", "KW_RETURN 2,4-2,10",
                                 "NAME 2,11-2,12", "NEWLINE 2,12-2,12", "DEDENT 2,-1-2,-1",
                                 "ENDMARKER 2,-1-2,-1"});
}

TEST_CASE("lexer: NEWLINE rules") {
  // Blank and comment-only lines give nothing; a trailing comment starts the NEWLINE.
  CHECK(lex_spans("\n  # c\nx  # d\n\n") ==
        std::vector<std::string>{"NAME 3,0-3,1", "NEWLINE 3,3-3,6", "ENDMARKER 4,-1-4,-1"});
  // A missing final newline is supplied.
  CHECK(lex_spans("x") ==
        std::vector<std::string>{"NAME 1,0-1,1", "NEWLINE 1,1-1,1", "ENDMARKER 1,-1-1,-1"});
  CHECK(lex_spans("") == std::vector<std::string>{"ENDMARKER 0,-1-0,-1"});
  // Inside brackets newlines are ignored; a backslash joins lines.
  CHECK(lex_kinds("x = (1,\n  2)\ny = 1 + \\\n  2\n") ==
        "NAME EQUAL LPAR NUMBER COMMA NUMBER RPAR NEWLINE NAME EQUAL NUMBER PLUS NUMBER "
        "NEWLINE ENDMARKER");
  CHECK(lex_spans("y = 1 + \\\n  2\n")[4] == "NUMBER 2,2-2,3");
}

TEST_CASE("lexer: indentation") {
  CHECK(lex_kinds("if a:\n\tif b:\n\t\tc\nd\n") ==
        "KW_IF NAME COLON NEWLINE INDENT KW_IF NAME COLON NEWLINE INDENT NAME NEWLINE DEDENT "
        "DEDENT NAME NEWLINE ENDMARKER");
  CHECK(lex_error("if a:\n  if b:\n\tc\n") ==
        "TabError: inconsistent use of tabs and spaces in indentation @3,0-3,-1");
  CHECK(lex_error("if x:\n    a\n  b\n") ==
        "IndentationError: unindent does not match any outer indentation level @3,3-3,-1");
  CHECK(lex_error("if x:\n\tif y:\n        a\n") ==
        "TabError: inconsistent use of tabs and spaces in indentation @3,0-3,-1");
  CHECK(lex_error("if x:\n        a\n\tb\n") ==
        "TabError: inconsistent use of tabs and spaces in indentation @3,0-3,-1");
  std::string deep;
  for (int i = 0; i <= 100; ++i) deep += std::string(i, ' ') + "if x:\n";
  CHECK(lex_error(deep) == "IndentationError: too many levels of indentation @101,0-101,-1");
  // A form feed resets the column.
  CHECK(lex_kinds("if x:\n    a\n  \f    b\n") ==
        "KW_IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT ENDMARKER");
  CHECK(lex_error("if x:\n    a\n\f b\n") ==
        "IndentationError: unindent does not match any outer indentation level @3,3-3,-1");
}

TEST_CASE("lexer: numbers") {
  CHECK(lex_kinds("0 00 0_0 1_000 0x_1f 0o17 0b1_0 1. .5 1e5 1.5E-3j 7j 09.5 0e0\n") ==
        "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER "
        "NUMBER NUMBER NEWLINE ENDMARKER");
  // A keyword right after a number is accepted (CPython only warns).
  CHECK(lex_kinds("1if x else 0x1for\n") ==
        "NUMBER KW_IF NAME KW_ELSE NUMBER KW_OR NEWLINE ENDMARKER");
  CHECK(lex_error("x = 1abc\n") == "SyntaxError: invalid decimal literal @1,4-1,4");
  CHECK(lex_error("1__0\n") == "SyntaxError: invalid decimal literal @1,1-1,1");
  CHECK(lex_error("0xg\n") == "SyntaxError: invalid hexadecimal literal @1,1-1,1");
  CHECK(lex_error("0o18\n") == "SyntaxError: invalid digit '8' in octal literal @1,3-1,3");
  CHECK(lex_error("0o\n") == "SyntaxError: invalid octal literal @1,1-1,1");
  CHECK(lex_error("0b12\n") == "SyntaxError: invalid digit '2' in binary literal @1,3-1,3");
  CHECK(lex_error("000777\n") ==
        "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o "
        "prefix for octal integers @1,0-1,3");
  CHECK(lex_error("1e+x\n") == "SyntaxError: invalid decimal literal @1,2-1,2");
  CHECK(lex_error("1.5j2\n") == "SyntaxError: invalid imaginary literal @1,3-1,3");
  CHECK(lex_error("1.__class__\n") == "SyntaxError: invalid decimal literal @1,1-1,1");
}

TEST_CASE("lexer: strings") {
  CHECK(lex_kinds("'a' \"b\" r'\\'' Rb\"x\" bR'' f'{x}' Fr'' u'' '''a\n''' \"\"\"\"\"\"\n") ==
        "STRING STRING STRING STRING STRING STRING STRING STRING STRING STRING NEWLINE "
        "ENDMARKER");
  CHECK(lex_kinds("ub'' bu''\n") == "NAME STRING NAME STRING NEWLINE ENDMARKER");
  auto spans = lex_spans("s = rb\"\"\"a\nbc\"\"\" + 'x\\\ny'\n");
  CHECK(spans[2] == "STRING 1,4-2,5");
  CHECK(spans[4] == "STRING 2,8-3,2");
  strata::Arena arena;
  auto r = strata::tokenize("x = f'{a}' 'b'\n", arena);
  CHECK(std::string_view(r.tokens[2].text, r.tokens[2].text_len) == "f'{a}'");
  CHECK(lex_error("x = 'abc\n") ==
        "SyntaxError: unterminated string literal (detected at line 1) @1,4-1,4");
  CHECK(lex_error("x = 'abc\\\ndef\n") ==
        "SyntaxError: unterminated string literal (detected at line 2) @1,4-1,4");
  CHECK(lex_error("\nx = '''abc\n\ndef\n") ==
        "SyntaxError: unterminated triple-quoted string literal (detected at line 4) @2,4-2,4");
}

TEST_CASE("lexer: brackets") {
  CHECK(lex_error("x = (1,\n") == "SyntaxError: '(' was never closed @1,4-1,-1");
  CHECK(lex_error("x = [1, (2\n\n") == "SyntaxError: '(' was never closed @1,8-1,-1");
  CHECK(lex_error("x = (]\n") ==
        "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1,5-1,5");
  CHECK(lex_error("x = (\n]\n") ==
        "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 "
        "@2,0-2,0");
  CHECK(lex_error("x = )\n") == "SyntaxError: unmatched ')' @1,4-1,4");
  CHECK(lex_error("x = " + std::string(201, '(') + "\n") ==
        "SyntaxError: too many nested parentheses @1,204-1,204");
  CHECK(lex_error(std::string(100000, '[')) ==
        "SyntaxError: too many nested parentheses @1,200-1,200");
}

TEST_CASE("lexer: line continuation and odd characters") {
  CHECK(lex_error("x = 1 \\ y\n") ==
        "SyntaxError: unexpected character after line continuation character @1,7-1,-1");
  CHECK(lex_error("x = 1 \\") == "SyntaxError: unexpected EOF while parsing @1,7-1,-1");
  CHECK(lex_error("x = 1\n\\\n") == "SyntaxError: unexpected EOF while parsing @2,-1-2,-1");
  // '$' is an operator no rule accepts: the parser rejects it, the tokenizer goes on.
  CHECK(lex_kinds("x = $ 1\n") == "NAME EQUAL STRAY NUMBER NEWLINE ENDMARKER");
  CHECK(lex_error("x = \x01\n") == "SyntaxError: invalid non-printable character U+0001 @1,4-1,4");
  CHECK(lex_error("x = a\u20acb\n") == "SyntaxError: invalid character '\u20ac' (U+20AC) @1,5-1,5");
  CHECK(lex_error("x\u00a0= 1\n") == "SyntaxError: invalid non-printable character U+00A0 @1,1-1,1");
  CHECK(lex_error(std::string("x = 1\ny = 2\0\n", 13)) ==
        "SyntaxError: source code cannot contain null bytes @2,-1-2,-1");
  CHECK(lex_error(std::string("x = 1abc\n\0", 10)) ==
        "SyntaxError: invalid decimal literal @1,4-1,4");
}

TEST_CASE("lexer: non-ASCII names are NFKC-normalized; positions in bytes") {
  strata::Arena arena;
  auto r = strata::tokenize("\u00e9t\u00e9 = \uFB01x\n", arena);
  REQUIRE(r.tokens.size() == 5);
  CHECK(r.tokens[0].kind == Tok::NAME);
  CHECK(std::string_view(r.tokens[0].text, r.tokens[0].text_len) == "\u00e9t\u00e9");
  CHECK(r.tokens[0].end_col_offset == 5);
  CHECK(std::string_view(r.tokens[2].text, r.tokens[2].text_len) == "fix");
  CHECK(r.tokens[2].col_offset == 8);
  CHECK(r.tokens[2].end_col_offset == 12);
}

TEST_CASE("lexer: first_lineno / first_col shift positions") {
  strata::LexOptions opt;
  opt.first_lineno = 5;
  opt.first_col = 10;
  CHECK(lex_spans("(a +\nb)", opt) ==
        std::vector<std::string>{"LPAR 5,10-5,11", "NAME 5,11-5,12", "PLUS 5,13-5,14",
                                 "NAME 6,0-6,1", "RPAR 6,1-6,2", "NEWLINE 6,2-6,2",
                                 "ENDMARKER 6,-1-6,-1"});
}

TEST_CASE("lexer: garbage never crashes") {
  std::string junk;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245u + 12345u;
    junk += static_cast<char>(x >> 24);
  }
  for (size_t len = 0; len < junk.size(); len += 997) {
    strata::Arena arena;
    auto r = strata::tokenize(std::string_view(junk).substr(0, len), arena);
    REQUIRE(!r.tokens.empty());
    CHECK((r.tokens.back().kind == Tok::ENDMARKER || r.tokens.back().kind == Tok::ERRORTOKEN));
  }
}

TEST_CASE("decode_source: BOM, coding declarations, newlines") {
  std::string out;
  strata::SyntaxErrorInfo e;
  CHECK(strata::decode_source("\xEF\xBB\xBFx = 1\r\ny = 2\r", out, e));
  CHECK(out == "x = 1\ny = 2\n");
  CHECK(strata::decode_source("#!/usr/bin/python\n# -*- coding: latin-1 -*-\ns = '\xE9'\n", out, e));
  CHECK(out == "#!/usr/bin/python\n# -*- coding: latin-1 -*-\ns = '\xC3\xA9'\n");
  CHECK(!strata::decode_source("# coding: foobar\n", out, e));
  CHECK(e.msg == "encoding problem: foobar");
  CHECK(strata::decode_source("x = 1\n# coding: foobar\n", out, e));  // line 1 is code
  CHECK(!strata::decode_source("\xEF\xBB\xBF# coding: latin-1\n", out, e));
  CHECK(e.msg == "encoding problem: iso-8859-1 with BOM");
  CHECK(!strata::decode_source("# vim: set fileencoding=ascii :\ns = '\xC3\xA9'\n", out, e));
  CHECK(e.msg == "encoding problem: ascii");
  strata::SyntaxErrorInfo named;
  named.filename = "t.py";
  CHECK(!strata::decode_source("x = 1\ny = '\xC3'\n", out, named));
  CHECK(named.msg ==
        "Non-UTF-8 code starting with '\\xc3' in file t.py on line 2, but no encoding "
        "declared; see https://peps.python.org/pep-0263/ for details");
}
