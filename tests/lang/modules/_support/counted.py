import sys
_count = getattr(sys, '_strata_test_counted', 0) + 1
sys._strata_test_counted = _count
print('executing counted, time', _count)
