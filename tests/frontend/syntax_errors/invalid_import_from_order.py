# the import and from keywords swapped
import path from os
