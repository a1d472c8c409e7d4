// tests/frontend/symtable_dump.cpp — prints the symbol tables of each file given on the
// command line (SymbolTable::dump()), or the error, for tests/frontend/symtable_compare.py
// to compare with python3.11's `_symtable`.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "frontend/arena.h"
#include "frontend/parser.h"
#include "frontend/symtable.h"

// --code: instead of the dump, one line per function scope with what the compiler takes
// from it (co_name-like name, code flags, cellvars, freevars), sorted, for comparison
// with the code objects python3.11 compiles.
static void code_lines(const strata::Scope& s, std::vector<std::string>& out) {
  if (s.type == strata::BlockType::Function) {
    std::string n(s.name);
    if (s.comprehension != strata::ComprehensionKind::None || n == "lambda") n = "<" + n + ">";
    std::string line = n + " " + std::to_string(s.code_flags()) + " cells:";
    // co_cellvars as a 3.11 code object reports them: a parameter that is a cell shares
    // its local's slot, so cell parameters come first, in parameter order.
    for (auto v : s.varnames)
      if (std::find(s.cellvars.begin(), s.cellvars.end(), v) != s.cellvars.end())
        line.append(" ").append(v);
    for (auto c : s.cellvars)
      if (std::find(s.varnames.begin(), s.varnames.end(), c) == s.varnames.end())
        line.append(" ").append(c);
    line += " free:";
    for (auto c : s.freevars) line.append(" ").append(c);
    out.push_back(line);
  } else if (s.type == strata::BlockType::Class) {
    std::string line = std::string(s.name) + " class cells:";
    for (auto c : s.cellvars) line.append(" ").append(c);
    line += " free:";
    for (auto c : s.freevars) line.append(" ").append(c);
    out.push_back(line);
  }
  for (auto* c : s.children) code_lines(*c, out);
}

int main(int argc, char** argv) {
  bool code = argc > 1 && std::string(argv[1]) == "--code";
  for (int i = 1 + code; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string src = ss.str();
    strata::Arena arena;
    strata::SyntaxErrorInfo err;
    std::cout << "=== " << argv[i] << "\n";
    strata::ast::Node* mod = strata::parse(src, argv[i], strata::ParseMode::Exec, arena, err);
    std::unique_ptr<strata::SymbolTable> table;
    if (mod) table = strata::build_symtable(mod, argv[i], src, err);
    if (!table) {
      std::cout << "ERROR " << err.type << ": " << err.msg << " @ " << err.lineno << ":"
                << err.col_offset << "-" << err.end_lineno << ":" << err.end_col_offset << "\n";
      continue;
    }
    if (code) {
      std::vector<std::string> lines;
      code_lines(*table->top, lines);
      std::sort(lines.begin(), lines.end());
      for (auto& l : lines) std::cout << l << "\n";
      continue;
    }
    std::cout << table->dump();
  }
  return 0;
}
