// tools/dis.cpp — STUB (issue 3 helper replaces).
