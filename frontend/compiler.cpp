// frontend/compiler.cpp — STUB (issue 3 helper replaces).
#include "frontend/compiler.h"
