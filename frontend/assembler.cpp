// frontend/assembler.cpp — STUB (issue 3 helper replaces).
#include "frontend/assembler.h"
