// frontend/compiler.h — STUB (issue 3 helper replaces).
#pragma once
