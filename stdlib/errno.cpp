// stdlib/errno.cpp — placeholder
