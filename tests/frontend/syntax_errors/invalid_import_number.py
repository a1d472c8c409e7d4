# importing a number
import 1
