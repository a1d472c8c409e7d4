class Base:
    nonlocal __class__
