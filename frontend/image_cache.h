// frontend/image_cache.h — STUB (issue 3 helper replaces).
#pragma once
