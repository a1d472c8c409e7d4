# import ... as without a name
import os as
