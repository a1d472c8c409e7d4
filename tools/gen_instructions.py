#!/usr/bin/env python3.11
"""STUB generator (the instructions helper replaces it): vm/instructions.def -> opcodes.h/.cpp."""
import re, sys

src, out_h, out_cpp = sys.argv[1:4]
names = [m.group(1) for m in re.finditer(r'^(?:inst|pseudo)\s+(\w+)', open(src).read(), re.M)]
with open(out_h, 'w') as f:
    f.write('// Generated from vm/instructions.def by tools/gen_instructions.py. Do not edit.\n')
    f.write('#pragma once\n#include <cstdint>\nnamespace strata {\nenum class Op : uint8_t {\n')
    f.write(''.join(f'  {n},\n' for n in names))
    f.write('};\nconst char* op_name(Op op);\n}  // namespace strata\n')
with open(out_cpp, 'w') as f:
    f.write('// Generated from vm/instructions.def by tools/gen_instructions.py. Do not edit.\n')
    f.write('#include "vm/opcodes.h"\nnamespace strata {\nconst char* op_name(Op op) {\n')
    f.write('  static const char* const names[] = {' + ', '.join(f'"{n}"' for n in names) + '};\n')
    f.write('  return names[static_cast<int>(op)];\n}\n}  // namespace strata\n')
