// frontend/compile_fold.cpp — constant folding, as CPython 3.12's Python/ast_opt.c does
// before code generation: literals, tuples of constants, __debug__, and unary / binary
// operators on constants within ast_opt's size limits (128-bit integers for *, ** and
// <<, 4096-character strings, 256-item tuples), so that the constants in co_consts and
// the instructions left are CPython's. An operation that would raise is never folded.
#include <gmp.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "frontend/compiler_impl.h"

namespace strata::compiler_detail {

using namespace ast;

namespace {

constexpr size_t kMaxCollectionSize = 256;
constexpr size_t kMaxStrSize = 4096;

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool is_int(const Const& c) { return c.tag == ConstTag::Int; }
bool is_number(const Const& c) {
  return c.tag == ConstTag::Int || c.tag == ConstTag::Float || c.tag == ConstTag::Complex;
}
double as_double(const Const& c) { return c.tag == ConstTag::Int ? static_cast<double>(c.i) : c.re; }

bool fold_int_binop(OperatorKind k, int64_t a, int64_t b, Const& out) {
  __int128 r;
  switch (k) {
    case OperatorKind::Add: r = (__int128)a + b; break;
    case OperatorKind::Sub: r = (__int128)a - b; break;
    case OperatorKind::Mult: r = (__int128)a * b; break;
    case OperatorKind::FloorDiv: case OperatorKind::Mod: {
      if (b == 0) return false;
      if (a == std::numeric_limits<int64_t>::min() && b == -1) return false;
      int64_t q = a / b, m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) { q -= 1; m += b; }
      r = k == OperatorKind::FloorDiv ? q : m;
      break;
    }
    case OperatorKind::Pow: return false;  // fold_big_binop applies CPython's limit
    case OperatorKind::LShift:
      if (b < 0 || b >= 64) return false;
      r = (__int128)a << b;
      if ((r >> b) != a) return false;
      break;
    case OperatorKind::RShift:
      if (b < 0) return false;
      r = b >= 64 ? (a < 0 ? -1 : 0) : (a >> b);
      break;
    case OperatorKind::BitAnd: r = a & b; break;
    case OperatorKind::BitOr: r = a | b; break;
    case OperatorKind::BitXor: r = a ^ b; break;
    case OperatorKind::Div: {
      if (b == 0) return false;
      const int64_t exact = int64_t(1) << 53;
      if (a > exact || a < -exact || b > exact || b < -exact) return false;
      out = Const{};
      out.tag = ConstTag::Float;
      out.re = static_cast<double>(a) / static_cast<double>(b);
      return true;
    }
    default: return false;
  }
  if (r > std::numeric_limits<int64_t>::max() || r < std::numeric_limits<int64_t>::min())
    return false;
  out = Const{};
  out.tag = ConstTag::Int;
  out.i = static_cast<int64_t>(r);
  return true;
}

// Arbitrary-precision integer folding for what does not fit int64_t, within CPython's
// limits (MAX_INT_SIZE: 128-bit results for *, ** and <<).
constexpr size_t kMaxIntBits = 128;

struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

bool to_mpz(const Const& c, Mpz& z) {
  if (c.tag == ConstTag::Int) {
    mpz_set_si(z.v, c.i);
    return true;
  }
  if (c.tag == ConstTag::BigInt) return mpz_set_str(z.v, c.text.c_str(), 10) == 0;
  return false;
}

void from_mpz(const Mpz& z, Const& out) {
  out = Const{};
  if (mpz_fits_slong_p(z.v)) {
    out.tag = ConstTag::Int;
    out.i = mpz_get_si(z.v);
    return;
  }
  out.tag = ConstTag::BigInt;
  std::string text(mpz_sizeinbase(z.v, 10) + 2, '\0');
  mpz_get_str(text.data(), 10, z.v);
  text.resize(std::strlen(text.c_str()));
  out.text = std::move(text);
}

size_t num_bits(const Mpz& z) { return mpz_sgn(z.v) == 0 ? 0 : mpz_sizeinbase(z.v, 2); }

bool fold_big_binop(OperatorKind k, const Const& a, const Const& b, Const& out) {
  Mpz x, y, r;
  if (!to_mpz(a, x) || !to_mpz(b, y)) return false;
  switch (k) {
    case OperatorKind::Add: mpz_add(r.v, x.v, y.v); break;
    case OperatorKind::Sub: mpz_sub(r.v, x.v, y.v); break;
    case OperatorKind::Mult:
      if (mpz_sgn(x.v) && mpz_sgn(y.v) && num_bits(x) + num_bits(y) > kMaxIntBits) return false;
      mpz_mul(r.v, x.v, y.v);
      break;
    case OperatorKind::FloorDiv:
      if (!mpz_sgn(y.v)) return false;
      mpz_fdiv_q(r.v, x.v, y.v);
      break;
    case OperatorKind::Mod:
      if (!mpz_sgn(y.v)) return false;
      mpz_fdiv_r(r.v, x.v, y.v);
      break;
    case OperatorKind::Pow: {
      if (mpz_sgn(y.v) < 0 || !mpz_fits_ulong_p(y.v)) return false;
      unsigned long e = mpz_get_ui(y.v);
      if (mpz_sgn(x.v) && e && num_bits(x) > kMaxIntBits / e) return false;
      mpz_pow_ui(r.v, x.v, e);
      break;
    }
    case OperatorKind::LShift: {
      if (mpz_sgn(y.v) < 0 || !mpz_fits_ulong_p(y.v)) return false;
      unsigned long n = mpz_get_ui(y.v);
      if (mpz_sgn(x.v) && (n > kMaxIntBits || num_bits(x) > kMaxIntBits - n)) return false;
      mpz_mul_2exp(r.v, x.v, n);
      break;
    }
    case OperatorKind::RShift: {
      if (mpz_sgn(y.v) < 0) return false;
      unsigned long n = mpz_fits_ulong_p(y.v) ? mpz_get_ui(y.v) : ~0ul;
      if (n > num_bits(x) + 1) n = num_bits(x) + 1;
      mpz_fdiv_q_2exp(r.v, x.v, n);
      break;
    }
    case OperatorKind::BitAnd: mpz_and(r.v, x.v, y.v); break;
    case OperatorKind::BitOr: mpz_ior(r.v, x.v, y.v); break;
    case OperatorKind::BitXor: mpz_xor(r.v, x.v, y.v); break;
    default: return false;
  }
  from_mpz(r, out);
  return true;
}

bool fold_binop(OperatorKind k, const Const& a, const Const& b, Const& out) {
  if (k == OperatorKind::Pow && is_int(a) && is_int(b) && b.i < 0) {
    // A negative exponent gives float(a) ** float(b); 0 ** -n raises.
    if (a.i == 0 || b.i < -1100) return false;
    double r = std::pow(static_cast<double>(a.i), static_cast<double>(b.i));
    if (!std::isnormal(r)) return false;
    out = Const{};
    out.tag = ConstTag::Float;
    out.re = r;
    return true;
  }
  bool ints = (a.tag == ConstTag::Int || a.tag == ConstTag::BigInt) &&
              (b.tag == ConstTag::Int || b.tag == ConstTag::BigInt);
  if (ints) {
    if (is_int(a) && is_int(b) && fold_int_binop(k, a.i, b.i, out)) return true;
    return fold_big_binop(k, a, b, out);
  }
  if (k == OperatorKind::Mult && is_int(a) &&
      (b.tag == ConstTag::Str || b.tag == ConstTag::Bytes || b.tag == ConstTag::Tuple))
    return fold_binop(k, b, a, out);  // 3 * "ab" == "ab" * 3
  if (is_number(a) && is_number(b)) {
    bool complex = a.tag == ConstTag::Complex || b.tag == ConstTag::Complex;
    if (complex) {
      if (k != OperatorKind::Add && k != OperatorKind::Sub) return false;
      double are = as_double(a), aim = a.tag == ConstTag::Complex ? a.im : 0.0;
      double bre = as_double(b), bim = b.tag == ConstTag::Complex ? b.im : 0.0;
      out = Const{};
      out.tag = ConstTag::Complex;
      out.re = k == OperatorKind::Add ? are + bre : are - bre;
      out.im = k == OperatorKind::Add ? aim + bim : aim - bim;
      return true;
    }
    double x = as_double(a), y = as_double(b), r;
    switch (k) {
      case OperatorKind::Add: r = x + y; break;
      case OperatorKind::Sub: r = x - y; break;
      case OperatorKind::Mult: r = x * y; break;
      case OperatorKind::Div:
        if (y == 0) return false;
        r = x / y;
        break;
      case OperatorKind::Mod: case OperatorKind::FloorDiv: {
        // Python's float divmod: the remainder takes the divisor's sign; the quotient
        // is (x - mod) / y snapped to the nearest integral value.
        if (y == 0) return false;
        double mod = std::fmod(x, y);
        double div = (x - mod) / y;
        if (mod != 0) {
          if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
          }
        } else {
          mod = std::copysign(0.0, y);
        }
        double floordiv;
        if (div != 0) {
          floordiv = std::floor(div);
          if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
          floordiv = std::copysign(0.0, x / y);
        }
        r = k == OperatorKind::Mod ? mod : floordiv;
        break;
      }
      default: return false;
    }
    out = Const{};
    out.tag = ConstTag::Float;
    out.re = r;
    return true;
  }
  bool seq_a = a.tag == ConstTag::Str || a.tag == ConstTag::Bytes || a.tag == ConstTag::Tuple;
  if (k == OperatorKind::Add && seq_a && a.tag == b.tag) {
    if (a.tag == ConstTag::Tuple) {
      if (a.items.size() + b.items.size() > kMaxCollectionSize) return false;
      out = a;
      out.items.insert(out.items.end(), b.items.begin(), b.items.end());
      return true;
    }
    out = a;
    out.text += b.text;
    if ((a.tag == ConstTag::Str ? utf8_length(out.text) : out.text.size()) > kMaxStrSize)
      return false;
    return true;
  }
  if (k == OperatorKind::Mult && seq_a && is_int(b)) {
    int64_t n = b.i < 0 ? 0 : b.i;
    if (a.tag == ConstTag::Tuple ? a.items.empty() : a.text.empty()) n = 0;  // () * 10**18
    if (a.tag == ConstTag::Tuple) {
      if (!a.items.empty() && static_cast<uint64_t>(n) > kMaxCollectionSize / a.items.size())
        return false;
      out = a;
      out.items.clear();
      for (int64_t i = 0; i < n; i++) out.items.insert(out.items.end(), a.items.begin(), a.items.end());
      return true;
    }
    size_t len = a.tag == ConstTag::Str ? utf8_length(a.text) : a.text.size();
    if (len && static_cast<uint64_t>(n) > kMaxStrSize / len) return false;
    out = a;
    out.text.clear();
    for (int64_t i = 0; i < n; i++) out.text += a.text;
    return true;
  }
  return false;
}

bool fold_unop(UnaryOpKind k, const Const& a, Const& out) {
  if (k == UnaryOpKind::Not) {
    bool truth;
    switch (a.tag) {
      case ConstTag::None: truth = false; break;
      case ConstTag::False: truth = false; break;
      case ConstTag::True: case ConstTag::Ellipsis: case ConstTag::BigInt: case ConstTag::Code:
        truth = true; break;
      case ConstTag::Int: truth = a.i != 0; break;
      case ConstTag::Float: truth = a.re != 0; break;
      case ConstTag::Complex: truth = a.re != 0 || a.im != 0; break;
      case ConstTag::Str: case ConstTag::Bytes: truth = !a.text.empty(); break;
      case ConstTag::Tuple: case ConstTag::FrozenSet: truth = !a.items.empty(); break;
      default: return false;
    }
    out = Const{};
    out.tag = truth ? ConstTag::False : ConstTag::True;
    return true;
  }
  switch (a.tag) {
    case ConstTag::Int:
      out = a;
      if (k == UnaryOpKind::USub) {
        if (a.i == std::numeric_limits<int64_t>::min()) {
          out.tag = ConstTag::BigInt;
          out.text = "9223372036854775808";
          return true;
        }
        out.i = -a.i;
      } else if (k == UnaryOpKind::Invert) {
        out.i = ~a.i;
      }
      return true;
    case ConstTag::BigInt:
      if (k == UnaryOpKind::UAdd) { out = a; return true; }
      if (k == UnaryOpKind::Invert) {
        Mpz x, r;
        if (!to_mpz(a, x)) return false;
        mpz_com(r.v, x.v);
        from_mpz(r, out);
        return true;
      }
      if (k == UnaryOpKind::USub) {
        out = a;
        if (!out.text.empty() && out.text[0] == '-') out.text.erase(0, 1);
        else out.text.insert(0, 1, '-');
        return true;
      }
      return false;
    case ConstTag::Float:
      if (k == UnaryOpKind::Invert) return false;
      out = a;
      if (k == UnaryOpKind::USub) out.re = -a.re;
      return true;
    case ConstTag::Complex:
      if (k == UnaryOpKind::Invert) return false;
      out = a;
      if (k == UnaryOpKind::USub) { out.re = -a.re; out.im = -a.im; }
      return true;
    default:
      return false;
  }
}

bool fold_subscript(const Const& value, const Const& index, Const& out) {
  int64_t i;
  switch (index.tag) {
    case ConstTag::Int: i = index.i; break;
    case ConstTag::True: i = 1; break;
    case ConstTag::False: i = 0; break;
    default: return false;
  }
  switch (value.tag) {
    case ConstTag::Tuple: {
      int64_t n = static_cast<int64_t>(value.items.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) return false;
      out = value.items[static_cast<size_t>(i)];
      return true;
    }
    case ConstTag::Bytes: {
      int64_t n = static_cast<int64_t>(value.text.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) return false;
      out = Const{};
      out.tag = ConstTag::Int;
      out.i = static_cast<unsigned char>(value.text[static_cast<size_t>(i)]);
      return true;
    }
    case ConstTag::Str: {
      // Index by code point; each UTF-8 sequence (a lone surrogate's 3 bytes too) is one.
      std::vector<size_t> starts;
      for (size_t p = 0; p < value.text.size(); p++)
        if ((static_cast<unsigned char>(value.text[p]) & 0xC0) != 0x80) starts.push_back(p);
      int64_t n = static_cast<int64_t>(starts.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) return false;
      size_t b = starts[static_cast<size_t>(i)];
      size_t e = static_cast<size_t>(i) + 1 < starts.size() ? starts[static_cast<size_t>(i) + 1]
                                                             : value.text.size();
      out = Const{};
      out.tag = ConstTag::Str;
      out.text = value.text.substr(b, e - b);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

bool Compiler::fold(Node* e, Const& out) {
  // Operators and tuples remember a failed fold: expr() asks again for each operand of
  // a long `a + b + c ...` chain, which would otherwise be quadratic.
  bool composite = e->kind == Kind::BinOp || e->kind == Kind::UnaryOp ||
                   e->kind == Kind::Tuple || e->kind == Kind::Subscript;
  if (composite && unfoldable_.count(e)) return false;
  bool ok = fold_uncached(e, out);
  if (composite && !ok) unfoldable_.insert(e);
  return ok;
}

bool Compiler::fold_uncached(Node* e, Const& out) {
  switch (e->kind) {
    case Kind::Constant:
      out = const_of(static_cast<Constant*>(e)->value);
      return true;
    case Kind::Name: {
      auto* n = static_cast<Name*>(e);
      if (n->ctx == ExprContext::Load && sv(n->id) == "__debug__") {
        out = Const{};
        out.tag = options_.optimize ? ConstTag::False : ConstTag::True;
        return true;
      }
      return false;
    }
    case Kind::Tuple: {
      auto* t = static_cast<Tuple*>(e);
      if (t->ctx != ExprContext::Load) return false;
      Const r;
      r.tag = ConstTag::Tuple;
      r.items.reserve(t->elts.size);
      for (Node* elt : t->elts) {
        Const item;
        if (!fold(elt, item)) return false;
        r.items.push_back(std::move(item));
      }
      out = std::move(r);
      return true;
    }
    case Kind::UnaryOp: {
      auto* u = static_cast<UnaryOp*>(e);
      Const a;
      if (!fold(u->operand, a)) return false;
      return fold_unop(u->op, a, out);
    }
    case Kind::BinOp: {
      auto* b = static_cast<BinOp*>(e);
      Const l, r;
      if (!fold(b->left, l) || !fold(b->right, r)) return false;
      return fold_binop(b->op, l, r, out);
    }
    case Kind::Subscript: {
      // "abc"[1], b"ab"[0], (1, 2)[-1]: ast_opt's fold_subscr (an index, not a slice).
      auto* sub = static_cast<Subscript*>(e);
      if (sub->ctx != ExprContext::Load) return false;
      Const value, index;
      if (!fold(sub->value, value) || !fold(sub->slice, index)) return false;
      if (sub->slice->kind == Kind::Slice) return false;
      return fold_subscript(value, index, out);
    }
    default:
      return false;
  }
}

}  // namespace strata::compiler_detail
