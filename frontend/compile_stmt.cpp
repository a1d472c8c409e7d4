// frontend/compile_stmt.cpp — statements: control flow (if/while/for, break/continue/
// return through the frame-block stack), try/except/finally and except*, with/async
// with, imports, assignments of every form, assert, raise, del, and the yield-from loop
// shared by await. Shapes follow CPython 3.12's compile.c.
#include <string>

#include "frontend/compiler_impl.h"

namespace strata::compiler_detail {

using namespace ast;

// -- Frame blocks -------------------------------------------------------------------

bool Compiler::push_fblock(Location loc, FBlock b) {
  if (u().fblocks.size() >= static_cast<size_t>(kMaxBlocks))
    return fail(loc, "too many statically nested blocks");
  u().fblocks.push_back(b);
  return true;
}

bool Compiler::call_exit_with_nones(Location loc) {
  load_none(loc);
  load_none(loc);
  load_none(loc);
  emit(op::CALL, 2, loc);
  return true;
}

bool Compiler::clear_handler_name(ast::Str name, Location loc) {
  load_none(loc);
  return nameop(sv(name), ExprContext::Store, loc) && nameop(sv(name), ExprContext::Del, loc);
}

void Compiler::pop_except_and_reraise(Location loc) {
  emit(op::COPY, 3, loc);
  emit(op::POP_EXCEPT, loc);
  emit(op::RERAISE, 1, loc);
}

// Emits what leaving block `b` early requires; `preserve_tos` keeps a return value on
// top of the stack across it.
bool Compiler::unwind_fblock(const FBlock& b, bool preserve_tos, Location& loc) {
  switch (b.kind) {
    case FBlockKind::WhileLoop: case FBlockKind::ExceptionHandler:
    case FBlockKind::ExceptionGroupHandler: case FBlockKind::AsyncComprehensionGenerator:
    case FBlockKind::StopIteration:
      return true;
    case FBlockKind::ForLoop:
      if (preserve_tos) emit(op::SWAP, 2, loc);
      emit(op::POP_TOP, loc);  // the iterator
      return true;
    case FBlockKind::TryExcept:
      emit(op::POP_BLOCK, loc);
      return true;
    case FBlockKind::FinallyTry: {
      emit(op::POP_BLOCK, loc);
      if (preserve_tos && !push_fblock(loc, FBlock{FBlockKind::PopValue})) return false;
      // The finally body, compiled once more on this path.
      FBlock copy = b;
      if (!stmts(*copy.finalbody)) return false;
      if (preserve_tos) pop_fblock();
      // The unwinding instruction appears to run after the finally body.
      loc = kNoLocation;
      return true;
    }
    case FBlockKind::FinallyEnd:
      if (preserve_tos) emit(op::SWAP, 2, loc);
      emit(op::POP_TOP, loc);  // exc_value
      if (preserve_tos) emit(op::SWAP, 2, loc);
      emit(op::POP_BLOCK, loc);
      emit(op::POP_EXCEPT, loc);
      return true;
    case FBlockKind::With: case FBlockKind::AsyncWith:
      loc = loc_of(b.datum);
      emit(op::POP_BLOCK, loc);
      if (preserve_tos) emit(op::SWAP, 2, loc);
      call_exit_with_nones(loc);
      if (b.kind == FBlockKind::AsyncWith) {
        emit(op::GET_AWAITABLE, AWAITABLE_AFTER_AEXIT, loc);
        load_none(loc);
        if (!add_yield_from(loc, true)) return false;
      }
      emit(op::POP_TOP, loc);
      loc = kNoLocation;
      return true;
    case FBlockKind::HandlerCleanup:
      if (b.handler_name.present()) emit(op::POP_BLOCK, loc);
      if (preserve_tos) emit(op::SWAP, 2, loc);
      emit(op::POP_BLOCK, loc);
      emit(op::POP_EXCEPT, loc);
      if (b.handler_name.present() && !clear_handler_name(b.handler_name, loc)) return false;
      return true;
    case FBlockKind::PopValue:
      if (preserve_tos) emit(op::SWAP, 2, loc);
      emit(op::POP_TOP, loc);
      return true;
  }
  return true;
}

// Unwinds every block up to the innermost loop (when `loop` is given: it receives that
// loop, or null if there is none) or all blocks (return).
bool Compiler::unwind_fblock_stack(bool preserve_tos, Location& loc, const FBlock** loop) {
  std::vector<FBlock>& blocks = u().fblocks;
  if (blocks.empty()) return true;
  FBlock top = blocks.back();
  if (top.kind == FBlockKind::ExceptionGroupHandler)
    return fail(loc, "'break', 'continue' and 'return' cannot appear in an except* block");
  if (loop && (top.kind == FBlockKind::WhileLoop || top.kind == FBlockKind::ForLoop)) {
    *loop = &u().fblocks.back();
    return true;
  }
  u().fblocks.pop_back();
  bool ok = unwind_fblock(top, preserve_tos, loc) && unwind_fblock_stack(preserve_tos, loc, loop);
  u().fblocks.push_back(top);
  // A loop found below is still valid: the vector was only popped and re-pushed above
  // it, never reallocated below it.
  return ok;
}

// -- Yield and await ------------------------------------------------------------------

void Compiler::emit_yield(Location loc) {
  if (u().ste->generator && u().ste->coroutine)
    emit(op::CALL_INTRINSIC_1, INTRINSIC_ASYNC_GEN_WRAP, loc);
  emit(op::YIELD_VALUE, 0, loc);
  emit(op::RESUME, RESUME_AFTER_YIELD, loc);
}

bool Compiler::add_yield_from(Location loc, bool await) {
  int send = new_label(), fail_label = new_label(), exit = new_label();
  bind(send);
  emit_jump(op::SEND, exit, loc);
  // A virtual try/except: StopIteration from close() or throw() ends the loop.
  emit_jump(op::SETUP_FINALLY, fail_label, loc);
  emit(op::YIELD_VALUE, 0, loc);
  emit(op::POP_BLOCK, kNoLocation);
  emit(op::RESUME, await ? RESUME_AFTER_AWAIT : RESUME_AFTER_YIELD_FROM, loc);
  emit_jump(op::JUMP_NO_INTERRUPT, send, loc);
  bind(fail_label);
  emit(op::CLEANUP_THROW, loc);
  bind(exit);
  emit(op::END_SEND, loc);
  return true;
}

// -- Statements -----------------------------------------------------------------------

bool Compiler::stmts(const NodeList& list) {
  for (Node* s : list)
    if (!stmt(s)) return false;
  return true;
}

bool Compiler::stmt_if(If* s) {
  int end = new_label();
  int next = end;
  if (!s->orelse.empty()) next = new_label();
  if (!jump_if(s->test, next, false)) return false;
  if (!stmts(s->body)) return false;
  if (!s->orelse.empty()) {
    emit_jump(op::JUMP, end, kNoLocation);
    bind(next);
    if (!stmts(s->orelse)) return false;
  }
  bind(end);
  return true;
}

bool Compiler::stmt_while(While* s) {
  int loop = new_label(), body_label = new_label(), end = new_label(), anchor = new_label();
  Location loc = loc_of(s);
  bind(loop);
  if (!push_fblock(loc, FBlock{FBlockKind::WhileLoop, loop, end})) return false;
  if (!jump_if(s->test, anchor, false)) return false;
  bind(body_label);
  if (!stmts(s->body)) return false;
  // The test is repeated at the bottom so that each iteration takes one jump.
  if (!jump_if(s->test, body_label, true)) return false;
  pop_fblock();
  bind(anchor);
  if (!stmts(s->orelse)) return false;
  bind(end);
  return true;
}

bool Compiler::stmt_for(For* s) {
  Location loc = loc_of(s);
  int start = new_label(), body_label = new_label(), cleanup = new_label(), end = new_label();
  if (!push_fblock(loc, FBlock{FBlockKind::ForLoop, start, end})) return false;
  if (!iter_expr(s->iter)) return false;
  emit(op::GET_ITER, loc);
  bind(start);
  emit_jump(op::FOR_ITER, cleanup, loc);
  bind(body_label);
  if (!expr(s->target)) return false;
  if (!stmts(s->body)) return false;
  emit_jump(op::JUMP, start, kNoLocation);
  bind(cleanup);
  emit(op::END_FOR, loc);
  pop_fblock();
  if (!stmts(s->orelse)) return false;
  bind(end);
  return true;
}

bool Compiler::stmt_async_for(AsyncFor* s) {
  Location loc = loc_of(s);
  if (u().kind != UnitKind::AsyncFunction)
    return fail(loc, "'async for' outside async function");
  int start = new_label(), except = new_label(), end = new_label();
  if (!iter_expr(s->iter)) return false;
  emit(op::GET_AITER, loc);
  bind(start);
  if (!push_fblock(loc, FBlock{FBlockKind::ForLoop, start, end})) return false;
  emit_jump(op::SETUP_FINALLY, except, loc);
  emit(op::GET_ANEXT, loc);
  load_none(loc);
  if (!add_yield_from(loc, true)) return false;
  emit(op::POP_BLOCK, loc);
  if (!expr(s->target)) return false;
  if (!stmts(s->body)) return false;
  emit_jump(op::JUMP, start, kNoLocation);
  pop_fblock();
  bind(except);
  emit(op::END_ASYNC_FOR, loc_of(s->iter));
  if (!stmts(s->orelse)) return false;
  bind(end);
  return true;
}

bool Compiler::stmt_return(Return* s) {
  Location loc = loc_of(s);
  Node* value = s->value;
  Const folded;
  bool constant = value && fold(value, folded);
  bool preserve_tos = value && !constant;
  if (!is_function_like()) return fail(loc, "'return' outside function");
  if (value && u().ste->coroutine && u().ste->generator)
    return fail(loc, "'return' with value in async generator");
  if (preserve_tos) {
    if (!expr(value)) return false;
  } else if (value) {
    // A constant is returned at its own position (CPython's compiler_return).
    loc = loc_of(value);
    emit(op::NOP, loc);
  }
  if (!value || value->lineno != s->lineno) {
    loc = loc_of(s);
    emit(op::NOP, loc);
  }
  if (!unwind_fblock_stack(preserve_tos, loc, nullptr)) return false;
  if (!value) {
    load_none(loc);
  } else if (!preserve_tos) {
    load_const(std::move(folded), loc);
  }
  emit(op::RETURN_VALUE, loc);
  return true;
}

bool Compiler::stmt_break(Node* s) {
  Location loc = loc_of(s);
  emit(op::NOP, loc);
  const FBlock* loop = nullptr;
  if (!unwind_fblock_stack(false, loc, &loop)) return false;
  if (!loop) return fail(loc_of(s), "'break' outside loop");
  FBlock b = *loop;
  if (!unwind_fblock(b, false, loc)) return false;
  emit_jump(op::JUMP, b.exit, loc);
  return true;
}

bool Compiler::stmt_continue(Node* s) {
  Location loc = loc_of(s);
  emit(op::NOP, loc);
  const FBlock* loop = nullptr;
  if (!unwind_fblock_stack(false, loc, &loop)) return false;
  if (!loop) return fail(loc_of(s), "'continue' not properly in loop");
  emit_jump(op::JUMP, loop->block, loc);
  return true;
}

// Try and TryStar have the same fields; read them through one view.
namespace {
struct TryView {
  NodeList body, handlers, orelse, finalbody;
  explicit TryView(Node* s) {
    if (s->kind == Kind::Try) {
      auto* t = static_cast<Try*>(s);
      body = t->body; handlers = t->handlers; orelse = t->orelse; finalbody = t->finalbody;
    } else {
      auto* t = static_cast<TryStar*>(s);
      body = t->body; handlers = t->handlers; orelse = t->orelse; finalbody = t->finalbody;
    }
  }
};
}  // namespace

bool Compiler::stmt_try(Node* s, bool star) {
  TryView t(s);
  if (!t.finalbody.empty()) return try_finally(s, star);
  return star ? try_star_except(s) : try_except(s);
}

bool Compiler::try_finally(Node* s, bool star) {
  TryView t(s);
  Location loc = loc_of(s);
  int body_label = new_label(), end = new_label(), exit = new_label(), cleanup = new_label();
  emit_jump(op::SETUP_FINALLY, end, loc);
  bind(body_label);
  FBlock fb{FBlockKind::FinallyTry, body_label, end};
  const NodeList* finalbody = &static_cast<const NodeList&>(
      s->kind == Kind::Try ? static_cast<Try*>(s)->finalbody : static_cast<TryStar*>(s)->finalbody);
  fb.finalbody = finalbody;
  if (!push_fblock(loc, fb)) return false;
  if (!t.handlers.empty()) {
    if (!(star ? try_star_except(s) : try_except(s))) return false;
  } else {
    if (!stmts(t.body)) return false;
  }
  emit(op::POP_BLOCK, kNoLocation);
  pop_fblock();
  if (!stmts(t.finalbody)) return false;
  emit_jump(op::JUMP, exit, kNoLocation);

  bind(end);
  emit_jump(op::SETUP_CLEANUP, cleanup, kNoLocation);
  emit(op::PUSH_EXC_INFO, kNoLocation);
  if (!push_fblock(loc, FBlock{FBlockKind::FinallyEnd, end})) return false;
  if (!stmts(t.finalbody)) return false;
  pop_fblock();
  emit(op::RERAISE, 0, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(kNoLocation);
  bind(exit);
  return true;
}

bool Compiler::try_except(Node* s) {
  TryView t(s);
  Location loc = loc_of(s);
  int body_label = new_label(), except = new_label(), end = new_label(), cleanup = new_label();
  emit_jump(op::SETUP_FINALLY, except, loc);
  bind(body_label);
  if (!push_fblock(loc, FBlock{FBlockKind::TryExcept, body_label})) return false;
  if (!stmts(t.body)) return false;
  pop_fblock();
  emit(op::POP_BLOCK, kNoLocation);
  if (!stmts(t.orelse)) return false;
  emit_jump(op::JUMP, end, kNoLocation);

  bind(except);
  emit_jump(op::SETUP_CLEANUP, cleanup, kNoLocation);
  emit(op::PUSH_EXC_INFO, kNoLocation);
  if (!push_fblock(loc, FBlock{FBlockKind::ExceptionHandler})) return false;
  uint32_t n = t.handlers.size;
  for (uint32_t i = 0; i < n; i++) {
    auto* h = static_cast<ExceptHandler*>(t.handlers[i]);
    Location hloc = loc_of(h);
    if (!h->type && i < n - 1) return fail(hloc, "default 'except:' must be last");
    except = new_label();
    if (h->type) {
      if (!expr(h->type)) return false;
      emit(op::CHECK_EXC_MATCH, hloc);
      emit_jump(op::POP_JUMP_IF_FALSE, except, hloc);
    }
    if (h->name.present()) {
      int cleanup_end = new_label(), cleanup_body = new_label();
      if (!nameop(sv(h->name), ExprContext::Store, hloc)) return false;
      // try: body finally: name = None; del name   (the body may `del name` itself)
      emit_jump(op::SETUP_CLEANUP, cleanup_end, hloc);
      bind(cleanup_body);
      FBlock hb{FBlockKind::HandlerCleanup, cleanup_body};
      hb.handler_name = h->name;
      if (!push_fblock(hloc, hb)) return false;
      if (!stmts(h->body)) return false;
      pop_fblock();
      emit(op::POP_BLOCK, kNoLocation);
      emit(op::POP_BLOCK, kNoLocation);
      emit(op::POP_EXCEPT, kNoLocation);
      if (!clear_handler_name(h->name, kNoLocation)) return false;
      emit_jump(op::JUMP, end, kNoLocation);
      bind(cleanup_end);
      if (!clear_handler_name(h->name, kNoLocation)) return false;
      emit(op::RERAISE, 1, kNoLocation);
    } else {
      int cleanup_body = new_label();
      emit(op::POP_TOP, hloc);  // exc_value
      bind(cleanup_body);
      if (!push_fblock(hloc, FBlock{FBlockKind::HandlerCleanup, cleanup_body})) return false;
      if (!stmts(h->body)) return false;
      pop_fblock();
      emit(op::POP_BLOCK, kNoLocation);
      emit(op::POP_EXCEPT, kNoLocation);
      emit_jump(op::JUMP, end, kNoLocation);
    }
    bind(except);
  }
  pop_fblock();
  emit(op::RERAISE, 0, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(kNoLocation);
  bind(end);
  return true;
}

// except*: CPython 3.12's compiler_try_star_except. The raised group is split by each
// handler's type (CHECK_EG_MATCH); what handlers raise or leave unmatched is gathered
// in a list and re-raised at the end by CALL_INTRINSIC_2 PREP_RERAISE_STAR.
bool Compiler::try_star_except(Node* s) {
  TryView t(s);
  Location loc = loc_of(s);
  int body_label = new_label(), except = new_label(), orelse = new_label(), end = new_label(),
      cleanup = new_label(), reraise_star = new_label();
  emit_jump(op::SETUP_FINALLY, except, loc);
  bind(body_label);
  if (!push_fblock(loc, FBlock{FBlockKind::TryExcept, body_label})) return false;
  if (!stmts(t.body)) return false;
  pop_fblock();
  emit(op::POP_BLOCK, kNoLocation);
  emit_jump(op::JUMP, orelse, kNoLocation);
  uint32_t n = t.handlers.size;

  bind(except);
  emit_jump(op::SETUP_CLEANUP, cleanup, kNoLocation);
  emit(op::PUSH_EXC_INFO, kNoLocation);
  if (!push_fblock(loc, FBlock{FBlockKind::ExceptionGroupHandler})) return false;
  for (uint32_t i = 0; i < n; i++) {
    auto* h = static_cast<ExceptHandler*>(t.handlers[i]);
    Location hloc = loc_of(h);
    int next_except = new_label();
    except = next_except;
    int except_with_error = new_label(), no_match = new_label();
    if (i == 0) {
      // exc (the group) is on top: keep the original and a list of raised/unmatched.
      emit(op::BUILD_LIST, 0, hloc);
      emit(op::COPY, 2, hloc);
    }
    if (h->type) {
      if (!expr(h->type)) return false;
      emit(op::CHECK_EG_MATCH, hloc);
      emit(op::COPY, 1, hloc);
      emit_jump(op::POP_JUMP_IF_NONE, no_match, hloc);
    }
    int cleanup_end = new_label(), cleanup_body = new_label();
    if (h->name.present()) {
      if (!nameop(sv(h->name), ExprContext::Store, hloc)) return false;
    } else {
      emit(op::POP_TOP, hloc);
    }
    emit_jump(op::SETUP_CLEANUP, cleanup_end, hloc);
    bind(cleanup_body);
    FBlock hb{FBlockKind::HandlerCleanup, cleanup_body};
    hb.handler_name = h->name;
    if (!push_fblock(hloc, hb)) return false;
    if (!stmts(h->body)) return false;
    pop_fblock();
    emit(op::POP_BLOCK, kNoLocation);
    if (h->name.present()) {
      if (!clear_handler_name(h->name, kNoLocation)) return false;
    }
    emit_jump(op::JUMP, except, kNoLocation);

    bind(cleanup_end);
    if (h->name.present()) {
      if (!clear_handler_name(h->name, kNoLocation)) return false;
    }
    // add the exception the handler raised to the list
    emit(op::LIST_APPEND, 3, kNoLocation);
    emit(op::POP_TOP, kNoLocation);
    emit_jump(op::JUMP, except_with_error, kNoLocation);

    bind(except);
    emit(op::NOP, kNoLocation);
    emit_jump(op::JUMP, except_with_error, kNoLocation);

    bind(no_match);
    emit(op::POP_TOP, hloc);  // match (None)

    bind(except_with_error);
    if (i == n - 1) {
      emit(op::LIST_APPEND, 1, kNoLocation);  // the unhandled rest of the group, if any
      emit_jump(op::JUMP, reraise_star, kNoLocation);
    }
  }
  pop_fblock();
  int reraise = new_label();
  bind(reraise_star);
  emit(op::CALL_INTRINSIC_2, INTRINSIC_PREP_RERAISE_STAR, kNoLocation);
  emit(op::COPY, 1, kNoLocation);
  emit_jump(op::POP_JUMP_IF_NOT_NONE, reraise, kNoLocation);
  // Nothing to re-raise.
  emit(op::POP_TOP, kNoLocation);
  emit(op::POP_BLOCK, kNoLocation);
  emit(op::POP_EXCEPT, kNoLocation);
  emit_jump(op::JUMP, end, kNoLocation);
  bind(reraise);
  emit(op::POP_BLOCK, kNoLocation);
  emit(op::SWAP, 2, kNoLocation);
  emit(op::POP_EXCEPT, kNoLocation);
  emit(op::RERAISE, 0, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(kNoLocation);
  bind(orelse);
  if (!stmts(t.orelse)) return false;
  bind(end);
  return true;
}

bool Compiler::with_except_finish(int cleanup) {
  int suppress = new_label(), exit = new_label();
  emit_jump(op::POP_JUMP_IF_TRUE, suppress, kNoLocation);
  emit(op::RERAISE, 2, kNoLocation);
  bind(suppress);
  emit(op::POP_TOP, kNoLocation);  // exc_value
  emit(op::POP_BLOCK, kNoLocation);
  emit(op::POP_EXCEPT, kNoLocation);
  emit(op::POP_TOP, kNoLocation);
  emit(op::POP_TOP, kNoLocation);
  emit_jump(op::JUMP, exit, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(kNoLocation);
  bind(exit);
  return true;
}

bool Compiler::stmt_with(With* s, uint32_t pos) {
  int block = new_label(), final = new_label(), exit = new_label(), cleanup = new_label();
  auto* item = static_cast<withitem*>(s->items[pos]);
  if (!expr(item->context_expr)) return false;
  Location loc = loc_of(s);
  emit(op::BEFORE_WITH, loc);
  emit_jump(op::SETUP_WITH, final, loc);
  bind(block);
  FBlock fb{FBlockKind::With, block, final};
  fb.datum = s;
  if (!push_fblock(loc, fb)) return false;
  if (item->optional_vars) {
    if (!expr(item->optional_vars)) return false;
  } else {
    emit(op::POP_TOP, loc);  // __enter__()'s result
  }
  if (pos + 1 == s->items.size) {
    if (!stmts(s->body)) return false;
  } else if (!stmt_with(s, pos + 1)) {
    return false;
  }
  emit(op::POP_BLOCK, kNoLocation);
  pop_fblock();
  call_exit_with_nones(loc);
  emit(op::POP_TOP, loc);
  emit_jump(op::JUMP, exit, loc);

  bind(final);
  emit_jump(op::SETUP_CLEANUP, cleanup, loc);
  emit(op::PUSH_EXC_INFO, loc);
  emit(op::WITH_EXCEPT_START, loc);
  if (!with_except_finish(cleanup)) return false;
  bind(exit);
  return true;
}

bool Compiler::stmt_async_with(AsyncWith* s, uint32_t pos) {
  Location loc = loc_of(s);
  if (u().kind != UnitKind::AsyncFunction)
    return fail(loc, "'async with' outside async function");
  int block = new_label(), final = new_label(), exit = new_label(), cleanup = new_label();
  auto* item = static_cast<withitem*>(s->items[pos]);
  if (!expr(item->context_expr)) return false;
  emit(op::BEFORE_ASYNC_WITH, loc);
  emit(op::GET_AWAITABLE, AWAITABLE_AFTER_AENTER, loc);
  load_none(loc);
  if (!add_yield_from(loc, true)) return false;
  emit_jump(op::SETUP_WITH, final, loc);
  bind(block);
  FBlock fb{FBlockKind::AsyncWith, block, final};
  fb.datum = s;
  if (!push_fblock(loc, fb)) return false;
  if (item->optional_vars) {
    if (!expr(item->optional_vars)) return false;
  } else {
    emit(op::POP_TOP, loc);
  }
  if (pos + 1 == s->items.size) {
    if (!stmts(s->body)) return false;
  } else if (!stmt_async_with(s, pos + 1)) {
    return false;
  }
  pop_fblock();
  emit(op::POP_BLOCK, kNoLocation);
  call_exit_with_nones(loc);
  emit(op::GET_AWAITABLE, AWAITABLE_AFTER_AEXIT, loc);
  load_none(loc);
  if (!add_yield_from(loc, true)) return false;
  emit(op::POP_TOP, loc);
  emit_jump(op::JUMP, exit, loc);

  bind(final);
  emit_jump(op::SETUP_CLEANUP, cleanup, loc);
  emit(op::PUSH_EXC_INFO, loc);
  emit(op::WITH_EXCEPT_START, loc);
  emit(op::GET_AWAITABLE, AWAITABLE_AFTER_AEXIT, loc);
  load_none(loc);
  if (!add_yield_from(loc, true)) return false;
  if (!with_except_finish(cleanup)) return false;
  bind(exit);
  return true;
}

static Const int_const(int64_t v) {
  Const c;
  c.tag = ConstTag::Int;
  c.i = v;
  return c;
}
static Const str_const(std::string_view s) {
  Const c;
  c.tag = ConstTag::Str;
  c.text.assign(s);
  return c;
}

bool Compiler::stmt_import(Import* s) {
  Location loc = loc_of(s);
  for (Node* n : s->names) {
    auto* a = static_cast<alias*>(n);
    std::string_view name = sv(a->name);
    load_const(int_const(0), loc);
    load_none(loc);
    // Names of IMPORT_NAME and from-import's IMPORT_FROM are mangled inside a class, as
    // every name CPython's compiler adds through ADDOP_NAME.
    emit(op::IMPORT_NAME, add_name_mangled(name), loc);
    if (a->asname.present()) {
      size_t dot = name.find('.');
      if (dot != std::string_view::npos) {
        // import a.b.c as d: d is the submodule, reached by attribute steps.
        while (true) {
          size_t pos = dot + 1;
          dot = name.find('.', pos);
          std::string_view attr = name.substr(pos, dot == std::string_view::npos ? name.size() - pos
                                                                                 : dot - pos);
          emit(op::IMPORT_FROM, add_name(attr), loc);
          if (dot == std::string_view::npos) break;
          emit(op::SWAP, 2, loc);
          emit(op::POP_TOP, loc);
        }
        if (!nameop(sv(a->asname), ExprContext::Store, loc)) return false;
        emit(op::POP_TOP, loc);
      } else if (!nameop(sv(a->asname), ExprContext::Store, loc)) {
        return false;
      }
    } else {
      size_t dot = name.find('.');
      if (!nameop(name.substr(0, dot), ExprContext::Store, loc)) return false;
    }
  }
  return true;
}

bool Compiler::stmt_import_from(ImportFrom* s) {
  Location loc = loc_of(s);
  load_const(int_const(s->level), loc);
  Const names;
  names.tag = ConstTag::Tuple;
  for (Node* n : s->names) names.items.push_back(str_const(sv(static_cast<alias*>(n)->name)));
  load_const(std::move(names), loc);
  if (s->module.present() && sv(s->module) == "__future__" && s->lineno > future_lineno_)
    return fail(loc, "from __future__ imports must occur at the beginning of the file");
  emit(op::IMPORT_NAME, add_name_mangled(sv(s->module)), loc);
  for (uint32_t i = 0; i < s->names.size; i++) {
    auto* a = static_cast<alias*>(s->names[i]);
    if (i == 0 && sv(a->name) == "*") {
      emit(op::CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR, loc);
      emit(op::POP_TOP, kNoLocation);
      return true;
    }
    emit(op::IMPORT_FROM, add_name_mangled(sv(a->name)), loc);
    if (!nameop(a->asname.present() ? sv(a->asname) : sv(a->name), ExprContext::Store, loc))
      return false;
  }
  emit(op::POP_TOP, loc);  // the module
  return true;
}

bool Compiler::stmt_assert(Assert* s) {
  if (options_.optimize) return true;
  // 3.11 raises at the test's position (its traceback underlines the test).
  Location loc = loc_of(s->test);
  int end = new_label();
  if (!jump_if(s->test, end, true)) return false;
  emit(op::LOAD_ASSERTION_ERROR, loc);
  if (s->msg) {
    if (!expr(s->msg)) return false;
    emit(op::CALL, 0, loc);
  }
  emit(op::RAISE_VARARGS, 1, loc);
  bind(end);
  return true;
}

bool Compiler::stmt_aug_assign(AugAssign* s) {
  Node* e = s->target;
  Location loc = loc_of(e);
  switch (e->kind) {
    case Kind::Attribute: {
      auto* a = static_cast<Attribute*>(e);
      if (!expr(a->value)) return false;
      emit(op::COPY, 1, loc);
      emit(op::LOAD_ATTR, name_oparg(op::LOAD_ATTR, add_name_mangled(sv(a->attr))),
           attr_loc(a, loc));
      break;
    }
    case Kind::Subscript: {
      auto* sub = static_cast<Subscript*>(e);
      if (!expr(sub->value)) return false;
      auto* sl = as<Slice>(sub->slice);
      if (sl && !sl->step) {
        if (slice_parts(sl) < 0) return false;
        emit(op::COPY, 3, loc);
        emit(op::COPY, 3, loc);
        emit(op::COPY, 3, loc);
        emit(op::BINARY_SLICE, loc);
      } else {
        if (!expr(sub->slice)) return false;
        emit(op::COPY, 2, loc);
        emit(op::COPY, 2, loc);
        emit(op::BINARY_SUBSCR, loc);
      }
      break;
    }
    case Kind::Name:
      if (!nameop(sv(static_cast<Name*>(e)->id), ExprContext::Load, loc)) return false;
      break;
    default:
      return fail(loc, "invalid node type for augmented assignment");
  }
  if (!expr(s->value)) return false;
  emit(op::BINARY_OP, binary_oparg(s->op, true), loc_of(s));
  switch (e->kind) {
    case Kind::Attribute: {
      auto* a = static_cast<Attribute*>(e);
      Location l = attr_loc(a, loc);
      emit(op::SWAP, 2, l);
      emit(op::STORE_ATTR, add_name_mangled(sv(a->attr)), l);
      break;
    }
    case Kind::Subscript: {
      auto* sl = as<Slice>(static_cast<Subscript*>(e)->slice);
      if (sl && !sl->step) {
        emit(op::SWAP, 4, loc);
        emit(op::SWAP, 3, loc);
        emit(op::SWAP, 2, loc);
        emit(op::STORE_SLICE, loc);
      } else {
        emit(op::SWAP, 3, loc);
        emit(op::SWAP, 2, loc);
        emit(op::STORE_SUBSCR, loc);
      }
      break;
    }
    default:
      return nameop(sv(static_cast<Name*>(e)->id), ExprContext::Store, loc);
  }
  return true;
}

bool Compiler::check_ann_expr(Node* e) {
  if (!expr(e)) return false;
  emit(op::POP_TOP, loc_of(e));
  return true;
}

bool Compiler::check_ann_subscr(Node* e) {
  if (auto* sl = as<Slice>(e)) {
    if (sl->lower && !check_ann_expr(sl->lower)) return false;
    if (sl->upper && !check_ann_expr(sl->upper)) return false;
    if (sl->step && !check_ann_expr(sl->step)) return false;
    return true;
  }
  if (auto* t = as<Tuple>(e)) {
    for (Node* elt : t->elts)
      if (!check_ann_subscr(elt)) return false;
    return true;
  }
  return check_ann_expr(e);
}

bool Compiler::stmt_ann_assign(AnnAssign* s) {
  Location loc = loc_of(s);
  Node* target = s->target;
  if (s->value) {
    if (!expr(s->value)) return false;
    if (!expr(target)) return false;
  }
  bool module_or_class = u().kind == UnitKind::Module || u().kind == UnitKind::Class;
  switch (target->kind) {
    case Kind::Name: {
      std::string_view id = sv(static_cast<Name*>(target)->id);
      if (forbidden_name(id, ExprContext::Store, loc)) return false;
      if (s->simple && module_or_class) {
        if (!annotation_value(s->annotation, loc)) return false;
        emit(op::LOAD_NAME, add_name("__annotations__"), loc);
        load_const(str_const(mangle(id)), loc);
        emit(op::STORE_SUBSCR, loc);
      }
      break;
    }
    case Kind::Attribute: {
      auto* a = static_cast<Attribute*>(target);
      if (forbidden_name(sv(a->attr), ExprContext::Store, loc)) return false;
      if (!s->value && !check_ann_expr(a->value)) return false;
      break;
    }
    case Kind::Subscript: {
      auto* sub = static_cast<Subscript*>(target);
      if (!s->value && (!check_ann_expr(sub->value) || !check_ann_subscr(sub->slice)))
        return false;
      break;
    }
    default:
      return fail(loc, "invalid node type for annotated assignment");
  }
  // Annotations of complex targets are evaluated (last) in modules and classes only.
  if (!s->simple && !(future_flags_ & CO_FUTURE_ANNOTATIONS) && module_or_class)
    return check_ann_expr(s->annotation);
  return true;
}

bool Compiler::stmt(Node* s) {
  if (failed_) return false;
  Location loc = loc_of(s);
  switch (s->kind) {
    case Kind::FunctionDef: return function_def(s, false);
    case Kind::AsyncFunctionDef: return function_def(s, true);
    case Kind::ClassDef: return class_def(static_cast<ClassDef*>(s));
    case Kind::Return: return stmt_return(static_cast<Return*>(s));
    case Kind::Delete:
      for (Node* t : static_cast<Delete*>(s)->targets)
        if (!expr(t)) return false;
      return true;
    case Kind::Assign: {
      auto* a = static_cast<Assign*>(s);
      if (!expr(a->value)) return false;
      for (uint32_t i = 0; i < a->targets.size; i++) {
        if (i + 1 < a->targets.size) emit(op::COPY, 1, loc);
        if (!expr(a->targets[i])) return false;
      }
      return true;
    }
    case Kind::AugAssign: return stmt_aug_assign(static_cast<AugAssign*>(s));
    case Kind::AnnAssign: return stmt_ann_assign(static_cast<AnnAssign*>(s));
    case Kind::For: return stmt_for(static_cast<For*>(s));
    case Kind::AsyncFor: return stmt_async_for(static_cast<AsyncFor*>(s));
    case Kind::While: return stmt_while(static_cast<While*>(s));
    case Kind::If: return stmt_if(static_cast<If*>(s));
    case Kind::With: return stmt_with(static_cast<With*>(s), 0);
    case Kind::AsyncWith: return stmt_async_with(static_cast<AsyncWith*>(s), 0);
    case Kind::Match: return stmt_match(static_cast<Match*>(s));
    case Kind::Raise: {
      auto* r = static_cast<Raise*>(s);
      int n = 0;
      if (r->exc) {
        if (!expr(r->exc)) return false;
        n++;
        if (r->cause) {
          if (!expr(r->cause)) return false;
          n++;
        }
      }
      emit(op::RAISE_VARARGS, n, loc);
      return true;
    }
    case Kind::Try: return stmt_try(s, false);
    case Kind::TryStar: return stmt_try(s, true);
    case Kind::Assert: return stmt_assert(static_cast<Assert*>(s));
    case Kind::Import: return stmt_import(static_cast<Import*>(s));
    case Kind::ImportFrom: return stmt_import_from(static_cast<ImportFrom*>(s));
    case Kind::Global: case Kind::Nonlocal: return true;
    case Kind::Expr: {
      Node* value = static_cast<Expr*>(s)->value;
      if (interactive_ && nest_level_ <= 1) {
        if (!expr(value)) return false;
        emit(op::CALL_INTRINSIC_1, INTRINSIC_PRINT, loc);
        emit(op::POP_TOP, loc);
        return true;
      }
      if (value->kind == Kind::Constant) {
        emit(op::NOP, loc);  // a constant statement only keeps its line
        return true;
      }
      if (!expr(value)) return false;
      emit(op::POP_TOP, kNoLocation);
      return true;
    }
    case Kind::Pass:
      emit(op::NOP, loc);
      return true;
    case Kind::Break: return stmt_break(s);
    case Kind::Continue: return stmt_continue(s);
    default:
      return fail(loc, "internal compiler error: unexpected statement");
  }
}

}  // namespace strata::compiler_detail
