# a trailing comma in an unparenthesized import
from os import path,
