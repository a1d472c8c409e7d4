"""coroutines: generator-based coroutines driven by send(): a pipeline of
stages (scale -> filter -> window average -> sink), and a round-robin
scheduler of cooperative tasks that pass messages through mailboxes.

Generator resumption with values, `yield` as an expression, close().
The sink's totals and the scheduler's message counts follow from
arithmetic on the inputs and are computed in closed form in expected().
"""
import sys
from _bench_args import parse_args


def coroutine(fn):
    def start(*args):
        gen = fn(*args)
        next(gen)
        return gen
    return start


@coroutine
def scale(factor, target):
    while True:
        x = yield
        target.send(x * factor)


@coroutine
def keep_even(target):
    while True:
        x = yield
        if x % 2 == 0:
            target.send(x)


@coroutine
def window_sum(width, target):
    """Sends the sum of each complete, non-overlapping window of inputs."""
    buf = []
    while True:
        buf.append((yield))
        if len(buf) == width:
            target.send(sum(buf))
            buf = []


class Sink:
    def __init__(self):
        self.count = 0
        self.total = 0

    @coroutine
    def receiver(self):
        while True:
            x = yield
            self.count += 1
            self.total += x


def worker(ident, mailboxes, rounds):
    """Each round: receive the token, pass it on incremented."""
    handled = 0
    for _ in range(rounds):
        token = yield ident
        handled += 1
        mailboxes[(ident + 1) % len(mailboxes)].append(token + 1)
    return handled


def schedule(tasks, rounds):
    mailboxes = [[] for _ in range(tasks)]
    gens = [worker(i, mailboxes, rounds) for i in range(tasks)]
    for g in gens:
        next(g)
    mailboxes[0].append(0)
    finished = 0
    last = 0
    while finished < tasks:
        progressed = False
        for i, g in enumerate(gens):
            box = mailboxes[i]
            if g is not None and box:
                token = box.pop(0)
                last = token
                try:
                    g.send(token)
                except StopIteration as stop:
                    finished += 1
                    gens[i] = None
                    if stop.value != rounds:
                        raise AssertionError("worker handled %r" % stop.value)
                progressed = True
        if not progressed:
            break
    return finished, last


def run(n):
    sink = Sink()
    pipe = scale(3, keep_even(window_sum(4, sink.receiver())))
    for i in range(n):
        pipe.send(i)
    pipe.close()
    finished, last = schedule(8, n // 40)
    return sink.count, sink.total, finished, last


def expected(n):
    # 3i is even exactly when i is; the kept values are 3*0, 3*2, 3*4, ...
    kept = (n + 1) // 2
    windows = kept // 4
    total = sum(6 * k for k in range(windows * 4))
    # The token goes round the ring once per message: 8 * rounds hops,
    # the last one delivered to worker 0's final receive carries 8*rounds-1.
    rounds = n // 40
    return windows, total, 8, 8 * rounds - 1



def main():
    loops, quick = parse_args(sys.argv)
    n = 8000 if quick else 600000
    for _ in range(loops):
        result = run(n)
    if result != expected(n):
        raise AssertionError("coroutines(%d): got %r, want %r" % (n, result, expected(n)))
    print("coroutines(%d): %d windows, total %d; %d tasks, last token %d" % ((n,) + result))


if __name__ == "__main__":
    main()
