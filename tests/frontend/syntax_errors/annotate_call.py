# annotating a call
f(): int
