// frontend/parser_support.cpp — STUB (parser helper replaces).
