// stdlib/sre.cpp — the `_sre` module under CPython 3.11's pure-Python `re` package:
// _sre.compile() turns the opcode list of re/_compiler.py into a Pattern (re.Pattern);
// its methods run the matcher of stdlib/sre_match.cpp over str (any PEP 393 kind) and
// bytes-like subjects and build Match objects (re.Match) and Scanners (_sre.SRE_Scanner).
// Replacement templates with backslashes go through re._subx / re._expand, as CPython's.
// Messages, reprs and exception types are CPython 3.11's.
#include <climits>
#include <cstring>

#include "stdlib/builtins.h"
#include "stdlib/bytes_like.h"
#include "stdlib/sre.h"
#include "vm/abstract.h"
#include "vm/bytes.h"
#include "vm/descr.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

using sre::State;

struct PatternObject {
  Object ob;
  Value pattern;     // the source (str, bytes) or None
  Value groupindex;  // dict name -> group, or null when there are no named groups
  Value indexgroup;  // tuple group -> name (or None), or null
  Value weakreflist;
  int64_t groups;    // capturing groups
  int64_t flags;
  int64_t isbytes;   // 1 bytes, 0 str, -1 either (compiled without a source)
  int64_t codesize;
  uint32_t* code;    // mem_alloc'ed
};

struct MatchObject {
  Object ob;
  Value string;
  Value pattern;  // the PatternObject
  Value regs;     // cached Match.regs, or null
  int64_t pos, endpos;
  int64_t lastindex;
  int64_t groups;  // including group 0
  // 2 * groups marks follow: start and end of each group, -1 when it did not match.
};

struct ScannerObject {
  Object ob;
  Value pattern;
  Value string;
  State* state;
  bool exhausted;
  bool executing;
};

extern Type PatternType, MatchType, ScannerType;

inline PatternObject* P(Value v) { return v.as<PatternObject>(); }
inline MatchObject* M(Value v) { return v.as<MatchObject>(); }
inline int64_t* match_marks(MatchObject* m) { return reinterpret_cast<int64_t*>(m + 1); }

// -- Subjects -----------------------------------------------------------------------------------

struct Subject {
  const void* data = nullptr;
  int charsize = 1;
  int64_t length = 0;
  bool isbytes = false;
  bool copy = false;  // the bytes of a mutable buffer (copy them to keep them stable)
};

// 1 with *out filled; 0 with TypeError "expected string or bytes-like object" set;
// -1 on another error.
int get_subject(Value v, Subject* out) {
  if (is_str(v)) {
    out->data = str_data(v);
    out->charsize = v.as<StrObject>()->kind;
    out->length = str_length(v);
    out->isbytes = false;
    return 1;
  }
  BytesView view;
  int r = get_bytes_like(v, &view);
  if (r < 0) return -1;
  if (r == 0) {
    raise(TypeError, "expected string or bytes-like object, got '%s'", type_name(v));
    return 0;
  }
  out->data = view.data;
  out->charsize = 1;
  out->length = view.size;
  out->isbytes = true;
  out->copy = !is_bytes(v);
  return 1;
}

// string[i:j] of a subject as CPython's getslice: a str, or bytes (for any bytes-like).
Value subject_slice(const Subject& sub, Value string, int64_t i, int64_t j) {
  if (sub.isbytes) {
    if (is_bytes(string) && type_of(string) == &BytesType && i == 0 && j == sub.length) {
      return newref(string);
    }
    if (j < i) j = i;
    return bytes_from(std::string_view(static_cast<const char*>(sub.data) + i, size_t(j - i)));
  }
  return str_substring(string, i, j);
}

bool to_ssize(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small_value();
    return true;
  }
  Ref n(number_index(v));
  if (!n) return false;
  if (!int_to_i64(*n, out)) {
    raise(OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

// A matching state over `string` for pattern p, between pos and endpos (clamped).
// The string must stay alive while the state is used.
bool state_init(State& st, PatternObject* p, Value string, int64_t pos, int64_t endpos) {
  Subject sub;
  if (get_subject(string, &sub) <= 0) return false;
  if (sub.isbytes && p->isbytes == 0) {
    raise(TypeError, "cannot use a string pattern on a bytes-like object");
    return false;
  }
  if (!sub.isbytes && p->isbytes > 0) {
    raise(TypeError, "cannot use a bytes pattern on a string-like object");
    return false;
  }
  if (sub.copy) {
    st.copy.assign(static_cast<const char*>(sub.data), size_t(sub.length));
    st.data = st.copy.data();
  } else {
    st.data = sub.data;
  }
  st.charsize = sub.charsize;
  st.isbytes = sub.isbytes;
  st.length = sub.length;
  if (pos < 0) pos = 0;
  if (pos > sub.length) pos = sub.length;
  if (endpos < 0) endpos = 0;
  if (endpos > sub.length) endpos = sub.length;
  st.pos = st.start = st.ptr = pos;
  st.endpos = st.end = endpos;
  st.match_all = st.must_advance = false;
  st.marks.assign(size_t(2 * p->groups + 2), -1);
  st.reset();
  return true;
}

Value state_slice(const State& st, Value string, int64_t i, int64_t j) {
  Subject sub;
  sub.data = st.data;
  sub.charsize = st.charsize;
  sub.length = st.length;
  sub.isbytes = st.isbytes;
  return subject_slice(sub, string, i, j);
}

// Group g (>= 1) of the state's last match: its text, or None ("" when `empty`).
Value state_group(const State& st, Value string, int64_t g, bool empty) {
  int64_t k = (g - 1) * 2;
  if (k >= st.lastmark || st.marks[size_t(k)] < 0 || st.marks[size_t(k + 1)] < 0) {
    if (!empty) return None();
    return state_slice(st, string, 0, 0);
  }
  int64_t i = st.marks[size_t(k)], j = st.marks[size_t(k + 1)];
  if (i > j) {
    return raise(SystemError,
                 "The span of capturing group is wrong, please report a bug for the re module.");
  }
  return state_slice(st, string, i, j);
}

// -- Match objects ------------------------------------------------------------------------------

// The Match of a successful run (status 1), None (0), or null (-1: the error is set).
Value new_match(Value pattern, const State& st, Value string, int status) {
  if (status < 0) return Value();
  if (status == 0) return None();
  PatternObject* p = P(pattern);
  int64_t groups = p->groups + 1;
  Object* o = alloc_object(&MatchType, sizeof(MatchObject) + sizeof(int64_t) * 2 * size_t(groups));
  if (!o) return Value();
  MatchObject* m = reinterpret_cast<MatchObject*>(o);
  m->string = newref(string);
  m->pattern = newref(pattern);
  m->regs = Value();
  m->pos = st.pos;
  m->endpos = st.endpos;
  m->lastindex = st.lastindex;
  m->groups = groups;
  int64_t* marks = match_marks(m);
  marks[0] = st.start;
  marks[1] = st.ptr;
  for (int64_t k = 0; k < 2 * p->groups; k += 2) {
    if (k + 1 <= st.lastmark && st.marks[size_t(k)] >= 0 && st.marks[size_t(k + 1)] >= 0) {
      marks[k + 2] = st.marks[size_t(k)];
      marks[k + 3] = st.marks[size_t(k + 1)];
      if (marks[k + 2] > marks[k + 3]) {
        decref(Value::from(o));
        return raise(SystemError,
                     "The span of capturing group is wrong, please report a bug for the re "
                     "module.");
      }
    } else {
      marks[k + 2] = marks[k + 3] = -1;
    }
  }
  return Value::from(o);
}

void match_dealloc(Object* o) {
  MatchObject* m = reinterpret_cast<MatchObject*>(o);
  clear_ref(&m->string);
  clear_ref(&m->pattern);
  clear_ref(&m->regs);
  free_object(o);
}

// Group i's text (the subject read again, as CPython does), or `deflt` if it did not match.
Value match_slice_by_index(MatchObject* m, int64_t i, Value deflt) {
  int64_t* marks = match_marks(m);
  if (marks[2 * i] < 0) return newref(deflt);
  Subject sub;
  if (get_subject(m->string, &sub) <= 0) return Value();
  int64_t a = marks[2 * i] < sub.length ? marks[2 * i] : sub.length;
  int64_t b = marks[2 * i + 1] < sub.length ? marks[2 * i + 1] : sub.length;
  return subject_slice(sub, m->string, a, b);
}

// The group number that `index` (an int or a group name) names; -1 with IndexError.
int64_t match_index(MatchObject* m, Value index) {
  int64_t i = -1;
  if (has_index(index)) {
    i = as_ssize(index, nullptr);
    if (i == -1 && error_occurred()) return -1;
  } else {
    Value groupindex = P(m->pattern)->groupindex;
    if (groupindex) {
      Value v = dict_get(groupindex, index);
      if (!v && error_occurred()) return -1;
      if (v && is_int(v)) {
        i = as_ssize(v, nullptr);
        if (i == -1 && error_occurred()) return -1;
      }
    }
  }
  if (i < 0 || i >= m->groups) {
    raise(IndexError, "no such group");
    return -1;
  }
  return i;
}

Value match_slice(MatchObject* m, Value index, Value deflt) {
  int64_t i = match_index(m, index);
  if (i < 0) return Value();
  return match_slice_by_index(m, i, deflt);
}

Value match_group(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("group", kwnames)) return Value();
  MatchObject* m = M(self);
  if (nargs == 0) return match_slice_by_index(m, 0, None());
  if (nargs == 1) return match_slice(m, args[0], None());
  Ref t(tuple_new(int64_t(nargs)));
  if (!t) return Value();
  for (size_t k = 0; k < nargs; k++) {
    Value item = match_slice(m, args[k], None());
    if (!item) return Value();
    tuple_items(*t)[k] = item;
  }
  return t.release();
}

Value match_getitem(Value self, Value key) { return match_slice(M(self), key, None()); }

Value match_groups(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"default"};
  static const ArgSpec spec{"groups", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value deflt = a[0] ? a[0] : None();
  MatchObject* m = M(self);
  Ref t(tuple_new(m->groups - 1));
  if (!t) return Value();
  for (int64_t i = 1; i < m->groups; i++) {
    Value item = match_slice_by_index(m, i, deflt);
    if (!item) return Value();
    tuple_items(*t)[i - 1] = item;
  }
  return t.release();
}

Value match_groupdict(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"default"};
  static const ArgSpec spec{"groupdict", names, 1, 0, 0, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value deflt = a[0] ? a[0] : None();
  MatchObject* m = M(self);
  Ref d(dict_new());
  if (!d) return Value();
  Value groupindex = P(m->pattern)->groupindex;
  if (!groupindex) return d.release();
  int64_t pos = 0;
  Value key, value;
  while (dict_next(groupindex, &pos, &key, &value)) {
    Ref k(newref(key));
    Ref v(match_slice(m, *k, deflt));
    if (!v || dict_set(*d, *k, *v) < 0) return Value();
  }
  return d.release();
}

// start(), end(), span(): the group argument (default 0).
bool group_arg(const char* name, Value self, const Value* args, size_t nargs, Value kwnames,
               int64_t* out) {
  if (!check_no_kwargs(name, kwnames) || !check_positional(name, nargs, 0, 1)) return false;
  if (nargs == 0) {
    *out = 0;
    return true;
  }
  *out = match_index(M(self), args[0]);
  return *out >= 0;
}

Value match_start(Value self, const Value* args, size_t nargs, Value kwnames) {
  int64_t i;
  if (!group_arg("start", self, args, nargs, kwnames, &i)) return Value();
  return int_from_i64(match_marks(M(self))[2 * i]);
}

Value match_end(Value self, const Value* args, size_t nargs, Value kwnames) {
  int64_t i;
  if (!group_arg("end", self, args, nargs, kwnames, &i)) return Value();
  return int_from_i64(match_marks(M(self))[2 * i + 1]);
}

Value pair(int64_t a, int64_t b) {
  Ref x(int_from_i64(a));
  Ref y(int_from_i64(b));
  if (!x || !y) return Value();
  return tuple_pack({*x, *y});
}

Value match_span(Value self, const Value* args, size_t nargs, Value kwnames) {
  int64_t i;
  if (!group_arg("span", self, args, nargs, kwnames, &i)) return Value();
  int64_t* marks = match_marks(M(self));
  return pair(marks[2 * i], marks[2 * i + 1]);
}

// A function of the pure-Python `re` module (re._subx, re._expand).
Value re_function(const char* name) {
  Ref modname(str_from_ascii("re"));
  if (!modname) return Value();
  Ref mod(import_name(*modname, Value(), Value(), 0));
  if (!mod) return Value();
  return getattr(*mod, name);
}

Value match_expand(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"template"};
  static const ArgSpec spec{"expand", names, 1, 0, 1, 1};
  Value a[1];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Ref fn(re_function("_expand"));
  if (!fn) return Value();
  Value argv[3] = {M(self)->pattern, self, a[0]};
  return call(*fn, argv, 3);
}

Value return_self(Value self, const Value*, size_t, Value) { return newref(self); }

Value match_repr(Value self) {
  MatchObject* m = M(self);
  Ref group0(match_slice_by_index(m, 0, None()));
  if (!group0) return Value();
  int64_t* marks = match_marks(m);
  return str_format_c("<%s object; span=(%zd, %zd), match=%.50R>", self.obj()->type->name,
                      (ssize_t)marks[0], (ssize_t)marks[1], *group0);
}

Value match_get_lastindex(Value self) {
  MatchObject* m = M(self);
  if (m->lastindex < 0) return None();
  return int_from_i64(m->lastindex);
}

Value match_get_lastgroup(Value self) {
  MatchObject* m = M(self);
  Value indexgroup = P(m->pattern)->indexgroup;
  if (indexgroup && m->lastindex >= 0 && m->lastindex < tuple_size(indexgroup)) {
    return newref(tuple_item(indexgroup, m->lastindex));
  }
  return None();
}

Value match_get_regs(Value self) {
  MatchObject* m = M(self);
  if (m->regs) return newref(m->regs);
  Ref t(tuple_new(m->groups));
  if (!t) return Value();
  int64_t* marks = match_marks(m);
  for (int64_t i = 0; i < m->groups; i++) {
    Value p = pair(marks[2 * i], marks[2 * i + 1]);
    if (!p) return Value();
    tuple_items(*t)[i] = p;
  }
  m->regs = t.new_ref();
  return t.release();
}

const MethodDef kMatchMethods[] = {
    {"group", match_group, METH_FASTCALL,
     "group([group1, ...]) -> str or tuple.\n    Return subgroup(s) of the match by indices or "
     "names.\n    For 0 returns the entire match."},
    {"start", match_start, METH_FASTCALL, "Return index of the start of the substring matched by group."},
    {"end", match_end, METH_FASTCALL, "Return index of the end of the substring matched by group."},
    {"span", match_span, METH_FASTCALL, "For match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"groups", match_groups, METH_FASTCALL | METH_KEYWORDS,
     "Return a tuple containing all the subgroups of the match, from 1.\n\n  default\n    Is "
     "used for groups that did not participate in the match."},
    {"groupdict", match_groupdict, METH_FASTCALL | METH_KEYWORDS,
     "Return a dictionary containing all the named subgroups of the match, keyed by the "
     "subgroup name.\n\n  default\n    Is used for groups that did not participate in the "
     "match."},
    {"expand", match_expand, METH_FASTCALL | METH_KEYWORDS,
     "Return the string obtained by doing backslash substitution on the string template, as "
     "done by the sub() method."},
    {"__copy__", return_self, METH_NOARGS, nullptr},
    {"__deepcopy__", return_self, METH_O, nullptr},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kMatchMembers[] = {
    {"string", MemberKind::ReadOnlyObject, offsetof(MatchObject, string), true,
     "The string passed to match() or search()."},
    {"re", MemberKind::ReadOnlyObject, offsetof(MatchObject, pattern), true,
     "The regular expression object."},
    {"pos", MemberKind::Int64, offsetof(MatchObject, pos), true,
     "The index into the string at which the RE engine started looking for a match."},
    {"endpos", MemberKind::Int64, offsetof(MatchObject, endpos), true,
     "The index into the string beyond which the RE engine will not go."},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kMatchGetSet[] = {
    {"lastindex", match_get_lastindex, nullptr,
     "The integer index of the last matched capturing group."},
    {"lastgroup", match_get_lastgroup, nullptr,
     "The name of the last matched capturing group."},
    {"regs", match_get_regs, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- Pattern objects -----------------------------------------------------------------------------

void pattern_dealloc(Object* o) {
  PatternObject* p = reinterpret_cast<PatternObject*>(o);
  clear_ref(&p->pattern);
  clear_ref(&p->groupindex);
  clear_ref(&p->indexgroup);
  mem_free(p->code);
  p->code = nullptr;
  free_object(o);
}

// (string, pos=0, endpos=sys.maxsize) of match/search/fullmatch/findall/finditer/scanner.
bool string_pos_args(const char* fname, const Value* args, size_t nargs, Value kwnames,
                     Value* string, int64_t* pos, int64_t* endpos) {
  static const char* const names[] = {"string", "pos", "endpos"};
  ArgSpec spec{fname, names, 3, 0, 1, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  *string = a[0];
  *pos = 0;
  *endpos = INT64_MAX;
  if (a[1] && !to_ssize(a[1], pos)) return false;
  if (a[2] && !to_ssize(a[2], endpos)) return false;
  return true;
}

Value pattern_run(Value self, const char* fname, const Value* args, size_t nargs,
                  Value kwnames, bool search, bool match_all) {
  Value string;
  int64_t pos, endpos;
  if (!string_pos_args(fname, args, nargs, kwnames, &string, &pos, &endpos)) return Value();
  State st;
  if (!state_init(st, P(self), string, pos, endpos)) return Value();
  st.match_all = match_all;
  int r = search ? sre::search(st, P(self)->code) : sre::match(st, P(self)->code);
  return new_match(self, st, string, r);
}

Value pattern_match(Value self, const Value* args, size_t nargs, Value kwnames) {
  return pattern_run(self, "match", args, nargs, kwnames, false, false);
}
Value pattern_fullmatch(Value self, const Value* args, size_t nargs, Value kwnames) {
  return pattern_run(self, "fullmatch", args, nargs, kwnames, false, true);
}
Value pattern_search(Value self, const Value* args, size_t nargs, Value kwnames) {
  return pattern_run(self, "search", args, nargs, kwnames, true, false);
}

Value pattern_findall(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!string_pos_args("findall", args, nargs, kwnames, &string, &pos, &endpos)) return Value();
  PatternObject* p = P(self);
  State st;
  if (!state_init(st, p, string, pos, endpos)) return Value();
  Ref list(list_new(0));
  if (!list) return Value();
  while (st.start <= st.end) {
    int r = sre::search(st, p->code);
    if (r < 0) return Value();
    if (r == 0) break;
    Ref item;
    if (p->groups == 0) {
      item.reset(state_slice(st, string, st.start, st.ptr));
    } else if (p->groups == 1) {
      item.reset(state_group(st, string, 1, true));
    } else {
      item.reset(tuple_new(p->groups));
      if (!item) return Value();
      for (int64_t g = 1; g <= p->groups; g++) {
        Value v = state_group(st, string, g, true);
        if (!v) return Value();
        tuple_items(*item)[g - 1] = v;
      }
    }
    if (!item || list_append(*list, *item) < 0) return Value();
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  return list.release();
}

Value new_scanner(Value pattern, Value string, int64_t pos, int64_t endpos) {
  State* st = new State();
  if (!state_init(*st, P(pattern), string, pos, endpos)) {
    delete st;
    return Value();
  }
  Object* o = alloc_object(&ScannerType, sizeof(ScannerObject));
  if (!o) {
    delete st;
    return Value();
  }
  ScannerObject* sc = reinterpret_cast<ScannerObject*>(o);
  sc->pattern = newref(pattern);
  sc->string = newref(string);
  sc->state = st;
  sc->exhausted = false;
  sc->executing = false;
  return Value::from(o);
}

Value pattern_scanner(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!string_pos_args("scanner", args, nargs, kwnames, &string, &pos, &endpos)) return Value();
  return new_scanner(self, string, pos, endpos);
}

Value pattern_finditer(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value string;
  int64_t pos, endpos;
  if (!string_pos_args("finditer", args, nargs, kwnames, &string, &pos, &endpos)) return Value();
  Ref scanner(new_scanner(self, string, pos, endpos));
  if (!scanner) return Value();
  Ref search(getattr(*scanner, "search"));
  if (!search) return Value();
  return callable_iter_new(*search, None());
}

Value pattern_split(Value self, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"string", "maxsplit"};
  static const ArgSpec spec{"split", names, 2, 0, 1, 2};
  Value a[2];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value string = a[0];
  int64_t maxsplit = 0;
  if (a[1] && !to_ssize(a[1], &maxsplit)) return Value();
  PatternObject* p = P(self);
  State st;
  if (!state_init(st, p, string, 0, INT64_MAX)) return Value();
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t n = 0, last = st.start;
  while (!maxsplit || n < maxsplit) {
    int r = sre::search(st, p->code);
    if (r < 0) return Value();
    if (r == 0) break;
    Ref item(state_slice(st, string, last, st.start));
    if (!item || list_append(*list, *item) < 0) return Value();
    for (int64_t g = 1; g <= p->groups; g++) {
      Ref v(state_group(st, string, g, false));
      if (!v || list_append(*list, *v) < 0) return Value();
    }
    n++;
    st.must_advance = st.ptr == st.start;
    last = st.start = st.ptr;
  }
  Ref item(state_slice(st, string, last, st.endpos));
  if (!item || list_append(*list, *item) < 0) return Value();
  return list.release();
}

Value pattern_subx(Value self, Value repl, Value string, int64_t count, bool subn) {
  PatternObject* p = P(self);
  Ref filter;
  bool callable = false;
  if (is_callable(repl)) {
    filter.reset(newref(repl));
    callable = true;
  } else {
    // A template without backslashes is used as it is; others go to re._subx.
    bool literal = false;
    Subject sub;
    int r = get_subject(repl, &sub);
    if (r > 0) {
      literal = true;
      for (int64_t k = 0; k < sub.length && literal; k++) {
        uint32_t c = sub.charsize == 1   ? static_cast<const uint8_t*>(sub.data)[k]
                     : sub.charsize == 2 ? static_cast<const uint16_t*>(sub.data)[k]
                                         : static_cast<const uint32_t*>(sub.data)[k];
        if (c == '\\') literal = false;
      }
    } else {
      clear_error();
    }
    if (literal) {
      filter.reset(newref(repl));
    } else {
      Ref fn(re_function("_subx"));
      if (!fn) return Value();
      filter.reset(call2(*fn, self, repl));
      if (!filter) return Value();
      callable = is_callable(*filter);
    }
  }
  State st;
  if (!state_init(st, p, string, 0, INT64_MAX)) return Value();
  Ref list(list_new(0));
  if (!list) return Value();
  int64_t n = 0, i = 0;
  while (!count || n < count) {
    int r = sre::search(st, p->code);
    if (r < 0) return Value();
    if (r == 0) break;
    int64_t b = st.start, e = st.ptr;
    if (i < b) {
      Ref item(state_slice(st, string, i, b));
      if (!item || list_append(*list, *item) < 0) return Value();
    }
    Ref item;
    if (callable) {
      Ref m(new_match(self, st, string, 1));
      if (!m) return Value();
      item.reset(call1(*filter, *m));
    } else {
      item.reset(newref(*filter));
    }
    if (!item) return Value();
    if (!is_none(*item) && list_append(*list, *item) < 0) return Value();
    i = e;
    n++;
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  if (i < st.endpos) {
    Ref item(state_slice(st, string, i, st.endpos));
    if (!item || list_append(*list, *item) < 0) return Value();
  }
  Ref joiner(state_slice(st, string, 0, 0));
  if (!joiner) return Value();
  Ref result;
  if (list_size(*list) == 0) {
    result.reset(joiner.release());
  } else if (st.isbytes) {
    result.reset(call_method1(*joiner, STRATA_NAME(join), *list));
  } else {
    result.reset(str_join(*joiner, *list));
  }
  if (!result) return Value();
  if (!subn) return result.release();
  Ref nv(int_from_i64(n));
  if (!nv) return Value();
  return tuple_pack({*result, *nv});
}

bool sub_args(const char* fname, const Value* args, size_t nargs, Value kwnames, Value* repl,
              Value* string, int64_t* count) {
  static const char* const names[] = {"repl", "string", "count"};
  ArgSpec spec{fname, names, 3, 0, 2, 3};
  Value a[3];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return false;
  *repl = a[0];
  *string = a[1];
  *count = 0;
  return !a[2] || to_ssize(a[2], count);
}

Value pattern_sub(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value repl, string;
  int64_t count;
  if (!sub_args("sub", args, nargs, kwnames, &repl, &string, &count)) return Value();
  return pattern_subx(self, repl, string, count, false);
}

Value pattern_subn(Value self, const Value* args, size_t nargs, Value kwnames) {
  Value repl, string;
  int64_t count;
  if (!sub_args("subn", args, nargs, kwnames, &repl, &string, &count)) return Value();
  return pattern_subx(self, repl, string, count, true);
}

Value pattern_repr(Value self) {
  static const struct {
    const char* name;
    int64_t value;
  } kFlagNames[] = {
      {"re.TEMPLATE", sre::FLAG_TEMPLATE},   {"re.IGNORECASE", sre::FLAG_IGNORECASE},
      {"re.LOCALE", sre::FLAG_LOCALE},       {"re.MULTILINE", sre::FLAG_MULTILINE},
      {"re.DOTALL", sre::FLAG_DOTALL},       {"re.UNICODE", sre::FLAG_UNICODE},
      {"re.VERBOSE", sre::FLAG_VERBOSE},     {"re.DEBUG", sre::FLAG_DEBUG},
      {"re.ASCII", sre::FLAG_ASCII},
  };
  PatternObject* p = P(self);
  int64_t flags = p->flags;
  // re.UNICODE is the default of str patterns: not shown.
  if (p->isbytes == 0 &&
      (flags & (sre::FLAG_LOCALE | sre::FLAG_UNICODE | sre::FLAG_ASCII)) == sre::FLAG_UNICODE) {
    flags &= ~int64_t(sre::FLAG_UNICODE);
  }
  std::string names;
  for (const auto& f : kFlagNames) {
    if (flags & f.value) {
      if (!names.empty()) names += '|';
      names += f.name;
      flags &= ~f.value;
    }
  }
  if (flags) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%x", unsigned(flags));
    if (!names.empty()) names += '|';
    names += buf;
  }
  if (names.empty()) return str_format_c("re.compile(%.200R)", p->pattern);
  return str_format_c("re.compile(%.200R, %s)", p->pattern, names.c_str());
}

Value pattern_richcompare(Value a, Value b, int op) {
  if (op != CMP_EQ && op != CMP_NE) return NotImplemented();
  if (type_of(a) != &PatternType || type_of(b) != &PatternType) return NotImplemented();
  bool equal;
  if (a == b) {
    equal = true;
  } else {
    PatternObject* x = P(a);
    PatternObject* y = P(b);
    equal = x->flags == y->flags && x->isbytes == y->isbytes && x->codesize == y->codesize &&
            std::memcmp(x->code, y->code, sizeof(uint32_t) * size_t(x->codesize)) == 0;
    if (equal) {
      int r = rich_compare_bool(x->pattern, y->pattern, CMP_EQ);
      if (r < 0) return Value();
      equal = r > 0;
    }
  }
  return Bool(op == CMP_EQ ? equal : !equal);
}

int64_t pattern_hash(Value self) {
  PatternObject* p = P(self);
  int64_t h = hash(p->pattern);
  if (h == -1) return -1;
  h ^= text::hash_bytes(p->code, sizeof(uint32_t) * size_t(p->codesize));
  h ^= p->flags;
  h ^= p->isbytes;
  h ^= p->codesize;
  if (h == -1) h = -2;
  return h;
}

Value pattern_get_groupindex(Value self) {
  PatternObject* p = P(self);
  if (!p->groupindex) return dict_new();
  return mappingproxy_new(p->groupindex);
}

const MethodDef kPatternMethods[] = {
    {"match", pattern_match, METH_FASTCALL | METH_KEYWORDS,
     "Matches zero or more characters at the beginning of the string."},
    {"fullmatch", pattern_fullmatch, METH_FASTCALL | METH_KEYWORDS,
     "Matches against all of the string."},
    {"search", pattern_search, METH_FASTCALL | METH_KEYWORDS,
     "Scan through string looking for a match, and return a corresponding match object "
     "instance.\n\nReturn None if no position in the string matches."},
    {"sub", pattern_sub, METH_FASTCALL | METH_KEYWORDS,
     "Return the string obtained by replacing the leftmost non-overlapping occurrences of "
     "pattern in string by the replacement repl."},
    {"subn", pattern_subn, METH_FASTCALL | METH_KEYWORDS,
     "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost "
     "non-overlapping occurrences of pattern with the replacement repl."},
    {"findall", pattern_findall, METH_FASTCALL | METH_KEYWORDS,
     "Return a list of all non-overlapping matches of pattern in string."},
    {"split", pattern_split, METH_FASTCALL | METH_KEYWORDS,
     "Split string by the occurrences of pattern."},
    {"finditer", pattern_finditer, METH_FASTCALL | METH_KEYWORDS,
     "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\n"
     "For each match, the iterator returns a match object."},
    {"scanner", pattern_scanner, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__copy__", return_self, METH_NOARGS, nullptr},
    {"__deepcopy__", return_self, METH_O, nullptr},
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kPatternMembers[] = {
    {"pattern", MemberKind::ReadOnlyObject, offsetof(PatternObject, pattern), true,
     "The pattern string from which the RE object was compiled."},
    {"flags", MemberKind::Int64, offsetof(PatternObject, flags), true,
     "The regex matching flags."},
    {"groups", MemberKind::Int64, offsetof(PatternObject, groups), true,
     "The number of capturing groups in the pattern."},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kPatternGetSet[] = {
    {"groupindex", pattern_get_groupindex, nullptr,
     "A dictionary mapping group names to group numbers."},
    {nullptr, nullptr, nullptr, nullptr},
};

// -- Scanner objects ------------------------------------------------------------------------------

void scanner_dealloc(Object* o) {
  ScannerObject* sc = reinterpret_cast<ScannerObject*>(o);
  delete sc->state;
  sc->state = nullptr;
  clear_ref(&sc->pattern);
  clear_ref(&sc->string);
  free_object(o);
}

Value scanner_run(Value self, bool search) {
  ScannerObject* sc = self.as<ScannerObject>();
  if (sc->executing) {
    return raise(ValueError, "regular expression scanner already executing");
  }
  if (sc->exhausted) return None();
  State& st = *sc->state;
  sc->executing = true;
  int r = search ? sre::search(st, P(sc->pattern)->code) : sre::match(st, P(sc->pattern)->code);
  sc->executing = false;
  Value m = new_match(sc->pattern, st, sc->string, r);
  if (r == 0) {
    sc->exhausted = true;
  } else if (r > 0) {
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
  }
  return m;
}

Value scanner_match(Value self, const Value*, size_t, Value) { return scanner_run(self, false); }
Value scanner_search(Value self, const Value*, size_t, Value) { return scanner_run(self, true); }

const MethodDef kScannerMethods[] = {
    {"match", scanner_match, METH_NOARGS, nullptr},
    {"search", scanner_search, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kScannerMembers[] = {
    {"pattern", MemberKind::ReadOnlyObject, offsetof(ScannerObject, pattern), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// -- Module functions -----------------------------------------------------------------------------

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Value sre_compile(Value, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"pattern", "flags", "code", "groups", "groupindex",
                                      "indexgroup"};
  static const ArgSpec spec{"compile", names, 6, 0, 6, 6};
  Value a[6];
  if (!unpack_keywords(spec, args, nargs, kwnames, a)) return Value();
  Value pattern = a[0], code = a[2], groupindex = a[4], indexgroup = a[5];
  int64_t flags, groups;
  if (!to_ssize(a[1], &flags) || !to_ssize(a[3], &groups)) return Value();
  if (!is_list(code)) {
    return raise(TypeError, "compile() argument 'code' must be list, not %s", type_name(code));
  }
  if (!is_dict(groupindex)) {
    return raise(TypeError, "compile() argument 'groupindex' must be dict, not %s",
                 type_name(groupindex));
  }
  if (!is_tuple(indexgroup)) {
    return raise(TypeError, "compile() argument 'indexgroup' must be tuple, not %s",
                 type_name(indexgroup));
  }
  int64_t isbytes = -1;
  if (!is_none(pattern)) {
    Subject sub;
    if (get_subject(pattern, &sub) <= 0) return Value();
    isbytes = sub.isbytes ? 1 : 0;
  }
  if (groups < 0 || groups > sre::kMaxGroups) {
    return raise(RuntimeError, "invalid SRE code");
  }
  int64_t n = list_size(code);
  uint32_t* words = static_cast<uint32_t*>(mem_alloc(sizeof(uint32_t) * size_t(n ? n : 1)));
  if (!words) return raise_no_memory();
  for (int64_t k = 0; k < n; k++) {
    // As CPython: whatever does not convert to a 32-bit code word (a negative int, a
    // non-int) is reported as an overflow of the code size.
    Value w = list_item(code, k);
    int64_t v;
    if (!is_int(w) || !int_to_i64(w, &v) || v < 0 || v > int64_t(0xFFFFFFFF)) {
      mem_free(words);
      return raise(OverflowError, "regular expression code size limit exceeded");
    }
    words[k] = uint32_t(v);
  }
  if (!sre::validate(words, size_t(n), groups)) {
    mem_free(words);
    return raise(RuntimeError, "invalid SRE code");
  }
  Object* o = alloc_object(&PatternType, sizeof(PatternObject));
  if (!o) {
    mem_free(words);
    return Value();
  }
  PatternObject* p = reinterpret_cast<PatternObject*>(o);
  p->pattern = newref(pattern);
  p->groupindex = Value();
  p->indexgroup = Value();
  if (dict_size(groupindex) > 0) {
    p->groupindex = newref(groupindex);
    if (tuple_size(indexgroup) > 0) p->indexgroup = newref(indexgroup);
  }
  p->groups = groups;
  p->flags = flags;
  p->isbytes = isbytes;
  p->codesize = n;
  p->code = words;
  return Value::from(o);
}

Value sre_getcodesize(Value, const Value*, size_t, Value) { return Value::small(4); }

// The `character` argument of the case helpers (an int, as _PyLong_AsInt takes it).
bool char_arg(Value v, int64_t* out) {
  Ref n(number_index(v));
  if (!n) return false;
  if (!int_to_i64(*n, out) || *out > INT_MAX || *out < INT_MIN) {
    raise(OverflowError, "Python int too large to convert to C int");
    return false;
  }
  return true;
}

Value sre_ascii_iscased(Value, const Value* args, size_t, Value) {
  int64_t c;
  if (!char_arg(args[0], &c)) return Value();
  return Bool(c >= 0 && sre::iscased_ascii(uint32_t(c)));
}

Value sre_unicode_iscased(Value, const Value* args, size_t, Value) {
  int64_t c;
  if (!char_arg(args[0], &c)) return Value();
  return Bool(sre::iscased_unicode(uint32_t(c)));
}

Value sre_ascii_tolower(Value, const Value* args, size_t, Value) {
  int64_t c;
  if (!char_arg(args[0], &c)) return Value();
  return int_from_i64(c >= 0 && c < 128 ? int64_t(sre::lower_ascii(uint32_t(c))) : c);
}

Value sre_unicode_tolower(Value, const Value* args, size_t, Value) {
  int64_t c;
  if (!char_arg(args[0], &c)) return Value();
  return int_from_i64(int64_t(sre::lower_unicode(uint32_t(c))));
}

const MethodDef kSreMethods[] = {
    {"compile", sre_compile, METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"getcodesize", sre_getcodesize, METH_NOARGS, nullptr},
    {"ascii_iscased", sre_ascii_iscased, METH_O, nullptr},
    {"unicode_iscased", sre_unicode_iscased, METH_O, nullptr},
    {"ascii_tolower", sre_ascii_tolower, METH_O, nullptr},
    {"unicode_tolower", sre_unicode_tolower, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type PatternType = {
    .ob = {kImmortal, &TypeType},
    .name = "re.Pattern",
    .basicsize = sizeof(PatternObject),
    .weaklistoffset = offsetof(PatternObject, weakreflist),
    .dealloc = pattern_dealloc,
    .repr = pattern_repr,
    .hash = pattern_hash,
    .richcompare = pattern_richcompare,
    .methods = kPatternMethods,
    .members = kPatternMembers,
    .getset = kPatternGetSet,
    .doc = "Compiled regular expression object.",
};

Type MatchType = {
    .ob = {kImmortal, &TypeType},
    .name = "re.Match",
    .basicsize = sizeof(MatchObject),
    .dealloc = match_dealloc,
    .repr = match_repr,
    .getitem = match_getitem,
    .methods = kMatchMethods,
    .members = kMatchMembers,
    .getset = kMatchGetSet,
    .doc = "The result of re.match() and re.search().\nMatch objects always have a boolean "
           "value of True.",
};

Type ScannerType = {
    .ob = {kImmortal, &TypeType},
    .name = "_sre.SRE_Scanner",
    .basicsize = sizeof(ScannerObject),
    .dealloc = scanner_dealloc,
    .methods = kScannerMethods,
    .members = kScannerMembers,
};

int sre_module_init(Value module) {
  static bool ready = false;
  if (!ready) {
    if (type_ready(&PatternType) < 0 || type_ready(&MatchType) < 0 ||
        type_ready(&ScannerType) < 0) {
      return -1;
    }
    ready = true;
  }
  Value d = module_dict(module);
  Ref maxrepeat(int_from_i64(sre::kMaxRepeat));
  Ref copyright(str_from_ascii(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
  if (!maxrepeat || !copyright) return -1;
  if (dict_set_cstr(d, "MAGIC", Value::small(sre::kMagic)) < 0 ||
      dict_set_cstr(d, "CODESIZE", Value::small(4)) < 0 ||
      dict_set_cstr(d, "MAXREPEAT", *maxrepeat) < 0 ||
      dict_set_cstr(d, "MAXGROUPS", Value::small(sre::kMaxGroups)) < 0 ||
      dict_set_cstr(d, "copyright", *copyright) < 0) {
    return -1;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef sre_module_def;
const BuiltinModuleDef sre_module_def = {"_sre", sre_module_init, kSreMethods, nullptr};

}  // namespace strata
