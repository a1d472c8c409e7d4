// frontend/pyrepr.h — Python's repr() of literal values, as CPython 3.11 writes them.
#pragma once
#include <string>
#include <string_view>

namespace strata {

void append_repr_str(std::string& out, std::string_view utf8);    // 'abc', "it's", '\x00'
void append_repr_bytes(std::string& out, std::string_view bytes); // b'\x00a'
void append_repr_float(std::string& out, double value);           // 1.0, 1e+16, inf, nan
void append_repr_complex(std::string& out, double imag);          // 1j, (-0-1j) forms
void append_repr_int_text(std::string& out, std::string_view decimal_digits);

}  // namespace strata
