// frontend/pyrepr.cpp — STUB (dump helper replaces).
#include "frontend/pyrepr.h"
namespace strata {
void append_repr_str(std::string& out, std::string_view s) { out += '\''; out += s; out += '\''; }
void append_repr_bytes(std::string& out, std::string_view s) { out += "b'"; out += s; out += '\''; }
void append_repr_float(std::string& out, double v) { out += std::to_string(v); }
void append_repr_complex(std::string& out, double v) { out += std::to_string(v); out += 'j'; }
void append_repr_int_text(std::string& out, std::string_view d) { out += d; }
}  // namespace strata
