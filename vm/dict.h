// vm/dict.h — dict: compact and insertion-ordered (an index table over an entry array, as
// CPython 3.6+), with a keys version for specialization (decision 6), and split tables
// for instances: ordinary objects of one class share one keys object (the class's
// cached_keys) and each keeps only its values, so that an attribute load specialized on
// (type version, keys version) is one guard plus one indexed load.
// Implemented in vm/dict.cpp.
#pragma once
#include "vm/object.h"

namespace strata {

// The keys object's layout is here for the specializer (vm/specialize.cpp), whose guards
// read `version` and entries directly; everything else goes through vm/dict.cpp.
struct DictEntry {
  int64_t hash;
  Value key;    // null: deleted
  Value value;  // null in split keys (values live in the dicts) and in deleted entries
};

enum KeysKind : uint8_t { KIND_STR, KIND_GENERAL, KIND_SPLIT };

struct DictKeys {
  int64_t refcnt;     // combined keys: 1 (one dict); split keys: the type + each dict
  int64_t size;       // index slots, a power of 2
  int64_t usable;     // entries that can still be appended
  int64_t nentries;   // entries appended so far (deleted ones included)
  uint32_t version;   // 0: none assigned (or invalidated by a layout change)
  uint8_t ix_width;   // bytes per index slot
  uint8_t kind;       // KeysKind; KIND_STR: every key is an exact str
  uint8_t pad_[2];
  DictEntry* entries; // after the index array
  // The index array follows the header (see ixs()).
};


struct DictObject {
  Object ob;
  int64_t used;      // number of items
  DictKeys* keys;    // owned (shared keys are refcounted)
  Value* values;     // split table: values in key order (null: combined table)
};

Value dict_new();
// Borrowed lookups: null without an exception when the key is absent; null with an
// exception when hashing or comparing raised (check error_occurred()).
Value dict_get(Value d, Value key);
Value dict_get_str(Value d, Value key);  // key is a str (fast path: no user __eq__)
Value dict_get_cstr(Value d, const char* key);
int dict_set(Value d, Value key, Value v);  // increfs key and v
int dict_set_cstr(Value d, const char* key, Value v);
int dict_del(Value d, Value key);  // KeyError if absent
// Removes key and returns its value (new reference) or null without an exception.
Value dict_pop(Value d, Value key);
int64_t dict_size(Value d);
// Iteration in insertion order: start with *pos = 0; borrowed key/value.
bool dict_next(Value d, int64_t* pos, Value* key, Value* value);
Value dict_copy(Value d);
int dict_update(Value d, Value other);  // dict.update(other): mapping or pairs
int dict_merge(Value d, Value other, bool override);
Value dict_keys_list(Value d);
Value dict_items_list(Value d);
Value dict_values_list(Value d);
void dict_clear(Value d);

// For specialization: the keys object's version (assigned on first request; a changed
// layout gets a new one, 0 when versions are exhausted) and the index of a str key in
// the entry order (-1 if absent).
uint32_t dict_keys_version(Value d);
int64_t dict_index_of_str(Value d, Value key);

// STORE_ATTR_INSTANCE_VALUE: values[ix] = v (a new reference) in a split dict, when that
// keeps the dict's insertion order; false (nothing changed) otherwise.
bool dict_split_store(DictObject* d, int64_t ix, Value v);
// Instances of classes with shared keys: a new split dict over `keys`.
Value dict_new_split(DictKeys* keys);
DictKeys* dict_new_shared_keys();

// -- Added by the containers area -------------------------------------------------------

// Releases a reference to a keys object (a type dropping its cached_keys).
void dict_keys_decref(DictKeys* keys);
// Raises KeyError(key) (the key itself is the exception's one argument); returns null.
Value raise_key_error(Value key);
// Lookup with a known hash (borrowed, null without exception if absent).
Value dict_get_known_hash(Value d, Value key, int64_t hash);
// dict.setdefault(key, default): borrowed result, null on error.
Value dict_setdefault(Value d, Value key, Value deflt);
int dict_contains(Value d, Value key);  // 0/1, -1 on error
// Iteration that also yields the stored hash of each key.
bool dict_next_hash(Value d, int64_t* pos, Value* key, Value* value, int64_t* hash);

}  // namespace strata
