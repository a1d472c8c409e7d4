// vm/traceback.cpp — the traceback type, and printing an exception exactly as CPython
// 3.11's default sys.excepthook does (Python/pythonrun.c's print_exception_recursive and
// Python/traceback.c's tb_printinternal): the chain of causes and contexts, each
// traceback entry with its source line and 3.11's `~~~^^^~~~` marks, repeated entries
// collapsed, the final "Type: message" line with "Did you mean" suggestions
// (Python/suggestions.c), notes, exception groups in their boxes, and SyntaxError's
// own format. Also where the runtime's error text goes: sys.stderr, or fd 2.
//
// The output is built in a std::string and written at once; what CPython would write
// piece by piece is the same text.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <unordered_set>

#include "frontend/parser.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/exceptions.h"
#include "vm/func.h"
#include "vm/int.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"
#include "stdlib/sys.h"

namespace strata {

// -- The traceback type -------------------------------------------------------------------------

namespace {

inline TracebackObject* TB(Value v) { return v.as<TracebackObject>(); }
inline BaseExceptionObject* EXC(Value v) { return v.as<BaseExceptionObject>(); }

Value tb_alloc(Value next, Value frame, int lasti, int lineno) {
  Object* o = alloc_object(&TracebackType, sizeof(TracebackObject));
  if (!o) return Value();
  TracebackObject* tb = reinterpret_cast<TracebackObject*>(o);
  tb->next = xnewref(next);
  tb->frame = newref(frame);
  tb->lasti = lasti;
  tb->lineno = lineno;
  gc_track(o);
  return Value::from(o);
}

void tb_clear(Object* o) {
  TracebackObject* tb = reinterpret_cast<TracebackObject*>(o);
  clear_ref(&tb->next);
  clear_ref(&tb->frame);
}

void tb_dealloc(Object* o) {
  gc_untrack(o);
  // A long chain is freed iteratively: each level owns the next one only.
  TracebackObject* tb = reinterpret_cast<TracebackObject*>(o);
  Value next = tb->next;
  tb->next = Value();
  clear_ref(&tb->frame);
  free_object(o);
  while (next.is_object() && next.obj()->refcnt == 1 && next.obj()->type == &TracebackType) {
    TracebackObject* n = TB(next);
    Value after = n->next;
    n->next = Value();
    decref(next);
    next = after;
  }
  xdecref(next);
}

void tb_traverse(Object* o, VisitFn visit, void* arg) {
  TracebackObject* tb = reinterpret_cast<TracebackObject*>(o);
  visit_value(tb->next, visit, arg);
  visit_value(tb->frame, visit, arg);
}

Value tb_new(Type*, const Value* args, size_t nargs, Value kwnames) {
  static const char* const names[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno"};
  Value a[4];
  size_t nkw = kwnames ? size_t(tuple_size(kwnames)) : 0;
  if (nargs > 4) return raise(TypeError, "TracebackType() takes at most 4 arguments (%d given)", int(nargs + nkw));
  for (size_t i = 0; i < nargs; ++i) a[i] = args[i];
  for (size_t k = 0; k < nkw; ++k) {
    Value key = tuple_item(kwnames, int64_t(k));
    int found = -1;
    for (int j = 0; j < 4; ++j) {
      if (str_equal_ascii(key, names[j])) found = j;
    }
    if (found < 0) return raise(TypeError, "TracebackType() got an unexpected keyword argument %R", key);
    if (a[found]) {
      return raise(TypeError, "argument for TracebackType() given by name ('%s') and position (%d)",
                   names[found], found + 1);
    }
    a[found] = args[nargs + k];
  }
  for (int j = 0; j < 4; ++j) {
    if (!a[j]) {
      return raise(TypeError, "TracebackType() missing required argument '%s' (pos %d)", names[j], j + 1);
    }
  }
  Value next = a[0];
  if (is_none(next)) {
    next = Value();
  } else if (type_of(next) != &TracebackType) {
    return raise(TypeError, "expected traceback object or None, got '%s'", type_of(next)->name);
  }
  if (!is_instance_of(a[1], &FrameType)) {
    return raise(TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s",
                 type_of(a[1])->name);
  }
  int64_t lasti = int_as_i64(a[2]);
  if (lasti == -1 && error_occurred()) return Value();
  int64_t lineno = int_as_i64(a[3]);
  if (lineno == -1 && error_occurred()) return Value();
  return tb_alloc(next, a[1], int(lasti / 2), int(lineno));
}

Value tb_get_next(Value self) { return TB(self)->next ? newref(TB(self)->next) : None(); }
int tb_set_next(Value self, Value v) {
  if (!v) {
    raise(TypeError, "can't delete tb_next attribute");
    return -1;
  }
  if (is_none(v)) {
    v = Value();
  } else if (type_of(v) != &TracebackType) {
    raise(TypeError, "expected traceback object, got '%s'", type_of(v)->name);
    return -1;
  }
  for (Value c = v; c; c = TB(c)->next) {
    if (c == self) {
      raise(ValueError, "traceback loop detected");
      return -1;
    }
  }
  set_ref(&TB(self)->next, xnewref(v));
  return 0;
}
Value tb_get_frame(Value self) { return newref(TB(self)->frame); }
Value tb_get_lasti(Value self) { return Value::small(int64_t(TB(self)->lasti) * 2); }
Value tb_get_lineno(Value self) { return Value::small(TB(self)->lineno); }

const GetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, nullptr},
    {"tb_frame", tb_get_frame, nullptr, nullptr},
    {"tb_lasti", tb_get_lasti, nullptr, nullptr},
    {"tb_lineno", tb_get_lineno, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Value tb_dir(Value, const Value*, size_t, Value) {
  Value names[4] = {intern("tb_frame"), intern("tb_next"), intern("tb_lasti"), intern("tb_lineno")};
  return list_from(names, 4);
}

const MethodDef tb_methods[] = {
    {"__dir__", tb_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

constexpr Type make_traceback_type() {
  Type t{};
  t.ob = Object{kImmortal, &TypeType};
  t.name = "traceback";
  t.base = &ObjectType;
  t.flags = TF_HAVE_GC | TF_IMMUTABLE;
  t.basicsize = sizeof(TracebackObject);
  t.dealloc = tb_dealloc;
  t.traverse = tb_traverse;
  t.clear = tb_clear;
  t.new_ = tb_new;
  t.methods = tb_methods;
  t.getset = tb_getset;
  t.doc = "Create a new traceback object.";
  return t;
}

}  // namespace

Type TracebackType = make_traceback_type();

int exception_add_traceback(Value exc, Value frame, int lasti) {
  FrameObject* f = frame.as<FrameObject>();
  int lineno = f->code ? code_line(f->code.as<CodeRT>(), lasti) : -1;
  BaseExceptionObject* e = EXC(exc);
  Value tb = tb_alloc(e->traceback, frame, lasti, lineno);
  if (!tb) return -1;
  set_ref(&e->traceback, tb);
  return 0;
}

// -- Writing to sys.stderr -------------------------------------------------------------------------

namespace {

// sys.<name> (new reference) or null without an exception (no sys module yet, or no
// such attribute).
Value sys_attr(const char* name) { return xnewref(sys_get(name)); }

void write_fd2(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(2, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    text.remove_prefix(size_t(n));
  }
}

bool writing_stderr = false;  // re-entry (an error while writing an error) goes to fd 2

}  // namespace

void write_stderr(std::string_view text) {
  if (text.empty()) return;
  if (writing_stderr) {
    write_fd2(text);
    return;
  }
  writing_stderr = true;
  Value saved = fetch_error();
  Value file = sys_attr("stderr");
  if (!file) {
    write_fd2(text);
  } else if (!is_none(file)) {
    if (file_write_utf8(file, text) == 0) xdecref(call_method0(file, STRATA_NAME(flush)));
    clear_error();
  }
  xdecref(file);
  restore_error(saved);
  writing_stderr = false;
}

// -- Source lines -----------------------------------------------------------------------------------

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Characters in the first `col` bytes of UTF-8 `line` (_PyPegen_byte_offset_to_character
// _offset): a column past the end counts the terminating NUL as one more character, and
// a cut multi-byte sequence as one (replacement) character.
long byte_to_char(std::string_view line, long col) {
  if (col < 0) return -1;
  long len = long(line.size());
  if (col > len + 1) col = len + 1;
  long chars = 0;
  for (long i = 0; i < col && i < len; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++chars;
  }
  if (col == len + 1) ++chars;
  return chars;
}

// Byte index of character index `ch` in UTF-8 text (clamped to its size).
size_t char_to_byte(std::string_view s, long ch) {
  size_t i = 0;
  long seen = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == ch) return i;
      ++seen;
    }
    ++i;
  }
  return s.size();
}

long char_count(std::string_view s) { return byte_to_char(s, long(s.size())); }

// Latin-1 bytes as UTF-8.
std::string latin1_to_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    if (c < 0x80) {
      out += char(c);
    } else {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    if (c < 0x80) n = 0;
    else if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

// The encoding a coding cookie in one of the first two lines declares, lowercased, or "".
std::string coding_cookie(std::string_view text) {
  size_t pos = 0;
  for (int lineno = 0; lineno < 2 && pos < text.size(); ++lineno) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    size_t i = 0;
    while (i < line.size() && is_ws(line[i])) ++i;
    if (i < line.size() && line[i] == '#') {
      size_t c = line.find("coding", i);
      if (c != std::string_view::npos && c + 6 < line.size() && (line[c + 6] == ':' || line[c + 6] == '=')) {
        size_t j = c + 7;
        while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
        std::string name;
        while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '-' ||
                                   line[j] == '_' || line[j] == '.')) {
          name += char(std::tolower(static_cast<unsigned char>(line[j++])));
        }
        return name;
      }
    } else if (i < line.size()) {
      return "";  // a line with code ends the search
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return "";
}

// File contents read during one print, so that a deep traceback reads each file once.
struct SourceCache {
  std::map<std::string, std::string> files;  // path -> contents as UTF-8 (empty: unreadable)
  std::map<std::string, bool> ok;
};

bool read_whole(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

// The source of `path` as CPython's traceback finds it: the file itself, or the file of
// the same base name in a directory of sys.path.
bool load_source(SourceCache& cache, const std::string& path, std::string*& out) {
  auto it = cache.ok.find(path);
  if (it != cache.ok.end()) {
    out = &cache.files[path];
    return it->second;
  }
  std::string raw;
  bool found = read_whole(path, raw);
  if (!found) {
    size_t slash = path.rfind('/');
    std::string tail = slash == std::string::npos ? path : path.substr(slash + 1);
    Value sys_path = sys_attr("path");
    if (sys_path && is_list(sys_path)) {
      for (int64_t i = 0; i < list_size(sys_path) && !found; ++i) {
        Value dir = list_item(sys_path, i);
        if (!is_str(dir)) continue;
        std::string candidate(str_utf8(dir));
        if (!candidate.empty() && candidate.back() != '/') candidate += '/';
        candidate += tail;
        raw.clear();
        found = read_whole(candidate, raw);
      }
    }
    xdecref(sys_path);
  }
  if (found) {
    std::string enc = coding_cookie(raw);
    if (enc == "latin-1" || enc == "iso-8859-1" || enc == "latin1" || enc == "iso8859-1" ||
        enc.rfind("latin-1-", 0) == 0 || enc.rfind("iso-8859-1-", 0) == 0) {
      raw = latin1_to_utf8(raw);
    }
  }
  cache.ok[path] = found;
  cache.files[path] = std::move(raw);
  out = &cache.files[path];
  return found;
}

// Line `lineno` (1-based) of the file, without its line end ("\n", "\r\n" or "\r": the
// file is read with universal newlines). False when there is no such line or the text
// up to it does not decode.
bool source_line(SourceCache& cache, Value filename, int lineno, std::string& line) {
  if (!filename || !is_str(filename) || lineno < 1) return false;
  std::string_view name = str_utf8(filename);
  if (!name.empty() && name.front() == '<' && name.back() == '>') return false;
  std::string* text;
  if (!load_source(cache, std::string(name), text)) return false;
  std::string_view s = *text;
  size_t pos = 0;
  for (int i = 1;; ++i) {
    if (pos >= s.size()) return false;
    size_t end = s.find_first_of("\r\n", pos);
    size_t next;
    if (end == std::string_view::npos) {
      end = s.size();
      next = s.size();
    } else {
      next = end + ((s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n') ? 2 : 1);
    }
    if (i == lineno) {
      if (!valid_utf8(s.substr(0, next))) return false;
      line.assign(s.substr(pos, end - pos));
      return true;
    }
    pos = next;
  }
}

// -- Carets -----------------------------------------------------------------------------------------

// 3.11's anchors: for a binary operation the operator, for a subscript the brackets, as
// character offsets into `segment` (the failing expression's text); false when the
// segment is not one such expression.
bool caret_anchors(std::string_view segment, Value filename, long* left, long* right) {
  Arena arena;
  SyntaxErrorInfo error;
  std::string_view fname = filename && is_str(filename) ? str_utf8(filename) : "<string>";
  ast::Node* tree = parse(segment, fname, ParseMode::Exec, arena, error);
  ast::Module* mod = ast::as<ast::Module>(tree);
  if (!mod || mod->body.size != 1) return false;
  ast::Expr* stmt = ast::as<ast::Expr>(mod->body[0]);
  if (!stmt) return false;
  if (ast::BinOp* op = ast::as<ast::BinOp>(stmt->value)) {
    long from = op->left->end_col_offset;
    long to = op->right->col_offset;
    for (long i = from; i < to && i < long(segment.size()); ++i) {
      if (is_ws(segment[i])) continue;
      long r = i + 1;
      if (i + 1 < to && !is_ws(segment[i + 1])) ++r;  // a two-character operator
      *left = byte_to_char(segment, i);
      *right = byte_to_char(segment, r);
      return true;
    }
    // No operator character found: the anchors stay unset but still count as found,
    // as in CPython (they then mark nothing).
    *left = -1;
    *right = -1;
    return false;
  }
  if (ast::Subscript* sub = ast::as<ast::Subscript>(stmt->value)) {
    *left = byte_to_char(segment, sub->value->end_col_offset);
    *right = byte_to_char(segment, sub->slice->end_col_offset + 1);
    return true;
  }
  return false;
}

struct PrintContext {
  std::string out;
  int depth = 0;  // exception-group nesting
  bool need_close = false;
  int max_group_width = 15;
  int max_group_depth = 10;
  std::unordered_set<Object*> seen;
  SourceCache sources;

  int indent() const { return 2 * depth; }
  const char* margin() const { return depth ? "| " : ""; }
  void indented_margin(int ind, const char* m) {
    out.append(size_t(ind), ' ');
    if (m) out += m;
  }
  void indented_margin() { indented_margin(indent(), margin()); }
};

// One traceback entry: the File line, the source line and its carets (tb_displayline).
void display_entry(PrintContext& ctx, Value tbv, Value filename, Value name, int indent,
                   const char* margin) {
  TracebackObject* tb = TB(tbv);
  ctx.indented_margin(indent, margin);
  ctx.out += "  File \"";
  ctx.out += filename && is_str(filename) ? str_utf8(filename) : "???";
  ctx.out += "\", line ";
  ctx.out += std::to_string(tb->lineno);
  ctx.out += ", in ";
  ctx.out += name && is_str(name) ? str_utf8(name) : "???";
  ctx.out += '\n';

  std::string line;
  if (!source_line(ctx.sources, filename, tb->lineno, line)) return;
  long leading = 0;
  while (leading < long(line.size()) && is_ws(line[size_t(leading)])) ++leading;
  ctx.indented_margin(indent, margin);
  ctx.out += "    ";
  ctx.out.append(line, size_t(leading));
  ctx.out += '\n';

  FrameObject* frame = TB(tbv)->frame.as<FrameObject>();
  if (!frame->code) return;
  int start_line, end_line, col, end_col;
  if (!code_positions(frame->code.as<CodeRT>(), tb->lasti, &start_line, &end_line, &col, &end_col)) {
    return;
  }
  if (start_line < 0 || end_line < 0 || col < 0 || end_col < 0) return;
  long line_chars = char_count(line);
  long start = byte_to_char(line, col);
  long end = byte_to_char(line, end_col);
  long left = -1, right = -1;
  bool anchored = false;
  if (start_line == end_line) {
    size_t b0 = char_to_byte(line, start), b1 = char_to_byte(line, end);
    std::string segment = b1 > b0 ? line.substr(b0, b1 - b0) : std::string();
    Value saved = fetch_error();
    if (caret_anchors(segment, filename, &left, &right)) {
      left += start;
      right += start;
      anchored = true;
    } else {
      left = right = -1;
    }
    restore_error(saved);
  } else {
    // A multi-line expression: mark up to the last non-blank character of this line
    // (CPython indexes the UTF-8 bytes with the character count here; so do we).
    long i = line_chars;
    while (--i >= 0) {
      if (i < long(line.size()) && !is_ws(line[size_t(i)])) break;
    }
    end = i + 1;
  }
  long stripped_len = line_chars - leading;
  if (end - start == stripped_len && !anchored) return;
  ctx.indented_margin(indent, margin);
  long offset = leading - 4;  // the caret line is indented like the source line
  while (++offset <= end) {
    if (offset <= start) {
      ctx.out += ' ';
    } else if (anchored && left < offset && offset <= right) {
      ctx.out += '^';
    } else {
      ctx.out += anchored ? '~' : '^';
    }
  }
  ctx.out += '\n';
}

constexpr int kRecursiveCutoff = 3;

void print_repeated(PrintContext& ctx, long count) {
  count -= kRecursiveCutoff;
  ctx.out += "  [Previous line repeated ";
  ctx.out += std::to_string(count);
  ctx.out += count > 1 ? " more times]\n" : " more time]\n";
}

// sys.tracebacklimit, or 1000.
long traceback_limit(bool* print_nothing) {
  *print_nothing = false;
  long limit = 1000;
  Value v = sys_attr("tracebacklimit");
  if (v && is_int(v)) {
    int64_t n;
    if (!int_to_i64(v, &n)) {
      if (int_sign(v) > 0) limit = LONG_MAX;
      else *print_nothing = true;
    } else if (n <= 0) {
      *print_nothing = true;
    } else {
      limit = long(n);
    }
  }
  xdecref(v);
  return limit;
}

void print_tb(PrintContext& ctx, Value tb, int indent, const char* margin, const char* header_margin,
              const char* header) {
  bool nothing;
  long limit = traceback_limit(&nothing);
  if (nothing) return;
  ctx.indented_margin(indent, header_margin);
  ctx.out += header;
  long depth = 0;
  for (Value t = tb; t; t = TB(t)->next) ++depth;
  while (tb && depth > limit) {
    --depth;
    tb = TB(tb)->next;
  }
  Value last_file, last_name;
  int last_line = -1;
  long count = 0;
  for (; tb; tb = TB(tb)->next) {
    FrameObject* frame = TB(tb)->frame.as<FrameObject>();
    CodeRT* code = frame->code ? frame->code.as<CodeRT>() : nullptr;
    Value filename = code ? code->filename : Value();
    Value name = code ? code->name : Value();
    auto same = [](Value a, Value b) {
      return a == b || (a && b && is_str(a) && is_str(b) && str_equal(a, b));
    };
    if (!last_file || !same(filename, last_file) || last_line == -1 ||
        TB(tb)->lineno != last_line || !last_name || !same(name, last_name)) {
      if (count > kRecursiveCutoff) print_repeated(ctx, count);
      last_file = filename;
      last_line = TB(tb)->lineno;
      last_name = name;
      count = 0;
    }
    ++count;
    if (count <= kRecursiveCutoff) display_entry(ctx, tb, filename, name, indent, margin);
  }
  if (count > kRecursiveCutoff) print_repeated(ctx, count);
}

// -- "Did you mean" (Python/suggestions.c) -----------------------------------------------------------

constexpr size_t kMaxCandidates = 750;
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if ('A' <= a && a <= 'Z') a += 'a' - 'A';
  if ('A' <= b && b <= 'Z') b += 'a' - 'A';
  return a == b ? kCaseCost : kMoveCost;
}

// Levenshtein distance with case flips costing less, giving up above max_cost.
size_t levenshtein(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  size_t buffer[kMaxStringSize];
  size_t tmp = kMoveCost;
  for (size_t i = 0; i < a.size(); ++i) {
    buffer[i] = tmp;
    tmp += kMoveCost;
  }
  size_t result = 0;
  for (size_t bi = 0; bi < b.size(); ++bi) {
    char code = b[bi];
    size_t distance = result = bi * kMoveCost;
    size_t minimum = SIZE_MAX;
    for (size_t ai = 0; ai < a.size(); ++ai) {
      size_t substitute = distance + substitution_cost(code, a[ai]);
      distance = buffer[ai];
      size_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      buffer[ai] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest name of `candidates` (a list) to `name`, or null (borrowed from the list).
// Null with `failed` set when a candidate is not a str (CPython then gives up).
Value closest_name(Value candidates, Value name, bool* failed) {
  *failed = false;
  int64_t n = list_size(candidates);
  if (size_t(n) >= kMaxCandidates) return Value();
  std::string_view target = str_utf8(name);
  size_t best_distance = SIZE_MAX;
  Value best;
  for (int64_t i = 0; i < n; ++i) {
    Value item = list_item(candidates, i);
    if (!is_str(item)) {
      *failed = true;
      return Value();
    }
    std::string_view text = str_utf8(item);
    if (text == target) continue;
    size_t max_distance = (target.size() + text.size() + 3) * kMoveCost / 6;
    if (best_distance - 1 < max_distance) max_distance = best_distance - 1;
    size_t d = levenshtein(target, text, max_distance);
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = item;
      best_distance = d;
    }
  }
  return best;
}

// dir(obj) as a sorted list, or null.
Value dir_of(Value obj) {
  Value method = lookup_special(obj, STRATA_NAME(__dir__));
  if (!method) return Value();
  Value r = call(method, &obj, 1);
  if (!r) return Value();
  Value list = sequence_list(r);
  decref(r);
  if (!list) return Value();
  if (list_sort(list, Value(), false) < 0) {
    decref(list);
    return Value();
  }
  return list;
}

// The suggestion (new reference) among `candidates` (stolen list), or null.
Value suggest_from(Value candidates, Value name) {
  if (!candidates) return Value();
  bool failed;
  Value best = closest_name(candidates, name, &failed);
  Value r = xnewref(best);
  decref(candidates);
  return r;
}

Value offer_suggestions(Value exc) {
  Type* t = type_of(exc);
  BaseExceptionObject* e = EXC(exc);
  if (t == AttributeError) {
    Value name = e->f1, obj = e->f2;
    if (!name || !obj || !is_exact_str(name)) return Value();
    return suggest_from(dir_of(obj), name);
  }
  if (t == NameError) {
    Value name = e->f1;
    Value tb = e->traceback;
    if (!name || !is_exact_str(name) || !tb || type_of(tb) != &TracebackType) return Value();
    while (TB(tb)->next && type_of(TB(tb)->next) == &TracebackType) tb = TB(tb)->next;
    FrameObject* frame = TB(tb)->frame.as<FrameObject>();
    if (frame->code) {
      CodeRT* code = frame->code.as<CodeRT>();
      Value locals = list_new(0);
      if (!locals) return Value();
      for (int32_t i = 0; i < code->nlocalsplus; ++i) {
        uint8_t kind = size_t(i) < code->src->localspluskinds.size() ? code->src->localspluskinds[size_t(i)]
                                                                     : uint8_t(CO_FAST_LOCAL);
        if ((kind & CO_FAST_LOCAL) && list_append(locals, code->localsplusnames[i]) < 0) {
          decref(locals);
          return Value();
        }
      }
      if (Value s = suggest_from(locals, name)) return s;
      if (error_occurred()) return Value();
    }
    Value globals = frame->globals;
    if (globals && is_dict(globals)) {
      if (Value s = suggest_from(dict_keys_list(globals), name)) return s;
      if (error_occurred()) return Value();
    }
    Value builtins;
    if (frame->frame) {
      builtins = frame->frame->builtins;
    } else if (globals && is_dict(globals)) {
      builtins = dict_get_cstr(globals, "__builtins__");
      if (builtins && type_of(builtins) == &ModuleType) builtins = module_dict(builtins);
    }
    if (builtins && is_dict(builtins)) return suggest_from(dict_keys_list(builtins), name);
  }
  return Value();
}

// -- The final line ------------------------------------------------------------------------------------

// "module." (unless builtins or __main__) and the qualified name of an exception type.
void append_type_name(std::string& out, Type* type, const char* unknown_module) {
  Value saved = fetch_error();
  Value module = getattr(Value::from(type), STRATA_NAME(__module__));
  if (!module || !is_str(module)) {
    clear_error();
    out += unknown_module;
  } else if (!str_equal_ascii(module, "builtins") && !str_equal_ascii(module, "__main__")) {
    out += str_utf8(module);
    out += '.';
  }
  xdecref(module);
  Value qualname = type->qualname;
  if (qualname && is_str(qualname)) {
    out += str_utf8(qualname);
  } else {
    const char* dot = std::strrchr(type->name, '.');
    out += dot ? dot + 1 : type->name;
  }
  restore_error(saved);
}

void print_message(PrintContext& ctx, Type* type, Value value) {
  ctx.indented_margin();
  append_type_name(ctx.out, type, "<unknown>.");
  if (is_none(value)) return;
  Value s = str(value);
  if (!s) {
    clear_error();
    ctx.out += ": <exception str() failed>";
    return;
  }
  if (!is_str(s) || str_length(s) != 0) ctx.out += ": ";
  if (is_str(s)) ctx.out += str_utf8(s);
  decref(s);
}

// splitlines(keepends=True) of UTF-8 text.
void append_lines_with_margin(PrintContext& ctx, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t i = pos;
    size_t next = text.size();
    while (i < text.size()) {
      unsigned char c = text[i];
      if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)) {
        next = i + ((c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1);
        break;
      }
      if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
        next = i + 2;
        break;
      }
      if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
        next = i + 3;
        break;
      }
      ++i;
    }
    ctx.indented_margin();
    ctx.out.append(text.substr(pos, next - pos));
    pos = next;
  }
}

void print_notes(PrintContext& ctx, Value value) {
  if (!is_exception(value)) return;
  Value notes = lookup_attr(value, STRATA_NAME(__notes__));
  if (!notes) {
    clear_error();
    return;
  }
  Ref hold(notes);
  if (is_dict(notes) || !type_of(notes)->getitem) {
    ctx.indented_margin();
    Value r = repr(notes);
    if (r) {
      ctx.out += str_utf8(r);
      decref(r);
    } else {
      clear_error();
      ctx.out += "<__notes__ repr() failed>";
    }
    return;  // 3.11 ends this line with no newline

  }
  int64_t n = length(notes);
  if (n < 0) {
    clear_error();
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    Value index = Value::small(i);
    Value note = getitem(notes, index);
    if (!note) {
      clear_error();
      return;
    }
    Value s = str(note);
    decref(note);
    if (!s) {
      clear_error();
      ctx.out += "<note str() failed>";
    } else {
      append_lines_with_margin(ctx, str_utf8(s));
      decref(s);
    }
    ctx.out += '\n';
  }
}

// SyntaxError's attributes as print_exception reads them (parse_syntax_error).
struct SyntaxInfo {
  Value message, filename, text;  // owned
  long lineno = 0, offset = -1, end_lineno = 0, end_offset = -1;
  ~SyntaxInfo() {
    xdecref(message);
    xdecref(filename);
    xdecref(text);
  }
};

bool attr_ssize(Value obj, const char* name, long* out, bool none_ok, long none_value, bool missing_ok) {
  Value v = getattr(obj, name);
  if (!v) {
    if (!missing_ok) return false;
    clear_error();
    *out = none_value;
    return true;
  }
  if (none_ok && is_none(v)) {
    decref(v);
    *out = none_value;
    return true;
  }
  int64_t n = as_ssize(v, OverflowError);
  decref(v);
  if (n == -1 && error_occurred()) return false;
  *out = long(n);
  return true;
}

bool parse_syntax_error(Value err, SyntaxInfo& info) {
  info.message = getattr(err, "msg");
  if (!info.message) return false;
  Value filename = getattr(err, "filename");
  if (!filename) return false;
  if (is_none(filename)) {
    decref(filename);
    filename = str_from_ascii("<string>");
    if (!filename) return false;
  }
  info.filename = filename;
  if (!attr_ssize(err, "lineno", &info.lineno, false, 0, false)) return false;
  if (!attr_ssize(err, "offset", &info.offset, true, -1, false)) return false;
  if (type_of(err) == SyntaxError) {
    if (!attr_ssize(err, "end_lineno", &info.end_lineno, true, info.lineno, true)) return false;
    if (!attr_ssize(err, "end_offset", &info.end_offset, true, -1, true)) return false;
  } else {
    info.end_lineno = info.lineno;
    info.end_offset = -1;
  }
  Value text = getattr(err, "text");
  if (!text) return false;
  if (is_none(text)) decref(text);
  else info.text = text;
  return true;
}

// The source line and caret of a SyntaxError (pythonrun.c's print_error_text; the front
// end's format_syntax_error prints compile errors with the same rules).
void print_error_text(PrintContext& ctx, long offset, long end_offset, std::string_view text) {
  long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
  offset -= 1;
  while (!text.empty() && is_ws(text.front())) {
    text.remove_prefix(1);
    --offset;
  }
  long len = long(text.size());
  if (len > 0 && text[size_t(len - 1)] == '\n') --len;
  if (offset > len) offset = len;
  for (;;) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos || long(nl) >= offset) break;
    long skip = long(nl) + 1;
    text.remove_prefix(size_t(skip));
    len -= skip;
    offset -= skip;
  }
  ctx.out += "    ";
  ctx.out += text;
  if (size_t(len) >= text.size() || text[size_t(len)] != '\n') ctx.out += '\n';
  if (offset < 0) return;
  ctx.out += "    ";
  ctx.out.append(size_t(offset), ' ');
  ctx.out.append(size_t(carets), '^');
  ctx.out += '\n';
}

// For a SyntaxError: the File/line/caret lines; *value becomes its message (a new
// reference; the caller owns *value).
void print_file_and_line(PrintContext& ctx, Value* value) {
  Value marker = lookup_attr(*value, STRATA_NAME(print_file_and_line));
  if (!marker) {
    clear_error();
    return;
  }
  decref(marker);
  SyntaxInfo info;
  if (!parse_syntax_error(*value, info)) {
    clear_error();
    return;
  }
  decref(*value);
  *value = newref(info.message);
  ctx.indented_margin();
  ctx.out += "  File \"";
  Value fs = str(info.filename);
  if (fs) {
    ctx.out += str_utf8(fs);
    decref(fs);
  } else {
    clear_error();
  }
  ctx.out += "\", line ";
  ctx.out += std::to_string(info.lineno);
  ctx.out += '\n';
  if (info.text && is_str(info.text)) {
    std::string_view line = str_utf8(info.text);
    long end_offset = info.end_offset;
    long size = long(line.size());
    if (info.end_lineno > info.lineno) end_offset = size;
    if (end_offset > size + 1) end_offset = size + 1;
    print_error_text(ctx, info.offset, end_offset, line);
  }
}

void print_one(PrintContext& ctx, Value value) {
  if (!is_exception(value)) {
    ctx.indented_margin();
    ctx.out += "TypeError: print_exception(): Exception expected for value, ";
    ctx.out += type_of(value)->name;
    ctx.out += " found\n";
    return;
  }
  Value tb = EXC(value)->traceback;
  if (tb && type_of(tb) == &TracebackType) {
    const char* header = "Traceback (most recent call last):\n";
    const char* header_margin = ctx.margin();
    if (is_instance_of(value, BaseExceptionGroup)) {
      header = "Exception Group Traceback (most recent call last):\n";
      if (ctx.depth == 1) header_margin = "+ ";
    }
    print_tb(ctx, tb, ctx.indent(), ctx.margin(), header_margin, header);
  }
  Type* type = type_of(value);
  Value v = newref(value);
  print_file_and_line(ctx, &v);
  print_message(ctx, type, v);
  if (v == value) {
    Value saved = fetch_error();
    Value suggestion = offer_suggestions(value);
    clear_error();
    restore_error(saved);
    if (suggestion) {
      ctx.out += ". Did you mean: '";
      if (is_str(suggestion)) ctx.out += str_utf8(suggestion);
      ctx.out += "'?";
      decref(suggestion);
    }
  }
  ctx.out += '\n';
  print_notes(ctx, v);
  decref(v);
}

void print_recursive(PrintContext& ctx, Value value);

void print_chained(PrintContext& ctx, Value value, const char* message) {
  bool need_close = ctx.need_close;
  if (enter_recursive_call(" in print_chained") < 0) {
    clear_error();
    return;
  }
  print_recursive(ctx, value);
  leave_recursive_call();
  ctx.indented_margin();
  ctx.out += '\n';
  ctx.indented_margin();
  ctx.out += message;
  ctx.indented_margin();
  ctx.out += '\n';
  ctx.need_close = need_close;
}

void print_cause_and_context(PrintContext& ctx, Value value) {
  ctx.seen.insert(value.obj());
  if (!is_exception(value)) return;
  BaseExceptionObject* e = EXC(value);
  if (Value cause = e->cause) {
    if (!ctx.seen.count(cause.obj())) {
      print_chained(ctx, cause,
                    "The above exception was the direct cause of the following exception:\n");
    }
    return;
  }
  if (e->suppress_context) return;
  if (Value context = e->context) {
    if (!ctx.seen.count(context.obj())) {
      print_chained(ctx, context, "During handling of the above exception, another exception occurred:\n");
    }
  }
}

void print_group(PrintContext& ctx, Value value) {
  if (ctx.depth > ctx.max_group_depth) {
    ctx.indented_margin();
    ctx.out += "... (max_group_depth is " + std::to_string(ctx.max_group_depth) + ")\n";
    return;
  }
  if (ctx.depth == 0) ctx.depth += 1;
  print_one(ctx, value);
  Value excs = EXC(value)->f2;
  int64_t num = excs && is_tuple(excs) ? tuple_size(excs) : 0;
  int64_t n = num <= ctx.max_group_width ? num : ctx.max_group_width + 1;
  ctx.need_close = false;
  for (int64_t i = 0; i < n; ++i) {
    bool last = i == n - 1;
    if (last) ctx.need_close = true;  // the closing line may come from a nested group
    ctx.out.append(size_t(ctx.indent()), ' ');
    bool truncated = i >= ctx.max_group_width;
    ctx.out += i == 0 ? "+-" : "  ";
    ctx.out += "+---------------- ";
    ctx.out += truncated ? std::string("...") : std::to_string(i + 1);
    ctx.out += " ----------------\n";
    ctx.depth += 1;
    if (!truncated) {
      if (enter_recursive_call(" in print_exception_group") < 0) {
        clear_error();
      } else {
        print_recursive(ctx, tuple_item(excs, i));
        leave_recursive_call();
      }
    } else {
      int64_t remaining = num - ctx.max_group_width;
      ctx.indented_margin();
      ctx.out += "and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") + "\n";
    }
    if (last && ctx.need_close) {
      ctx.out.append(size_t(ctx.indent()), ' ');
      ctx.out += "+------------------------------------\n";
      ctx.need_close = false;
    }
    ctx.depth -= 1;
  }
  if (ctx.depth == 1) ctx.depth -= 1;
}

void print_recursive(PrintContext& ctx, Value value) {
  if (enter_recursive_call(" in print_exception_recursive") < 0) {
    clear_error();
    return;
  }
  print_cause_and_context(ctx, value);
  if (is_exception(value) && is_instance_of(value, BaseExceptionGroup)) print_group(ctx, value);
  else print_one(ctx, value);
  leave_recursive_call();
}

}  // namespace

// -- Entry points ----------------------------------------------------------------------------------

std::string format_exception(Value exc) {
  Value saved = fetch_error();
  PrintContext ctx;
  print_recursive(ctx, exc);
  clear_error();
  restore_error(saved);
  return std::move(ctx.out);
}

void print_exception(Value exc) {
  std::string text = format_exception(exc);
  write_stderr(text);
}

// For write_unraisable (vm/errors.cpp): the traceback as PyTraceBack_Print writes it.
void format_traceback_entries(std::string& out, Value tb) {
  PrintContext ctx;
  print_tb(ctx, tb, 0, nullptr, nullptr, "Traceback (most recent call last):\n");
  out += ctx.out;
}

void append_exception_type_name(std::string& out, Type* type) {
  append_type_name(out, type, "<unknown>");
}

}  // namespace strata
