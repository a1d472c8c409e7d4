# __name__ is '__main__' for the script and the module name for imports.
import sys, os
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '_support'))
print(__name__)
import main_guard
print(main_guard.__name__)
main_guard.main()
if __name__ == '__main__':
    print('running as script')
print(sys.modules['__main__'].__name__, sys.modules[__name__] is sys.modules['__main__'])
print(os.path.basename(__file__), os.path.basename(main_guard.__file__))
