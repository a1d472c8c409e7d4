async def setup():
    from . import *
