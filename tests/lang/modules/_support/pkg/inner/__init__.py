print('executing pkg.inner')
