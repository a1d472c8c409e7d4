#!/usr/bin/python3.11
# tests/frontend/ast_reference.py — CPython's `-m ast` output for many files from one process.
#
# `python3.11 -m ast --no-type-comments -a FILE` is the truth for Strata's AST dump, but
# starting CPython once per stdlib file costs more than the comparison itself. This helper
# imports ast once and, for each path given as an argument (or, with none, read from stdin
# one per line), does exactly what ast.main() does for that command line:
#     source = open(path, 'rb').read()
#     tree = ast.parse(source, path, 'exec', type_comments=False)
#     print(ast.dump(tree, include_attributes=True, indent=3))
# and writes one record per path to stdout, in input order:
#     b"<status> <length>\n" + <length bytes of what -m ast would print on stdout>
# status is 0 when the file parses and 1 when -m ast would die with an uncaught exception
# (SyntaxError, ValueError for NUL bytes, RecursionError, ...); the bytes are then the
# exception's one-line description, for the runner's failure report only.
import ast
import sys
import warnings


def dump_one(path: str) -> tuple[int, bytes]:
    try:
        with open(path, 'rb') as infile:
            source = infile.read()
        tree = ast.parse(source, path, 'exec', type_comments=False)
        # print() adds the newline; stdout would encode the text as UTF-8 (every
        # non-printable character is already escaped by repr inside dump).
        return 0, (ast.dump(tree, include_attributes=True, indent=3) + '\n').encode('utf-8')
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except BaseException as e:  # what -m ast would let escape: exit status 1
        return 1, f'{type(e).__name__}: {e}'.encode('utf-8', 'backslashreplace')


def main() -> None:
    # Warnings (invalid escape sequences...) go to stderr under -m ast and never change
    # stdout; silence them so that many files do not flood the runner's terminal.
    warnings.simplefilter('ignore')
    out = sys.stdout.buffer
    paths = sys.argv[1:] or (line.rstrip(b'\n').decode('utf-8', 'surrogateescape')
                             for line in sys.stdin.buffer)
    for path in paths:
        if not path:
            continue
        status, data = dump_one(path)
        out.write(b'%d %d\n' % (status, len(data)))
        out.write(data)
        out.flush()


if __name__ == '__main__':
    main()
