// vm/repl.h — the interactive prompt (`strata` on a terminal, `strata -i`).
#pragma once

namespace strata {

// Runs the read-eval-print loop on stdin until EOF or SystemExit; the runtime is
// initialized and __main__ may already hold a program's names (-i). Returns the exit
// status.
int run_repl(bool show_banner);

}  // namespace strata
