// tests/fuzz/fuzz_image.cpp — STUB (image helper replaces).
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }
