"""richards: Martin Richards' operating-system simulation (task scheduler
with an idle task, a worker, two packet handlers and two devices).

Attribute access, method calls through a small class hierarchy, linked lists
and state bit masks.  The packet-queue and hold counts for an idle count of
1000 and 10000 are the reference values every port of the benchmark checks
(2322/928 and 23246/9297).
"""
import sys
from _bench_args import parse_args

ID_IDLE = 0
ID_WORKER = 1
ID_HANDLER_A = 2
ID_HANDLER_B = 3
ID_DEVICE_A = 4
ID_DEVICE_B = 5
NUMBER_OF_IDS = 6

KIND_DEVICE = 0
KIND_WORK = 1
DATA_SIZE = 4

STATE_RUNNING = 0
STATE_RUNNABLE = 1
STATE_SUSPENDED = 2
STATE_HELD = 4
STATE_SUSPENDED_RUNNABLE = STATE_SUSPENDED | STATE_RUNNABLE
STATE_NOT_HELD = ~STATE_HELD


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.a1 = 0
        self.a2 = [0] * DATA_SIZE

    def add_to(self, queue):
        """Appends self at the end of queue; returns the new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        nxt = last.link
        while nxt is not None:
            last = nxt
            nxt = last.link
        last.link = self
        return queue


class TaskControlBlock:
    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        self.state = STATE_SUSPENDED if queue is None else STATE_SUSPENDED_RUNNABLE

    def set_running(self):
        self.state = STATE_RUNNING

    def mark_not_held(self):
        self.state &= STATE_NOT_HELD

    def mark_held(self):
        self.state |= STATE_HELD

    def is_held_or_suspended(self):
        return (self.state & STATE_HELD) != 0 or self.state == STATE_SUSPENDED

    def mark_suspended(self):
        self.state |= STATE_SUSPENDED

    def mark_runnable(self):
        self.state |= STATE_RUNNABLE

    def run(self):
        if self.state == STATE_SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = STATE_RUNNING if self.queue is None else STATE_RUNNABLE
        else:
            packet = None
        return self.task.run(packet)

    def check_priority_add(self, task, packet):
        if self.queue is None:
            self.queue = packet
            self.mark_runnable()
            if self.priority > task.priority:
                return self
        else:
            self.queue = packet.add_to(self.queue)
        return task


class Task:
    def __init__(self, scheduler):
        self.scheduler = scheduler


class IdleTask(Task):
    def __init__(self, scheduler, v1, count):
        Task.__init__(self, scheduler)
        self.v1 = v1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.scheduler.hold_current()
        if self.v1 & 1 == 0:
            self.v1 >>= 1
            return self.scheduler.release(ID_DEVICE_A)
        self.v1 = (self.v1 >> 1) ^ 0xD008
        return self.scheduler.release(ID_DEVICE_B)


class DeviceTask(Task):
    def __init__(self, scheduler):
        Task.__init__(self, scheduler)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.suspend_current()
            pending = self.pending
            self.pending = None
            return self.scheduler.queue(pending)
        self.pending = packet
        return self.scheduler.hold_current()


class WorkerTask(Task):
    def __init__(self, scheduler, destination, counter):
        Task.__init__(self, scheduler)
        self.destination = destination
        self.counter = counter

    def run(self, packet):
        if packet is None:
            return self.scheduler.suspend_current()
        if self.destination == ID_HANDLER_A:
            self.destination = ID_HANDLER_B
        else:
            self.destination = ID_HANDLER_A
        packet.ident = self.destination
        packet.a1 = 0
        data = packet.a2
        for i in range(DATA_SIZE):
            self.counter += 1
            if self.counter > 26:
                self.counter = 1
            data[i] = self.counter
        return self.scheduler.queue(packet)


class HandlerTask(Task):
    def __init__(self, scheduler):
        Task.__init__(self, scheduler)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.add_to(self.work)
            else:
                self.devices = packet.add_to(self.devices)
        work = self.work
        if work is not None:
            count = work.a1
            if count < DATA_SIZE:
                if self.devices is not None:
                    device = self.devices
                    self.devices = device.link
                    device.a1 = work.a2[count]
                    work.a1 = count + 1
                    return self.scheduler.queue(device)
            else:
                self.work = work.link
                return self.scheduler.queue(work)
        return self.scheduler.suspend_current()


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * NUMBER_OF_IDS
        self.list = None
        self.current = None
        self.current_id = None

    def add_task(self, ident, priority, queue, task):
        self.current = TaskControlBlock(self.list, ident, priority, queue, task)
        self.list = self.current
        self.blocks[ident] = self.current

    def add_running_task(self, ident, priority, queue, task):
        self.add_task(ident, priority, queue, task)
        self.current.set_running()

    def schedule(self):
        self.current = self.list
        while self.current is not None:
            if self.current.is_held_or_suspended():
                self.current = self.current.link
            else:
                self.current_id = self.current.ident
                self.current = self.current.run()

    def release(self, ident):
        tcb = self.blocks[ident]
        if tcb is None:
            return tcb
        tcb.mark_not_held()
        if tcb.priority > self.current.priority:
            return tcb
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.mark_held()
        return self.current.link

    def suspend_current(self):
        self.current.mark_suspended()
        return self.current

    def queue(self, packet):
        target = self.blocks[packet.ident]
        if target is None:
            return target
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current_id
        return target.check_priority_add(self.current, packet)


def simulate(idle_count):
    s = Scheduler()
    s.add_running_task(ID_IDLE, 0, None, IdleTask(s, 1, idle_count))
    queue = Packet(None, ID_WORKER, KIND_WORK)
    queue = Packet(queue, ID_WORKER, KIND_WORK)
    s.add_task(ID_WORKER, 1000, queue, WorkerTask(s, ID_HANDLER_A, 0))
    queue = None
    for _ in range(3):
        queue = Packet(queue, ID_DEVICE_A, KIND_DEVICE)
    s.add_task(ID_HANDLER_A, 2000, queue, HandlerTask(s))
    queue = None
    for _ in range(3):
        queue = Packet(queue, ID_DEVICE_B, KIND_DEVICE)
    s.add_task(ID_HANDLER_B, 3000, queue, HandlerTask(s))
    s.add_task(ID_DEVICE_A, 4000, None, DeviceTask(s))
    s.add_task(ID_DEVICE_B, 5000, None, DeviceTask(s))
    s.schedule()
    return s.queue_count, s.hold_count


def run(iterations, idle_count):
    result = None
    for _ in range(iterations):
        result = simulate(idle_count)
    return result


EXPECTED = {1000: (2322, 928), 10000: (23246, 9297)}



def main():
    loops, quick = parse_args(sys.argv)
    iterations, idle_count = (1, 1000) if quick else (10, 10000)
    for _ in range(loops):
        result = run(iterations, idle_count)
    if result != EXPECTED[idle_count]:
        raise AssertionError("richards: got %r, want %r" % (result, EXPECTED[idle_count]))
    print("richards: %d x idle count %d: %d packets queued, %d holds"
          % (iterations, idle_count, result[0], result[1]))


if __name__ == "__main__":
    main()
