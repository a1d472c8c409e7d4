try:
    run()
except:
    pass
except ValueError:
    pass
