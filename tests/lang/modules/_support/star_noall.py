import sys as _sys_alias
visible = 'visible'
also_visible = 'also'
_private = 'private'
def func():
    return 'func'
