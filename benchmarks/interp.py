"""interp: a small stack-machine interpreter (assembler with labels, then a
dispatch loop over (opcode, argument) pairs) running a program that counts
and sums the primes below N by trial division.

The classic interpreter-in-an-interpreter workload: a hot loop of if/elif
dispatch on small ints and list indexing.  Known results: there are 1229
primes below 10000 summing to 5736396, 2262 below 20000 summing to 21171191.
"""
import sys
from _bench_args import parse_args

(PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, LE, JMP, JZ, HALT) = range(12)

SOURCE = """
    push 2        ; n = 2
    store n
    push 0
    store count
    push 0
    store total
outer:
    load n
    load limit
    lt
    jz done
    push 2        ; d = 2
    store d
inner:
    load d
    load d
    mul
    load n
    le            ; d * d <= n ?
    jz prime
    load n
    load d
    mod
    jz next       ; divisible: not prime
    load d
    push 1
    add
    store d
    jmp inner
prime:
    load count
    push 1
    add
    store count
    load total
    load n
    add
    store total
next:
    load n
    push 1
    add
    store n
    jmp outer
done:
    halt
"""

OPCODES = {"push": PUSH, "load": LOAD, "store": STORE, "add": ADD, "sub": SUB,
           "mul": MUL, "mod": MOD, "lt": LT, "le": LE, "jmp": JMP, "jz": JZ,
           "halt": HALT}


def assemble(source):
    """Two passes: label addresses first, then (opcode, argument) pairs with
    variables numbered in order of appearance."""
    lines = []
    labels = {}
    for raw in source.splitlines():
        text = raw.split(";", 1)[0].strip()
        if not text:
            continue
        if text.endswith(":"):
            labels[text[:-1]] = len(lines)
        else:
            lines.append(text.split())
    variables = {}
    code = []
    for parts in lines:
        op = OPCODES[parts[0]]
        arg = 0
        if op in (JMP, JZ):
            arg = labels[parts[1]]
        elif op in (LOAD, STORE):
            arg = variables.setdefault(parts[1], len(variables))
        elif op == PUSH:
            arg = int(parts[1])
        code.append((op, arg))
    return code, variables


def execute(code, env):
    stack = []
    push = stack.append
    pop = stack.pop
    pc = 0
    steps = 0
    while True:
        op, arg = code[pc]
        pc += 1
        steps += 1
        if op == LOAD:
            push(env[arg])
        elif op == PUSH:
            push(arg)
        elif op == STORE:
            env[arg] = pop()
        elif op == JZ:
            if not pop():
                pc = arg
        elif op == JMP:
            pc = arg
        elif op == ADD:
            b = pop()
            push(pop() + b)
        elif op == SUB:
            b = pop()
            push(pop() - b)
        elif op == MUL:
            b = pop()
            push(pop() * b)
        elif op == MOD:
            b = pop()
            push(pop() % b)
        elif op == LT:
            b = pop()
            push(1 if pop() < b else 0)
        elif op == LE:
            b = pop()
            push(1 if pop() <= b else 0)
        elif op == HALT:
            return steps
        else:
            raise ValueError("bad opcode %r" % op)


def run(limit):
    code, variables = assemble(SOURCE)
    env = [0] * len(variables)
    env[variables.setdefault("limit", len(variables))] = limit
    execute(code, env)
    return env[variables["count"]], env[variables["total"]]


EXPECTED = {1000: (168, 76127), 10000: (1229, 5736396), 20000: (2262, 21171191)}



def main():
    loops, quick = parse_args(sys.argv)
    limit = 1000 if quick else 20000
    for _ in range(loops):
        result = run(limit)
    if result != EXPECTED[limit]:
        raise AssertionError("interp(%d): got %r, want %r" % (limit, result, EXPECTED[limit]))
    print("interp: %d primes below %d, sum %d" % (result[0], limit, result[1]))


if __name__ == "__main__":
    main()
