# re: the backtracking engine on long subjects (the matcher's stack is on the heap, not
# the C stack), alternatives inside repeats, lazy and possessive loops, atomic groups,
# lookbehind, and patterns that must give back what they consumed.
import re

n = 100000
s = 'ab' * (n // 2) + 'c'
print(re.match(r'(a|b)*c', s).span(), re.match(r'(a|b)*c', s).group(1))
print(re.match(r'(?:a|b)*?c', s).span(), re.match(r'(?:(a)|b)+c', s).group(1))
print(re.match(r'(a|b)*d', s), re.search(r'(?:ab)*c$', s).span())
print(re.fullmatch(r'(?:a|b|c)*', s).span(), re.fullmatch(r'(?:[ab])*?c', s).span())
print(re.match(r'(?:(?:a|b)(?=[abc]))*', s).end(), re.match(r'(?>(?:a|b)*)c', s).span())
print(re.match(r'(?:ab)++c', s).span(), re.match(r'(?:ab)*+b', s))
print(len(re.findall(r'a|b', s)), len(re.sub(r'(a)b', r'\1', s)), len(re.split('b', s)))
print(re.match(r'((?:a|b)*)\1c', 'abab' + 'abab' + 'c').groups())
print(re.search(r'(\w+)\s+\1', 'x ' * 1000 + 'dup dup').span())
t = 'x' * n
print(re.match(r'.*x', t).span(), re.match(r'.*?$', t).span(), re.match(r'(x+x+)+y', 'x' * 18))
print(re.search(r'x{3}$', t).span(), re.search(r'(?<=x)$', t).span(), re.search(r'(?<!x)x', t).span())
print(re.match(r'(?:x{1,3}){2,}?$', 'x' * 30).span(), re.match(r'(x{2,3})*$', 'x' * 10).groups())
print(re.match(r'(a*)*b', 'aaab').groups(), re.match(r'(a*)+?b', 'aaab').groups())
print(re.match(r'(a|ab)(c|bcd)(d*)', 'abcd').groups(), re.match(r'(a+|b+)*c', 'aabbac').groups())
print(re.match(r'^(?:(\d+)\.)*(\d+)$', '1.22.333.4444').groups())
print(re.match(r'(?:(a)|(b)|(c))*', 'abcab').groups(), re.match(r'((a)|(b))*?c', 'abc').groups())
print(re.match(r'(?:x(?=(\d)))*', 'x1x2y').groups(), re.match(r'(?:(?!ab).)*', 'xxabyy').span())
print(re.findall(r'(?<=\d{3})[a-z]', '123a 12b 1234c'), re.findall(r'(?<!\d)\d{2}\b', '12 345 67'))
print(re.match(r'(?P<a>x)(?:(?P=a)|y)*z', 'xxyxxz').span(), re.match(r'((a)\2)*', 'aaaab').groups())
print(re.match(r'(?:a{2})*?a$', 'aaaaa').span(), re.match(r'a{,0}b', 'b').span())
print(re.match(r'(?:(?:a)?)*b', 'aab').span(), re.match(r'(?:a?)*?b', 'aab').span())
print(re.match(r'(?:()|a)*b', 'aab'), re.match(r'(?:(a)|)*b', 'aab').groups())
print(re.match(r'(?>a|ab)c', 'abc'), re.match(r'(?:a|ab)c', 'abc').span())
print(re.match(r'(?:a+)++b', 'a' * 1000 + 'b').span(), re.match(r'(?>a+)+b', 'a' * 30 + 'c'))
print(re.search(r'(?:\d+,?)*;', '1,2,3;').span(), re.findall(r'(\w)(?:(?!\1).)*', 'abcab'))
