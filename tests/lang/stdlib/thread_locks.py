# _thread's locks as threading uses them (Strata runs one thread: no thread is started here).
import _thread
import threading

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.get_ident() == _thread.get_ident(), threading.active_count())
lock = threading.Lock()
print(lock.acquire(), lock.acquire(False), lock.locked(), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError', e)
with lock:
    print('in with', lock.locked())
try:
    lock.acquire(False, 1)
except ValueError as e:
    print('ValueError', e)
try:
    lock.acquire(timeout=-5)
except ValueError as e:
    print('ValueError', e)
r = threading.RLock()
with r:
    with r:
        print('nested', r._is_owned())
print(r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError', e)
c = threading.Condition()
with c:
    print('wait', c.wait(0.01))
    c.notify_all()
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.wait(), ev.is_set())
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release(); sem.release()
try:
    sem.release()
except ValueError as e:
    print('ValueError', e)
print(type(_thread.allocate_lock()).__name__, _thread.LockType is type(lock), _thread.error is RuntimeError)
print(_thread.TIMEOUT_MAX > 1000, _thread.stack_size())
local = threading.local()
local.x = 5
print(local.x)
