// frontend/symtable.cpp — STUB (issue 3 helper replaces).
#include "frontend/symtable.h"
