# base64 (pure Python over binascii and struct): every encoding of the module, with the
# error cases that reach binascii.Error.
import base64
import binascii

samples = [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256)),
           b'\x00\x00\x00\x00\x00', b'\xff' * 7]
for s in samples:
    print(base64.b64encode(s), base64.standard_b64encode(s), base64.urlsafe_b64encode(s),
          base64.b32encode(s), base64.b32hexencode(s), base64.b16encode(s),
          base64.a85encode(s), base64.b85encode(s), base64.encodebytes(s))
    assert base64.b64decode(base64.b64encode(s)) == s
    assert base64.urlsafe_b64decode(base64.urlsafe_b64encode(s)) == s
    assert base64.b32decode(base64.b32encode(s)) == s
    assert base64.b32hexdecode(base64.b32hexencode(s)) == s
    assert base64.b16decode(base64.b16encode(s)) == s
    assert base64.a85decode(base64.a85encode(s)) == s
    assert base64.b85decode(base64.b85encode(s)) == s
    assert base64.decodebytes(base64.encodebytes(s)) == s
print(base64.b64encode(b'\xfb\xff', altchars=b'-_'), base64.b64decode(b'-_8=', altchars=b'-_'))
print(base64.a85encode(b'hello world', foldspaces=True, wrapcol=10, pad=True, adobe=True))
print(base64.a85decode(b'<~BOu!rD]j7BEbo80~>', adobe=True), base64.a85decode(b'y', foldspaces=True))
print(base64.b64decode('Zm9vYmFy'), base64.b32decode('mzxw6===', casefold=True),
      base64.b32decode('MZXW6===', map01=b'L'), base64.b16decode('666f6f', casefold=True))
for bad in [lambda: base64.b64decode(b'Zm9v!', validate=True), lambda: base64.b64decode(b'Zm9'),
            lambda: base64.b64decode(b'Z'), lambda: base64.b32decode(b'MZXW6==='[:-1]),
            lambda: base64.b32decode(b'mzxw6==='), lambda: base64.b16decode(b'0g'),
            lambda: base64.b16decode(b'abc'), lambda: base64.b85decode(b'|NsC0~'),
            lambda: base64.a85decode(b'z~'), lambda: base64.b64encode('str'),
            lambda: base64.b64decode('é')]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(base64.b64decode(b'Zm9v\nYmFy'), base64.b64decode(b'Zm9vYmFy====='))
