class B(A):
    def m(self, x):
        return super().m(x) + 1
