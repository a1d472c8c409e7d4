// stdlib/posix.cpp — placeholder
