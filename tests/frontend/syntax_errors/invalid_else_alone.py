# an else with no if
else:
    pass
