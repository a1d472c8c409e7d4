# Module globals: functions see their own module's globals; from-import copies the binding.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
import globals_mod
from globals_mod import setting, get_setting
print(setting, get_setting())
globals_mod.set_setting('via function')
print(setting, get_setting(), globals_mod.setting)
globals_mod.setting = 'via attribute'
print(get_setting())
setting = 'local rebinding'
print(get_setting(), globals_mod.setting)
print(get_setting.__globals__ is vars(globals_mod))
print(get_setting.__module__)
