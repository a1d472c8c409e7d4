# NotImplemented from both sides gives TypeError with CPython's exact messages.
class A:
    def __add__(self, o):
        return NotImplemented
class B:
    def __radd__(self, o):
        return NotImplemented
def attempt(label, fn):
    try:
        fn()
    except TypeError as e:
        print(label, type(e).__name__, e)
attempt('A+B', lambda: A() + B())
attempt('A-B', lambda: A() - B())
attempt('A*1', lambda: A() * 1)
attempt('1@A', lambda: 1 @ A())
attempt('A/B', lambda: A() / B())
attempt('A//B', lambda: A() // B())
attempt('A%B', lambda: A() % B())
attempt('divmod', lambda: divmod(A(), B()))
attempt('A**B', lambda: A() ** B())
attempt('pow3', lambda: pow(A(), B(), 3))
attempt('A<<B', lambda: A() << B())
attempt('A>>B', lambda: A() >> B())
attempt('A&B', lambda: A() & B())
attempt('A|B', lambda: A() | B())
attempt('A^B', lambda: A() ^ B())
attempt('-A', lambda: -A())
attempt('+A', lambda: +A())
attempt('~A', lambda: ~A())
attempt('abs', lambda: abs(A()))
def iadd():
    a = A()
    a += 1
attempt('A+=1', iadd)
def ipow():
    a = A()
    a **= 2
attempt('A**=2', ipow)
def imatmul():
    a = A()
    a @= 2
attempt('A@=2', imatmul)
attempt('int+str', lambda: 1 + 'a')
attempt('str+int', lambda: 'a' + 1)
attempt('list+tuple', lambda: [1] + (2,))
attempt('None+None', lambda: None + None)
attempt('str*float', lambda: 'a' * 1.5)
attempt('A<B', lambda: A() < B())
attempt('1<=str', lambda: 1 <= 'x')
attempt('list>int', lambda: [] > 0)
attempt('A>=A', lambda: A() >= A())
print(A() == B(), A() != B())
