// stdlib/random.cpp — the `_random` module: _random.Random, the Mersenne Twister
// (MT19937) core generator under random.py, producing bit-for-bit CPython's sequence for
// the same seed (the same init_by_array key from a seed, the same 53-bit random(), the
// same word order in getrandbits); and the `_sha512` module (sha512, sha384), which
// random.py imports at load time to seed from str/bytes.
#include <gmp.h>
#include <sys/random.h>
#include <unistd.h>

#include <cstring>
#include <ctime>

#include "stdlib/builtins.h"
#include "stdlib/bytes_like.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/dict.h"
#include "vm/float.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

// -- The Mersenne Twister ---------------------------------------------------------------------

constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

struct RandomObject {
  Object ob;
  int index;  // next word of state to temper; kN: regenerate first
  uint32_t state[kN];
};

extern Type RandomType;

uint32_t genrand_uint32(RandomObject* self) {
  uint32_t* mt = self->state;
  if (self->index >= kN) {
    // Regenerate the whole block of kN words.
    int kk;
    uint32_t y;
    for (kk = 0; kk < kN - kM; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + kM] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    }
    for (; kk < kN - 1; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    }
    y = (mt[kN - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    self->index = 0;
  }
  uint32_t y = mt[self->index++];
  // Tempering.
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

void init_genrand(RandomObject* self, uint32_t s) {
  uint32_t* mt = self->state;
  mt[0] = s;
  for (int i = 1; i < kN; i++) {
    mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + uint32_t(i);
  }
  self->index = kN;
}

void init_by_array(RandomObject* self, const uint32_t* key, size_t key_length) {
  uint32_t* mt = self->state;
  init_genrand(self, 19650218U);
  size_t i = 1, j = 0;
  for (size_t k = kN > key_length ? kN : key_length; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + uint32_t(j);
    i++;
    j++;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (size_t k = kN - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
    i++;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // MSB set: the state is never all zeros
}

void seed_from_entropy(RandomObject* self) {
  uint32_t key[kN];
  size_t got = 0;
  while (got < sizeof key) {
    ssize_t r = getrandom(reinterpret_cast<char*>(key) + got, sizeof key - got, GRND_NONBLOCK);
    if (r <= 0) break;
    got += size_t(r);
  }
  if (got == sizeof key) {
    init_by_array(self, key, kN);
    return;
  }
  // No entropy available: the time and the process id, as CPython's fallback.
  struct timespec rt, mono;
  clock_gettime(CLOCK_REALTIME, &rt);
  clock_gettime(CLOCK_MONOTONIC, &mono);
  int64_t now = int64_t(rt.tv_sec) * 1000000000 + rt.tv_nsec;
  int64_t mnow = int64_t(mono.tv_sec) * 1000000000 + mono.tv_nsec;
  uint32_t k5[5] = {uint32_t(now), uint32_t(uint64_t(now) >> 32), uint32_t(getpid()),
                    uint32_t(mnow), uint32_t(uint64_t(mnow) >> 32)};
  init_by_array(self, k5, 5);
}

// random_seed(): None -> entropy; an int -> its absolute value; anything else -> its hash
// as an unsigned word. The number's 32-bit words, least significant first, are the key.
int random_seed(RandomObject* self, Value arg) {
  if (!arg || is_none(arg)) {
    seed_from_entropy(self);
    return 0;
  }
  if (arg.is_small()) {
    int64_t v = arg.small_value();
    uint64_t u = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    uint32_t key[2] = {uint32_t(u), uint32_t(u >> 32)};
    init_by_array(self, key, key[1] ? 2 : 1);
    return 0;
  }
  mpz_t n;
  mpz_init(n);
  if (is_int(arg)) {
    int_to_mpz(arg, n);
    mpz_abs(n, n);
  } else {
    int64_t h = hash(arg);
    if (h == -1) {
      mpz_clear(n);
      return -1;
    }
    mpz_set_ui(n, (unsigned long)uint64_t(h));
  }
  size_t bits = mpz_sizeinbase(n, 2);
  size_t keyused = mpz_sgn(n) == 0 ? 1 : (bits - 1) / 32 + 1;
  uint32_t small_key[8];
  uint32_t* key = keyused <= 8 ? small_key
                               : static_cast<uint32_t*>(mem_alloc(sizeof(uint32_t) * keyused));
  if (!key) {
    mpz_clear(n);
    raise_no_memory();
    return -1;
  }
  key[0] = 0;
  size_t count = 0;
  mpz_export(key, &count, -1, sizeof(uint32_t), 0, 0, n);
  init_by_array(self, key, keyused);
  if (key != small_key) mem_free(key);
  mpz_clear(n);
  return 0;
}

RandomObject* as_random(Value self) { return self.as<RandomObject>(); }

Value rnd_random(Value self, const Value*, size_t, Value) {
  RandomObject* r = as_random(self);
  uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
  return float_new((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Value rnd_seed(Value self, const Value* args, size_t nargs, Value) {
  if (!check_positional("seed", nargs, 0, 1)) return Value();
  if (random_seed(as_random(self), nargs ? args[0] : Value()) < 0) return Value();
  return None();
}

Value rnd_getstate(Value self, const Value*, size_t, Value) {
  RandomObject* r = as_random(self);
  Value t = tuple_new(kN + 1);
  if (!t) return t;
  for (int i = 0; i < kN; i++) tuple_items(t)[i] = Value::small(r->state[i]);
  tuple_items(t)[kN] = Value::small(r->index);
  return t;
}

Value rnd_setstate(Value self, const Value* args, size_t, Value) {
  Value state = args[0];
  if (!is_tuple(state)) return raise(TypeError, "state vector must be a tuple");
  if (tuple_size(state) != kN + 1) return raise(ValueError, "state vector is the wrong size");
  uint32_t new_state[kN];
  for (int i = 0; i < kN; i++) {
    Value e = tuple_item(state, i);
    if (!is_int(e)) return raise(TypeError, "an integer is required");
    if (int_sign(e) < 0) {
      return raise(OverflowError, "can't convert negative value to unsigned int");
    }
    int64_t v;
    if (!int_to_i64(e, &v)) {
      // PyLong_AsUnsignedLong accepts up to 2**64 - 1; the state keeps the low 32 bits.
      mpz_t z;
      mpz_init(z);
      int_to_mpz(e, z);
      bool fits = mpz_sizeinbase(z, 2) <= 64;
      uint64_t low = mpz_getlimbn(z, 0);
      mpz_clear(z);
      if (!fits) return raise(OverflowError, "Python int too large to convert to C unsigned long");
      v = int64_t(low);
    }
    new_state[i] = uint32_t(uint64_t(v));
  }
  Value iv = tuple_item(state, kN);
  Ref idx(number_index(iv));
  if (!idx) return Value();
  int64_t index = int_as_i64(*idx);
  if (index == -1 && error_occurred()) return Value();
  if (index < 0 || index > kN) return raise(ValueError, "invalid state");
  RandomObject* r = as_random(self);
  r->index = int(index);
  std::memcpy(r->state, new_state, sizeof new_state);
  return None();
}

Value rnd_getrandbits(Value self, const Value* args, size_t, Value) {
  Value arg = args[0];
  if (is_float(arg)) return raise(TypeError, "'float' object cannot be interpreted as an integer");
  Ref idx(number_index(arg));
  if (!idx) return Value();
  int64_t k;
  if (!int_to_i64(*idx, &k) || k > INT32_MAX || k < INT32_MIN) {
    return raise(OverflowError, "Python int too large to convert to C int");
  }
  if (k < 0) return raise(ValueError, "number of bits must be non-negative");
  RandomObject* r = as_random(self);
  if (k == 0) return Value::small(0);
  if (k <= 32) return Value::small(genrand_uint32(r) >> (32 - k));
  if (k <= 64) {
    uint64_t lo = genrand_uint32(r);
    uint64_t hi = genrand_uint32(r);
    if (k < 64) hi >>= (64 - k);
    return int_from_u64(lo | (hi << 32));
  }
  // Words from least to most significant; the last keeps its top bits.
  int64_t words = (k - 1) / 32 + 1;
  uint32_t* w = static_cast<uint32_t*>(mem_alloc(sizeof(uint32_t) * size_t(words)));
  if (!w) return raise_no_memory();
  for (int64_t i = 0; i < words; i++, k -= 32) {
    uint32_t x = genrand_uint32(r);
    if (k < 32) x >>= (32 - k);
    w[i] = x;
  }
  mpz_t z;
  mpz_init(z);
  mpz_import(z, size_t(words), -1, sizeof(uint32_t), 0, 0, w);
  mem_free(w);
  Value result = int_from_mpz(z);
  mpz_clear(z);
  return result;
}

Value rnd_new(Type* type, const Value*, size_t, Value) {
  Object* o = alloc_object(type, type->basicsize);
  if (!o) return Value();
  if (has_flag(type, TF_HAVE_GC)) gc_track(o);
  return Value::from(o);
}

int rnd_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  Type* t = type_of(self);
  if ((t == &RandomType || t->init == RandomType.init) && kwnames && tuple_size(kwnames) > 0) {
    raise(TypeError, "Random() takes no keyword arguments");
    return -1;
  }
  if (nargs > 1) {
    raise(TypeError, "Random() requires 0 or 1 argument");
    return -1;
  }
  return random_seed(as_random(self), nargs ? args[0] : Value());
}

void rnd_dealloc(Object* o) { free_object(o); }

const MethodDef kRandomMethods[] = {
    {"random", rnd_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", rnd_seed, METH_FASTCALL,
     "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the "
     "current time and the process identifier."},
    {"getstate", rnd_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", rnd_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", rnd_getrandbits, METH_O,
     "getrandbits(k) -> x.  Generates an int with k random bits."},
    {nullptr, nullptr, 0, nullptr},
};

Type RandomType = {
    .ob = {kImmortal, &TypeType},
    .name = "_random.Random",
    .flags = TF_BASETYPE,
    .basicsize = sizeof(RandomObject),
    .dealloc = rnd_dealloc,
    .new_ = rnd_new,
    .init = rnd_init,
    .methods = kRandomMethods,
    .doc = "Random() -> create a random number generator with its own internal state.",
};

int random_module_init(Value module) {
  static bool ready = false;
  if (!ready) {
    if (type_ready(&RandomType) < 0) return -1;
    ready = true;
  }
  return dict_set_cstr(module_dict(module), "Random", Value::from(&RandomType));
}

// -- SHA-512 and SHA-384 (FIPS 180-4) ---------------------------------------------------------

// The round constants are the first 64 bits of the fractional parts of the cube roots of
// the first 80 primes, and the initial values those of the square roots of the first 8
// (SHA-512) and the next 8 (SHA-384) primes: computed exactly with GMP once.
uint64_t g_sha_k[80];
uint64_t g_sha512_iv[8];
uint64_t g_sha384_iv[8];

void sha_init_constants() {
  int primes[80];
  int n = 0;
  for (int c = 2; n < 80; c++) {
    bool prime = true;
    for (int d = 2; d * d <= c; d++) {
      if (c % d == 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes[n++] = c;
  }
  mpz_t z;
  mpz_init(z);
  for (int i = 0; i < 80; i++) {
    mpz_set_ui(z, unsigned(primes[i]));
    mpz_mul_2exp(z, z, 192);
    mpz_root(z, z, 3);  // floor(cbrt(p) * 2**64)
    g_sha_k[i] = mpz_getlimbn(z, 0);
  }
  for (int i = 0; i < 16; i++) {
    mpz_set_ui(z, unsigned(primes[i]));
    mpz_mul_2exp(z, z, 128);
    mpz_sqrt(z, z);  // floor(sqrt(p) * 2**64)
    (i < 8 ? g_sha512_iv[i] : g_sha384_iv[i - 8]) = mpz_getlimbn(z, 0);
  }
  mpz_clear(z);
}

struct ShaObject {
  Object ob;
  uint64_t h[8];
  uint64_t total;  // bytes hashed (messages of 2**61 bytes or more are out of reach)
  uint32_t buflen;
  int digest_size;  // 64 or 48
  uint8_t buf[128];
};

inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

void sha_compress(uint64_t* h, const uint8_t* block) {
  uint64_t w[80];
  for (int t = 0; t < 16; t++) {
    uint64_t v = 0;
    for (int b = 0; b < 8; b++) v = (v << 8) | block[t * 8 + b];
    w[t] = v;
  }
  for (int t = 16; t < 80; t++) {
    uint64_t s0 = rotr(w[t - 15], 1) ^ rotr(w[t - 15], 8) ^ (w[t - 15] >> 7);
    uint64_t s1 = rotr(w[t - 2], 19) ^ rotr(w[t - 2], 61) ^ (w[t - 2] >> 6);
    w[t] = s1 + w[t - 7] + s0 + w[t - 16];
  }
  uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int t = 0; t < 80; t++) {
    uint64_t S1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41);
    uint64_t ch = (e & f) ^ (~e & g);
    uint64_t t1 = hh + S1 + ch + g_sha_k[t] + w[t];
    uint64_t S0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39);
    uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint64_t t2 = S0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

void sha_update(ShaObject* s, const uint8_t* p, int64_t n) {
  s->total += uint64_t(n);
  if (s->buflen) {
    int64_t take = 128 - s->buflen < n ? 128 - s->buflen : n;
    std::memcpy(s->buf + s->buflen, p, size_t(take));
    s->buflen += uint32_t(take);
    p += take;
    n -= take;
    if (s->buflen < 128) return;
    sha_compress(s->h, s->buf);
    s->buflen = 0;
  }
  for (; n >= 128; p += 128, n -= 128) sha_compress(s->h, p);
  if (n) {
    std::memcpy(s->buf, p, size_t(n));
    s->buflen = uint32_t(n);
  }
}

// The digest of what was hashed so far (the object itself is left as it was).
void sha_final(const ShaObject* s, uint8_t out[64]) {
  uint64_t h[8];
  std::memcpy(h, s->h, sizeof h);
  uint8_t block[256];
  uint32_t len = s->buflen;
  std::memcpy(block, s->buf, len);
  block[len++] = 0x80;
  uint32_t total_len = len + 16 <= 128 ? 128 : 256;
  std::memset(block + len, 0, total_len - len);
  uint64_t bits = s->total << 3;
  uint64_t bits_hi = s->total >> 61;
  for (int b = 0; b < 8; b++) {
    block[total_len - 1 - b] = uint8_t(bits >> (8 * b));
    block[total_len - 9 - b] = uint8_t(bits_hi >> (8 * b));
  }
  sha_compress(h, block);
  if (total_len == 256) sha_compress(h, block + 128);
  for (int i = 0; i < 8; i++) {
    for (int b = 0; b < 8; b++) out[i * 8 + b] = uint8_t(h[i] >> (56 - 8 * b));
  }
}

extern Type Sha512Type, Sha384Type;

// The data argument of a hash: a bytes-like object, with hashlib's messages otherwise.
bool sha_data(Value v, BytesView* view) {
  if (is_str(v)) {
    raise(TypeError, "Strings must be encoded before hashing");
    return false;
  }
  int r = get_bytes_like(v, view);
  if (r < 0) return false;
  if (r == 0) {
    raise(TypeError, "object supporting the buffer API required");
    return false;
  }
  return true;
}

Value sha_make(Type* type, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"string", "usedforsecurity"};
  static const ArgSpec spec512{"sha512", names, 2, 0, 0, 1};
  static const ArgSpec spec384{"sha384", names, 2, 0, 0, 1};
  Value a[2];
  if (!unpack_keywords(type == &Sha512Type ? spec512 : spec384, args, nargs, kwnames, a)) {
    return Value();
  }
  BytesView view;
  if (a[0] && !sha_data(a[0], &view)) return Value();
  if (a[1] && is_true(a[1]) < 0) return Value();
  Object* o = alloc_object(type, sizeof(ShaObject));
  if (!o) return Value();
  ShaObject* s = reinterpret_cast<ShaObject*>(o);
  bool is512 = type == &Sha512Type;
  std::memcpy(s->h, is512 ? g_sha512_iv : g_sha384_iv, sizeof s->h);
  s->digest_size = is512 ? 64 : 48;
  if (a[0]) sha_update(s, view.data, view.size);
  return Value::from(o);
}

Value sha512_fn(Value, const Value* args, size_t nargs, Value kwnames) {
  return sha_make(&Sha512Type, args, nargs, kwnames);
}
Value sha384_fn(Value, const Value* args, size_t nargs, Value kwnames) {
  return sha_make(&Sha384Type, args, nargs, kwnames);
}

Value sha_update_m(Value self, const Value* args, size_t, Value) {
  BytesView view;
  if (!sha_data(args[0], &view)) return Value();
  sha_update(self.as<ShaObject>(), view.data, view.size);
  return None();
}

Value sha_digest_m(Value self, const Value*, size_t, Value) {
  uint8_t out[64];
  ShaObject* s = self.as<ShaObject>();
  sha_final(s, out);
  return bytes_from(std::string_view(reinterpret_cast<char*>(out), size_t(s->digest_size)));
}

Value sha_hexdigest_m(Value self, const Value*, size_t, Value) {
  uint8_t out[64];
  ShaObject* s = self.as<ShaObject>();
  sha_final(s, out);
  char hex[128];
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < s->digest_size; i++) {
    hex[2 * i] = digits[out[i] >> 4];
    hex[2 * i + 1] = digits[out[i] & 15];
  }
  return str_from_ascii(std::string_view(hex, size_t(2 * s->digest_size)));
}

Value sha_copy_m(Value self, const Value*, size_t, Value) {
  Type* t = type_of(self);
  Object* o = alloc_object(t, sizeof(ShaObject));
  if (!o) return Value();
  ShaObject* dst = reinterpret_cast<ShaObject*>(o);
  const ShaObject* src = self.as<ShaObject>();
  std::memcpy(reinterpret_cast<char*>(dst) + sizeof(Object),
              reinterpret_cast<const char*>(src) + sizeof(Object), sizeof(ShaObject) - sizeof(Object));
  return Value::from(o);
}

Value sha_get_block_size(Value) { return Value::small(128); }
Value sha_get_digest_size(Value self) { return Value::small(self.as<ShaObject>()->digest_size); }
Value sha_get_name(Value self) {
  return str_from_ascii(self.as<ShaObject>()->digest_size == 64 ? "sha512" : "sha384");
}

void sha_dealloc(Object* o) { free_object(o); }

const MethodDef kShaMethods[] = {
    {"copy", sha_copy_m, METH_NOARGS, "Return a copy of the hash object."},
    {"digest", sha_digest_m, METH_NOARGS, "Return the digest value as a bytes object."},
    {"hexdigest", sha_hexdigest_m, METH_NOARGS, "Return the digest value as a string of hexadecimal digits."},
    {"update", sha_update_m, METH_O, "Update this hash object's state with the provided string."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kShaGetSet[] = {
    {"block_size", sha_get_block_size, nullptr, nullptr},
    {"name", sha_get_name, nullptr, nullptr},
    {"digest_size", sha_get_digest_size, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kSha512ModuleMethods[] = {
    {"sha512", sha512_fn, METH_FASTCALL | METH_KEYWORDS, "Return a new SHA-512 hash object; optionally initialized with a string."},
    {"sha384", sha384_fn, METH_FASTCALL | METH_KEYWORDS, "Return a new SHA-384 hash object; optionally initialized with a string."},
    {nullptr, nullptr, 0, nullptr},
};

Type Sha512Type = {
    .ob = {kImmortal, &TypeType},
    .name = "_sha512.sha512",
    .basicsize = sizeof(ShaObject),
    .dealloc = sha_dealloc,
    .methods = kShaMethods,
    .getset = kShaGetSet,
};
Type Sha384Type = {
    .ob = {kImmortal, &TypeType},
    .name = "_sha512.sha384",
    .basicsize = sizeof(ShaObject),
    .dealloc = sha_dealloc,
    .methods = kShaMethods,
    .getset = kShaGetSet,
};

int sha512_module_init(Value module) {
  static bool ready = false;
  if (!ready) {
    sha_init_constants();
    if (type_ready(&Sha512Type) < 0 || type_ready(&Sha384Type) < 0) return -1;
    ready = true;
  }
  Value d = module_dict(module);
  if (dict_set_cstr(d, "SHA512Type", Value::from(&Sha512Type)) < 0 ||
      dict_set_cstr(d, "SHA384Type", Value::from(&Sha384Type)) < 0)
    return -1;
  return 0;
}

}  // namespace

extern const BuiltinModuleDef random_module_def;
const BuiltinModuleDef random_module_def = {
    "_random", random_module_init, nullptr,
    "Module implements the Mersenne Twister random number generator."};

extern const BuiltinModuleDef sha512_module_def;
const BuiltinModuleDef sha512_module_def = {"_sha512", sha512_module_init, kSha512ModuleMethods,
                                            nullptr};

}  // namespace strata
