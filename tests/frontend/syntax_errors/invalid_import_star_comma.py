# import * followed by more names
from os import *, path
