// frontend/image_cache.cpp — STUB (issue 3 helper replaces).
#include "frontend/image_cache.h"
