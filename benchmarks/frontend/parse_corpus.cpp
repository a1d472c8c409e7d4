// benchmarks/frontend/parse_corpus.cpp — STUB (test helper replaces).
int main() { return 0; }
