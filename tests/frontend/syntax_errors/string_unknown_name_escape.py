# a \N escape with an unknown name
x = '\N{NO SUCH CHARACTER}'
