// tests/unit/test_strings.cpp — string literals: escapes, concatenation, bytes, the
// f-string errors found before any expression is parsed, and \N{} names; expected
// values and messages are what python3.11 gives for the same source.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "frontend/ast_dump.h"
#include "frontend/strings.h"

namespace {

// The literals of one source line `x = A B C` followed by a NEWLINE token, positioned
// as the lexer positions them.
struct Run {
  std::vector<std::string> texts;
  std::vector<strata::Token> tokens;

  explicit Run(std::initializer_list<const char*> literals) {
    for (const char* l : literals) texts.emplace_back(l);
    int col = 4;
    for (const std::string& t : texts) {
      strata::Token tok{};
      tok.kind = strata::Tok::STRING;
      tok.text = t.data();
      tok.text_len = static_cast<uint32_t>(t.size());
      tok.lineno = tok.end_lineno = 1;
      tok.col_offset = col;
      tok.end_col_offset = col + static_cast<int>(t.size());
      col = tok.end_col_offset + 1;
      tokens.push_back(tok);
    }
    strata::Token newline{};
    newline.kind = strata::Tok::NEWLINE;
    newline.text = "";
    newline.lineno = newline.end_lineno = 1;
    newline.col_offset = newline.end_col_offset = col - 1;
    tokens.push_back(newline);
  }

  // The dump of the atom, or "error: MSG @ col" on a syntax error.
  std::string result() {
    strata::Arena arena;
    strata::SyntaxErrorInfo error;
    strata::ast::Node* node =
        strata::concatenate_strings(tokens.data(), texts.size(), arena, error);
    if (!node) return "error: " + error.msg + " @ " + std::to_string(error.col_offset);
    return strata::ast::dump(node, false, -1);
  }
};

std::string atom(std::initializer_list<const char*> literals) { return Run(literals).result(); }

}  // namespace

TEST_CASE("str escapes and concatenation") {
  CHECK(atom({R"("abc")"}) == "Constant(value='abc')");
  CHECK(atom({R"(u"abc")", R"('def')"}) == "Constant(value='abcdef', kind='u')");
  CHECK(atom({R"(U"abc")"}) == "Constant(value='abc')");
  CHECK(atom({R"("")", "''"}) == "Constant(value='')");
  CHECK(atom({R"("a\tb\\c\'d\"e\x41\u00e9\N{EM DASH}\101\7\d\a\b\f\v")"}) ==
        R"(Constant(value='a\tb\\c\'d"eAé—A\x07\\d\x07\x08\x0c\x0b'))");
  CHECK(atom({"\"a\\\nb\""}) == "Constant(value='ab')");
  CHECK(atom({R"("\777\0\12")"}) == "Constant(value='ǿ\\x00\\n')");
  CHECK(atom({R"("\ud800\U0001F600")"}) == "Constant(value='\\ud800😀')");
  CHECK(atom({R"(r"\n\x")", R"(R'\'')"}) == R"(Constant(value="\\n\\x\\'"))");
  CHECK(atom({"\"\"\"multi\nline\"\"\"", "'x'"}) == "Constant(value='multi\\nlinex')");
  CHECK(atom({R"("\N{latin small letter a}\N{LF}\N{HANGUL SYLLABLE GA}")"}) ==
        "Constant(value='a\\n가')");
}

TEST_CASE("bytes literals") {
  CHECK(atom({R"(b"abc")", R"(B'\x00\n')", R"(rb"\d")"}) ==
        R"(Constant(value=b'abc\x00\n\\d'))");
  CHECK(atom({R"(b"\xff\777\q")"}) == R"(Constant(value=b'\xff\xff\\q'))");
  CHECK(atom({R"(b"\x4")"}) == "error: (value error) invalid \\x escape at position 0 @ 10");
  CHECK(atom({"b\"\xc3\xa9\""}) == "error: bytes can only contain ASCII literal characters @ 9");
  CHECK(atom({R"("a")", R"(b"b")"}) == "error: cannot mix bytes and nonbytes literals @ 12");
  CHECK(atom({R"(b"a")", R"(f"b")"}) == "error: cannot mix bytes and nonbytes literals @ 13");
}

TEST_CASE("unicode escape errors count positions as CPython's codec does") {
  CHECK(atom({R"("\x")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: "
        "truncated \\xXX escape @ 8");
  CHECK(atom({"\"\xc3\xa9\\x\""}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 10-11: "
        "truncated \\xXX escape @ 10");
  CHECK(atom({R"("\uabc")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-4: "
        "truncated \\uXXXX escape @ 11");
  CHECK(atom({R"("ab\U00110000")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-11: "
        "illegal Unicode character @ 18");
  CHECK(atom({R"("\N{}")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: "
        "malformed \\N character escape @ 10");
  CHECK(atom({R"("\N[")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: "
        "malformed \\N character escape @ 9");
  CHECK(atom({R"("\N{hangul syllable ga}")"}) ==
        "error: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-21: "
        "unknown Unicode character name @ 28");
  // Unicode 15 and Tangut names are unknown to Python 3.11.
  CHECK(atom({R"("\N{SHAKING FACE}")"}).find("unknown Unicode character name") !=
        std::string::npos);
  CHECK(atom({R"("\N{TANGUT IDEOGRAPH-17000}")"}).find("unknown Unicode character name") !=
        std::string::npos);
}

TEST_CASE("f-strings without fields") {
  CHECK(atom({R"(f"")"}) == "JoinedStr(values=[])");
  CHECK(atom({R"(f"abc")"}) == "JoinedStr(values=[Constant(value='abc')])");
  CHECK(atom({R"("")", R"(f"")", R"("")"}) == "JoinedStr(values=[])");
  CHECK(atom({R"(f'{{x}}')", R"(f"}}")"}) == "JoinedStr(values=[Constant(value='{x}}')])");
  CHECK(atom({R"(u"a")", R"(f"b")"}) == "JoinedStr(values=[Constant(value='ab', kind='u')])");
}

TEST_CASE("f-string errors found before the expression is parsed") {
  CHECK(atom({R"(f"{}")"}) == "error: f-string: empty expression not allowed @ 9");
  CHECK(atom({R"(f"{ 	}")"}) == "error: f-string: empty expression not allowed @ 11");
  CHECK(atom({R"(f"}")"}) == "error: f-string: single '}' is not allowed @ 8");
  CHECK(atom({R"(f"{a")"}) == "error: f-string: expecting '}' @ 9");
  CHECK(atom({R"(f"{a#}")"}) == "error: f-string expression part cannot include '#' @ 11");
  CHECK(atom({R"(f"{\n}")"}) ==
        "error: f-string expression part cannot include a backslash @ 11");
  CHECK(atom({R"(f"{a)}")"}) == "error: f-string: unmatched ')' @ 11");
  CHECK(atom({R"(f"{(a]}")"}) ==
        "error: f-string: closing parenthesis ']' does not match opening parenthesis '(' @ 12");
  CHECK(atom({R"(f"{(a}")"}) ==
        "error: f-string: closing parenthesis '}' does not match opening parenthesis '(' @ 11");
  CHECK(atom({R"(f"{'a}")"}) == "error: f-string: unterminated string @ 11");
  CHECK(atom({R"(f"{((a}")"}).find("f-string: closing parenthesis") != std::string::npos);
  CHECK(atom({R"(f"\N{DASH")"}).find("malformed \\N character escape") != std::string::npos);
}

TEST_CASE("f-string fields: parts carry the run's position, expressions their own") {
  // x = f"{x!r}{x}" f"{y:>{w}}"
  Run run({R"(f"{x!r}{x}")", R"(f"{y:>{w}}")"});
  strata::Arena arena;
  strata::SyntaxErrorInfo error;
  strata::ast::Node* node = strata::concatenate_strings(run.tokens.data(), 2, arena, error);
  REQUIRE(node != nullptr);
  CHECK(strata::ast::dump(node, true, -1) ==
        "JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, "
        "col_offset=7, end_lineno=1, end_col_offset=8), conversion=114, lineno=1, "
        "col_offset=4, end_lineno=1, end_col_offset=27), FormattedValue(value=Name(id='x', "
        "ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), "
        "conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=27), "
        "FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=19, end_lineno=1, "
        "end_col_offset=20), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>', "
        "lineno=1, col_offset=4, end_lineno=1, end_col_offset=27), FormattedValue(value=Name("
        "id='w', ctx=Load(), lineno=1, col_offset=23, end_lineno=1, end_col_offset=24), "
        "conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=27)], lineno=1, "
        "col_offset=16, end_lineno=1, end_col_offset=27), lineno=1, col_offset=4, "
        "end_lineno=1, end_col_offset=27)], lineno=1, col_offset=4, end_lineno=1, "
        "end_col_offset=27)");
  CHECK(atom({R"(f"{x=}")"}) ==
        "JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', "
        "ctx=Load()), conversion=114)])");
  CHECK(atom({R"(f"{:}")"}) == "error: f-string: expression required before ':' @ 10");
}
