// stdlib/time.cpp — placeholder
