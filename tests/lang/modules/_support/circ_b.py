print('circ_b start')
import circ_a
print('circ_b sees circ_a.A_EARLY =', circ_a.A_EARLY)
print('circ_b sees A_LATE yet?', hasattr(circ_a, 'A_LATE'))
B_VALUE = 'b-value'
def use_a():
    return 'b uses ' + circ_a.A_LATE
print('circ_b end')
