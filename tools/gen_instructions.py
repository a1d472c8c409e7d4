#!/usr/bin/env python3.11
"""tools/gen_instructions.py — vm/instructions.def -> opcodes.h + opcodes.cpp.

    gen_instructions.py DEF OUT_H OUT_CPP

Meson runs it at build time (vm/meson.build); its output is never edited by hand. The
definition format is documented at the top of vm/instructions.def; so is what the
generated header offers. tests/generator/ holds a small .def and the exact output
expected for it (tests/run's `generator` suite compares and compiles it).

Numbering: CACHE is 0; then the real opcodes that take no oparg, in file order; then
(from HAVE_ARGUMENT) those that do, in file order. Pseudo opcodes count from 256, micro-ops
from 0 in their own enum. Any error in the definitions stops the build with FILE:LINE.
"""
import hashlib
import re
import sys
import textwrap
from dataclasses import dataclass, field

KEYWORDS = ('inst', 'pseudo', 'uop', 'enum')
MIN_PSEUDO = 256
INVALID_STACK_EFFECT = 0x7fffffff

# Flag name -> (C++ bit name, description); the bit order is the order here.
OP_FLAGS = [
    ('arg', 'OPF_ARG', 'takes an oparg (EXTENDED_ARG prefixes extend it)'),
    ('jump', 'OPF_JUMP', 'oparg is a jump (relative; a label for pseudo ops)'),
    ('jump_backward', 'OPF_JUMP_BACKWARD', 'the jump goes backward'),
    ('const', 'OPF_CONST', 'oparg indexes co_consts'),
    ('name', 'OPF_NAME', 'name_index(op, oparg) indexes co_names'),
    ('local', 'OPF_LOCAL', 'oparg indexes localsplus (a plain local)'),
    ('free', 'OPF_FREE', 'oparg indexes localsplus (a cell or free variable)'),
    ('compare', 'OPF_COMPARE', 'compare_index(op, oparg) is a CompareOp'),
    ('raises', 'OPF_RAISES', 'may raise an exception'),
    ('terminates', 'OPF_TERMINATES', 'leaves the frame (return, raise)'),
    ('no_fallthrough', 'OPF_NO_FALLTHROUGH', 'never continues with the next instruction'),
    ('block_push', 'OPF_BLOCK_PUSH', 'SETUP_*: its label is an exception handler'),
    ('pseudo', 'OPF_PSEUDO', 'a pseudo opcode (>= kMinPseudoOp)'),
    ('specialized', 'OPF_SPECIALIZED', 'a specialized form: deopt(op) != op'),
]
UOP_FLAGS = [
    ('can_exit', 'UOPF_CAN_EXIT', 'may leave the superblock through an exit'),
    ('has_side_effects', 'UOPF_HAS_SIDE_EFFECTS', 'not removable when its result is unused'),
    ('escapes', 'UOPF_ESCAPES', 'may run arbitrary code (calls out)'),
]
SIMPLE_FLAGS = {'arg', 'jump', 'jump_backward', 'const', 'local', 'free', 'raises',
                'terminates', 'no_fallthrough', 'block_push'}


class DefError(Exception):
    pass


# -- Lexer -----------------------------------------------------------------------------

@dataclass
class Tok:
    kind: str      # 'id', 'num', 'str', 'op', 'body'
    text: str
    line: int
    first: bool    # first token on its line
    comment: str = ''  # for the first token of an entry: the comment lines just above


TOKEN_RE = re.compile(r'''
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>//[^\n]*)
  | (?P<id>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<num>0[xX][0-9a-fA-F]+|[0-9]+)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<op>--|==|!=|<=|>=|<<|>>|&&|\|\||[-+*/%&|^~!<>()\[\],=?:{}])
''', re.X)


def skip_body(src: str, pos: int, line: int, path: str) -> tuple[int, int]:
    """From the '{' at pos, returns the position after its matching '}' and the line
    there. Braces inside C++ strings, character literals and comments do not count."""
    depth = 0
    i = pos
    n = len(src)
    start_line = line
    while i < n:
        c = src[i]
        if c == '\n':
            line += 1
        elif c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return i + 1, line
        elif c in '"\'':
            j = i + 1
            while j < n and src[j] != c:
                if src[j] == '\\':
                    j += 1
                elif src[j] == '\n':
                    raise DefError(f'{path}:{line}: unterminated literal in a body')
                j += 1
            i = j
        elif src.startswith('//', i):
            j = src.find('\n', i)
            i = (j if j >= 0 else n) - 1
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2)
            if j < 0:
                raise DefError(f'{path}:{line}: unterminated comment in a body')
            line += src.count('\n', i, j)
            i = j + 1
        i += 1
    raise DefError(f'{path}:{start_line}: body without its closing brace')


def lex(src: str, path: str) -> list[Tok]:
    toks: list[Tok] = []
    pos, line, first = 0, 1, True
    comment: list[str] = []      # the comment-only lines just above the current line
    line_comment = False         # the current line holds a comment
    while pos < len(src):
        if src[pos] == '{':
            # The DSL has no other use for braces: this is a C++ body.
            end, new_line = skip_body(src, pos, line, path)
            toks.append(Tok('body', src[pos:end], line, first))
            pos, line, first = end, new_line, False
            continue
        m = TOKEN_RE.match(src, pos)
        if not m:
            raise DefError(f'{path}:{line}: unexpected character {src[pos]!r}')
        kind, text, pos = m.lastgroup, m.group(), m.end()
        if kind == 'nl':
            if first and not line_comment:
                comment = []     # a blank line separates a comment from what follows
            line += 1
            first, line_comment = True, False
        elif kind == 'ws':
            pass
        elif kind == 'comment':
            line_comment = True
            if first:
                comment.append(text[2:].strip())
        else:
            toks.append(Tok(kind, text, line, first, ' '.join(comment) if first else ''))
            if first:
                comment = []
            first = False
    return toks


# -- Parser ----------------------------------------------------------------------------

@dataclass
class Item:
    name: str
    size: str | None = None   # array: C expression of oparg
    cond: str | None = None   # conditional: C expression of oparg


@dataclass
class Stack:
    inputs: list[Item]
    outputs: list[Item]


@dataclass
class Entry:
    kind: str                 # inst, pseudo, uop
    name: str
    line: int
    comment: str
    stack: Stack
    flags: set[str] = field(default_factory=set)
    branch: Stack | None = None
    name_expr: str = 'oparg'
    compare_expr: str = 'oparg'
    cache: list[tuple[str, int]] = field(default_factory=list)
    family: str | None = None
    becomes: list[str] = field(default_factory=list)
    body: str | None = None
    number: int = -1


@dataclass
class Enum:
    name: str
    line: int
    comment: str
    values: list[tuple[str, int, str]]


class Parser:
    def __init__(self, toks: list[Tok], path: str):
        self.toks, self.i, self.path = toks, 0, path
        self.enum_values: dict[str, int] = {}

    def error(self, msg: str, tok: Tok | None = None) -> DefError:
        tok = tok or (self.toks[self.i] if self.i < len(self.toks) else self.toks[-1])
        return DefError(f'{self.path}:{tok.line}: {msg}')

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def at_entry_start(self) -> bool:
        t = self.peek()
        return t is None or (t.first and t.kind == 'id' and t.text in KEYWORDS)

    def next(self) -> Tok:
        t = self.peek()
        if t is None:
            raise self.error('unexpected end of file')
        self.i += 1
        return t

    def expect(self, text: str) -> Tok:
        t = self.next()
        if t.text != text:
            raise self.error(f'expected {text!r}, found {t.text!r}', t)
        return t

    def ident(self) -> Tok:
        t = self.next()
        if t.kind != 'id':
            raise self.error(f'expected a name, found {t.text!r}', t)
        return t

    def expression(self, closers: str) -> str:
        """C expression text up to (not including) a closer at nesting depth 0."""
        parts: list[str] = []
        depth = 0
        while True:
            t = self.peek()
            if t is None or t.kind == 'body':
                raise self.error('unterminated expression')
            if depth == 0 and t.text in closers:
                break
            if t.text in '([':
                depth += 1
            elif t.text in ')]':
                depth -= 1
            if t.kind == 'id' and t.text != 'oparg':
                raise self.error(f'an expression may use only oparg, not {t.text!r}', t)
            if t.kind == 'str' or t.text in ('{', '}', ','):
                raise self.error(f'unexpected {t.text!r} in an expression', t)
            parts.append(t.text)
            self.i += 1
        if not parts:
            raise self.error('empty expression')
        out = ''
        for p in parts:
            if out and not (out[-1] in '([~!' or p in ')]'):
                out += ' '
            out += p
        return out

    def stack(self, closer: str) -> Stack:
        """`IN, IN -- OUT, OUT` up to closer (consumed)."""
        sides: list[list[Item]] = [[], []]
        side = 0
        while True:
            t = self.peek()
            if t is None:
                raise self.error('unterminated stack effect')
            if t.text == closer:
                self.i += 1
                break
            if t.text == '--':
                if side == 1:
                    raise self.error("two '--' in one stack effect", t)
                side = 1
                self.i += 1
                continue
            item = Item(self.ident().text)
            nt = self.peek()
            if nt and nt.text == '[':
                self.i += 1
                item.size = self.expression(']')
                self.expect(']')
            elif nt and nt.text == 'if':
                self.i += 1
                self.expect('(')
                item.cond = self.expression(')')
                self.expect(')')
            sides[side].append(item)
            nt = self.peek()
            if nt and nt.text == ',':
                self.i += 1
            elif nt is None or nt.text not in ('--', closer):
                raise self.error(f"expected ',', '--' or {closer!r} in a stack effect", nt)
        if side == 0:
            raise self.error("a stack effect needs '--'")
        return Stack(sides[0], sides[1])

    def name_list(self) -> list[str]:
        names = [self.ident().text]
        while self.peek() and self.peek().text == ',':
            self.i += 1
            names.append(self.ident().text)
        self.expect(')')
        return names

    def parse(self) -> tuple[list[Entry], list[Enum]]:
        entries: list[Entry] = []
        enums: list[Enum] = []
        while self.peek() is not None:
            t = self.next()
            if not (t.first and t.kind == 'id' and t.text in KEYWORDS):
                raise self.error(f'expected an entry (inst, pseudo, uop, enum), found {t.text!r}', t)
            if t.text == 'enum':
                enums.append(self.enum(t))
            else:
                entries.append(self.entry(t))
        return entries, enums

    def enum_expression(self, enum_name: str) -> int:
        """The value of `(EXPR)` after an enum entry's `=` (the '(' consumed): integer
        literals and entries of enums defined earlier, with C's integer operators. An
        oparg encoding that combines fields (COMPARE_OP's cmp << 4 | mask) is written
        once this way, in this file."""
        parts: list[str] = []
        depth = 1
        while True:
            t = self.next()
            if t.kind == 'body' or t.kind == 'str':
                raise self.error(f'unexpected {t.text!r} in enum {enum_name}', t)
            if t.text == '(':
                depth += 1
            elif t.text == ')':
                depth -= 1
                if depth == 0:
                    break
            if t.kind == 'id':
                if t.text not in self.enum_values:
                    raise self.error(f'{t.text} is no earlier enum entry', t)
                parts.append(str(self.enum_values[t.text]))
            elif t.kind == 'num':
                parts.append(str(int(t.text, 0)))
            elif t.text in ('(', ')', '|', '&', '^', '<<', '>>', '+', '-', '*', '~'):
                parts.append(t.text)
            else:
                raise self.error(f'unexpected {t.text!r} in enum {enum_name}', t)
        if not parts:
            raise self.error(f'empty expression in enum {enum_name}')
        try:
            # Only integers and the operators above reach eval.
            return int(eval(' '.join(parts), {'__builtins__': {}}, {}))
        except Exception as exc:
            raise self.error(f'bad expression in enum {enum_name}: {exc}')

    def enum(self, kw: Tok) -> Enum:
        name = self.ident().text
        self.expect('(')
        values: list[tuple[str, int, str]] = []
        value = 0
        while True:
            ent = self.ident().text
            t = self.peek()
            if t and t.text == '=':
                self.i += 1
                num = self.next()
                if num.text == '(':
                    value = self.enum_expression(name)
                elif num.kind == 'num':
                    value = int(num.text, 0)
                else:
                    raise self.error('expected a number or a (expression) after =', num)
            text = ent
            t = self.peek()
            if t and t.kind == 'str':
                self.i += 1
                text = t.text[1:-1]
            values.append((ent, value, text))
            self.enum_values[ent] = value
            value += 1
            t = self.next()
            if t.text == ')':
                break
            if t.text != ',':
                raise self.error(f"expected ',' or ')' in enum {name}", t)
        if not self.at_entry_start():
            raise self.error(f'unexpected {self.peek().text!r} after enum {name}')
        return Enum(name, kw.line, kw.comment, values)

    def entry(self, kw: Tok) -> Entry:
        name_tok = self.ident()
        name = name_tok.text
        if not re.fullmatch(r'[A-Z][A-Z0-9_]*', name):
            raise self.error(f'{name}: instruction names are UPPER_CASE', name_tok)
        if not kw.comment.startswith(name + ':'):
            raise self.error(f'{name}: needs a comment line "// {name}: what it does" above it',
                             kw)
        self.expect('(')
        e = Entry(kw.text, name, kw.line, kw.comment[len(name) + 1:].strip(), self.stack(')'))
        if kw.text == 'pseudo':
            e.flags.add('pseudo')
        while not self.at_entry_start():
            t = self.next()
            if t.kind == 'body':
                e.body = t.text
                if not self.at_entry_start():
                    raise self.error(f'{name}: nothing may follow the body', self.peek())
                break
            if t.kind != 'id':
                raise self.error(f'{name}: expected a flag, found {t.text!r}', t)
            f = t.text
            has_parens = self.peek() is not None and self.peek().text == '('
            if f in SIMPLE_FLAGS and not has_parens:
                e.flags.add(f)
                if f == 'jump_backward':
                    e.flags.add('jump')
                if f == 'terminates':
                    e.flags.add('no_fallthrough')
            elif f in ('name', 'compare'):
                e.flags.add(f)
                if has_parens:
                    self.i += 1
                    expr = self.expression(')')
                    self.expect(')')
                    setattr(e, f + '_expr', expr)
            elif f == 'branch' and has_parens:
                self.i += 1
                e.branch = self.stack(')')
            elif f == 'cache' and has_parens:
                self.i += 1
                while True:
                    cname = self.ident().text
                    size = 1
                    if self.peek() and self.peek().text == '[':
                        self.i += 1
                        num = self.next()
                        if num.kind != 'num' or int(num.text, 0) < 1:
                            raise self.error(f'{name}: cache sizes are positive numbers', num)
                        size = int(num.text, 0)
                        self.expect(']')
                    e.cache.append((cname, size))
                    t2 = self.next()
                    if t2.text == ')':
                        break
                    if t2.text != ',':
                        raise self.error(f"{name}: expected ',' or ')' in cache(...)", t2)
            elif f == 'family' and has_parens:
                self.i += 1
                e.family = self.ident().text
                self.expect(')')
                e.flags.add('specialized')
            elif f == 'becomes' and has_parens:
                self.i += 1
                e.becomes = self.name_list()
            elif f in ('can_exit', 'has_side_effects', 'escapes') and not has_parens:
                if kw.text != 'uop':
                    raise self.error(f'{name}: {f} is a micro-op flag', t)
                e.flags.add(f)
            else:
                raise self.error(f'{name}: unknown flag {f!r}' + (' (or wrong arguments)'
                                                                  if has_parens else ''), t)
        return e


# -- Checks and numbering ---------------------------------------------------------------

def uses_oparg(stack: Stack | None) -> bool:
    if stack is None:
        return False
    return any(it.size or it.cond for it in stack.inputs + stack.outputs)


def check_and_number(entries: list[Entry], enums: list[Enum], path: str) -> None:
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.name in seen:
            raise DefError(f'{path}:{e.line}: {e.name} defined twice')
        seen[e.name] = e
    enum_names: set[str] = set()
    for en in enums:
        for ent, _, _ in en.values:
            if ent in enum_names or ent in seen:
                raise DefError(f'{path}:{en.line}: {ent} defined twice')
            enum_names.add(ent)
    for e in entries:
        where = f'{path}:{e.line}: {e.name}'
        if e.kind != 'inst' and (e.cache or e.family):
            raise DefError(f'{where}: only real instructions have caches and families')
        if e.kind != 'pseudo' and ('block_push' in e.flags or e.becomes):
            raise DefError(f'{where}: block_push and becomes(...) are for pseudo ops')
        if e.branch is not None and 'jump' not in e.flags:
            raise DefError(f'{where}: branch(...) without jump')
        if e.family is not None:
            base = seen.get(e.family)
            if base is None or base.kind != 'inst' or base.family is not None:
                raise DefError(f'{where}: family({e.family}) names no base instruction')
            if sum(s for _, s in e.cache) != sum(s for _, s in base.cache):
                raise DefError(f'{where}: a specialized form has its base\'s cache size')
        for b in e.becomes:
            if b not in seen or seen[b].kind != 'inst':
                raise DefError(f'{where}: becomes({b}) names no real instruction')
        if e.kind != 'uop' and ({'jump', 'const', 'name', 'local', 'free', 'compare'} & e.flags
                                or uses_oparg(e.stack) or uses_oparg(e.branch)):
            e.flags.add('arg')
    for e in entries:
        if e.family is not None:
            # A specialized form has its base's semantics: its oparg, jumps, names, ...
            e.flags |= seen[e.family].flags
    reals = [e for e in entries if e.kind == 'inst']
    if not reals or reals[0].name != 'CACHE' or 'arg' in reals[0].flags:
        raise DefError(f'{path}: the first instruction must be CACHE (opcode 0, no oparg)')
    ordered = ([e for e in reals if 'arg' not in e.flags] +
               [e for e in reals if 'arg' in e.flags])
    if len(ordered) > MIN_PSEUDO:
        raise DefError(f'{path}: {len(ordered)} real opcodes do not fit in a byte')
    for n, e in enumerate(ordered):
        e.number = n
    for n, e in enumerate(e for e in entries if e.kind == 'pseudo'):
        e.number = MIN_PSEUDO + n
    for n, e in enumerate(e for e in entries if e.kind == 'uop'):
        e.number = n


# -- Code generation --------------------------------------------------------------------

HEADER_NOTE = '// Generated from vm/instructions.def by tools/gen_instructions.py. Do not edit.\n'


def count(items: list[Item]) -> str:
    """C expression for the number of stack items."""
    fixed = 0
    parts: list[str] = []
    for it in items:
        if it.size is not None:
            parts.append(it.size if re.fullmatch(r'\w+', it.size) else f'({it.size})')
        elif it.cond is not None:
            parts.append(f'(({it.cond}) ? 1 : 0)')
        else:
            fixed += 1
    if fixed or not parts:
        parts.insert(0, str(fixed))
    return ' + '.join(parts)


def snake(name: str) -> str:
    return re.sub(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])', '_', name).lower()


def c_string(text: str) -> str:
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def switch_function(signature: str, entries: list[Entry], body_of, default: str) -> str:
    """A switch over opcodes; entries with the same body share it."""
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(body_of(e), []).append(e)
    out = [signature + ' {\n', '  switch (op) {\n']
    for body, members in groups.items():
        for e in members:
            out.append(f'    case op::{e.name}:\n' if e.kind != 'uop'
                       else f'    case static_cast<int>(Uop::{e.name}):\n')
        out.append(f'      {body}\n')
    out.append(f'    default:\n      {default}\n  }}\n}}\n\n')
    return ''.join(out)


def stack_body(e: Entry, side: str) -> str:
    main = count(getattr(e.stack, side))
    if e.branch is None:
        return f'return {main};'
    alt = count(getattr(e.branch, side))
    if alt == main:
        return f'return {main};'
    return f'return jump ? {alt} : {main};'


def table_hash(ordered: list[Entry], pseudos: list[Entry]) -> str:
    text = ';'.join(f'{e.number}:{e.name}:{sum(s for _, s in e.cache)}:{int("arg" in e.flags)}'
                    for e in ordered + pseudos)
    return '0x' + hashlib.sha256(text.encode()).hexdigest()[:8]


def doc_comment(e: Entry) -> str:
    lines = textwrap.wrap(f'{e.name}: {e.comment}', 86)
    return ''.join(f'  // {line}\n' for line in lines)


def flag_expr(e: Entry, table) -> str:
    bits = [cname for fname, cname, _ in table if fname in e.flags]
    return ' | '.join(bits) if bits else '0'


def name_oparg_function(entries: list[Entry]) -> str:
    """name_oparg(): the inverse of name_index(), derived from each `name(oparg >> N)`,
    so that the compiler never writes an oparg's layout itself."""
    groups: dict[int, list[Entry]] = {}
    for e in entries:
        m = re.fullmatch(r'oparg(?: >> (\d+))?', e.name_expr)
        if not m:
            raise DefError(f'{e.name}: name({e.name_expr}) must be oparg or oparg >> N')
        groups.setdefault(int(m.group(1) or 0), []).append(e)
    out = ['// The oparg of a has_name() instruction naming co_names[index], with `bits` in the\n'
           '// low bits below the index (LOAD_GLOBAL_NULL, ...); the inverse of name_index().\n'
           'constexpr int name_oparg(int op, int index, int bits = 0) {\n  switch (op) {\n']
    for shift, members in sorted(groups.items()):
        if shift == 0:
            continue
        for e in members:
            out.append(f'    case op::{e.name}:\n')
        out.append(f'      return index << {shift} | bits;\n')
    out.append('    default:\n      return index;\n  }\n}\n\n')
    return ''.join(out)


def generate(entries: list[Entry], enums: list[Enum]) -> tuple[str, str]:
    reals = sorted((e for e in entries if e.kind == 'inst'), key=lambda e: e.number)
    pseudos = [e for e in entries if e.kind == 'pseudo']
    uops = [e for e in entries if e.kind == 'uop']
    ops = reals + pseudos
    have_argument = next((e.number for e in reals if 'arg' in e.flags), len(reals))
    end_pseudo = MIN_PSEUDO + len(pseudos)
    by_name = {e.name: e for e in entries}

    h: list[str] = [HEADER_NOTE]
    h.append('// The instruction set: what the compiler, the assembler, the code image, `-m dis`\n'
             '// and the interpreters know about each opcode (see vm/instructions.def).\n')
    h.append('#pragma once\n#include <cstdint>\n#include <span>\n#include <string_view>\n\n'
             'namespace strata {\n\n')
    h.append('// Real opcodes: the low byte of a code unit. Those below HAVE_ARGUMENT ignore the\n'
             '// high byte (the oparg).\n')
    h.append('enum class Op : uint8_t {\n')
    for e in reals:
        h.append(doc_comment(e))
        h.append(f'  {e.name} = {e.number},\n')
    h.append('};\n')
    h.append(f'inline constexpr int kNumOps = {len(reals)};\n')
    h.append(f'inline constexpr int HAVE_ARGUMENT = {have_argument};\n\n')
    h.append('// Pseudo opcodes: only in the compiler\'s instruction sequences; the assembler\n'
             '// replaces or removes them. Numbered from kMinPseudoOp, never stored in code.\n')
    h.append('enum class PseudoOp : uint16_t {\n')
    for e in pseudos:
        h.append(doc_comment(e))
        h.append(f'  {e.name} = {e.number},\n')
    h.append('};\n')
    h.append(f'inline constexpr int kMinPseudoOp = {MIN_PSEUDO};\n')
    h.append(f'inline constexpr int kEndPseudoOp = {end_pseudo};\n\n')
    h.append('// Any opcode, real or pseudo, as the compiler handles them: op::LOAD_CONST,\n'
             '// op::JUMP, ... The functions below take an int opcode of either kind.\n')
    h.append('using Opcode = uint16_t;\nnamespace op {\n')
    for e in ops:
        h.append(f'inline constexpr Opcode {e.name} = {e.number};\n')
    h.append('}  // namespace op\n\n')
    h.append('// Changes whenever opcode numbers, arguments or cache sizes do: code images\n'
             '// record it and are rejected when it differs.\n')
    h.append(f'inline constexpr uint32_t kOpcodeTableHash = {table_hash(reals, pseudos)};\n\n')
    h.append('// stack_effect() of an unknown opcode.\n')
    h.append(f'inline constexpr int kInvalidStackEffect = {INVALID_STACK_EFFECT:#x};\n\n')

    h.append('// -- Flags ---------------------------------------------------------------------\n\n')
    h.append('enum OpFlag : uint32_t {\n')
    for n, (_, cname, desc) in enumerate(OP_FLAGS):
        h.append(f'  {cname} = 1u << {n},  // {desc}\n')
    h.append('};\n\n')
    h.append('// Indexed by any opcode; zero for the numbers between kNumOps and kMinPseudoOp.\n')
    h.append('inline constexpr uint32_t kOpFlags[kEndPseudoOp] = {\n')
    for e in reals:
        h.append(f'  /* {e.name} */ {flag_expr(e, OP_FLAGS)},\n')
    if len(reals) < MIN_PSEUDO:
        h.append(f'  /* {len(reals)}..{MIN_PSEUDO - 1}: unused */\n')
        gap = MIN_PSEUDO - len(reals)
        for row in range(0, gap, 16):
            h.append('  ' + ' '.join(['0,'] * min(16, gap - row)) + '\n')
    for e in pseudos:
        h.append(f'  /* {e.name} */ {flag_expr(e, OP_FLAGS)},\n')
    h.append('};\n\n')
    h.append('constexpr bool is_real_op(int op) { return op >= 0 && op < kNumOps; }\n'
             'constexpr bool is_pseudo(int op) { return op >= kMinPseudoOp && op < kEndPseudoOp; }\n'
             'constexpr bool is_valid_opcode(int op) { return is_real_op(op) || is_pseudo(op); }\n'
             'constexpr uint32_t op_flags(int op) { return is_valid_opcode(op) ? kOpFlags[op] : 0; }\n')
    for fname, cname, _ in OP_FLAGS:
        fn = {'arg': 'has_arg', 'jump': 'has_jump', 'jump_backward': 'is_backward_jump',
              'const': 'has_const', 'name': 'has_name', 'local': 'has_local',
              'free': 'has_free', 'compare': 'has_compare', 'raises': 'can_raise',
              'terminates': 'is_terminator', 'no_fallthrough': 'no_fallthrough',
              'block_push': 'is_block_push', 'pseudo': None,
              'specialized': 'is_specialized'}[fname]
        if fn:
            h.append(f'constexpr bool {fn}(int op) {{ return (op_flags(op) & {cname}) != 0; }}\n')
    h.append('\n// -- Inline caches (16-bit code units after the instruction) -------------------\n\n')
    h.append('inline constexpr uint8_t kCacheSize[kNumOps] = {\n')
    for e in reals:
        h.append(f'  /* {e.name} */ {sum(s for _, s in e.cache)},\n')
    h.append('};\n')
    h.append('constexpr int cache_size(int op) { return is_real_op(op) ? kCacheSize[op] : 0; }\n')
    h.append('struct CacheField {\n  const char* name;\n  uint8_t size;  // code units\n};\n')
    h.append('// The named fields of an instruction\'s caches, in order (empty when none).\n')
    h.append('std::span<const CacheField> cache_layout(int op);\n\n')
    h.append('// -- Specialized forms ---------------------------------------------------------\n\n')
    h.append('inline constexpr uint8_t kDeopt[kNumOps] = {\n')
    for e in reals:
        base = by_name[e.family].number if e.family else e.number
        h.append(f'  /* {e.name} */ {base},\n')
    h.append('};\n')
    h.append('// The base instruction of a specialized form; any other opcode itself.\n')
    h.append('constexpr int deopt(int op) { return is_real_op(op) ? kDeopt[op] : op; }\n\n')
    h.append('// -- Names and stack effects ---------------------------------------------------\n\n')
    h.append('const char* op_name(Op op);\n')
    h.append('// The name of any opcode; nullptr when it is none.\n')
    h.append('const char* opcode_name(int op);\n')
    h.append('// The opcode of a name (real or pseudo), or -1.\n')
    h.append('int opcode_by_name(std::string_view name);\n\n')
    h.append('// Items popped and pushed; `jump` selects the effect when the jump is taken.\n'
             '// -1 for an unknown opcode.\n')
    h.append('int stack_pops(int op, int oparg, bool jump = false);\n')
    h.append('int stack_pushes(int op, int oparg, bool jump = false);\n')
    h.append('// pushes - pops; kInvalidStackEffect for an unknown opcode.\n')
    h.append('int stack_effect(int op, int oparg, bool jump);\n\n')
    h.append('// The co_names index of a has_name() instruction (LOAD_ATTR: oparg >> 1, ...).\n')
    h.append('int name_index(int op, int oparg);\n')
    h.append('// The CompareOp of a has_compare() instruction.\n')
    h.append('int compare_index(int op, int oparg);\n\n')
    h.append(name_oparg_function([e for e in ops if 'name' in e.flags]))

    h.append('// -- Oparg meanings ------------------------------------------------------------\n')
    for en in enums:
        h.append('\n')
        if en.comment:
            h.append(f'// {en.comment}\n')
        h.append(f'enum {en.name} : int {{\n')
        for ent, value, _ in en.values:
            h.append(f'  {ent} = {value},\n')
        h.append('};\n')
        h.append(f'// What `-m dis` prints for a {en.name}; nullptr for an unknown value.\n')
        h.append(f'const char* {snake(en.name)}_text(int value);\n')

    h.append('\n// -- Micro-ops (tier 2) --------------------------------------------------------\n\n')
    h.append('enum class Uop : uint16_t {\n')
    for e in uops:
        h.append(doc_comment(e))
        h.append(f'  {e.name} = {e.number},\n')
    h.append('};\n')
    h.append(f'inline constexpr int kNumUops = {len(uops)};\n')
    h.append('enum UopFlag : uint32_t {\n')
    for n, (_, cname, desc) in enumerate(UOP_FLAGS):
        h.append(f'  {cname} = 1u << {n},  // {desc}\n')
    h.append('};\n')
    h.append('const char* uop_name(Uop uop);\n')
    h.append('uint32_t uop_flags(Uop uop);\n')
    h.append('int uop_stack_pops(Uop uop, int oparg);\n')
    h.append('int uop_stack_pushes(Uop uop, int oparg);\n')
    h.append('\n}  // namespace strata\n')

    c: list[str] = [HEADER_NOTE]
    c.append('#include "vm/opcodes.h"\n\nnamespace strata {\n\n')
    c.append('namespace {\n\n')
    c.append('const char* const kRealNames[kNumOps] = {\n')
    for e in reals:
        c.append(f'  "{e.name}",\n')
    c.append('};\n\n')
    c.append('const char* const kPseudoNames[kEndPseudoOp - kMinPseudoOp + 1] = {\n')
    for e in pseudos:
        c.append(f'  "{e.name}",\n')
    c.append('  nullptr,\n};\n\n')
    for e in reals:
        if e.cache:
            fields = ', '.join(f'{{"{n}", {s}}}' for n, s in e.cache)
            c.append(f'const CacheField kCache_{e.name}[] = {{{fields}}};\n')
    c.append('\n}  // namespace\n\n')
    c.append('const char* op_name(Op op) { return opcode_name(static_cast<int>(op)); }\n\n')
    c.append('const char* opcode_name(int op) {\n'
             '  if (is_real_op(op)) return kRealNames[op];\n'
             '  if (is_pseudo(op)) return kPseudoNames[op - kMinPseudoOp];\n'
             '  return nullptr;\n}\n\n')
    c.append('int opcode_by_name(std::string_view name) {\n'
             '  for (int op = 0; op < kNumOps; ++op) {\n'
             '    if (name == kRealNames[op]) return op;\n  }\n'
             '  for (int op = kMinPseudoOp; op < kEndPseudoOp; ++op) {\n'
             '    if (name == kPseudoNames[op - kMinPseudoOp]) return op;\n  }\n'
             '  return -1;\n}\n\n')
    c.append(switch_function('int stack_pops(int op, int oparg, bool jump)', ops,
                             lambda e: stack_body(e, 'inputs'), 'return -1;'))
    c.append(switch_function('int stack_pushes(int op, int oparg, bool jump)', ops,
                             lambda e: stack_body(e, 'outputs'), 'return -1;'))
    c.append('int stack_effect(int op, int oparg, bool jump) {\n'
             '  if (!is_valid_opcode(op)) return kInvalidStackEffect;\n'
             '  return stack_pushes(op, oparg, jump) - stack_pops(op, oparg, jump);\n}\n\n')
    c.append(switch_function('int name_index(int op, int oparg)',
                             [e for e in ops if 'name' in e.flags],
                             lambda e: f'return {e.name_expr};', 'return -1;'))
    c.append(switch_function('int compare_index(int op, int oparg)',
                             [e for e in ops if 'compare' in e.flags],
                             lambda e: f'return {e.compare_expr};', 'return -1;'))
    c.append(switch_function('std::span<const CacheField> cache_layout(int op)',
                             [e for e in reals if e.cache],
                             lambda e: f'return kCache_{e.name};', 'return {};'))
    for en in enums:
        c.append(f'const char* {snake(en.name)}_text(int value) {{\n  switch (value) {{\n')
        done: set[int] = set()
        for ent, value, text in en.values:
            if value in done:
                continue  # an alias (a mask) of an earlier entry
            done.add(value)
            c.append(f'    case {ent}: return {c_string(text)};\n')
        c.append('    default: return nullptr;\n  }\n}\n\n')
    # Micro-ops.
    c.append('const char* uop_name(Uop uop) {\n')
    if uops:
        c.append('  static const char* const names[kNumUops] = {\n')
        for e in uops:
            c.append(f'    "{e.name}",\n')
        c.append('  };\n  int i = static_cast<int>(uop);\n'
                 '  return i >= 0 && i < kNumUops ? names[i] : nullptr;\n}\n\n')
    else:
        c.append('  (void)uop;\n  return nullptr;\n}\n\n')
    c.append('uint32_t uop_flags(Uop uop) {\n')
    if uops:
        c.append('  static const uint32_t flags[kNumUops] = {\n')
        for e in uops:
            c.append(f'    /* {e.name} */ {flag_expr(e, UOP_FLAGS)},\n')
        c.append('  };\n  int i = static_cast<int>(uop);\n'
                 '  return i >= 0 && i < kNumUops ? flags[i] : 0;\n}\n\n')
    else:
        c.append('  (void)uop;\n  return 0;\n}\n\n')
    for side, fn in (('inputs', 'uop_stack_pops'), ('outputs', 'uop_stack_pushes')):
        if uops:
            c.append(switch_function(f'int {fn}(Uop uop, int oparg)', uops,
                                     lambda e, s=side: f'return {count(getattr(e.stack, s))};',
                                     'return -1;').replace('switch (op)', 'switch (static_cast<int>(uop))'))
        else:
            c.append(f'int {fn}(Uop uop, int oparg) {{\n  (void)uop;\n  (void)oparg;\n'
                     '  return -1;\n}\n\n')
    c.append('}  // namespace strata\n')
    return ''.join(h), ''.join(c)


# -- The interpreter's cases ------------------------------------------------------------
#
# `--cases DEF OUT` writes interp_cases.inc: one `TARGET(NAME) { ... }` block per real
# instruction, which vm/interp.cpp includes inside its dispatch loop. A block
#   - moves next_instr past the instruction's inline caches (so a body's jumps are
#     relative to the next instruction, as the `jump` flag defines them), and points
#     `cache` at the first cache entry;
#   - binds each named input to its stack slot (`Value x`, `Value* xs` for arrays, a null
#     Value for an absent conditional item) and declares each new output;
#   - runs the body;
#   - writes the outputs to their slots and moves stack_pointer by outputs - inputs;
#   - dispatches the next instruction.
# In a body, ERROR_IF(cond) means "the inputs are already released: drop them from the
# stack and unwind" and DECREF_INPUTS() releases every named input.

def item_offsets(items: list[Item]) -> list[str]:
    """C expressions: the offset of each item from the first (bottom) one."""
    offs, acc = [], []
    for it in items:
        offs.append(' + '.join(acc) if acc else '0')
        if it.size is not None:
            acc.append(f'({it.size})')
        elif it.cond is not None:
            acc.append(f'(({it.cond}) ? 1 : 0)')
        else:
            acc.append('1')
    return offs


def slot(offset: str, total: str) -> str:
    return f'stack_pointer[-({total}) + {offset}]' if offset != '0' else f'stack_pointer[-({total})]'


def case_block(e: Entry, specializable: bool = False) -> str:
    ins, outs = e.stack.inputs, e.stack.outputs
    n_in, n_out = count(ins), count(outs)
    in_off, out_off = item_offsets(ins), item_offsets(outs)
    lines = [f'TARGET({e.name}) {{\n']
    if specializable:  # a family's generic form or a specialized one: -X stats counts it
        lines.append('  STAT_EXECUTION();\n')
    ncache = sum(size for _, size in e.cache)
    if ncache:
        # Writable at tier 1 (counters, specialization); tier 0 code never writes it.
        lines.append(f'  uint16_t* cache = const_cast<uint16_t*>(next_instr); (void)cache;\n'
                     f'  next_instr += {ncache};\n')
    inputs_by_name = {}
    for it, off in zip(ins, in_off):
        if it.name == 'unused':
            continue
        inputs_by_name[it.name] = (it, off)
        if it.size is not None:
            lines.append(f'  Value* {it.name} = &{slot(off, n_in)};\n')
        elif it.cond is not None:
            lines.append(f'  Value {it.name} = ({it.cond}) ? {slot(off, n_in)} : Value();\n')
        else:
            lines.append(f'  Value {it.name} = {slot(off, n_in)};\n')
    for it in outs:
        if it.name == 'unused' or it.name in inputs_by_name:
            continue
        if it.size is not None:
            lines.append(f'  Value* {it.name} = nullptr;\n')
        else:
            lines.append(f'  Value {it.name};\n')
    decrefs = []
    for it, _ in inputs_by_name.values():
        if it.size is not None:
            decrefs.append(f'for (int i_ = 0; i_ < ({it.size}); i_++) xdecref({it.name}[i_]);')
        else:  # inputs may be null (PUSH_NULL, LOAD_FAST_AND_CLEAR, conditional items)
            decrefs.append(f'xdecref({it.name});')
    body = e.body[1:-1]
    body = body.replace('DECREF_INPUTS()', '{ ' + ' '.join(decrefs) + ' }' if decrefs else '{}')
    body = re.sub(r'\bERROR_IF\(', f'ERROR_IF_POP({n_in}, ', body)
    lines.append('  {' + body + '}\n')
    for it, off in zip(outs, out_off):
        if it.name == 'unused' or it.size is not None:
            continue
        same = it.name in inputs_by_name and inputs_by_name[it.name][1] == off
        if same:
            continue
        store = f'{slot(off, n_in)} = {it.name};'
        lines.append(f'  if ({it.cond}) {store}\n' if it.cond is not None else f'  {store}\n')
    if n_in != n_out:
        lines.append(f'  stack_pointer += ({n_out}) - ({n_in});\n')
    lines.append('  DISPATCH();\n}\n\n')
    return ''.join(lines)


def generate_cases(entries: list[Entry]) -> str:
    insts = sorted((e for e in entries if e.kind == 'inst'), key=lambda e: e.number)
    out = [HEADER_NOTE, '// The interpreter\'s cases, included by vm/interp.cpp twice: once with\n'
           '// STRATA_DISPATCH_TABLE defined to fill the computed-goto table, once for the cases.\n\n'
           '#ifdef STRATA_DISPATCH_TABLE\n']
    for e in insts:
        out.append(f'dispatch_table[static_cast<int>(Op::{e.name})] = &&TARGET_{e.name};\n')
    out.append('#else\n\n')
    heads = {e.family for e in insts if e.family}
    for e in insts:
        if e.body is None:
            out.append(f'TARGET({e.name}) {{\n  goto unimplemented;\n}}\n\n')
        else:
            out.append(case_block(e, e.family is not None or e.name in heads))
    out.append('#endif\n')
    return ''.join(out)


def write_if_changed(path: str, text: str) -> None:
    # Rewrite only on change: the outputs' timestamps drive what ninja rebuilds.
    try:
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main(argv: list[str]) -> int:
    cases = len(argv) == 4 and argv[1] == '--cases'
    if len(argv) != 4:
        print('usage: gen_instructions.py DEF OUT_H OUT_CPP | --cases DEF OUT_INC',
              file=sys.stderr)
        return 2
    src_path = argv[2] if cases else argv[1]
    try:
        with open(src_path, encoding='utf-8') as f:
            src = f.read()
        entries, enums = Parser(lex(src, src_path), src_path).parse()
        check_and_number(entries, enums, src_path)
        if cases:
            write_if_changed(argv[3], generate_cases(entries))
            return 0
        out_h, out_cpp = argv[2:4]
        header, source = generate(entries, enums)
    except DefError as e:
        print(f'error: {e}', file=sys.stderr)
        return 1
    write_if_changed(out_h, header)
    write_if_changed(out_cpp, source)
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv))
