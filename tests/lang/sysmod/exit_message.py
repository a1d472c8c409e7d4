# sys.exit("message"): the message goes to stderr and the status is 1.
import sys
print('stdout line')
sys.exit('fatal: something went wrong')
