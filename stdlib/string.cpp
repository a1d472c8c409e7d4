// stdlib/string.cpp — the `_string` module that string.Formatter is built on:
// formatter_parser(s) iterates over the (literal, field_name, format_spec, conversion)
// parts of a format string, and formatter_field_name_split(name) splits a field name into
// its first part and an iterator of (is_attribute, key) accessors. The parse follows
// CPython's MarkupIterator and FieldNameIterator step by step, so that the same strings
// give the same parts and the same ValueErrors, raised at the same point of iteration.
#include <string>

#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/int.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {

namespace {

// A parsing position over a str: [pos, end).
struct StrIterObject {
  Object ob;
  Value str;
  int64_t pos;
  int64_t end;
};

extern Type FormatterIterType, FieldNameIterType;

Value new_iter(Type* type, Value s, int64_t pos, int64_t end) {
  Object* o = alloc_object(type, sizeof(StrIterObject));
  if (!o) return Value();
  StrIterObject* it = reinterpret_cast<StrIterObject*>(o);
  it->str = newref(s);
  it->pos = pos;
  it->end = end;
  return Value::from(o);
}

void iter_dealloc(Object* o) {
  clear_ref(&reinterpret_cast<StrIterObject*>(o)->str);
  free_object(o);
}

Value iter_self(Value self) { return newref(self); }

// The decimal value of s[start:end] when it is all decimal digits (Unicode digits too);
// -1 when it is not (or empty); -2 with ValueError when it does not fit.
int64_t get_integer(Value s, int64_t start, int64_t end) {
  if (start >= end) return -1;
  int64_t acc = 0;
  for (int64_t i = start; i < end; i++) {
    uint32_t c = str_char(s, i);
    int64_t d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c < 128) {
      return -1;
    } else {
      // A non-ASCII decimal digit maps to its value; anything else is not a number.
      std::string utf8;
      Ref ch(str_from_char(c));
      if (!ch) return -2;
      std::string ascii = number_text_to_ascii(str_utf8(*ch));
      if (ascii.size() != 1 || ascii[0] < '0' || ascii[0] > '9') return -1;
      d = ascii[0] - '0';
    }
    if (acc > (INT64_MAX - d) / 10) {
      raise(ValueError, "Too many decimal digits in format string");
      return -2;
    }
    acc = acc * 10 + d;
  }
  return acc;
}

// A substring, or None for an absent part (start < 0).
Value part(Value s, int64_t start, int64_t end) {
  if (start < 0) return None();
  return str_substring(s, start, end);
}

// -- formatter_parser ---------------------------------------------------------------------

Value formatteriter_next(Value self) {
  StrIterObject* it = self.as<StrIterObject>();
  Value s = it->str;
  if (it->pos >= it->end) return Value();
  int64_t start = it->pos;
  uint32_t c = 0;
  bool markup_follows = false;
  // The literal text, up to the first brace.
  while (it->pos < it->end) {
    c = str_char(s, it->pos++);
    if (c == '{' || c == '}') {
      markup_follows = true;
      break;
    }
  }
  bool at_end = it->pos >= it->end;
  int64_t len = it->pos - start;
  if (c == '}' && (at_end || c != str_char(s, it->pos))) {
    return raise(ValueError, "Single '}' encountered in format string");
  }
  if (at_end && c == '{') return raise(ValueError, "Single '{' encountered in format string");
  if (!at_end) {
    if (c == str_char(s, it->pos)) {
      // An escaped brace: the literal keeps one, no field follows.
      it->pos++;
      markup_follows = false;
    } else {
      len--;
    }
  }
  Ref literal(str_substring(s, start, start + len));
  if (!literal) return Value();
  if (!markup_follows) {
    return tuple_pack({*literal, None(), None(), None()});
  }
  // The field: name, then an optional !conversion and :format_spec.
  int64_t name_start = it->pos;
  c = 0;
  while (it->pos < it->end) {
    c = str_char(s, it->pos++);
    if (c == '{') return raise(ValueError, "unexpected '{' in field name");
    if (c == '[') {
      while (it->pos < it->end && str_char(s, it->pos) != ']') it->pos++;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  int64_t name_end = it->pos - 1;
  uint32_t conversion = 0;
  int64_t spec_start = -1, spec_end = -1;
  if (c == '!' || c == ':') {
    bool done = false;
    if (c == '!') {
      if (it->pos >= it->end) {
        return raise(ValueError, "end of string while looking for conversion specifier");
      }
      conversion = str_char(s, it->pos++);
      if (it->pos < it->end) {
        uint32_t c2 = str_char(s, it->pos++);
        if (c2 == '}') {
          done = true;
        } else if (c2 != ':') {
          return raise(ValueError, "expected ':' after conversion specifier");
        }
      }
    }
    if (!done) {
      spec_start = it->pos;
      int count = 1;
      while (it->pos < it->end) {
        uint32_t c3 = str_char(s, it->pos++);
        if (c3 == '{') {
          count++;
        } else if (c3 == '}' && --count == 0) {
          spec_end = it->pos - 1;
          break;
        }
      }
      if (spec_end < 0) return raise(ValueError, "unmatched '{' in format spec");
    }
  } else if (c != '}') {
    return raise(ValueError, "expected '}' before end of string");
  }
  Ref name(str_substring(s, name_start, name_end));
  if (!name) return Value();
  Ref spec(spec_start >= 0 ? str_substring(s, spec_start, spec_end) : str_from_ascii(""));
  if (!spec) return Value();
  Ref conv(conversion ? str_from_char(conversion) : None());
  if (!conv) return Value();
  return tuple_pack({*literal, *name, *spec, *conv});
}

Value string_formatter_parser(Value, const Value* args, size_t, Value) {
  Value s = args[0];
  if (!is_str(s)) return raise(TypeError, "expected str, got %s", type_name(s));
  return new_iter(&FormatterIterType, s, 0, str_length(s));
}

// -- formatter_field_name_split --------------------------------------------------------------

Value fieldnameiter_next(Value self) {
  StrIterObject* it = self.as<StrIterObject>();
  Value s = it->str;
  if (it->pos >= it->end) return Value();
  uint32_t c = str_char(s, it->pos++);
  bool is_attr;
  int64_t start = it->pos, end;
  if (c == '.') {
    is_attr = true;
    // Everything up to the next '.' or '['.
    while (it->pos < it->end) {
      uint32_t d = str_char(s, it->pos);
      if (d == '.' || d == '[') break;
      it->pos++;
    }
    end = it->pos;
  } else if (c == '[') {
    is_attr = false;
    bool bracket_seen = false;
    while (it->pos < it->end) {
      if (str_char(s, it->pos++) == ']') {
        bracket_seen = true;
        break;
      }
    }
    if (!bracket_seen) return raise(ValueError, "Missing ']' in format string");
    end = it->pos - 1;
  } else {
    return raise(ValueError, "Only '.' or '[' may follow ']' in format field specifier");
  }
  int64_t idx = -1;
  if (!is_attr) {
    idx = get_integer(s, start, end);
    if (idx == -2) return Value();
  }
  if (start == end) return raise(ValueError, "Empty attribute in format string");
  Ref key(idx >= 0 ? int_from_i64(idx) : str_substring(s, start, end));
  if (!key) return Value();
  return tuple_pack({Bool(is_attr), *key});
}

Value string_formatter_field_name_split(Value, const Value* args, size_t, Value) {
  Value s = args[0];
  if (!is_str(s)) return raise(TypeError, "expected str, got %s", type_name(s));
  int64_t n = str_length(s), i = 0;
  while (i < n) {
    uint32_t c = str_char(s, i);
    if (c == '.' || c == '[') break;
    i++;
  }
  int64_t idx = get_integer(s, 0, i);
  if (idx == -2) return Value();
  Ref first(idx >= 0 ? int_from_i64(idx) : str_substring(s, 0, i));
  if (!first) return Value();
  Ref rest(new_iter(&FieldNameIterType, s, i, n));
  if (!rest) return Value();
  return tuple_pack({*first, *rest});
}

const MethodDef kStringMethods[] = {
    {"formatter_field_name_split", string_formatter_field_name_split, METH_O,
     "split the argument as a field name"},
    {"formatter_parser", string_formatter_parser, METH_O,
     "parse the argument as a format string"},
    {nullptr, nullptr, 0, nullptr},
};

Type FormatterIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "formatteriterator",
    .basicsize = sizeof(StrIterObject),
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = formatteriter_next,
};

Type FieldNameIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "fieldnameiterator",
    .basicsize = sizeof(StrIterObject),
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = fieldnameiter_next,
};

int string_module_init(Value) {
  static bool ready = false;
  if (!ready) {
    if (type_ready(&FormatterIterType) < 0 || type_ready(&FieldNameIterType) < 0) return -1;
    ready = true;
  }
  return 0;
}

}  // namespace

extern const BuiltinModuleDef string_module_def;
const BuiltinModuleDef string_module_def = {"_string", string_module_init, kStringMethods,
                                            "string helper module"};

}  // namespace strata
