# a keyword as an import alias
import os as if
