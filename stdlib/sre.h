// stdlib/sre.h — the regular-expression engine under the `_sre` module: the opcode set
// that CPython 3.11's re/_compiler.py emits (MAGIC 20220615), the matching state, and the
// entry points of the backtracking matcher (stdlib/sre_match.cpp). The module's objects
// (Pattern, Match, Scanner) are in stdlib/sre.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vm/object.h"

namespace strata::sre {

inline constexpr int kMagic = 20220615;
inline constexpr uint32_t kMaxRepeat = 0xFFFFFFFFu;  // MAXREPEAT: "no upper bound"
inline constexpr int64_t kMaxGroups = 0x3FFFFFFF;     // MAXGROUPS (INT32_MAX / 2)

// The opcodes, numbered as re/_constants.py's OPCODES. Operands follow the opcode word;
// a `skip` is relative to the position of the skip word itself.
#define SRE_OPCODES(X)                                                                     \
  X(FAILURE)               /* fail this path                                            */ \
  X(SUCCESS)               /* end of a (sub)pattern: the match (or sub-match) succeeds   */ \
  X(ANY)                   /* any character but '\n'                                     */ \
  X(ANY_ALL)               /* any character                                              */ \
  X(ASSERT)                /* skip back body SUCCESS: lookahead/lookbehind               */ \
  X(ASSERT_NOT)            /* skip back body SUCCESS: negative lookahead/lookbehind      */ \
  X(AT)                    /* atcode: a position test (anchors, word boundaries)         */ \
  X(BRANCH)                /* (skip alt JUMP)... 0: alternatives tried in order          */ \
  X(CATEGORY)              /* chcode: a character class (\d \s \w, linebreak)            */ \
  X(CHARSET)               /* (in sets) 8 words: a bitmap of the characters < 256        */ \
  X(BIGCHARSET)            /* (in sets) n, 64 words of block numbers, n 256-bit blocks   */ \
  X(GROUPREF)              /* group: the text the group matched, again                   */ \
  X(GROUPREF_EXISTS)       /* group skip: yes-branch [JUMP no-branch], by group matched  */ \
  X(IN)                    /* skip set FAILURE: one character of a set                   */ \
  X(INFO)                  /* skip flags min max [prefix|charset]: search hints          */ \
  X(JUMP)                  /* skip: continue there (ends a branch alternative)           */ \
  X(LITERAL)               /* c: the character c                                         */ \
  X(MARK)                  /* i: record the position as mark i (2 marks a group)         */ \
  X(MAX_UNTIL)             /* the end of a greedy REPEAT body                            */ \
  X(MIN_UNTIL)             /* the end of a lazy REPEAT body                              */ \
  X(NOT_LITERAL)           /* c: any character but c                                     */ \
  X(NEGATE)                /* (in sets) the set is complemented                          */ \
  X(RANGE)                 /* (in sets) lo hi                                            */ \
  X(REPEAT)                /* skip min max body UNTIL: a repeat of a complex body        */ \
  X(REPEAT_ONE)            /* skip min max item SUCCESS: greedy repeat of one character  */ \
  X(SUBPATTERN)            /* (parser only)                                              */ \
  X(MIN_REPEAT_ONE)        /* skip min max item SUCCESS: lazy repeat of one character    */ \
  X(ATOMIC_GROUP)          /* skip body SUCCESS: (?>...)                                 */ \
  X(POSSESSIVE_REPEAT)     /* skip min max body SUCCESS: (...)*+                         */ \
  X(POSSESSIVE_REPEAT_ONE) /* skip min max item SUCCESS: x*+                             */ \
  X(GROUPREF_IGNORE)       /* GROUPREF, ASCII case-insensitive                           */ \
  X(IN_IGNORE)             /* IN on the ASCII-lowered character                          */ \
  X(LITERAL_IGNORE)        /* c: the ASCII-lowered character is c                        */ \
  X(NOT_LITERAL_IGNORE)                                                                    \
  X(GROUPREF_LOC_IGNORE)   /* the same, with the locale's case mapping                   */ \
  X(IN_LOC_IGNORE)                                                                         \
  X(LITERAL_LOC_IGNORE)                                                                    \
  X(NOT_LITERAL_LOC_IGNORE)                                                                \
  X(GROUPREF_UNI_IGNORE)   /* the same, with Unicode's simple case mapping               */ \
  X(IN_UNI_IGNORE)                                                                         \
  X(LITERAL_UNI_IGNORE)                                                                    \
  X(NOT_LITERAL_UNI_IGNORE)                                                                \
  X(RANGE_UNI_IGNORE)      /* (in sets) lo hi, matching the character or its uppercase   */

enum Op : uint32_t {
#define SRE_OP_ENUM(name) OP_##name,
  SRE_OPCODES(SRE_OP_ENUM)
#undef SRE_OP_ENUM
  kNumOps
};

enum AtCode : uint32_t {
  AT_BEGINNING, AT_BEGINNING_LINE, AT_BEGINNING_STRING, AT_BOUNDARY, AT_NON_BOUNDARY,
  AT_END, AT_END_LINE, AT_END_STRING, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY,
  AT_UNI_BOUNDARY, AT_UNI_NON_BOUNDARY, kNumAtCodes
};

enum ChCode : uint32_t {
  CAT_DIGIT, CAT_NOT_DIGIT, CAT_SPACE, CAT_NOT_SPACE, CAT_WORD, CAT_NOT_WORD,
  CAT_LINEBREAK, CAT_NOT_LINEBREAK, CAT_LOC_WORD, CAT_LOC_NOT_WORD,
  CAT_UNI_DIGIT, CAT_UNI_NOT_DIGIT, CAT_UNI_SPACE, CAT_UNI_NOT_SPACE,
  CAT_UNI_WORD, CAT_UNI_NOT_WORD, CAT_UNI_LINEBREAK, CAT_UNI_NOT_LINEBREAK, kNumChCodes
};

// Pattern flags (re.I ...) and the INFO block's flags.
enum : uint32_t {
  FLAG_TEMPLATE = 1, FLAG_IGNORECASE = 2, FLAG_LOCALE = 4, FLAG_MULTILINE = 8,
  FLAG_DOTALL = 16, FLAG_UNICODE = 32, FLAG_VERBOSE = 64, FLAG_DEBUG = 128, FLAG_ASCII = 256,
};
enum : uint32_t { INFO_PREFIX = 1, INFO_LITERAL = 2, INFO_CHARSET = 4 };

// Case mappings and character classes as CPython's _sre sees them.
uint32_t lower_ascii(uint32_t c);
uint32_t lower_unicode(uint32_t c);
uint32_t upper_unicode(uint32_t c);
bool iscased_ascii(uint32_t c);
bool iscased_unicode(uint32_t c);

// A repeat context: the innermost REPEAT being matched (a pool entry, linked by index).
struct Repeat {
  int64_t count;
  const uint32_t* pattern;  // the REPEAT's skip word (null for POSSESSIVE_REPEAT)
  int64_t last_ptr;         // position at the start of the last iteration (-1: none)
  int32_t prev;             // the enclosing repeat, or -1
};

// The matcher's backtracking frames and saved marks live in the state (on the heap, not
// on the C stack), so that a long subject cannot overflow the native stack.
struct Frame;

// One matching run over a subject. Positions are indices into the subject's characters;
// beginning is 0, `end` is the (clamped) endpos.
struct State {
  const void* data = nullptr;  // the characters (of str's kind, or bytes)
  int charsize = 1;            // 1, 2 or 4
  bool isbytes = false;
  int64_t length = 0;          // of the whole subject
  int64_t pos = 0, endpos = 0; // the clamped bounds (Match.pos / Match.endpos)
  int64_t start = 0;           // where the current attempt starts; the match's start
  int64_t ptr = 0;             // the match's end after a success
  int64_t end = 0;
  bool match_all = false;      // fullmatch: the match must end at `end`
  bool must_advance = false;   // an empty match at `start` is not allowed
  int64_t lastmark = -1;       // the highest mark set (marks above it are unset)
  int64_t lastindex = -1;      // the last group closed (Match.lastindex)
  std::vector<int64_t> marks;  // 2 per group; -1 is unset
  std::string copy;            // a mutable subject's bytes, copied (bytearray, memoryview)
  // Scratch of the matcher, kept between runs.
  std::vector<Frame>* frames = nullptr;
  std::vector<int64_t> mark_stack;
  std::vector<Repeat> repeats;
  std::vector<int32_t> free_repeats;
  int32_t repeat = -1;         // the innermost active repeat
  uint32_t ticks = 0;          // calls since the last eval-breaker check

  State();
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  // Before each attempt: no groups, no repeats, no saved marks.
  void reset() {
    lastmark = -1;
    lastindex = -1;
    repeat = -1;
    mark_stack.clear();
    repeats.clear();
    free_repeats.clear();
  }
};

// Runs the program at the state's start: 1 matched (start/ptr/marks filled), 0 no match,
// -1 with an exception set (KeyboardInterrupt, MemoryError, an internal error).
int match(State& st, const uint32_t* code);
// The same, trying each start from st.start up to st.end.
int search(State& st, const uint32_t* code);
// Checks a program as _sre.compile receives it, so that the matcher can trust its skips,
// group numbers and nesting; false when it is malformed.
bool validate(const uint32_t* code, size_t n, int64_t groups);

}  // namespace strata::sre
