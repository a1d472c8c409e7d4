# signal: Python handlers (signal, getsignal, default_int_handler, SIG_DFL, SIG_IGN) run at
# the next safe point after the signal; the Signals/Handlers enums of signal.py; argument
# errors; strsignal, valid_signals, timers and masks.
import signal, os
print(signal.SIGINT, repr(signal.SIGINT), signal.Signals(15), signal.SIG_DFL, signal.SIG_IGN)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGUSR1))
got = []
def handler(signum, frame):
    got.append((signum, type(frame).__name__))
old = signal.signal(signal.SIGUSR1, handler)
print(old)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(1000): pass
print(got)
signal.raise_signal(signal.SIGUSR1)
print(got)
print(signal.getsignal(signal.SIGUSR1) is handler)
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1))
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(signal.getsignal(signal.SIGUSR1))
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt from raise_signal')
def boom(signum, frame):
    raise RuntimeError(f'handler for {signal.Signals(signum).name}')
signal.signal(signal.SIGUSR2, boom)
try:
    os.kill(os.getpid(), signal.SIGUSR2)
    for i in range(100): pass
except RuntimeError as e:
    print('RuntimeError:', e)
signal.signal(signal.SIGINT, handler)
signal.raise_signal(signal.SIGINT)
print(got[-1])
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt again')
for bad in [(0, handler), (signal.NSIG, handler), ('x', handler), (2, 5), (signal.SIGKILL, signal.SIG_IGN)]:
    try:
        signal.signal(*bad)
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
try:
    signal.default_int_handler(2)
except TypeError as e:
    print(e)
print(signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGKILL))
print(len(signal.valid_signals()), signal.SIGRTMIN in signal.valid_signals(), type(next(iter(signal.valid_signals()))).__name__)
print(signal.Handlers.SIG_IGN, list(signal.Sigmasks))
print(signal.setitimer(signal.ITIMER_REAL, 0), signal.getitimer(signal.ITIMER_REAL), signal.alarm(0))
print(signal.pthread_sigmask(signal.SIG_BLOCK, []), signal.sigpending())
print(signal.ItimerError, issubclass(signal.ItimerError, OSError))
print(signal.set_wakeup_fd(-1))
