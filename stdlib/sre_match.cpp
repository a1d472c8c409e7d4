// stdlib/sre_match.cpp — the backtracking matcher of `_sre`: runs a program of
// re/_compiler.py's opcodes over a subject of 1-, 2- or 4-byte characters.
//
// The matcher is a loop over the opcodes with an explicit stack of frames on the heap.
// Where the program has a choice (an alternative, one more or one less repetition, a
// lookaround), the loop "calls" the rest of the program: it pushes a frame that names the
// point to resume at, and continues there; reaching SUCCESS or FAILURE "returns" to the
// innermost frame's resume point. The continuation of a call is the whole rest of the
// match, so a frame is popped only when everything after it succeeded or failed: the
// stack grows with the number of open choices, never with the native stack.
//
// Invariants the frames rely on:
// - Marks above st.lastmark are unset, whatever the array holds, so restoring lastmark
//   undoes the groups a failed path opened. Marks at or below it can only be overwritten
//   when a group is matched again, which needs a repeat: the choice points save the marks
//   themselves only inside a repeat (st.repeat != -1), and always in the UNTIL loops.
// - Every frame that pushes saved marks remembers the mark stack's height and truncates
//   it back when it returns, on success and on failure.
// - st.repeat is the same when a call returns as when it was made.
#include "stdlib/sre.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <cstring>

#include "vm/interp.h"
#include "vm/ops.h"
#include "vm/str.h"

namespace strata::sre {

// -- Character classes and case mappings --------------------------------------------------

uint32_t lower_ascii(uint32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static uint32_t upper_ascii(uint32_t c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }

// CPython's _PyUnicode_ToLowercase/ToUppercase: the simple mapping, except that a
// character with an unconditional special casing maps to the first character of its full
// mapping (so upper('ß') is 'S'). Only uppercasing has such characters whose first
// character differs from the simple mapping; they sit in these few ranges.
uint32_t lower_unicode(uint32_t c) {
  if (c < 128) return lower_ascii(c);
  return uint32_t(u_tolower(UChar32(c)));
}

static bool has_special_upper(uint32_t c) {
  return c == 0xDF || c == 0x149 || c == 0x1F0 || c == 0x390 || c == 0x3B0 || c == 0x587 ||
         (c >= 0x1E96 && c <= 0x1E9A) || (c >= 0x1F50 && c <= 0x1F56) ||
         (c >= 0x1F80 && c <= 0x1FFC) || (c >= 0xFB00 && c <= 0xFB17);
}

uint32_t upper_unicode(uint32_t c) {
  if (c < 128) return upper_ascii(c);
  if (has_special_upper(c)) {
    UChar src[2], dst[8];
    int32_t n = 0;
    U16_APPEND_UNSAFE(src, n, UChar32(c));
    UErrorCode err = U_ZERO_ERROR;
    int32_t m = u_strToUpper(dst, 8, src, n, "", &err);
    if (U_SUCCESS(err) && m > 0) {
      UChar32 out;
      int32_t k = 0;
      U16_NEXT(dst, k, m, out);
      return uint32_t(out);
    }
  }
  return uint32_t(u_toupper(UChar32(c)));
}

bool iscased_ascii(uint32_t c) { return c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool iscased_unicode(uint32_t c) { return c != lower_unicode(c) || c != upper_unicode(c); }

namespace {

// The locale's mappings, for the C locale Strata runs in.
inline uint32_t lower_locale(uint32_t c) { return c < 256 ? lower_ascii(c) : c; }
inline uint32_t upper_locale(uint32_t c) { return c < 256 ? upper_ascii(c) : c; }

inline bool is_digit_ascii(uint32_t c) { return c >= '0' && c <= '9'; }
inline bool is_space_ascii(uint32_t c) { return c == ' ' || (c >= 9 && c <= 13); }
inline bool is_word_ascii(uint32_t c) {
  return c < 128 && (is_digit_ascii(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_');
}

bool is_decimal_unicode(uint32_t c) {
  if (c < 128) return is_digit_ascii(c);
  return u_getIntPropertyValue(UChar32(c), UCHAR_NUMERIC_TYPE) == U_NT_DECIMAL;
}
bool is_word_unicode(uint32_t c) {
  if (c < 128) return is_word_ascii(c);
  switch (u_charType(UChar32(c))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(UChar32(c), UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}
bool is_linebreak_unicode(uint32_t c) {
  switch (c) {
    case '\n': case '\r': case 0x0B: case 0x0C: case 0x1C: case 0x1D: case 0x1E:
    case 0x85: case 0x2028: case 0x2029:
      return true;
  }
  return false;
}

bool category(uint32_t code, uint32_t c) {
  switch (code) {
    case CAT_DIGIT: return is_digit_ascii(c);
    case CAT_NOT_DIGIT: return !is_digit_ascii(c);
    case CAT_SPACE: return is_space_ascii(c);
    case CAT_NOT_SPACE: return !is_space_ascii(c);
    case CAT_WORD: return is_word_ascii(c);
    case CAT_NOT_WORD: return !is_word_ascii(c);
    case CAT_LINEBREAK: return c == '\n';
    case CAT_NOT_LINEBREAK: return c != '\n';
    case CAT_LOC_WORD: return is_word_ascii(c);
    case CAT_LOC_NOT_WORD: return !is_word_ascii(c);
    case CAT_UNI_DIGIT: return is_decimal_unicode(c);
    case CAT_UNI_NOT_DIGIT: return !is_decimal_unicode(c);
    case CAT_UNI_SPACE: return strata::text::is_space(c);
    case CAT_UNI_NOT_SPACE: return !strata::text::is_space(c);
    case CAT_UNI_WORD: return is_word_unicode(c);
    case CAT_UNI_NOT_WORD: return !is_word_unicode(c);
    case CAT_UNI_LINEBREAK: return is_linebreak_unicode(c);
    case CAT_UNI_NOT_LINEBREAK: return !is_linebreak_unicode(c);
  }
  return false;
}

// Membership in a set (the words after IN's skip, up to its FAILURE).
bool in_charset(const uint32_t* set, uint32_t c) {
  bool ok = true;
  for (;;) {
    switch (*set++) {
      case OP_FAILURE:
        return !ok;
      case OP_LITERAL:
        if (c == set[0]) return ok;
        set += 1;
        break;
      case OP_CATEGORY:
        if (category(set[0], c)) return ok;
        set += 1;
        break;
      case OP_CHARSET:
        if (c < 256 && (set[c >> 5] & (1u << (c & 31)))) return ok;
        set += 8;
        break;
      case OP_RANGE:
        if (set[0] <= c && c <= set[1]) return ok;
        set += 2;
        break;
      case OP_RANGE_UNI_IGNORE: {
        // c is already lowered; its uppercase may be in the range too.
        if (set[0] <= c && c <= set[1]) return ok;
        uint32_t u = upper_unicode(c);
        if (set[0] <= u && u <= set[1]) return ok;
        set += 2;
        break;
      }
      case OP_NEGATE:
        ok = !ok;
        break;
      case OP_BIGCHARSET: {
        // n blocks; 256 block numbers as bytes (in 64 words, native order); the blocks.
        uint32_t n = *set++;
        if (c < 65536) {
          uint32_t block = reinterpret_cast<const uint8_t*>(set)[c >> 8];
          const uint32_t* bits = set + 64 + block * 8;
          if (bits[(c & 255) >> 5] & (1u << (c & 31))) return ok;
        }
        set += 64 + n * 8;
        break;
      }
      default:
        return false;  // validate() admits nothing else
    }
  }
}

bool in_charset_loc_ignore(const uint32_t* set, uint32_t c) {
  uint32_t lo = lower_locale(c);
  if (in_charset(set, lo)) return true;
  uint32_t up = upper_locale(c);
  return up != lo && in_charset(set, up);
}

inline bool char_loc_ignore(uint32_t pattern, uint32_t c) {
  return c == pattern || lower_locale(c) == pattern || upper_locale(c) == pattern;
}

// Whether one character satisfies a single-character op (the item of the *_REPEAT_ONE
// ops; validate() ensures only these ops appear there).
inline bool char_ok(const uint32_t* op, uint32_t c) {
  switch (op[0]) {
    case OP_ANY: return c != '\n';
    case OP_ANY_ALL: return true;
    case OP_LITERAL: return c == op[1];
    case OP_NOT_LITERAL: return c != op[1];
    case OP_LITERAL_IGNORE: return lower_ascii(c) == op[1];
    case OP_NOT_LITERAL_IGNORE: return lower_ascii(c) != op[1];
    case OP_LITERAL_UNI_IGNORE: return lower_unicode(c) == op[1];
    case OP_NOT_LITERAL_UNI_IGNORE: return lower_unicode(c) != op[1];
    case OP_LITERAL_LOC_IGNORE: return char_loc_ignore(op[1], c);
    case OP_NOT_LITERAL_LOC_IGNORE: return !char_loc_ignore(op[1], c);
    case OP_IN: return in_charset(op + 2, c);
    case OP_IN_IGNORE: return in_charset(op + 2, lower_ascii(c));
    case OP_IN_UNI_IGNORE: return in_charset(op + 2, lower_unicode(c));
    case OP_IN_LOC_IGNORE: return in_charset_loc_ignore(op + 2, c);
    case OP_CATEGORY: return category(op[1], c);
  }
  return false;
}

bool is_char_op(uint32_t op) {
  switch (op) {
    case OP_ANY: case OP_ANY_ALL: case OP_LITERAL: case OP_NOT_LITERAL:
    case OP_LITERAL_IGNORE: case OP_NOT_LITERAL_IGNORE: case OP_LITERAL_UNI_IGNORE:
    case OP_NOT_LITERAL_UNI_IGNORE: case OP_LITERAL_LOC_IGNORE:
    case OP_NOT_LITERAL_LOC_IGNORE: case OP_IN: case OP_IN_IGNORE: case OP_IN_UNI_IGNORE:
    case OP_IN_LOC_IGNORE: case OP_CATEGORY:
      return true;
  }
  return false;
}

// Where a matcher frame resumes when the call it made returns.
enum Resume : uint8_t {
  R_DONE,            // the outermost frame: the run is over
  R_BRANCH,          // an alternative was tried
  R_REPEAT_ONE,      // the tail after n items was tried (n decreases)
  R_MIN_REPEAT_ONE,  // the tail after n items was tried (n increases)
  R_REPEAT,          // a REPEAT's loop (its UNTIL) finished
  R_MAX_UNTIL_MIN,   // an iteration below the minimum
  R_MAX_UNTIL_MORE,  // one more (greedy) iteration
  R_MAX_UNTIL_TAIL,  // the tail after the greedy loop
  R_MIN_UNTIL_MIN,   // an iteration below the minimum
  R_MIN_UNTIL_TAIL,  // the tail, tried first by a lazy loop
  R_MIN_UNTIL_MORE,  // one more (lazy) iteration
  R_ASSERT,
  R_ASSERT_NOT,
  R_ATOMIC,
  R_POSS_MIN,        // a possessive iteration below the minimum
  R_POSS_MORE,       // one more possessive iteration
};

}  // namespace

struct Frame {
  const uint32_t* pc;     // the operands of the op that made the call
  const uint32_t* alt;    // BRANCH: the skip word of the alternative being tried
  int64_t ptr;            // the position when the call was made
  int64_t count;          // repetitions so far
  int64_t saved;          // MAX/MIN_UNTIL: the repeat's last_ptr; POSSESSIVE: last position
  int64_t lastmark, lastindex;
  size_t mark_base;       // mark-stack height before this frame saved marks
  int32_t rep;            // the repeat this op manages
  Resume resume;          // where the PARENT resumes when this frame returns
  bool toplevel;          // SUCCESS here ends the whole match (fullmatch, must_advance)
  bool pushed;            // this frame saved marks at mark_base
};

State::State() : frames(new std::vector<Frame>()) {}
State::~State() { delete frames; }

namespace {

template <class C>
class Matcher {
 public:
  Matcher(State& st, const uint32_t* code)
      : st_(st), code_(code), s_(static_cast<const C*>(st.data)), end_(st.end),
        frames_(*st.frames) {}

  int run(const uint32_t* pc, int64_t ptr, bool toplevel);
  int64_t count(const uint32_t* item, int64_t ptr, int64_t maxcount);

 private:
  bool at(uint32_t code, int64_t ptr) const;
  void save_marks(Frame* f) {
    f->mark_base = st_.mark_stack.size();
    f->pushed = true;
    if (st_.lastmark >= 0) {
      st_.mark_stack.insert(st_.mark_stack.end(), st_.marks.begin(),
                            st_.marks.begin() + st_.lastmark + 1);
    }
  }
  // Puts the marks saved by f back (f->lastmark must be the lastmark at save time).
  void restore_marks(Frame* f) {
    if (f->lastmark >= 0) {
      std::memcpy(st_.marks.data(), st_.mark_stack.data() + f->mark_base,
                  sizeof(int64_t) * size_t(f->lastmark + 1));
    }
  }
  void drop_marks(Frame* f) {
    if (f->pushed) {
      st_.mark_stack.resize(f->mark_base);
      f->pushed = false;
    }
  }
  int32_t new_repeat(const uint32_t* pattern) {
    int32_t r;
    if (!st_.free_repeats.empty()) {
      r = st_.free_repeats.back();
      st_.free_repeats.pop_back();
    } else {
      r = int32_t(st_.repeats.size());
      st_.repeats.push_back(Repeat{});
    }
    st_.repeats[size_t(r)] = Repeat{-1, pattern, -1, st_.repeat};
    return r;
  }
  void free_repeat(int32_t r) { st_.free_repeats.push_back(r); }

  State& st_;
  const uint32_t* code_;
  const C* s_;
  int64_t end_;
  std::vector<Frame>& frames_;
};

template <class C>
bool Matcher<C>::at(uint32_t code, int64_t ptr) const {
  switch (code) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING:
      return ptr == 0;
    case AT_BEGINNING_LINE:
      return ptr == 0 || s_[ptr - 1] == '\n';
    case AT_END:
      return ptr == end_ || (ptr + 1 == end_ && s_[ptr] == '\n');
    case AT_END_LINE:
      return ptr == end_ || (ptr < end_ && s_[ptr] == '\n');
    case AT_END_STRING:
      return ptr == end_;
    case AT_BOUNDARY: case AT_NON_BOUNDARY:
    case AT_LOC_BOUNDARY: case AT_LOC_NON_BOUNDARY:
    case AT_UNI_BOUNDARY: case AT_UNI_NON_BOUNDARY: {
      if (end_ == 0) return false;
      bool uni = code == AT_UNI_BOUNDARY || code == AT_UNI_NON_BOUNDARY;
      bool before = ptr > 0 &&
                    (uni ? is_word_unicode(s_[ptr - 1]) : is_word_ascii(s_[ptr - 1]));
      bool here = ptr < end_ && (uni ? is_word_unicode(s_[ptr]) : is_word_ascii(s_[ptr]));
      bool boundary = code == AT_BOUNDARY || code == AT_LOC_BOUNDARY || code == AT_UNI_BOUNDARY;
      return boundary ? before != here : before == here;
    }
  }
  return false;
}

// How many times (up to maxcount, kMaxRepeat: unbounded) the single-character item
// matches from ptr.
template <class C>
int64_t Matcher<C>::count(const uint32_t* item, int64_t ptr, int64_t maxcount) {
  int64_t avail = end_ - ptr;
  if (avail <= 0) return 0;
  if (maxcount != kMaxRepeat && maxcount < avail) avail = maxcount;
  const C* p = s_ + ptr;
  const C* e = p + avail;
  switch (item[0]) {
    case OP_ANY_ALL:
      return avail;
    case OP_ANY:
      while (p < e && *p != '\n') p++;
      break;
    case OP_LITERAL: {
      uint32_t c = item[1];
      while (p < e && uint32_t(*p) == c) p++;
      break;
    }
    case OP_NOT_LITERAL: {
      uint32_t c = item[1];
      while (p < e && uint32_t(*p) != c) p++;
      break;
    }
    default:
      while (p < e && char_ok(item, uint32_t(*p))) p++;
      break;
  }
  return p - (s_ + ptr);
}

// Runs the program from pc at ptr. Returns 1 (st.ptr is the match's end), 0, or -1 with
// an exception set.
template <class C>
int Matcher<C>::run(const uint32_t* pc, int64_t ptr, bool toplevel) {
  const size_t base = frames_.size();
  int ret = 0;
  Frame* f;
  Resume resume;
  const uint32_t* tail;
  int64_t n;

  frames_.push_back(Frame{});
  f = &frames_.back();
  f->resume = R_DONE;
  f->toplevel = toplevel;

// A call: the current frame resumes at `resume_id` once the program from `target` at
// `at_ptr` (the rest of the match) succeeded or failed.
#define SRE_CALL(resume_id, target, at_ptr, top)                \
  do {                                                          \
    const uint32_t* target_ = (target);                         \
    int64_t ptr_ = (at_ptr);                                    \
    bool top_ = (top);                                          \
    f->ptr = ptr;                                               \
    frames_.push_back(Frame{});                                 \
    f = &frames_.back();                                        \
    f->resume = resume_id;                                      \
    f->toplevel = top_;                                         \
    pc = target_;                                               \
    ptr = ptr_;                                                 \
    if (++st_.ticks >= 4096) goto tick;                         \
    goto dispatch;                                              \
  } while (0)

dispatch:
  for (;;) {
    switch (*pc++) {
      case OP_FAILURE:
        goto fail;

      case OP_SUCCESS:
        if (f->toplevel && ((st_.match_all && ptr != end_) ||
                            (st_.must_advance && ptr == st_.start))) {
          goto fail;
        }
        st_.ptr = ptr;
        goto succeed;

      case OP_AT:
        if (!at(pc[0], ptr)) goto fail;
        pc += 1;
        break;

      case OP_ANY:
        if (ptr >= end_ || s_[ptr] == '\n') goto fail;
        ptr++;
        break;

      case OP_ANY_ALL:
        if (ptr >= end_) goto fail;
        ptr++;
        break;

      case OP_LITERAL:
        if (ptr >= end_ || uint32_t(s_[ptr]) != pc[0]) goto fail;
        ptr++;
        pc += 1;
        break;

      case OP_NOT_LITERAL:
        if (ptr >= end_ || uint32_t(s_[ptr]) == pc[0]) goto fail;
        ptr++;
        pc += 1;
        break;

      case OP_CATEGORY:
      case OP_LITERAL_IGNORE: case OP_NOT_LITERAL_IGNORE:
      case OP_LITERAL_UNI_IGNORE: case OP_NOT_LITERAL_UNI_IGNORE:
      case OP_LITERAL_LOC_IGNORE: case OP_NOT_LITERAL_LOC_IGNORE:
        if (ptr >= end_ || !char_ok(pc - 1, s_[ptr])) goto fail;
        ptr++;
        pc += 1;
        break;

      case OP_IN: case OP_IN_IGNORE: case OP_IN_UNI_IGNORE: case OP_IN_LOC_IGNORE:
        if (ptr >= end_ || !char_ok(pc - 1, s_[ptr])) goto fail;
        ptr++;
        pc += pc[0];
        break;

      case OP_INFO:
        // skip flags min max ...: a subject too short for the minimum width fails now.
        if (pc[2] && end_ - ptr < int64_t(pc[2])) goto fail;
        pc += pc[0];
        break;

      case OP_JUMP:
        pc += pc[0];
        break;

      case OP_MARK: {
        int64_t m = pc[0];
        if (m & 1) st_.lastindex = m / 2 + 1;
        if (m > st_.lastmark) {
          for (int64_t j = st_.lastmark + 1; j < m; j++) st_.marks[size_t(j)] = -1;
          st_.lastmark = m;
        }
        st_.marks[size_t(m)] = ptr;
        pc += 1;
        break;
      }

      case OP_GROUPREF: case OP_GROUPREF_IGNORE: case OP_GROUPREF_UNI_IGNORE:
      case OP_GROUPREF_LOC_IGNORE: {
        uint32_t op = pc[-1];
        int64_t g = int64_t(pc[0]) * 2;
        if (g >= st_.lastmark) goto fail;
        int64_t p = st_.marks[size_t(g)], q = st_.marks[size_t(g + 1)];
        if (p < 0 || q < 0 || q < p) goto fail;
        if (q - p > end_ - ptr) goto fail;
        for (; p < q; p++, ptr++) {
          uint32_t a = s_[ptr], b = s_[p];
          if (op == OP_GROUPREF_IGNORE) {
            a = lower_ascii(a);
            b = lower_ascii(b);
          } else if (op == OP_GROUPREF_UNI_IGNORE) {
            a = lower_unicode(a);
            b = lower_unicode(b);
          } else if (op == OP_GROUPREF_LOC_IGNORE) {
            a = lower_locale(a);
            b = lower_locale(b);
          }
          if (a != b) goto fail;
        }
        pc += 1;
        break;
      }

      case OP_GROUPREF_EXISTS: {
        // group skip: the yes-branch follows; skip (from the group word) is the no-branch.
        int64_t g = int64_t(pc[0]) * 2;
        bool matched = g < st_.lastmark && st_.marks[size_t(g)] >= 0 &&
                       st_.marks[size_t(g + 1)] >= 0 &&
                       st_.marks[size_t(g)] <= st_.marks[size_t(g + 1)];
        pc += matched ? 2 : pc[1];
        break;
      }

      case OP_BRANCH:
        f->lastmark = st_.lastmark;
        f->lastindex = st_.lastindex;
        f->pushed = false;
        if (st_.repeat >= 0) save_marks(f);
        f->alt = pc;
        goto branch_try;

      case OP_REPEAT_ONE:
        // skip min max item SUCCESS tail: as many items as possible, then give back
        // one at a time until the tail matches.
        if (int64_t(pc[1]) > end_ - ptr) goto fail;
        n = count(pc + 3, ptr, pc[2]);
        if (n < int64_t(pc[1])) goto fail;
        ptr += n;
        tail = pc + pc[0];
        if (*tail == OP_SUCCESS && ptr == end_ &&
            !(f->toplevel && st_.must_advance && ptr == st_.start)) {
          st_.ptr = ptr;
          goto succeed;
        }
        f->lastmark = st_.lastmark;
        f->lastindex = st_.lastindex;
        f->pushed = false;
        if (st_.repeat >= 0) save_marks(f);
        f->pc = pc;
        f->count = n;
        goto repeat_one_try;

      case OP_MIN_REPEAT_ONE:
        // skip min max item SUCCESS tail: as few items as possible, one more each time
        // the tail fails.
        if (int64_t(pc[1]) > end_ - ptr) goto fail;
        n = 0;
        if (pc[1] > 0) {
          n = count(pc + 3, ptr, pc[1]);
          if (n < int64_t(pc[1])) goto fail;
          ptr += n;
        }
        tail = pc + pc[0];
        if (*tail == OP_SUCCESS &&
            !(f->toplevel && ((st_.match_all && ptr != end_) ||
                              (st_.must_advance && ptr == st_.start)))) {
          st_.ptr = ptr;
          goto succeed;
        }
        f->lastmark = st_.lastmark;
        f->lastindex = st_.lastindex;
        f->pushed = false;
        if (st_.repeat >= 0) save_marks(f);
        f->pc = pc;
        f->count = n;
        goto min_repeat_one_try;

      case OP_POSSESSIVE_REPEAT_ONE:
        if (int64_t(pc[1]) > end_ - ptr) goto fail;
        n = count(pc + 3, ptr, pc[2]);
        if (n < int64_t(pc[1])) goto fail;
        ptr += n;
        pc += pc[0];
        break;

      case OP_REPEAT: {
        // skip min max body UNTIL: the UNTIL at pc + skip runs the loop.
        int32_t r = new_repeat(pc);
        st_.repeat = r;
        f->rep = r;
        f->pc = pc;
        SRE_CALL(R_REPEAT, pc + pc[0], ptr, f->toplevel);
      }

      case OP_MAX_UNTIL: {
        int32_t r = st_.repeat;
        if (r < 0 || !st_.repeats[size_t(r)].pattern) goto internal_error;
        Repeat& rep = st_.repeats[size_t(r)];
        f->rep = r;
        f->pc = pc;
        f->count = rep.count + 1;
        const uint32_t* rp = rep.pattern;
        if (f->count < int64_t(rp[1])) {
          rep.count = f->count;
          SRE_CALL(R_MAX_UNTIL_MIN, rp + 3, ptr, f->toplevel);
        }
        if ((f->count < int64_t(rp[2]) || rp[2] == kMaxRepeat) && ptr != rep.last_ptr) {
          rep.count = f->count;
          f->lastmark = st_.lastmark;
          f->lastindex = st_.lastindex;
          save_marks(f);
          f->saved = rep.last_ptr;
          rep.last_ptr = ptr;
          SRE_CALL(R_MAX_UNTIL_MORE, rp + 3, ptr, f->toplevel);
        }
        goto max_until_tail;
      }

      case OP_MIN_UNTIL: {
        int32_t r = st_.repeat;
        if (r < 0 || !st_.repeats[size_t(r)].pattern) goto internal_error;
        Repeat& rep = st_.repeats[size_t(r)];
        f->rep = r;
        f->pc = pc;
        f->count = rep.count + 1;
        if (f->count < int64_t(rep.pattern[1])) {
          rep.count = f->count;
          SRE_CALL(R_MIN_UNTIL_MIN, rep.pattern + 3, ptr, f->toplevel);
        }
        // The tail first, outside this repeat.
        st_.repeat = rep.prev;
        f->lastmark = st_.lastmark;
        f->lastindex = st_.lastindex;
        f->pushed = false;
        if (st_.repeat >= 0) save_marks(f);
        SRE_CALL(R_MIN_UNTIL_TAIL, pc, ptr, f->toplevel);
      }

      case OP_POSSESSIVE_REPEAT: {
        // skip min max body SUCCESS tail: iterations that never give anything back.
        st_.ptr = ptr;
        int32_t r = new_repeat(nullptr);
        st_.repeat = r;
        f->rep = r;
        f->pc = pc;
        f->count = 0;
        f->ptr = ptr;
        goto poss_min;
      }

      case OP_ATOMIC_GROUP:
        // skip body SUCCESS tail
        f->pc = pc;
        st_.ptr = ptr;
        SRE_CALL(R_ATOMIC, pc + 1, ptr, false);

      case OP_ASSERT:
        // skip back body SUCCESS: the body matched at ptr - back.
        if (ptr < int64_t(pc[1])) goto fail;
        f->pc = pc;
        st_.ptr = ptr - pc[1];
        SRE_CALL(R_ASSERT, pc + 2, ptr - int64_t(pc[1]), false);

      case OP_ASSERT_NOT:
        if (ptr >= int64_t(pc[1])) {
          f->pc = pc;
          f->lastmark = st_.lastmark;
          f->lastindex = st_.lastindex;
          f->pushed = false;
          if (st_.repeat >= 0) save_marks(f);
          st_.ptr = ptr - pc[1];
          SRE_CALL(R_ASSERT_NOT, pc + 2, ptr - int64_t(pc[1]), false);
        }
        pc += pc[0];
        break;

      default:
        goto internal_error;
    }
  }

// -- Continuations of the ops that made calls ---------------------------------------------

branch_try:
  // f->alt is the skip word of the next alternative (0: none left).
  if (!f->alt[0]) {
    drop_marks(f);
    goto fail;
  }
  // A cheap rejection of alternatives that start with a literal or a set.
  if ((f->alt[1] == OP_LITERAL && (ptr >= end_ || uint32_t(s_[ptr]) != f->alt[2])) ||
      (f->alt[1] == OP_IN && (ptr >= end_ || !in_charset(f->alt + 3, s_[ptr])))) {
    f->alt += f->alt[0];
    goto branch_try;
  }
  SRE_CALL(R_BRANCH, f->alt + 1, ptr, f->toplevel);
branch_back:
  if (ret) {
    drop_marks(f);
    goto succeed;
  }
  if (f->pushed) restore_marks(f);
  st_.lastmark = f->lastmark;
  st_.lastindex = f->lastindex;
  f->alt += f->alt[0];
  goto branch_try;

repeat_one_try:
  // f->count items end at ptr; try the tail there, then with one item fewer.
  tail = f->pc + f->pc[0];
  if (*tail == OP_LITERAL) {
    // The tail starts with a literal: only positions holding it can match.
    while (f->count >= int64_t(f->pc[1]) && (ptr >= end_ || uint32_t(s_[ptr]) != tail[1])) {
      ptr--;
      f->count--;
    }
  }
  if (f->count < int64_t(f->pc[1])) {
    drop_marks(f);
    goto fail;
  }
  SRE_CALL(R_REPEAT_ONE, tail, ptr, f->toplevel);
repeat_one_back:
  if (ret) {
    drop_marks(f);
    goto succeed;
  }
  if (f->pushed) restore_marks(f);
  st_.lastmark = f->lastmark;
  st_.lastindex = f->lastindex;
  ptr--;
  f->count--;
  goto repeat_one_try;

min_repeat_one_try:
  if (f->pc[2] == kMaxRepeat || f->count <= int64_t(f->pc[2])) {
    SRE_CALL(R_MIN_REPEAT_ONE, f->pc + f->pc[0], ptr, f->toplevel);
  min_repeat_one_back:
    if (ret) {
      drop_marks(f);
      goto succeed;
    }
    if (f->pushed) restore_marks(f);
    st_.lastmark = f->lastmark;
    st_.lastindex = f->lastindex;
    if (count(f->pc + 3, ptr, 1) == 0) {
      drop_marks(f);
      goto fail;
    }
    ptr++;
    f->count++;
    goto min_repeat_one_try;
  }
  drop_marks(f);
  goto fail;

repeat_done:
  st_.repeat = st_.repeats[size_t(f->rep)].prev;
  free_repeat(f->rep);
  if (ret) goto succeed;
  goto fail;

max_until_min_back:
  if (ret) goto succeed;
  st_.repeats[size_t(f->rep)].count = f->count - 1;
  st_.ptr = ptr;
  goto fail;

max_until_more_back:
  st_.repeats[size_t(f->rep)].last_ptr = f->saved;
  if (ret) {
    drop_marks(f);
    goto succeed;
  }
  restore_marks(f);
  drop_marks(f);
  st_.lastmark = f->lastmark;
  st_.lastindex = f->lastindex;
  st_.repeats[size_t(f->rep)].count = f->count - 1;
  st_.ptr = ptr;
max_until_tail:
  // No more iterations here: the tail, outside this repeat.
  st_.repeat = st_.repeats[size_t(f->rep)].prev;
  SRE_CALL(R_MAX_UNTIL_TAIL, f->pc, ptr, f->toplevel);
max_until_tail_back:
  st_.repeat = f->rep;
  if (ret) goto succeed;
  st_.ptr = ptr;
  goto fail;

min_until_min_back:
  if (ret) goto succeed;
  st_.repeats[size_t(f->rep)].count = f->count - 1;
  st_.ptr = ptr;
  goto fail;

min_until_tail_back:
  st_.repeat = f->rep;
  if (ret) {
    drop_marks(f);
    goto succeed;
  }
  if (f->pushed) {
    restore_marks(f);
    drop_marks(f);
  }
  st_.lastmark = f->lastmark;
  st_.lastindex = f->lastindex;
  st_.ptr = ptr;
  {
    Repeat& rep = st_.repeats[size_t(f->rep)];
    if ((f->count >= int64_t(rep.pattern[2]) && rep.pattern[2] != kMaxRepeat) ||
        ptr == rep.last_ptr) {
      goto fail;
    }
    rep.count = f->count;
    f->saved = rep.last_ptr;
    rep.last_ptr = ptr;
    SRE_CALL(R_MIN_UNTIL_MORE, rep.pattern + 3, ptr, f->toplevel);
  }
min_until_more_back:
  st_.repeats[size_t(f->rep)].last_ptr = f->saved;
  if (ret) goto succeed;
  st_.repeats[size_t(f->rep)].count = f->count - 1;
  st_.ptr = ptr;
  goto fail;

poss_min:
  if (f->count < int64_t(f->pc[1])) {
    SRE_CALL(R_POSS_MIN, f->pc + 3, st_.ptr, false);
  poss_min_back:
    if (ret) {
      f->count++;
      goto poss_min;
    }
    st_.ptr = f->ptr;
    st_.repeat = st_.repeats[size_t(f->rep)].prev;
    free_repeat(f->rep);
    goto fail;
  }
  f->saved = -1;
poss_more:
  if ((f->count < int64_t(f->pc[2]) || f->pc[2] == kMaxRepeat) && st_.ptr != f->saved) {
    f->lastmark = st_.lastmark;
    f->lastindex = st_.lastindex;
    save_marks(f);
    f->saved = st_.ptr;
    SRE_CALL(R_POSS_MORE, f->pc + 3, st_.ptr, false);
  poss_more_back:
    if (ret) {
      drop_marks(f);
      f->count++;
      goto poss_more;
    }
    restore_marks(f);
    drop_marks(f);
    st_.lastmark = f->lastmark;
    st_.lastindex = f->lastindex;
    st_.ptr = f->saved;
  }
  st_.repeat = st_.repeats[size_t(f->rep)].prev;
  free_repeat(f->rep);
  pc = f->pc + f->pc[0] + 1;
  ptr = st_.ptr;
  goto dispatch;

atomic_back:
  if (!ret) goto fail;
  pc = f->pc + f->pc[0];
  ptr = st_.ptr;
  goto dispatch;

assert_back:
  if (!ret) goto fail;
  pc = f->pc + f->pc[0];
  goto dispatch;

assert_not_back:
  if (ret) {
    drop_marks(f);
    goto fail;
  }
  if (f->pushed) {
    restore_marks(f);
    drop_marks(f);
  }
  st_.lastmark = f->lastmark;
  st_.lastindex = f->lastindex;
  pc = f->pc + f->pc[0];
  goto dispatch;

// -- Returns --------------------------------------------------------------------------------

tick:
  st_.ticks = 0;
  if (thread.eval_breaker && handle_eval_breaker() < 0) goto error;
  goto dispatch;

succeed:
  ret = 1;
  goto unwind;
fail:
  ret = 0;
unwind:
  resume = f->resume;
  frames_.pop_back();
  if (resume == R_DONE) return ret;
  f = &frames_.back();
  ptr = f->ptr;
  switch (resume) {
    case R_DONE: break;
    case R_BRANCH: goto branch_back;
    case R_REPEAT_ONE: goto repeat_one_back;
    case R_MIN_REPEAT_ONE: goto min_repeat_one_back;
    case R_REPEAT: goto repeat_done;
    case R_MAX_UNTIL_MIN: goto max_until_min_back;
    case R_MAX_UNTIL_MORE: goto max_until_more_back;
    case R_MAX_UNTIL_TAIL: goto max_until_tail_back;
    case R_MIN_UNTIL_MIN: goto min_until_min_back;
    case R_MIN_UNTIL_TAIL: goto min_until_tail_back;
    case R_MIN_UNTIL_MORE: goto min_until_more_back;
    case R_ASSERT: goto assert_back;
    case R_ASSERT_NOT: goto assert_not_back;
    case R_ATOMIC: goto atomic_back;
    case R_POSS_MIN: goto poss_min_back;
    case R_POSS_MORE: goto poss_more_back;
  }
  goto internal_error;

internal_error:
  raise(RuntimeError, "internal error in regular expression engine");
error:
  frames_.resize(base);
  return -1;
#undef SRE_CALL
}

template <class C>
int do_search(State& st, const uint32_t* code) {
  if (st.start > st.end) return 0;
  Matcher<C> m(st, code);
  const C* s = static_cast<const C*>(st.data);
  int64_t min = 0;
  const uint32_t* prefix = nullptr;
  int64_t prefix_len = 0;
  const uint32_t* charset = nullptr;
  const uint32_t* body = code;
  if (code[0] == OP_INFO) {
    uint32_t flags = code[2];
    min = code[3];
    if (flags & INFO_PREFIX) {
      prefix_len = code[5];
      prefix = code + 7;
    } else if (flags & INFO_CHARSET) {
      charset = code + 5;
    }
    body = code + 1 + code[1];
  }
  if (st.end - st.start < min) return 0;
  const int64_t first = st.start, last = st.end - min;
  const bool must_advance = st.must_advance;
  // A program anchored at the beginning can only match at its first try.
  const bool anchored = body[0] == OP_AT && (body[1] == AT_BEGINNING ||
                                             body[1] == AT_BEGINNING_STRING);
  for (int64_t p = first; p <= last; p++) {
    if (prefix) {
      uint32_t c0 = prefix[0];
      if constexpr (sizeof(C) == 1) {
        if (c0 > 255) return 0;
        const void* hit = std::memchr(s + p, int(c0), size_t(last - p + 1));
        if (!hit) return 0;
        p = static_cast<const C*>(hit) - s;
      } else {
        while (p <= last && uint32_t(s[p]) != c0) p++;
        if (p > last) return 0;
      }
      int64_t k = 1;
      while (k < prefix_len && p + k < st.end && uint32_t(s[p + k]) == prefix[k]) k++;
      if (k < prefix_len) continue;
    } else if (charset) {
      while (p <= last && !in_charset(charset, s[p])) p++;
      if (p > last) return 0;
    }
    st.must_advance = p == first && must_advance;
    st.start = p;
    st.ptr = p;
    st.reset();
    if (++st.ticks >= 4096) {
      st.ticks = 0;
      if (thread.eval_breaker && handle_eval_breaker() < 0) return -1;
    }
    int r = m.run(code, p, true);
    if (r != 0) return r;
    if (anchored) break;
  }
  st.must_advance = false;
  return 0;
}

template <class C>
int do_match(State& st, const uint32_t* code) {
  Matcher<C> m(st, code);
  st.ptr = st.start;
  st.reset();
  return m.run(code, st.start, true);
}

// -- Validation ------------------------------------------------------------------------------

class Validator {
 public:
  Validator(const uint32_t* code, size_t n, int64_t groups)
      : c_(code), n_(n), groups_(groups) {}

  // The program must end in a SUCCESS instruction (not a SUCCESS-valued operand), so that
  // no path runs off its end.
  bool program() { return body_success(0, n_); }

 private:
  // A skip word at position p: its target p + c[p], within (p, limit].
  bool target(size_t p, size_t limit, size_t* out) const {
    if (p >= n_ || c_[p] == 0) return false;
    size_t t = p + c_[p];
    if (t > limit) return false;
    *out = t;
    return true;
  }

  bool charset(size_t i, size_t end) const {
    while (i < end) {
      uint32_t op = c_[i++];
      switch (op) {
        case OP_FAILURE:
          return i == end;
        case OP_NEGATE:
          break;
        case OP_LITERAL:
          if (i + 1 > end) return false;
          i += 1;
          break;
        case OP_CATEGORY:
          if (i + 1 > end || c_[i] >= kNumChCodes) return false;
          i += 1;
          break;
        case OP_RANGE: case OP_RANGE_UNI_IGNORE:
          if (i + 2 > end || c_[i] > c_[i + 1]) return false;
          i += 2;
          break;
        case OP_CHARSET:
          if (i + 8 > end) return false;
          i += 8;
          break;
        case OP_BIGCHARSET: {
          if (i + 1 + 64 > end) return false;
          uint32_t blocks = c_[i++];
          const uint8_t* map = reinterpret_cast<const uint8_t*>(c_ + i);
          for (int k = 0; k < 256; k++) {
            if (map[k] >= blocks) return false;
          }
          i += 64;
          if (uint64_t(blocks) * 8 > end - i) return false;
          i += size_t(blocks) * 8;
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  // One single-character op at i followed by SUCCESS exactly filling [i, end).
  bool item(size_t i, size_t end) const {
    if (i >= end || !is_char_op(c_[i])) return false;
    size_t after;
    if (!single(i, end, &after)) return false;
    return after + 1 == end && c_[after] == OP_SUCCESS;
  }

  // A single-character op at i: where it ends.
  bool single(size_t i, size_t end, size_t* after) const {
    uint32_t op = c_[i];
    switch (op) {
      case OP_ANY: case OP_ANY_ALL:
        *after = i + 1;
        return true;
      case OP_IN: case OP_IN_IGNORE: case OP_IN_UNI_IGNORE: case OP_IN_LOC_IGNORE: {
        size_t t;
        if (!target(i + 1, end, &t) || !charset(i + 2, t)) return false;
        *after = t;
        return true;
      }
      case OP_CATEGORY:
        if (i + 2 > end || c_[i + 1] >= kNumChCodes) return false;
        *after = i + 2;
        return true;
      default:
        if (i + 2 > end) return false;
        *after = i + 2;
        return true;
    }
  }

  // A body whose last instruction is SUCCESS, exactly filling [i, end).
  bool body_success(size_t i, size_t end) const {
    size_t last = end;
    return end > i && block(i, end, &last) && last < end && c_[last] == OP_SUCCESS;
  }

  // The instructions exactly filling [i, end); *last is where the last one starts.
  bool block(size_t i, size_t end, size_t* last = nullptr) const {
    if (++depth_ > 2000) return false;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    while (i < end) {
      uint32_t op = c_[i];
      if (last) *last = i;
      switch (op) {
        case OP_FAILURE: case OP_SUCCESS:
          i += 1;
          break;
        case OP_ANY: case OP_ANY_ALL: case OP_IN: case OP_IN_IGNORE: case OP_IN_UNI_IGNORE:
        case OP_IN_LOC_IGNORE: case OP_CATEGORY: case OP_LITERAL: case OP_NOT_LITERAL:
        case OP_LITERAL_IGNORE: case OP_NOT_LITERAL_IGNORE: case OP_LITERAL_UNI_IGNORE:
        case OP_NOT_LITERAL_UNI_IGNORE: case OP_LITERAL_LOC_IGNORE:
        case OP_NOT_LITERAL_LOC_IGNORE:
          if (!single(i, end, &i)) return false;
          break;
        case OP_AT:
          if (i + 2 > end || c_[i + 1] >= kNumAtCodes) return false;
          i += 2;
          break;
        case OP_MARK:
          if (i + 2 > end || int64_t(c_[i + 1]) >= 2 * groups_) return false;
          i += 2;
          break;
        case OP_GROUPREF: case OP_GROUPREF_IGNORE: case OP_GROUPREF_UNI_IGNORE:
        case OP_GROUPREF_LOC_IGNORE:
          if (i + 2 > end || int64_t(c_[i + 1]) >= groups_) return false;
          i += 2;
          break;
        case OP_INFO: {
          size_t t;
          if (!target(i + 1, end, &t) || t < i + 5) return false;
          uint32_t flags = c_[i + 2];
          if (flags & INFO_PREFIX) {
            if (i + 7 > t) return false;
            uint64_t len = c_[i + 5];
            if (len == 0 || uint64_t(c_[i + 6]) > len || i + 7 + 2 * len > t) return false;
          } else if (flags & INFO_CHARSET) {
            if (!charset(i + 5, t)) return false;
          }
          i = t;
          break;
        }
        case OP_BRANCH: {
          // (skip alternative JUMP)... 0; every JUMP goes to the end of the branch.
          std::vector<size_t> jumps;
          size_t p = i + 1;
          for (;;) {
            if (p >= end) return false;
            if (c_[p] == 0) break;
            size_t next;
            if (!target(p, end, &next) || next < p + 3) return false;
            if (c_[next - 2] != OP_JUMP || !block(p + 1, next - 2)) return false;
            jumps.push_back(next - 1);
            p = next;
          }
          i = p + 1;
          for (size_t j : jumps) {
            if (j + c_[j] != i) return false;
          }
          break;
        }
        case OP_REPEAT_ONE: case OP_MIN_REPEAT_ONE: case OP_POSSESSIVE_REPEAT_ONE: {
          size_t t;
          if (i + 4 > end || !target(i + 1, end, &t) || t < i + 4) return false;
          if (c_[i + 2] > c_[i + 3] || !item(i + 4, t)) return false;
          i = t;
          break;
        }
        case OP_REPEAT: {
          size_t t;
          if (i + 4 > end || !target(i + 1, end - 1, &t) || t < i + 4) return false;
          if (c_[i + 2] > c_[i + 3] || !block(i + 4, t)) return false;
          if (c_[t] != OP_MAX_UNTIL && c_[t] != OP_MIN_UNTIL) return false;
          i = t + 1;
          break;
        }
        case OP_POSSESSIVE_REPEAT: {
          size_t t;
          if (i + 4 > end || !target(i + 1, end - 1, &t) || t < i + 4) return false;
          if (c_[i + 2] > c_[i + 3] || !block(i + 4, t) || c_[t] != OP_SUCCESS) return false;
          i = t + 1;
          break;
        }
        case OP_ATOMIC_GROUP: {
          size_t t;
          if (!target(i + 1, end, &t) || !body_success(i + 2, t)) return false;
          i = t;
          break;
        }
        case OP_ASSERT: case OP_ASSERT_NOT: {
          size_t t;
          if (i + 3 > end || !target(i + 1, end, &t) || !body_success(i + 3, t)) return false;
          i = t;
          break;
        }
        case OP_GROUPREF_EXISTS: {
          // group skip yes [JUMP skip no]: skip counts from the group word.
          if (i + 3 > end || int64_t(c_[i + 1]) >= groups_ || c_[i + 2] == 0) return false;
          size_t no = i + 1 + c_[i + 2];
          if (no > end || no < i + 3) return false;
          if (no >= i + 5 && c_[no - 2] == OP_JUMP && c_[no - 1] != 0) {
            size_t after = no - 1 + c_[no - 1];
            if (after <= end && block(i + 3, no - 2) && block(no, after)) {
              i = after;
              break;
            }
          }
          if (!block(i + 3, no)) return false;
          i = no;
          break;
        }
        default:
          return false;
      }
    }
    return i == end;
  }

  const uint32_t* c_;
  size_t n_;
  int64_t groups_;
  mutable int depth_ = 0;
};

}  // namespace

int match(State& st, const uint32_t* code) {
  switch (st.charsize) {
    case 1: return do_match<uint8_t>(st, code);
    case 2: return do_match<uint16_t>(st, code);
    default: return do_match<uint32_t>(st, code);
  }
}

int search(State& st, const uint32_t* code) {
  switch (st.charsize) {
    case 1: return do_search<uint8_t>(st, code);
    case 2: return do_search<uint16_t>(st, code);
    default: return do_search<uint32_t>(st, code);
  }
}

bool validate(const uint32_t* code, size_t n, int64_t groups) {
  return Validator(code, n, groups).program();
}

}  // namespace strata::sre
