"""class_sim: a class-heavy bank simulation: three account classes with
overridden methods and super() calls, properties, class attributes,
__eq__/__hash__ on customers, transaction objects, a ledger, and a monthly
cycle that calls a polymorphic hook on every account.

Integer amounts (cents) keep it exact.  The results were confirmed by an
independent procedural version built on plain dicts.
"""
import sys
from _bench_args import parse_args


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 15) % n


class Account:
    opened = 0
    kind = "account"

    def __init__(self, ident, owner, balance):
        self.ident = ident
        self.owner = owner
        self._balance = balance
        Account.opened += 1

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        self._balance += amount
        return True

    def can_withdraw(self, amount):
        return amount <= self._balance

    def withdraw(self, amount):
        if not self.can_withdraw(amount):
            return False
        self._balance -= amount
        return True

    def month_end(self):
        pass


class Checking(Account):
    kind = "checking"
    FEE = 25

    def can_withdraw(self, amount):
        return amount + self.FEE <= self._balance

    def withdraw(self, amount):
        if super().withdraw(amount):
            self._balance -= self.FEE
            return True
        return False

    def month_end(self):
        if self._balance < 100000:
            self._balance -= 500


class Savings(Account):
    kind = "savings"
    MAX_WITHDRAWALS = 3

    def __init__(self, ident, owner, balance):
        super().__init__(ident, owner, balance)
        self.withdrawals = 0

    def can_withdraw(self, amount):
        return self.withdrawals < self.MAX_WITHDRAWALS and super().can_withdraw(amount)

    def withdraw(self, amount):
        ok = super().withdraw(amount)
        if ok:
            self.withdrawals += 1
        return ok

    def month_end(self):
        self._balance += self._balance * 2 // 100
        self.withdrawals = 0


class Credit(Account):
    kind = "credit"

    def __init__(self, ident, owner, balance, limit):
        super().__init__(ident, owner, balance)
        self.limit = limit

    def can_withdraw(self, amount):
        return self._balance - amount >= -self.limit

    def month_end(self):
        if self._balance < 0:
            self._balance -= (-self._balance) * 3 // 100


class Customer:
    def __init__(self, ident, name):
        self.ident = ident
        self.name = name
        self.accounts = []

    def __eq__(self, other):
        return isinstance(other, Customer) and self.ident == other.ident

    def __hash__(self):
        return hash(self.ident)

    def net_worth(self):
        return sum(a.balance for a in self.accounts)


class Transaction:
    __slots__ = ("kind", "source", "target", "amount", "ok")

    def __init__(self, kind, source, target, amount, ok):
        self.kind = kind
        self.source = source
        self.target = target
        self.amount = amount
        self.ok = ok


class Bank:
    def __init__(self, customers, rng):
        self.customers = [Customer(i, "c%d" % i) for i in range(customers)]
        self.accounts = []
        for c in self.customers:
            for k in range(3):
                ident = len(self.accounts)
                kind = (c.ident + k) % 3
                start = 1000 * (1 + rng.below(500))
                if kind == 0:
                    acct = Checking(ident, c, start)
                elif kind == 1:
                    acct = Savings(ident, c, start)
                else:
                    acct = Credit(ident, c, start, 200000)
                c.accounts.append(acct)
                self.accounts.append(acct)
        self.ledger = []

    def record(self, kind, source, target, amount, ok):
        self.ledger.append(Transaction(kind, source, target, amount, ok))
        return ok

    def transfer(self, source, target, amount):
        if source is target or not source.withdraw(amount):
            return self.record("transfer", source, target, amount, False)
        target.deposit(amount)
        return self.record("transfer", source, target, amount, True)

    def month_end(self):
        for a in self.accounts:
            a.month_end()


def run(months, per_month):
    Account.opened = 0
    rng = Lcg(31337)
    bank = Bank(50, rng)
    accounts = bank.accounts
    n = len(accounts)
    for _ in range(months):
        for _ in range(per_month):
            op = rng.below(3)
            a = accounts[rng.below(n)]
            amount = 100 * (1 + rng.below(2000))
            if op == 0:
                bank.record("deposit", a, None, amount, a.deposit(amount))
            elif op == 1:
                bank.record("withdraw", a, None, amount, a.withdraw(amount))
            else:
                bank.transfer(a, accounts[rng.below(n)], amount)
        bank.month_end()
    failed = sum(1 for t in bank.ledger if not t.ok)
    moved = sum(t.amount for t in bank.ledger if t.ok and t.kind == "transfer")
    richest = max(bank.customers, key=lambda c: (c.net_worth(), -c.ident))
    owners = {a.owner for a in accounts}
    total = sum(a.balance for a in accounts)
    return total, failed, moved, richest.ident, len(owners), Account.opened


EXPECTED = {
    (3, 500): (52378386, 192, 36558300, 38, 50, 150),
    (24, 4000): (1775568943, 24762, 1855913900, 20, 50, 150),
}



def main():
    loops, quick = parse_args(sys.argv)
    size = (3, 500) if quick else (24, 4000)
    for _ in range(loops):
        result = run(*size)
    if result != EXPECTED[size]:
        raise AssertionError("class_sim%r: got %r, want %r" % (size, result, EXPECTED[size]))
    print("class_sim(%d months x %d): total %d, %d failed, %d moved, richest %d, "
          "%d owners, %d accounts" % (size + result))


if __name__ == "__main__":
    main()
