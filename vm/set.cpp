// vm/set.cpp — set (SetType), frozenset (FrozenSetType) and the set iterator. The table
// is CPython 3.11's: open addressing over (key, hash) entries, LINEAR_PROBES neighbours
// then perturbation, dummy entries for deletions, the same growth and merge rules — so
// the iteration order (and so a printed set) equals CPython's for the same operations.
#include "vm/set.h"

#include <string>
#include <utility>

#include "vm/abstract.h"
#include "vm/dict.h"
#include "vm/interp.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/range.h"
#include "vm/str.h"
#include "vm/tuple.h"
#include "vm/typeobject.h"

namespace strata {



namespace {

constexpr int64_t kMinSize = 8;
constexpr uint64_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

struct SetEntry {
  Value key;     // null: never used; dummy(): deleted
  int64_t hash;  // -1 for dummies, 0 for unused slots
};

struct SetObject {
  Object ob;
  int64_t fill;    // active + dummy entries
  int64_t used;    // active entries
  int64_t mask;    // table size - 1
  SetEntry* table; // smalltable or mem_alloc'ed
  int64_t hash;    // frozenset: -1 until computed
  int64_t finger;  // where pop() searches next
  SetEntry smalltable[kMinSize];
  Value weakreflist;
};

// The dummy marks a deleted slot; it is never visible to Python code.
Object dummy_object = {kImmortal, &ObjectType};
inline Value dummy() { return Value::from(&dummy_object); }

inline SetObject* S(Value v) { return v.as<SetObject>(); }
inline bool is_anyset(Value v) {
  return !v.is_small() && (v.obj()->type == &SetType || v.obj()->type == &FrozenSetType ||
                           is_subtype(v.obj()->type, &SetType) ||
                           is_subtype(v.obj()->type, &FrozenSetType));
}
inline bool is_set_type(Value v) { return is_instance_of(v, &SetType); }
inline bool is_frozenset(Value v) { return is_instance_of(v, &FrozenSetType); }
inline bool is_exact_frozenset(Value v) {
  return !v.is_small() && v.obj()->type == &FrozenSetType;
}

// -- The table ---------------------------------------------------------------------------------

// Finds key: the active entry holding it, or the unused entry that ends its probe chain;
// null on error.
SetEntry* lookkey(SetObject* so, Value key, int64_t hash) {
restart:
  uint64_t mask = uint64_t(so->mask);
  uint64_t i = uint64_t(hash) & mask;
  uint64_t perturb = uint64_t(hash);
  for (;;) {
    SetEntry* entry = &so->table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && !entry->key) return entry;
      if (entry->hash == hash) {
        Value startkey = entry->key;
        if (startkey == key) return entry;
        if (is_exact_str(startkey) && is_exact_str(key) && str_equal(startkey, key)) return entry;
        if (!(startkey.is_small() && key.is_small())) {
          SetEntry* table = so->table;
          incref(startkey);
          int cmp = rich_compare_bool(startkey, key, CMP_EQ);
          decref(startkey);
          if (cmp < 0) return nullptr;
          if (table != so->table || entry->key != startkey) goto restart;
          if (cmp > 0) return entry;
          mask = uint64_t(so->mask);
        }
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// Inserts a key known to be absent into a table without dummies.
void insert_clean(SetEntry* table, uint64_t mask, Value key, int64_t hash) {
  uint64_t perturb = uint64_t(hash);
  uint64_t i = uint64_t(hash) & mask;
  for (;;) {
    SetEntry* entry = &table[i];
    if (!entry->key) {
      entry->key = key;
      entry->hash = hash;
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (uint64_t j = 0; j < kLinearProbes; j++) {
        entry++;
        if (!entry->key) {
          entry->key = key;
          entry->hash = hash;
          return;
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

int table_resize(SetObject* so, int64_t minused) {
  uint64_t newsize = kMinSize;
  while (newsize <= uint64_t(minused)) {
    newsize <<= 1;
    if (newsize > (uint64_t(1) << 58)) {
      raise_no_memory();
      return -1;
    }
  }
  SetEntry* oldtable = so->table;
  uint64_t oldmask = uint64_t(so->mask);
  bool old_malloced = oldtable != so->smalltable;
  SetEntry small_copy[kMinSize];
  SetEntry* newtable;
  if (newsize == uint64_t(kMinSize)) {
    newtable = so->smalltable;
    if (newtable == oldtable) {
      if (so->fill == so->used) return 0;  // no dummies: nothing to do
      for (int64_t i = 0; i < kMinSize; i++) small_copy[i] = oldtable[i];
      oldtable = small_copy;
    }
  } else {
    newtable = static_cast<SetEntry*>(mem_alloc(newsize * sizeof(SetEntry)));
    if (!newtable) {
      raise_no_memory();
      return -1;
    }
  }
  for (uint64_t i = 0; i < newsize; i++) newtable[i] = SetEntry{Value(), 0};
  so->mask = int64_t(newsize - 1);
  so->table = newtable;
  uint64_t newmask = newsize - 1;
  if (so->fill == so->used) {
    for (uint64_t i = 0; i <= oldmask; i++)
      if (oldtable[i].key) insert_clean(newtable, newmask, oldtable[i].key, oldtable[i].hash);
  } else {
    so->fill = so->used;
    for (uint64_t i = 0; i <= oldmask; i++)
      if (oldtable[i].key && oldtable[i].key != dummy())
        insert_clean(newtable, newmask, oldtable[i].key, oldtable[i].hash);
  }
  if (old_malloced) mem_free(oldtable);
  return 0;
}

// Adds key (increfs it) unless present.
int add_entry(SetObject* so, Value key, int64_t hash) {
  incref(key);
restart:
  uint64_t mask = uint64_t(so->mask);
  uint64_t i = uint64_t(hash) & mask;
  SetEntry* freeslot = nullptr;
  uint64_t perturb = uint64_t(hash);
  SetEntry* entry;
  for (;;) {
    entry = &so->table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && !entry->key) goto found_unused_or_dummy;
      if (entry->hash == hash) {
        Value startkey = entry->key;
        if (startkey == key) goto found_active;
        if (is_exact_str(startkey) && is_exact_str(key) && str_equal(startkey, key))
          goto found_active;
        if (!(startkey.is_small() && key.is_small())) {
          SetEntry* table = so->table;
          incref(startkey);
          int cmp = rich_compare_bool(startkey, key, CMP_EQ);
          decref(startkey);
          if (cmp > 0) goto found_active;
          if (cmp < 0) {
            decref(key);
            return -1;
          }
          if (table != so->table || entry->key != startkey) goto restart;
          mask = uint64_t(so->mask);
        }
      } else if (entry->hash == -1) {
        freeslot = entry;  // the last dummy of the chain (as CPython 3.11)
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  if (freeslot) {
    so->used++;
    freeslot->key = key;
    freeslot->hash = hash;
    return 0;
  }
  so->fill++;
  so->used++;
  entry->key = key;
  entry->hash = hash;
  if (uint64_t(so->fill) * 5 < mask * 3) return 0;
  return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
  decref(key);
  return 0;
}

int add_key(SetObject* so, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return -1;
  return add_entry(so, key, h);
}

int contains_entry(SetObject* so, Value key, int64_t hash) {
  SetEntry* e = lookkey(so, key, hash);
  if (!e) return -1;
  return e->key ? 1 : 0;
}

enum { DISCARD_NOTFOUND = 0, DISCARD_FOUND = 1 };

int discard_entry(SetObject* so, Value key, int64_t hash) {
  SetEntry* e = lookkey(so, key, hash);
  if (!e) return -1;
  if (!e->key) return DISCARD_NOTFOUND;
  Value old = e->key;
  e->key = dummy();
  e->hash = -1;
  so->used--;
  decref(old);
  return DISCARD_FOUND;
}

int discard_key(SetObject* so, Value key) {
  int64_t h = hash_key(key);
  if (h == -1) return -1;
  return discard_entry(so, key, h);
}

void empty_to_minsize(SetObject* so) {
  for (int64_t i = 0; i < kMinSize; i++) so->smalltable[i] = SetEntry{Value(), 0};
  so->fill = 0;
  so->used = 0;
  so->mask = kMinSize - 1;
  so->table = so->smalltable;
  so->hash = -1;
}

// Empties the set before releasing anything (a key's __del__ may look at it).
void clear_internal(SetObject* so) {
  SetEntry* table = so->table;
  bool malloced = table != so->smalltable;
  int64_t fill = so->fill;
  SetEntry small_copy[kMinSize];
  if (!malloced) {
    if (fill == 0) return;
    for (int64_t i = 0; i < kMinSize; i++) small_copy[i] = table[i];
    table = small_copy;
  }
  empty_to_minsize(so);
  for (SetEntry* e = table; fill > 0; e++) {
    if (e->key) {
      fill--;
      if (e->key != dummy()) decref(e->key);
    }
  }
  if (malloced) mem_free(table);
}

bool next_entry(SetObject* so, int64_t* pos, SetEntry** out) {
  int64_t i = *pos;
  while (i <= so->mask && (!so->table[i].key || so->table[i].key == dummy())) i++;
  *pos = i + 1;
  if (i > so->mask) return false;
  *out = &so->table[i];
  return true;
}

int merge(SetObject* so, SetObject* other) {
  if (other == so || other->used == 0) return 0;
  if ((so->fill + other->used) * 5 >= so->mask * 3) {
    if (table_resize(so, (so->used + other->used) * 2) < 0) return -1;
  }
  SetEntry* src = other->table;
  if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
    for (int64_t i = 0; i <= other->mask; i++) {
      so->table[i].key = xnewref(src[i].key);
      so->table[i].hash = src[i].hash;
    }
    so->fill = other->fill;
    so->used = other->used;
    return 0;
  }
  if (so->fill == 0) {
    so->fill = other->used;
    so->used = other->used;
    for (int64_t i = 0; i <= other->mask; i++) {
      Value k = src[i].key;
      if (k && k != dummy()) insert_clean(so->table, uint64_t(so->mask), newref(k), src[i].hash);
    }
    return 0;
  }
  for (int64_t i = 0; i <= other->mask; i++) {
    Value k = src[i].key;
    if (k && k != dummy()) {
      if (add_entry(so, k, other->table[i].hash) < 0) return -1;
      src = other->table;  // a comparison may have changed other
      if (i > other->mask) break;
    }
  }
  return 0;
}

int update_internal(SetObject* so, Value other) {
  if (is_anyset(other)) return merge(so, S(other));
  if (is_exact_dict(other)) {
    int64_t n = dict_size(other);
    if ((so->fill + n) * 5 >= so->mask * 3) {
      if (table_resize(so, (so->used + n) * 2) < 0) return -1;
    }
    int64_t pos = 0;
    Value k;
    int64_t h;
    while (dict_next_hash(other, &pos, &k, nullptr, &h)) {
      incref(k);
      int err = add_entry(so, k, h);
      decref(k);
      if (err < 0) return -1;
    }
    return 0;
  }
  return for_each(other, [so](Value key) -> int { return add_key(so, key); });
}

Value alloc_set(Type* type) {
  size_t size = (type == &SetType || type == &FrozenSetType) ? sizeof(SetObject) : type->basicsize;
  Object* o = alloc_object(type, size);
  if (!o) return Value();
  SetObject* so = reinterpret_cast<SetObject*>(o);
  so->mask = kMinSize - 1;
  so->table = so->smalltable;
  so->hash = -1;
  return Value::from(o);
}

Value make_new_set(Type* type, Value iterable) {
  Value s = alloc_set(type);
  if (!s) return s;
  if (iterable && update_internal(S(s), iterable) < 0) {
    decref(s);
    return Value();
  }
  gc_track(s.obj());
  return s;
}

// A new set of the base type of `type` (set or frozenset), as CPython's results of
// operators on subclasses are.
Value make_new_set_basetype(Type* type, Value iterable) {
  if (type != &SetType && type != &FrozenSetType)
    type = is_subtype(type, &SetType) ? &SetType : &FrozenSetType;
  return make_new_set(type, iterable);
}

Value set_copy(Value so) { return make_new_set_basetype(type_of(so), so); }

// Swaps the tables of a and b (intersection_update builds the result aside).
void swap_bodies(SetObject* a, SetObject* b) {
  std::swap(a->fill, b->fill);
  std::swap(a->used, b->used);
  std::swap(a->mask, b->mask);
  SetEntry* ta = a->table;
  SetEntry* tb = b->table;
  bool a_small = ta == a->smalltable, b_small = tb == b->smalltable;
  SetEntry tmp[kMinSize];
  for (int64_t i = 0; i < kMinSize; i++) tmp[i] = a->smalltable[i];
  for (int64_t i = 0; i < kMinSize; i++) a->smalltable[i] = b->smalltable[i];
  for (int64_t i = 0; i < kMinSize; i++) b->smalltable[i] = tmp[i];
  a->table = b_small ? a->smalltable : tb;
  b->table = a_small ? b->smalltable : ta;
  if (is_frozenset(Value::from(&a->ob)) && is_frozenset(Value::from(&b->ob))) {
    std::swap(a->hash, b->hash);
  } else {
    a->hash = -1;
    b->hash = -1;
  }
}

// -- Operations (CPython's set_intersection, set_difference ...) -----------------------------

Value intersection(Value sov, Value other) {
  if (sov == other) return set_copy(sov);
  Value result = make_new_set_basetype(type_of(sov), Value());
  if (!result) return result;
  if (is_anyset(other)) {
    SetObject* so = S(sov);
    SetObject* ot = S(other);
    if (ot->used > so->used) std::swap(so, ot);
    int64_t pos = 0;
    SetEntry* e;
    while (next_entry(ot, &pos, &e)) {
      Value key = newref(e->key);
      int64_t h = e->hash;
      int rv = contains_entry(so, key, h);
      if (rv > 0) rv = add_entry(S(result), key, h);
      decref(key);
      if (rv < 0) {
        decref(result);
        return Value();
      }
    }
    return result;
  }
  int err = for_each(other, [&](Value key) -> int {
    int64_t h = hash_key(key);
    if (h == -1) return -1;
    int rv = contains_entry(S(sov), key, h);
    if (rv > 0) rv = add_entry(S(result), key, h);
    return rv < 0 ? -1 : 0;
  });
  if (err < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value intersection_multi(Value so, const Value* args, size_t nargs) {
  if (nargs == 0) return set_copy(so);
  Value result = newref(so);
  for (size_t i = 0; i < nargs; i++) {
    Value r = intersection(result, args[i]);
    decref(result);
    if (!r) return r;
    result = r;
  }
  return result;
}

int difference_update_internal(SetObject* so, Value other) {
  if (Value::from(&so->ob) == other) {
    clear_internal(so);
    return 0;
  }
  if (is_anyset(other)) {
    SetObject* ot = S(other);
    int64_t pos = 0;
    SetEntry* e;
    while (next_entry(ot, &pos, &e)) {
      Value key = newref(e->key);
      int rv = discard_entry(so, key, e->hash);
      decref(key);
      if (rv < 0) return -1;
    }
  } else {
    int err = for_each(other, [so](Value key) -> int { return discard_key(so, key) < 0 ? -1 : 0; });
    if (err < 0) return -1;
  }
  // More than 1/4 dummies: resize them away.
  if (uint64_t(so->fill - so->used) <= uint64_t(so->mask) / 4) return 0;
  return table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

Value copy_and_difference(Value so, Value other) {
  Value result = set_copy(so);
  if (!result) return result;
  if (difference_update_internal(S(result), other) < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value difference(Value sov, Value other) {
  int64_t other_size;
  if (is_anyset(other)) other_size = S(other)->used;
  else if (is_exact_dict(other)) other_size = dict_size(other);
  else return copy_and_difference(sov, other);
  SetObject* so = S(sov);
  if ((so->used >> 2) > other_size) return copy_and_difference(sov, other);
  Value result = make_new_set_basetype(type_of(sov), Value());
  if (!result) return result;
  int64_t pos = 0;
  SetEntry* e;
  while (next_entry(so, &pos, &e)) {
    Value key = newref(e->key);
    int64_t h = e->hash;
    int rv;
    if (is_exact_dict(other)) {
      Value v = dict_get_known_hash(other, key, h);
      rv = v ? 1 : (error_occurred() ? -1 : 0);
    } else {
      rv = contains_entry(S(other), key, h);
    }
    if (rv == 0) rv = add_entry(S(result), key, h);
    decref(key);
    if (rv < 0) {
      decref(result);
      return Value();
    }
  }
  return result;
}

int symmetric_difference_update(SetObject* so, Value other) {
  if (Value::from(&so->ob) == other) {
    clear_internal(so);
    return 0;
  }
  if (is_exact_dict(other)) {
    int64_t pos = 0;
    Value k;
    int64_t h;
    while (dict_next_hash(other, &pos, &k, nullptr, &h)) {
      incref(k);
      int rv = discard_entry(so, k, h);
      if (rv == DISCARD_NOTFOUND) rv = add_entry(so, k, h);
      decref(k);
      if (rv < 0) return -1;
    }
    return 0;
  }
  Value otherset;
  if (is_anyset(other)) otherset = newref(other);
  else {
    otherset = make_new_set_basetype(type_of(Value::from(&so->ob)), other);
    if (!otherset) return -1;
  }
  int64_t pos = 0;
  SetEntry* e;
  while (next_entry(S(otherset), &pos, &e)) {
    Value key = newref(e->key);
    int64_t h = e->hash;
    int rv = discard_entry(so, key, h);
    if (rv == DISCARD_NOTFOUND) rv = add_entry(so, key, h);
    decref(key);
    if (rv < 0) {
      decref(otherset);
      return -1;
    }
  }
  decref(otherset);
  return 0;
}

Value symmetric_difference(Value so, Value other) {
  Value otherset = make_new_set_basetype(type_of(so), other);
  if (!otherset) return otherset;
  if (symmetric_difference_update(S(otherset), so) < 0) {
    decref(otherset);
    return Value();
  }
  return otherset;
}

// 1 if every item of so is in other; 0 if not; -1 on error.
int issubset(Value so, Value other) {
  if (!is_anyset(other)) {
    Value tmp = make_new_set(&SetType, other);
    if (!tmp) return -1;
    int r = issubset(so, tmp);
    decref(tmp);
    return r;
  }
  if (S(so)->used > S(other)->used) return 0;
  int64_t pos = 0;
  SetEntry* e;
  while (next_entry(S(so), &pos, &e)) {
    Value key = newref(e->key);
    int rv = contains_entry(S(other), key, e->hash);
    decref(key);
    if (rv <= 0) return rv;
  }
  return 1;
}

int issuperset(Value so, Value other) {
  if (is_anyset(other)) return issubset(other, so);
  int r = for_each(other, [&](Value key) -> int {
    int64_t h = hash_key(key);
    if (h == -1) return -1;
    int rv = contains_entry(S(so), key, h);
    if (rv < 0) return -1;
    return rv ? 0 : 2;
  });
  if (r < 0) return -1;
  return r == 2 ? 0 : 1;
}

// For `x in s`, remove and discard: an unhashable set is looked up as a frozenset.
template <class F>
int with_frozen_retry(Value key, F&& fn) {
  int rv = fn(key);
  if (rv < 0 && is_set_type(key) && error_matches(TypeError)) {
    clear_error();
    Value tmp = make_new_set(&FrozenSetType, key);
    if (!tmp) return -1;
    rv = fn(tmp);
    decref(tmp);
  }
  return rv;
}

}  // namespace

// -- The public interface ----------------------------------------------------------------------

Value set_new(Value iterable) { return make_new_set(&SetType, iterable); }
Value frozenset_new(Value iterable) { return make_new_set(&FrozenSetType, iterable); }
int set_add(Value s, Value key) { return add_key(S(s), key); }
int set_contains(Value s, Value key) {
  return with_frozen_retry(key, [s](Value k) -> int {
    int64_t h = hash_key(k);
    if (h == -1) return -1;
    return contains_entry(S(s), k, h);
  });
}
int set_discard(Value s, Value key) {
  return with_frozen_retry(key, [s](Value k) -> int { return discard_key(S(s), k); });
}
int set_update(Value s, Value iterable) { return update_internal(S(s), iterable); }
int64_t set_size(Value s) { return S(s)->used; }
bool set_next(Value s, int64_t* pos, Value* key) {
  SetEntry* e;
  if (!next_entry(S(s), pos, &e)) return false;
  *key = e->key;
  return true;
}

namespace {

// -- Slots ---------------------------------------------------------------------------------------

void set_dealloc(Object* o) {
  gc_untrack_if_tracked(o);
  if (!trashcan_begin(o)) return;
  SetObject* so = reinterpret_cast<SetObject*>(o);
  int64_t fill = so->fill;
  for (SetEntry* e = so->table; fill > 0; e++) {
    if (e->key) {
      fill--;
      if (e->key != dummy()) decref(e->key);
    }
  }
  if (so->table != so->smalltable) mem_free(so->table);
  free_object(o);
  trashcan_end();
}

void set_traverse(Object* o, VisitFn visit, void* arg) {
  SetObject* so = reinterpret_cast<SetObject*>(o);
  int64_t pos = 0;
  SetEntry* e;
  while (next_entry(so, &pos, &e)) visit_value(e->key, visit, arg);
}

void set_clear_slot(Object* o) { clear_internal(reinterpret_cast<SetObject*>(o)); }

Value set_repr(Value self) {
  Type* t = type_of(self);
  bool plain = t == &SetType;
  int r = repr_enter(self);
  if (r != 0) {
    if (r < 0) return Value();
    return str_from_utf8(std::string(t->name) + "(...)");
  }
  Value result;
  if (S(self)->used == 0) {
    result = str_from_utf8(std::string(t->name) + "()");
  } else {
    Value keys = sequence_list(self);
    Value lr = keys ? repr(keys) : Value();
    xdecref(keys);
    if (lr) {
      std::string_view text = str_utf8(lr);
      text = text.substr(1, text.size() - 2);
      std::string out;
      if (plain) {
        out = "{";
        out += text;
        out += "}";
      } else {
        out = std::string(t->name) + "({";
        out += text;
        out += "})";
      }
      decref(lr);
      result = str_from_utf8(out);
    }
  }
  repr_leave(self);
  return result;
}

inline uint64_t shuffle_bits(uint64_t h) {
  return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL;
}

int64_t frozenset_hash(Value self) {
  SetObject* so = S(self);
  if (so->hash != -1) return so->hash;
  uint64_t hash = 0;
  int64_t pos = 0;
  SetEntry* e;
  while (next_entry(so, &pos, &e)) hash ^= shuffle_bits(uint64_t(e->hash));
  hash ^= (uint64_t(so->used) + 1) * 1927868237UL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923UL;
  if (hash == uint64_t(-1)) hash = 590923713UL;
  so->hash = int64_t(hash);
  return so->hash;
}

Value set_richcompare(Value a, Value b, int op) {
  if (!is_anyset(b)) return NotImplemented();
  int r;
  switch (op) {
    case CMP_EQ:
    case CMP_NE:
      if (S(a)->used != S(b)->used) return Bool(op == CMP_NE);
      if (S(a)->hash != -1 && S(b)->hash != -1 && S(a)->hash != S(b)->hash)
        return Bool(op == CMP_NE);
      r = issubset(a, b);
      if (r < 0) return Value();
      return Bool((r == 1) == (op == CMP_EQ));
    case CMP_LE: r = issubset(a, b); break;
    case CMP_GE: r = issuperset(a, b); break;
    case CMP_LT:
      if (S(a)->used >= S(b)->used) return False();
      r = issubset(a, b);
      break;
    default:
      if (S(a)->used <= S(b)->used) return False();
      r = issuperset(a, b);
      break;
  }
  if (r < 0) return Value();
  return Bool(r);
}

int64_t set_len(Value self) { return S(self)->used; }

int set_contains_slot(Value self, Value key) { return set_contains(self, key); }

Value set_iter(Value self);

Value set_or(Value a, Value b) {
  if (!is_anyset(a) || !is_anyset(b)) return NotImplemented();
  Value result = set_copy(a);
  if (!result || a == b) return result;
  if (update_internal(S(result), b) < 0) {
    decref(result);
    return Value();
  }
  return result;
}
Value set_and(Value a, Value b) {
  if (!is_anyset(a) || !is_anyset(b)) return NotImplemented();
  return intersection(a, b);
}
Value set_sub(Value a, Value b) {
  if (!is_anyset(a) || !is_anyset(b)) return NotImplemented();
  return difference(a, b);
}
Value set_xor(Value a, Value b) {
  if (!is_anyset(a) || !is_anyset(b)) return NotImplemented();
  return symmetric_difference(a, b);
}
Value set_ior(Value a, Value b) {
  if (!is_set_type(a) || !is_anyset(b)) return NotImplemented();
  if (update_internal(S(a), b) < 0) return Value();
  return newref(a);
}
Value set_iand(Value a, Value b) {
  if (!is_set_type(a) || !is_anyset(b)) return NotImplemented();
  Value tmp = intersection(a, b);
  if (!tmp) return tmp;
  swap_bodies(S(a), S(tmp));
  decref(tmp);
  return newref(a);
}
Value set_isub(Value a, Value b) {
  if (!is_set_type(a) || !is_anyset(b)) return NotImplemented();
  if (difference_update_internal(S(a), b) < 0) return Value();
  return newref(a);
}
Value set_ixor(Value a, Value b) {
  if (!is_set_type(a) || !is_anyset(b)) return NotImplemented();
  if (symmetric_difference_update(S(a), b) < 0) return Value();
  return newref(a);
}

Value set_new_slot(Type* type, const Value*, size_t, Value) {
  Value s = alloc_set(type);
  if (s) gc_track(s.obj());
  return s;
}

int set_init(Value self, const Value* args, size_t nargs, Value kwnames) {
  if (!check_no_kwargs("set", kwnames)) return -1;
  if (!check_positional("set", nargs, 0, 1)) return -1;
  if (S(self)->fill) clear_internal(S(self));
  S(self)->hash = -1;
  if (nargs == 1) return update_internal(S(self), args[0]);
  return 0;
}

Value frozenset_new_slot(Type* type, const Value* args, size_t nargs, Value kwnames) {
  if (type == &FrozenSetType && !check_no_kwargs("frozenset", kwnames)) return Value();
  if (!check_positional("frozenset", nargs, 0, 1)) return Value();
  Value iterable = nargs ? args[0] : Value();
  if (type == &FrozenSetType && iterable && is_exact_frozenset(iterable)) return newref(iterable);
  return make_new_set(type, iterable);
}

// -- Methods ---------------------------------------------------------------------------------------

Value m_add(Value self, const Value* args, size_t, Value) {
  if (add_key(S(self), args[0]) < 0) return Value();
  return None();
}
Value m_clear(Value self, const Value*, size_t, Value) {
  clear_internal(S(self));
  return None();
}
Value m_copy(Value self, const Value*, size_t, Value) { return set_copy(self); }
Value m_frozen_copy(Value self, const Value*, size_t, Value) {
  if (is_exact_frozenset(self)) return newref(self);
  return set_copy(self);
}
Value m_discard(Value self, const Value* args, size_t, Value) {
  if (set_discard(self, args[0]) < 0) return Value();
  return None();
}
Value m_remove(Value self, const Value* args, size_t, Value) {
  int rv = set_discard(self, args[0]);
  if (rv < 0) return Value();
  if (rv == DISCARD_NOTFOUND) return raise_key_error(args[0]);
  return None();
}
Value m_pop(Value self, const Value*, size_t, Value) {
  SetObject* so = S(self);
  if (so->used == 0) return raise(KeyError, "pop from an empty set");
  SetEntry* limit = so->table + so->mask;
  SetEntry* e = so->table + (so->finger & so->mask);
  while (!e->key || e->key == dummy()) {
    e++;
    if (e > limit) e = so->table;
  }
  Value key = e->key;
  e->key = dummy();
  e->hash = -1;
  so->used--;
  so->finger = e - so->table + 1;
  return key;
}
Value m_contains(Value self, const Value* args, size_t, Value) {
  int rv = set_contains(self, args[0]);
  if (rv < 0) return Value();
  return Bool(rv);
}
Value m_union(Value self, const Value* args, size_t nargs, Value) {
  Value result = set_copy(self);
  if (!result) return result;
  for (size_t i = 0; i < nargs; i++) {
    if (args[i] == self) continue;
    if (update_internal(S(result), args[i]) < 0) {
      decref(result);
      return Value();
    }
  }
  return result;
}
Value m_update(Value self, const Value* args, size_t nargs, Value) {
  for (size_t i = 0; i < nargs; i++)
    if (update_internal(S(self), args[i]) < 0) return Value();
  return None();
}
Value m_intersection(Value self, const Value* args, size_t nargs, Value) {
  return intersection_multi(self, args, nargs);
}
Value m_intersection_update(Value self, const Value* args, size_t nargs, Value) {
  Value tmp = intersection_multi(self, args, nargs);
  if (!tmp) return tmp;
  swap_bodies(S(self), S(tmp));
  decref(tmp);
  return None();
}
Value m_difference(Value self, const Value* args, size_t nargs, Value) {
  if (nargs == 0) return set_copy(self);
  Value result = difference(self, args[0]);
  if (!result) return result;
  for (size_t i = 1; i < nargs; i++) {
    if (difference_update_internal(S(result), args[i]) < 0) {
      decref(result);
      return Value();
    }
  }
  return result;
}
Value m_difference_update(Value self, const Value* args, size_t nargs, Value) {
  for (size_t i = 0; i < nargs; i++)
    if (difference_update_internal(S(self), args[i]) < 0) return Value();
  return None();
}
Value m_symmetric_difference(Value self, const Value* args, size_t, Value) {
  return symmetric_difference(self, args[0]);
}
Value m_symmetric_difference_update(Value self, const Value* args, size_t, Value) {
  if (symmetric_difference_update(S(self), args[0]) < 0) return Value();
  return None();
}
Value m_issubset(Value self, const Value* args, size_t, Value) {
  int r = issubset(self, args[0]);
  if (r < 0) return Value();
  return Bool(r);
}
Value m_issuperset(Value self, const Value* args, size_t, Value) {
  int r = issuperset(self, args[0]);
  if (r < 0) return Value();
  return Bool(r);
}
Value m_isdisjoint(Value self, const Value* args, size_t, Value) {
  Value other = args[0];
  if (self == other) return Bool(S(self)->used == 0);
  if (is_anyset(other)) {
    SetObject* a = S(self);
    SetObject* b = S(other);
    if (b->used > a->used) std::swap(a, b);
    int64_t pos = 0;
    SetEntry* e;
    while (next_entry(b, &pos, &e)) {
      Value key = newref(e->key);
      int rv = contains_entry(a, key, e->hash);
      decref(key);
      if (rv < 0) return Value();
      if (rv) return False();
    }
    return True();
  }
  int r = for_each(other, [&](Value key) -> int {
    int64_t h = hash_key(key);
    if (h == -1) return -1;
    int rv = contains_entry(S(self), key, h);
    if (rv < 0) return -1;
    return rv ? 2 : 0;
  });
  if (r < 0) return Value();
  return Bool(r != 2);
}
Value m_reduce(Value self, const Value*, size_t, Value) {
  Value keys = sequence_list(self);
  if (!keys) return keys;
  Value args = tuple_pack({keys});
  decref(keys);
  if (!args) return args;
  Value state = lookup_attr(self, STRATA_NAME(__dict__));
  if (!state) {
    if (error_occurred()) {
      decref(args);
      return Value();
    }
    state = None();
  }
  Value r = tuple_pack({Value::from(type_of(self)), args, state});
  decref(args);
  decref(state);
  return r;
}
Value m_sizeof(Value self, const Value*, size_t, Value) {
  int64_t size = int64_t(type_of(self)->basicsize);
  if (S(self)->table != S(self)->smalltable)
    size += (S(self)->mask + 1) * int64_t(sizeof(SetEntry));
  return int_from_i64(size);
}

const MethodDef set_methods[] = {
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"add", m_add, METH_O, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", m_clear, METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", m_contains, METH_O, "x.__contains__(y) <==> y in x."},
    {"copy", m_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", m_discard, METH_O,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() "
     "method does not raise\nan exception when an element is missing from the set."},
    {"difference", m_difference, METH_FASTCALL,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that "
     "are in this set but not the others.)"},
    {"difference_update", m_difference_update, METH_FASTCALL,
     "Remove all elements of another set from this set."},
    {"intersection", m_intersection, METH_FASTCALL,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in "
     "both sets.)"},
    {"intersection_update", m_intersection_update, METH_FASTCALL,
     "Update a set with the intersection of itself and another."},
    {"isdisjoint", m_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_O, "Report whether this set contains another set."},
    {"pop", m_pop, METH_NOARGS,
     "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {"remove", m_remove, METH_O,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, "
     "raise a KeyError."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", m_symmetric_difference, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that "
     "are in exactly one of the sets.)"},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_O,
     "Update a set with the symmetric difference of itself and another."},
    {"union", m_union, METH_FASTCALL,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"update", m_update, METH_FASTCALL, "Update a set with the union of itself and others."},
    {nullptr, nullptr, 0, nullptr}};

const MethodDef frozenset_methods[] = {
    {"__class_getitem__", class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {"__contains__", m_contains, METH_O, "x.__contains__(y) <==> y in x."},
    {"copy", m_frozen_copy, METH_NOARGS, "Return a shallow copy of a set."},
    {"difference", m_difference, METH_FASTCALL,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that "
     "are in this set but not the others.)"},
    {"intersection", m_intersection, METH_FASTCALL,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in "
     "both sets.)"},
    {"isdisjoint", m_isdisjoint, METH_O, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, METH_O, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, METH_O, "Report whether this set contains another set."},
    {"__reduce__", m_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", m_symmetric_difference, METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that "
     "are in exactly one of the sets.)"},
    {"union", m_union, METH_FASTCALL,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {nullptr, nullptr, 0, nullptr}};

// -- The iterator ---------------------------------------------------------------------------------

struct SetIterObject {
  Object ob;
  Value set;     // null once exhausted
  int64_t used;  // the set's size at creation (-1: broken)
  int64_t pos;
  int64_t len;
};

Value set_iter(Value self) {
  Object* o = alloc_object(&SetIterType, sizeof(SetIterObject));
  if (!o) return Value();
  SetIterObject* it = reinterpret_cast<SetIterObject*>(o);
  it->set = newref(self);
  it->used = S(self)->used;
  it->len = it->used;
  gc_track(o);
  return Value::from(o);
}

void setiter_dealloc(Object* o) {
  gc_untrack(o);
  xdecref(reinterpret_cast<SetIterObject*>(o)->set);
  free_object(o);
}
void setiter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(reinterpret_cast<SetIterObject*>(o)->set, visit, arg);
}
void setiter_clear(Object* o) { clear_ref(&reinterpret_cast<SetIterObject*>(o)->set); }

Value setiter_next(Value self) {
  SetIterObject* it = self.as<SetIterObject>();
  if (!it->set) return Value();
  SetObject* so = S(it->set);
  if (it->used != so->used) {
    it->used = -1;
    return raise(RuntimeError, "Set changed size during iteration");
  }
  int64_t i = it->pos;
  while (i <= so->mask && (!so->table[i].key || so->table[i].key == dummy())) i++;
  it->pos = i + 1;
  if (i > so->mask) {
    clear_ref(&it->set);
    return Value();
  }
  it->len--;
  return newref(so->table[i].key);
}

Value setiter_length_hint(Value self, const Value*, size_t, Value) {
  SetIterObject* it = self.as<SetIterObject>();
  int64_t n = it->set && it->used == S(it->set)->used ? it->len : 0;
  return int_from_i64(n);
}

const MethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Type SetType = {
    .ob = {kImmortal, &TypeType},
    .name = "set",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(SetObject),
    .weaklistoffset = int64_t(offsetof(SetObject, weakreflist)),
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_clear_slot,
    .repr = set_repr,
    .hash = hash_not_implemented,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .new_ = set_new_slot,
    .init = set_init,
    .nb = {nullptr, set_and, nullptr, nullptr, nullptr, nullptr, nullptr, set_or, nullptr,
           nullptr, set_sub, nullptr, set_xor, nullptr, set_iand, nullptr, nullptr, nullptr,
           nullptr, nullptr, set_ior, nullptr, nullptr, set_isub, nullptr, set_ixor},
    .length = set_len,
    .contains = set_contains_slot,
    .methods = set_methods,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an "
           "unordered collection of unique elements.",
};

Type FrozenSetType = {
    .ob = {kImmortal, &TypeType},
    .name = "frozenset",
    .base = &ObjectType,
    .flags = TF_BASETYPE | TF_HAVE_GC | TF_IMMUTABLE | TF_MATCH_SELF,
    .basicsize = sizeof(SetObject),
    .weaklistoffset = int64_t(offsetof(SetObject, weakreflist)),
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_clear_slot,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .new_ = frozenset_new_slot,
    .nb = {nullptr, set_and, nullptr, nullptr, nullptr, nullptr, nullptr, set_or, nullptr,
           nullptr, set_sub, nullptr, set_xor},
    .length = set_len,
    .contains = set_contains_slot,
    .methods = frozenset_methods,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\n"
           "Build an immutable unordered collection of unique elements.",
};

Type SetIterType = {
    .ob = {kImmortal, &TypeType},
    .name = "set_iterator",
    .base = &ObjectType,
    .flags = TF_HAVE_GC | TF_IMMUTABLE,
    .basicsize = sizeof(SetIterObject),
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .clear = setiter_clear,
    .iter = iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

}  // namespace strata
