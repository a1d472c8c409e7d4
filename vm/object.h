// vm/object.h — values, the object header, type objects and their slots, reference
// counting, allocation and the error state: the interface every file of the runtime uses.
//
// Conventions (the same as CPython's C API, so that its documentation describes ours):
// - A Value is one 64-bit word (decision 3): a tagged small integer (low bit 1) or a
//   pointer to an Object (low bit 0). The null Value (all bits 0) is "no value": it is
//   what a function returns when it raised (the exception is in the thread state), and
//   what an empty local slot holds.
// - A function returning Value returns a new reference, or null with an exception set.
//   Functions returning int return -1 with an exception set on error (0/1 otherwise).
//   Arguments are borrowed unless the comment says the function steals them.
// - Calls pass arguments as a vector: args[0..nargs) positional, then one value for each
//   name in `kwnames` (a tuple of str, or null when there are no keywords).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace strata {

struct Object;
struct Type;

// -- Values ------------------------------------------------------------------------------

// Small integers are the range of 62-bit two's complement numbers; the tagged form keeps
// the number shifted left by one, so that a tagged add is one machine add.
inline constexpr int64_t kSmallIntMax = (int64_t(1) << 61) - 1;
inline constexpr int64_t kSmallIntMin = -(int64_t(1) << 61);

class Value {
 public:
  constexpr Value() : bits_(0) {}
  static Value from(Object* o) { return Value(reinterpret_cast<uint64_t>(o)); }
  static Value from(const Type* t) { return Value(reinterpret_cast<uint64_t>(t)); }
  // Precondition: kSmallIntMin <= i <= kSmallIntMax (use int_from_i64 otherwise).
  static constexpr Value small(int64_t i) { return Value((uint64_t(i) << 1) | 1); }
  static constexpr Value from_bits(uint64_t b) { return Value(b); }

  constexpr bool is_null() const { return bits_ == 0; }
  constexpr explicit operator bool() const { return bits_ != 0; }
  constexpr bool is_small() const { return bits_ & 1; }
  // A pointer to an object (not null, not a small int).
  constexpr bool is_object() const { return bits_ != 0 && !(bits_ & 1); }
  constexpr int64_t small_value() const { return int64_t(bits_) >> 1; }
  Object* obj() const { return reinterpret_cast<Object*>(bits_); }
  template <class T> T* as() const { return reinterpret_cast<T*>(bits_); }
  constexpr uint64_t bits() const { return bits_; }
  // Identity (`is`): equal words. Small ints are equal exactly when their values are.
  constexpr bool operator==(const Value& o) const { return bits_ == o.bits_; }
  constexpr bool operator!=(const Value& o) const { return bits_ != o.bits_; }

 private:
  constexpr explicit Value(uint64_t b) : bits_(b) {}
  uint64_t bits_;
};

static_assert(sizeof(Value) == 8);

// -- Objects and reference counts ---------------------------------------------------------

// Objects whose refcount is at least kImmortal are never freed and their counts never
// change: None, True, False, built-in types, interned names, small constants.
inline constexpr int64_t kImmortal = int64_t(1) << 60;

struct Object {
  int64_t refcnt;
  Type* type;
};

// A variable-size object's header (tuple, big int digits, str): ob + item count.
struct VarObject {
  Object ob;
  int64_t size;
};

void dealloc(Object* o);  // calls o->type->dealloc; refcnt has reached 0

inline void incref(Object* o) {
  if (o->refcnt < kImmortal) ++o->refcnt;
}
inline void decref(Object* o) {
  if (o->refcnt < kImmortal && --o->refcnt == 0) dealloc(o);
}
inline void incref(Value v) {
  if (!v.is_small()) incref(v.obj());
}
inline void decref(Value v) {
  if (!v.is_small()) decref(v.obj());
}
// The same, for values that may be null.
inline void xincref(Value v) {
  if (v.is_object()) incref(v.obj());
}
inline void xdecref(Value v) {
  if (v.is_object()) decref(v.obj());
}
inline Value newref(Value v) {
  incref(v);
  return v;
}
inline Value xnewref(Value v) {
  xincref(v);
  return v;
}
// Replaces *slot (owned, may be null) with v (stolen, may be null).
inline void set_ref(Value* slot, Value v) {
  Value old = *slot;
  *slot = v;
  xdecref(old);
}
inline void clear_ref(Value* slot) { set_ref(slot, Value()); }
void make_immortal(Object* o);

// An owning holder for cold paths: decrefs on scope exit.
class Ref {
 public:
  Ref() = default;
  explicit Ref(Value v) : v_(v) {}  // steals v
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  Ref(Ref&& o) noexcept : v_(o.release()) {}
  Ref& operator=(Ref&& o) noexcept {
    reset(o.release());
    return *this;
  }
  ~Ref() { xdecref(v_); }
  Value get() const { return v_; }
  Value operator*() const { return v_; }
  explicit operator bool() const { return bool(v_); }
  Value release() {
    Value v = v_;
    v_ = Value();
    return v;
  }
  Value new_ref() const { return xnewref(v_); }
  void reset(Value v = Value()) {  // steals v
    Value old = v_;
    v_ = v;
    xdecref(old);
  }

 private:
  Value v_;
};

// -- Slots ---------------------------------------------------------------------------------

using UnaryFn = Value (*)(Value);
using BinaryFn = Value (*)(Value, Value);
using TernaryFn = Value (*)(Value, Value, Value);
using HashFn = int64_t (*)(Value);                    // -1 on error
using RichCompareFn = Value (*)(Value, Value, int op);  // op: CompareOp (CMP_LT ...)
using GetAttrFn = Value (*)(Value obj, Value name);
using SetAttrFn = int (*)(Value obj, Value name, Value v);  // v null: delete
using CallFn = Value (*)(Value callable, const Value* args, size_t nargs, Value kwnames);
using NewFn = Value (*)(Type* type, const Value* args, size_t nargs, Value kwnames);
using InitFn = int (*)(Value self, const Value* args, size_t nargs, Value kwnames);
// Returns the next item, or null: with an exception set on error, without at the end.
using IterNextFn = Value (*)(Value);
using DescrGetFn = Value (*)(Value descr, Value obj, Value type);  // obj null: via type
using DescrSetFn = int (*)(Value descr, Value obj, Value v);       // v null: delete
using LenFn = int64_t (*)(Value);                                   // -1 on error
using InquiryFn = int (*)(Value);                                   // 0/1, -1 on error
using ContainsFn = int (*)(Value container, Value item);
using SetItemFn = int (*)(Value container, Value key, Value v);    // v null: delete
using DeallocFn = void (*)(Object*);
using VisitFn = void (*)(Object* o, void* arg);
using TraverseFn = void (*)(Object* o, VisitFn visit, void* arg);  // visits each owned ref
using ClearFn = void (*)(Object* o);                               // drops owned refs
using FinalizeFn = void (*)(Object* o);                            // __del__ (PEP 442)

// Visits a Value inside a traverse function (small ints and nulls are skipped).
inline void visit_value(Value v, VisitFn visit, void* arg) {
  if (v.is_object()) visit(v.obj(), arg);
}

// Number slots are one table indexed by BinaryOp (NB_ADD ... NB_INPLACE_XOR, from
// vm/instructions.def): a slot returns NotImplemented when it does not handle the pair;
// binary_op() tries the reflected operand and the in-place fallback as CPython does.
inline constexpr int kNumBinarySlots = 26;

enum TypeFlag : uint64_t {
  TF_HEAPTYPE = 1u << 0,          // created by a class statement or type()
  TF_BASETYPE = 1u << 1,          // may be subclassed
  TF_HAVE_GC = 1u << 2,           // instances carry a GCHeader and are tracked
  TF_READY = 1u << 3,             // type_ready() ran
  TF_IMMUTABLE = 1u << 4,         // attributes cannot be set (built-in types)
  TF_ABSTRACT = 1u << 5,          // has abstract methods
  TF_METHOD_DESCRIPTOR = 1u << 6, // descr_get binds like a function (LOAD_ATTR method)
  TF_SEQUENCE = 1u << 7,          // matches sequence patterns
  TF_MAPPING = 1u << 8,           // matches mapping patterns
  TF_MATCH_SELF = 1u << 9,        // class pattern with one positional matches the subject
  TF_VALID_VERSION = 1u << 10,    // version is valid (a guard may rely on it)
  TF_HAS_FINALIZER = 1u << 11,    // defines __del__
  // Fast subclass tests (set on the type and inherited by every subclass).
  TF_INT_SUBCLASS = 1u << 20,
  TF_LIST_SUBCLASS = 1u << 21,
  TF_TUPLE_SUBCLASS = 1u << 22,
  TF_BYTES_SUBCLASS = 1u << 23,
  TF_STR_SUBCLASS = 1u << 24,
  TF_DICT_SUBCLASS = 1u << 25,
  TF_BASE_EXC_SUBCLASS = 1u << 26,
  TF_TYPE_SUBCLASS = 1u << 27,
};

// Tables that type_ready() turns into descriptors in the type's dict.
enum MethodFlag : uint32_t {
  METH_NOARGS = 1,   // fn(self)                       (as CallFn with nargs 0)
  METH_O = 2,        // fn(self, arg)
  METH_FASTCALL = 4, // fn(self, args, nargs, kwnames): kwnames null unless METH_KEYWORDS
  METH_KEYWORDS = 8, // with METH_FASTCALL: accepts keywords
  METH_CLASS = 16,   // a classmethod (self is the type)
  METH_STATIC = 32,  // a staticmethod (self is null)
};
using MethodFn = Value (*)(Value self, const Value* args, size_t nargs, Value kwnames);
struct MethodDef {
  const char* name;
  MethodFn fn;
  uint32_t flags;
  const char* doc;
};
enum class MemberKind : uint8_t { Object, ObjectEx, Int64, Double, Bool, ReadOnlyObject };
struct MemberDef {  // a field at a fixed offset in the instance
  const char* name;
  MemberKind kind;
  size_t offset;
  bool readonly;
  const char* doc;
};
using GetterFn = Value (*)(Value self);
using SetterFn = int (*)(Value self, Value v);  // v null: delete
struct GetSetDef {
  const char* name;
  GetterFn get;
  SetterFn set;  // null: read-only
  const char* doc;
};

struct Type {
  Object ob;               // a type is an object; its type is `type` or a metaclass
  const char* name;        // tp_name: "int", "collections.OrderedDict"; for heap types
                           // the UTF-8 of name_obj
  Type* base;              // the solid base (tp_base)
  uint64_t flags;          // TypeFlag
  uint32_t version;        // changes with the type or any base (TF_VALID_VERSION)
  uint32_t pad_;
  size_t basicsize;        // bytes of an instance (without a GCHeader)
  size_t itemsize;         // per item, for variable-size instances
  int64_t dictoffset;      // offset of a Value* __dict__ slot in instances, 0 if none
  int64_t weaklistoffset;  // offset of the weak-reference list head, 0 if none

  // The basics.
  DeallocFn dealloc;
  TraverseFn traverse;
  ClearFn clear;
  FinalizeFn finalize;
  UnaryFn repr;
  UnaryFn str;
  HashFn hash;
  RichCompareFn richcompare;
  GetAttrFn getattr;
  SetAttrFn setattr;
  CallFn call;
  UnaryFn iter;
  IterNextFn iternext;
  DescrGetFn descr_get;
  DescrSetFn descr_set;
  NewFn new_;
  InitFn init;

  // Numbers.
  BinaryFn nb[kNumBinarySlots];
  TernaryFn nb_power3;     // pow(a, b, mod); null when the type has none
  UnaryFn nb_negative, nb_positive, nb_invert, nb_absolute;
  InquiryFn nb_bool;
  UnaryFn nb_index, nb_int, nb_float;

  // Sequences and mappings.
  LenFn length;
  BinaryFn getitem;        // obj[key]
  SetItemFn setitem;       // obj[key] = v, del obj[key]
  ContainsFn contains;     // null: fall back to iteration

  // Definitions type_ready() turns into descriptors (null-terminated arrays).
  const MethodDef* methods;
  const MemberDef* members;
  const GetSetDef* getset;
  const char* doc;

  // Filled by type_ready() / type creation.
  Value dict;              // the type's namespace (a dict)
  Value bases;             // tuple of base types
  Value mro;               // tuple: the C3 linearization
  Value name_obj;          // __name__ (str)
  Value qualname;          // __qualname__ (str)
  Value module;            // __module__ for built-in types (str), null otherwise
  Value subclasses;        // dict: id -> weakref of direct subclasses, or null
  void* cached_keys;       // shared dict keys of instances (vm/dict.h), or null
  Value slot_names;        // tuple of __slots__ names, or null
  void* weaklist;          // head of the weak references to this type (TypeType's
                           // weaklistoffset points here), or null
};

inline Type* type_of(Value v);  // below, once IntType is declared

// -- The built-in types (each defined in the file that implements it) --------------------

extern Type TypeType, ObjectType, NoneType, NotImplementedType, EllipsisType;
extern Type IntType, BoolType, FloatType, ComplexType;
extern Type StrType, BytesType, ByteArrayType;
extern Type TupleType, ListType, DictType, SetType, FrozenSetType;
extern Type RangeType, SliceType;
extern Type FunctionType, MethodType, CodeType, CellType, ModuleType, FrameType;
extern Type BuiltinFunctionType, MethodDescrType, ClassMethodDescrType, MemberDescrType,
    GetSetDescrType, WrapperDescrType, MethodWrapperType;
extern Type StaticMethodType, ClassMethodType, PropertyType, SuperType;
extern Type GeneratorType, CoroutineType, AsyncGeneratorType, TracebackType;
extern Type WeakRefType, WeakProxyType, WeakCallableProxyType;

inline Type* type_of(Value v) { return v.is_small() ? &IntType : v.obj()->type; }

// The singletons; all immortal.
extern Object NoneObject, NotImplementedObject, EllipsisObject;
extern Object* const TrueObject;
extern Object* const FalseObject;
inline Value None() { return Value::from(&NoneObject); }
inline Value NotImplemented() { return Value::from(&NotImplementedObject); }
inline Value Ellipsis() { return Value::from(&EllipsisObject); }
inline Value True() { return Value::from(TrueObject); }
inline Value False() { return Value::from(FalseObject); }
inline Value Bool(bool b) { return b ? True() : False(); }
inline bool is_none(Value v) { return v == None(); }

// The exception types, CPython 3.11's hierarchy: X(Name, Base) for each.
#define STRATA_EXCEPTIONS(X)                                   \
  X(BaseException, Object)                                     \
  X(BaseExceptionGroup, BaseException)                         \
  X(GeneratorExit, BaseException)                              \
  X(KeyboardInterrupt, BaseException)                          \
  X(SystemExit, BaseException)                                 \
  X(Exception, BaseException)                                  \
  X(ArithmeticError, Exception)                                \
  X(FloatingPointError, ArithmeticError)                       \
  X(OverflowError, ArithmeticError)                            \
  X(ZeroDivisionError, ArithmeticError)                        \
  X(AssertionError, Exception)                                 \
  X(AttributeError, Exception)                                 \
  X(BufferError, Exception)                                    \
  X(EOFError, Exception)                                       \
  X(ExceptionGroup, BaseExceptionGroup)                        \
  X(ImportError, Exception)                                    \
  X(ModuleNotFoundError, ImportError)                          \
  X(LookupError, Exception)                                    \
  X(IndexError, LookupError)                                   \
  X(KeyError, LookupError)                                     \
  X(MemoryError, Exception)                                    \
  X(NameError, Exception)                                      \
  X(UnboundLocalError, NameError)                              \
  X(OSError, Exception)                                        \
  X(BlockingIOError, OSError)                                  \
  X(ChildProcessError, OSError)                                \
  X(ConnectionError, OSError)                                  \
  X(BrokenPipeError, ConnectionError)                          \
  X(ConnectionAbortedError, ConnectionError)                   \
  X(ConnectionRefusedError, ConnectionError)                   \
  X(ConnectionResetError, ConnectionError)                     \
  X(FileExistsError, OSError)                                  \
  X(FileNotFoundError, OSError)                                \
  X(InterruptedError, OSError)                                 \
  X(IsADirectoryError, OSError)                                \
  X(NotADirectoryError, OSError)                               \
  X(PermissionError, OSError)                                  \
  X(ProcessLookupError, OSError)                               \
  X(TimeoutError, OSError)                                     \
  X(ReferenceError, Exception)                                 \
  X(RuntimeError, Exception)                                   \
  X(NotImplementedError, RuntimeError)                         \
  X(RecursionError, RuntimeError)                              \
  X(StopAsyncIteration, Exception)                             \
  X(StopIteration, Exception)                                  \
  X(SyntaxError, Exception)                                    \
  X(IndentationError, SyntaxError)                             \
  X(TabError, IndentationError)                                \
  X(SystemError, Exception)                                    \
  X(TypeError, Exception)                                      \
  X(ValueError, Exception)                                     \
  X(UnicodeError, ValueError)                                  \
  X(UnicodeDecodeError, UnicodeError)                          \
  X(UnicodeEncodeError, UnicodeError)                          \
  X(UnicodeTranslateError, UnicodeError)                       \
  X(Warning, Exception)                                        \
  X(BytesWarning, Warning)                                     \
  X(DeprecationWarning, Warning)                               \
  X(EncodingWarning, Warning)                                  \
  X(FutureWarning, Warning)                                    \
  X(ImportWarning, Warning)                                    \
  X(PendingDeprecationWarning, Warning)                        \
  X(ResourceWarning, Warning)                                  \
  X(RuntimeWarning, Warning)                                   \
  X(SyntaxWarning, Warning)                                    \
  X(UnicodeWarning, Warning)                                   \
  X(UserWarning, Warning)

#define STRATA_DECLARE_EXC(name, base) extern Type* const name;
STRATA_EXCEPTIONS(STRATA_DECLARE_EXC)
#undef STRATA_DECLARE_EXC

// -- Type tests ------------------------------------------------------------------------------

inline bool has_flag(Type* t, uint64_t f) { return (t->flags & f) != 0; }
bool is_subtype(Type* a, Type* b);  // b in a's MRO (or a's base chain before ready)
inline bool is_instance_of(Value v, Type* t) {
  Type* vt = type_of(v);
  return vt == t || is_subtype(vt, t);
}
inline bool is_int(Value v) { return v.is_small() || has_flag(v.obj()->type, TF_INT_SUBCLASS); }
inline bool is_exact_int(Value v) { return v.is_small() || v.obj()->type == &IntType; }
inline bool is_str(Value v) { return !v.is_small() && has_flag(v.obj()->type, TF_STR_SUBCLASS); }
inline bool is_exact_str(Value v) { return !v.is_small() && v.obj()->type == &StrType; }
inline bool is_tuple(Value v) {
  return !v.is_small() && has_flag(v.obj()->type, TF_TUPLE_SUBCLASS);
}
inline bool is_exact_tuple(Value v) { return !v.is_small() && v.obj()->type == &TupleType; }
inline bool is_list(Value v) { return !v.is_small() && has_flag(v.obj()->type, TF_LIST_SUBCLASS); }
inline bool is_exact_list(Value v) { return !v.is_small() && v.obj()->type == &ListType; }
inline bool is_dict(Value v) { return !v.is_small() && has_flag(v.obj()->type, TF_DICT_SUBCLASS); }
inline bool is_exact_dict(Value v) { return !v.is_small() && v.obj()->type == &DictType; }
inline bool is_bytes(Value v) {
  return !v.is_small() && has_flag(v.obj()->type, TF_BYTES_SUBCLASS);
}
inline bool is_type(Value v) { return !v.is_small() && has_flag(v.obj()->type, TF_TYPE_SUBCLASS); }
inline bool is_float(Value v) { return is_instance_of(v, &FloatType); }
inline bool is_exact_float(Value v) { return !v.is_small() && v.obj()->type == &FloatType; }
inline bool is_exception(Value v) {
  return !v.is_small() && has_flag(v.obj()->type, TF_BASE_EXC_SUBCLASS);
}
inline bool is_exception_type(Value v) {
  return is_type(v) && has_flag(v.as<Type>(), TF_BASE_EXC_SUBCLASS);
}

// -- Allocation (vm/memory.cpp) ------------------------------------------------------------

// Objects of TF_HAVE_GC types are preceded by this header, which links them into the
// cycle collector's generation lists (vm/gc.cpp). Its fields belong to the collector.
struct GCHeader {
  uintptr_t next;
  uintptr_t prev;
};
inline GCHeader* gc_header(Object* o) { return reinterpret_cast<GCHeader*>(o) - 1; }

// A new object of `type` with `size` bytes (>= sizeof(Object)), zero-filled after the
// header, refcount 1; for a heap type the type is increfed. GC types get a GCHeader and
// are NOT yet tracked: call gc_track() once every field is initialized. Null with
// MemoryError set when out of memory.
Object* alloc_object(Type* type, size_t size);
// Frees an object's memory (its dealloc has already released its references); decrefs a
// heap type.
void free_object(Object* o);
// Clears the weak references to o and runs their callbacks (free_object does it for every
// type with a weaklistoffset).
void clear_weakrefs(Object* o);
void gc_track(Object* o);
void gc_untrack(Object* o);
bool gc_is_tracked(Object* o);

// Raw memory on mimalloc (null without an exception on failure).
void* mem_alloc(size_t n);
void* mem_realloc(void* p, size_t n);
void mem_free(void* p);
// Routes GMP's allocations through the same allocator (runtime_init calls it first).
void memory_init();

// -- Errors (vm/errors.cpp) -------------------------------------------------------------------

// Raises `type` with a printf-style message (%s %d %ld %lld %zd %zu %c %x and %%; plus
// %R: repr of a Value, %S: str of a Value, %T: the type name of a Value, %U: a str Value
// as text). Always returns a null Value, so `return raise(TypeError, ...);` reads well.
Value raise(Type* type, const char* fmt, ...);
Value raise_value(Type* type, Value arg);  // raises type(arg); borrows arg
Value raise_no_memory();
// Raises an exception instance or class (as `raise x` does); borrows x.
Value raise_object(Value x);
bool error_occurred();
bool error_matches(Type* type);    // the current exception is an instance of type
Value fetch_error();               // takes the current exception (null if none)
void restore_error(Value exc);     // sets the current exception; steals exc
void clear_error();
// `raise new from the current exception's context`: sets new's __context__ to the
// current one (as raising inside an except block does); steals nothing.
void chain_error(Type* type, const char* fmt, ...);
// For functions that must not fail: prints the current exception (sys.unraisablehook's
// format: "Exception ignored in: <obj>", or "Exception ignored <context>: <obj>" as
// _PyErr_WriteUnraisableMsg) and clears it.
void write_unraisable(Value obj, const char* context = nullptr);

// -- Interned names ----------------------------------------------------------------------------

// An interned, immortal str for `text` (ASCII or UTF-8). Equal texts give the same Value.
Value intern(std::string_view text);
// A name used by C++ code, interned once: STRATA_NAME(__init__).
#define STRATA_NAME(id)                               \
  ([]() -> ::strata::Value {                          \
    static const ::strata::Value v = ::strata::intern(#id); \
    return v;                                         \
  }())

}  // namespace strata
