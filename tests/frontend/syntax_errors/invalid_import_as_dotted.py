# import ... as with a dotted alias
import os as a.b
