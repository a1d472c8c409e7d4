print('circ_a start')
A_EARLY = 'a-early'
import circ_b
A_LATE = 'a-late'
def use_b():
    return 'a uses ' + circ_b.B_VALUE
print('circ_a end')
