result = compute(1,
                 key=2,
                 key=3)
