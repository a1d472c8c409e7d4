// stdlib/stat.cpp — placeholder
