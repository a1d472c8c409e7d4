// frontend/code_image.h — STUB (issue 3 helper replaces).
#pragma once
