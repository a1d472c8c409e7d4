# from ... import with nothing imported
from . import
