# an empty base list opened and colon
class C(:
    pass
