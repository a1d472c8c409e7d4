def f(a,  # type: int
      ):
    # type: (...) -> None
    x = []  # type: List[int]
