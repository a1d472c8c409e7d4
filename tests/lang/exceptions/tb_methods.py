# Traceback through instance methods, a classmethod and a staticmethod.
class Parser:
    def __init__(self, text):
        self.text = text
    def parse(self):
        return [self._item(part) for part in self.text.split(',')]
    def _item(self, part):
        return Converter.convert(part.strip())
class Converter:
    @classmethod
    def convert(cls, s):
        return cls.check(s)
    @staticmethod
    def check(s):
        if not s.isdigit():
            raise ValueError(f'not a number: {s!r}')
        return int(s)
print(Parser('1, 2').parse())
p = Parser('1, x')
p.parse()
