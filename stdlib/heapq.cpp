// stdlib/heapq.cpp — the `_heapq` module heapq.py imports: the heap operations on a list
// (min-heap, and the max-heap helpers heapq.merge and nlargest use), working on the
// list's item array in place. A comparison may run Python code that changes the list: the
// size is checked after every comparison ("list changed size during iteration").
#include "stdlib/builtins.h"
#include "vm/abstract.h"
#include "vm/list.h"
#include "vm/module.h"
#include "vm/opcodes.h"

namespace strata {

namespace {

// a < b, with both held across the comparison (it may drop the list's references).
int less_than(Value a, Value b) {
  incref(a);
  incref(b);
  int r = rich_compare_bool(a, b, CMP_LT);
  decref(a);
  decref(b);
  return r;
}

int changed_size() {
  raise(RuntimeError, "list changed size during iteration");
  return -1;
}

// Moves the item at pos up towards startpos while it is smaller than its parent.
int sift_down(Value heap, int64_t startpos, int64_t pos, bool max) {
  int64_t size = list_size(heap);
  while (pos > startpos) {
    int64_t parentpos = (pos - 1) >> 1;
    Value* arr = list_items(heap);
    int cmp = max ? less_than(arr[parentpos], arr[pos]) : less_than(arr[pos], arr[parentpos]);
    if (cmp < 0) return -1;
    if (size != list_size(heap)) return changed_size();
    if (cmp == 0) break;
    arr = list_items(heap);
    Value t = arr[parentpos];
    arr[parentpos] = arr[pos];
    arr[pos] = t;
    pos = parentpos;
  }
  return 0;
}

// Moves the smaller child up until pos is a leaf, then sifts the item back down.
int sift_up(Value heap, int64_t pos, bool max) {
  int64_t endpos = list_size(heap);
  int64_t startpos = pos;
  int64_t limit = endpos >> 1;
  while (pos < limit) {
    int64_t childpos = 2 * pos + 1;
    if (childpos + 1 < endpos) {
      Value* arr = list_items(heap);
      int cmp = max ? less_than(arr[childpos + 1], arr[childpos])
                    : less_than(arr[childpos], arr[childpos + 1]);
      if (cmp < 0) return -1;
      childpos += cmp ^ 1;
      if (endpos != list_size(heap)) return changed_size();
    }
    Value* arr = list_items(heap);
    Value t = arr[childpos];
    arr[childpos] = arr[pos];
    arr[pos] = t;
    pos = childpos;
  }
  return sift_down(heap, startpos, pos, max);
}

// `single`: the function's only argument (CPython's message then has no number).
bool check_heap(const char* fname, Value heap, bool single = false) {
  if (!is_list(heap)) {
    raise(TypeError, "%s() argument%s must be list, not %s", fname, single ? "" : " 1",
          type_of(heap)->name);
    return false;
  }
  return true;
}

// Removes and returns the list's last item (the list is not empty).
Value pop_last(Value heap) {
  ListObject* l = heap.as<ListObject>();
  l->size--;
  Value v = l->items[l->size];
  l->items[l->size] = Value();
  return v;
}

Value heappush(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("heappush", nargs, 2, 2) || !check_heap("heappush", args[0])) return Value();
  Value heap = args[0];
  if (list_append(heap, args[1]) < 0) return Value();
  if (sift_down(heap, 0, list_size(heap) - 1, false) < 0) return Value();
  return None();
}

Value heappop_impl(Value heap, bool max) {
  if (list_size(heap) == 0) return raise(IndexError, "index out of range");
  Value last = pop_last(heap);
  if (list_size(heap) == 0) return last;
  Value result = list_items(heap)[0];
  list_items(heap)[0] = last;
  if (sift_up(heap, 0, max) < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value heappop(Value, const Value* args, size_t, Value) {
  if (!check_heap("heappop", args[0], true)) return Value();
  return heappop_impl(args[0], false);
}
Value heappop_max(Value, const Value* args, size_t, Value) {
  if (!check_heap("_heappop_max", args[0], true)) return Value();
  return heappop_impl(args[0], true);
}

Value heapreplace_impl(const char* fname, const Value* args, size_t nargs, bool max) {
  if (!check_positional(fname, nargs, 2, 2) || !check_heap(fname, args[0])) return Value();
  Value heap = args[0];
  if (list_size(heap) == 0) return raise(IndexError, "index out of range");
  Value result = list_items(heap)[0];
  list_items(heap)[0] = newref(args[1]);
  if (sift_up(heap, 0, max) < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value heapreplace(Value, const Value* args, size_t nargs, Value) {
  return heapreplace_impl("heapreplace", args, nargs, false);
}
Value heapreplace_max(Value, const Value* args, size_t nargs, Value) {
  return heapreplace_impl("_heapreplace_max", args, nargs, true);
}

Value heappushpop(Value, const Value* args, size_t nargs, Value) {
  if (!check_positional("heappushpop", nargs, 2, 2) || !check_heap("heappushpop", args[0])) {
    return Value();
  }
  Value heap = args[0], item = args[1];
  if (list_size(heap) == 0) return newref(item);
  int cmp = less_than(list_items(heap)[0], item);
  if (cmp < 0) return Value();
  if (cmp == 0) return newref(item);
  if (list_size(heap) == 0) return raise(IndexError, "index out of range");
  Value result = list_items(heap)[0];
  list_items(heap)[0] = newref(item);
  if (sift_up(heap, 0, false) < 0) {
    decref(result);
    return Value();
  }
  return result;
}

Value heapify_impl(Value heap, bool max) {
  int64_t n = list_size(heap);
  for (int64_t i = (n >> 1) - 1; i >= 0; i--) {
    if (sift_up(heap, i, max) < 0) return Value();
  }
  return None();
}

Value heapify(Value, const Value* args, size_t, Value) {
  if (!check_heap("heapify", args[0], true)) return Value();
  return heapify_impl(args[0], false);
}
Value heapify_max(Value, const Value* args, size_t, Value) {
  if (!check_heap("_heapify_max", args[0], true)) return Value();
  return heapify_impl(args[0], true);
}

const MethodDef heapq_methods[] = {
    {"heappush", heappush, METH_FASTCALL,
     "Push item onto heap, maintaining the heap invariant."},
    {"heappushpop", heappushpop, METH_FASTCALL,
     "Push item on the heap, then pop and return the smallest item from the heap.\n\nThe "
     "combined action runs more efficiently than heappush() followed by\na separate call to "
     "heappop()."},
    {"heappop", heappop, METH_O,
     "Pop the smallest item off the heap, maintaining the heap invariant."},
    {"heapreplace", heapreplace, METH_FASTCALL,
     "Pop and return the current smallest value, and add the new item."},
    {"heapify", heapify, METH_O, "Transform list into a heap, in-place, in O(len(heap)) time."},
    {"_heappop_max", heappop_max, METH_O, "Maxheap variant of heappop."},
    {"_heapreplace_max", heapreplace_max, METH_FASTCALL, "Maxheap variant of heapreplace."},
    {"_heapify_max", heapify_max, METH_O, "Maxheap variant of heapify."},
    {nullptr, nullptr, 0, nullptr},
};

int heapq_init(Value m) {
  // heapq.py's `from _heapq import *` takes the functions; __about__ is documentation only.
  return 0;
}

}  // namespace

extern const BuiltinModuleDef heapq_module_def;
const BuiltinModuleDef heapq_module_def = {
    "_heapq", heapq_init, heapq_methods,
    "Heap queue algorithm (a.k.a. priority queue).\n\nHeaps are arrays for which a[k] <= "
    "a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of "
    "comparison,\nnon-existing elements are considered to be infinite.  The interesting\n"
    "property of a heap is that a[0] is always its smallest element.\n\nUsage:\n\n"
    "heap = []            # creates an empty heap\nheappush(heap, item) # pushes a new item "
    "on the heap\nitem = heappop(heap) # pops the smallest item from the heap\nitem = heap[0]"
    "       # smallest item on the heap without popping it\nheapify(x)           # "
    "transforms list into a heap, in-place, in linear time\nitem = heapreplace(heap, item) # "
    "pops and returns smallest item, and adds\n                               # new item; "
    "the heap size is unchanged\n\nOur API differs from textbook heap algorithms as "
    "follows:\n\n- We use 0-based indexing.  This makes the relationship between the\n  "
    "index for a node and the indexes for its children slightly less\n  obvious, but is "
    "more suitable since Python uses 0-based indexing.\n\n- Our heappop() method returns "
    "the smallest item, not the largest.\n\nThese two make it possible to view the heap as a "
    "regular Python list\nwithout surprises: heap[0] is the smallest item, and heap.sort() "
    "\nmaintains the heap invariant!\n"};

}  // namespace strata
