from os import sep as __debug__
