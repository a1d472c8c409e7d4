// frontend/code_image.cpp — STUB (issue 3 helper replaces).
#include "frontend/code_image.h"
