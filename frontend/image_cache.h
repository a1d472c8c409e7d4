// frontend/image_cache.h — the on-disk cache of code images: where a source file's image
// lives, reading it back only when it is intact and current, writing it atomically.
//
// A source DIR/NAME.py caches its image in DIR/__pycache__/NAME.strata-<format>.img
// (like CPython's NAME.cpython-311.pyc). When DIR cannot be written (a system library
// such as /usr/lib/python3.11), the image goes to a per-user fallback that mirrors the
// source's absolute directory: $XDG_CACHE_HOME/strata/DIR/NAME.strata-<format>.img, or
// ~/.cache/strata/... without XDG_CACHE_HOME.
//
// The key is the source's size and mtime (ns). A truncated, corrupt or stale file fails
// CodeImage::open and is ignored; the caller compiles and stores again, which replaces
// it. Writes go to a temporary file in the same directory and are renamed over the
// target, so a reader never sees a partly written image. Every failure to write (no
// permission, full disk, no home directory) just means no cache: nothing is reported.
#pragma once
#include <string>
#include <string_view>

#include "frontend/code_image.h"

namespace strata {

// The key of the source file at `source_path` (size and mtime); false if it cannot be
// stat'ed.
bool source_key(const std::string& source_path, ImageKey& key);

// DIR/__pycache__/NAME.strata-<format>.img for DIR/NAME.py.
std::string cache_path_for(const std::string& source_path);
// ROOT/<absolute DIR>/NAME.strata-<format>.img; "" when root is "".
std::string fallback_path_for(const std::string& source_path, const std::string& root);
// $XDG_CACHE_HOME/strata, else $HOME/.cache/strata, else "" (no fallback).
std::string default_fallback_root();

class ImageCache {
 public:
  ImageCache() : fallback_root_(default_fallback_root()) {}
  // `fallback_root` "" disables the per-user fallback (tests pass a temp directory).
  explicit ImageCache(std::string fallback_root) : fallback_root_(std::move(fallback_root)) {}

  // Opens the first intact image of `source_path` whose key equals `key`, looking in
  // __pycache__ and then in the fallback. `found_at`, if given, receives its path.
  bool load(const std::string& source_path, const ImageKey& key, CodeImage& out,
            std::string* found_at = nullptr) const;

  // Writes `image` for `source_path` to __pycache__, or when that fails to the fallback.
  // Returns whether a file was written; `written_to`, if given, receives its path.
  bool store(const std::string& source_path, std::string_view image,
             std::string* written_to = nullptr) const;

  // fsync the temporary file before renaming it (off by default: a crash can at worst
  // leave a truncated image, which the checksum rejects).
  void set_fsync(bool on) { fsync_ = on; }
  const std::string& fallback_root() const { return fallback_root_; }

 private:
  std::string fallback_root_;
  bool fsync_ = false;
};

// The same with the default fallback root.
bool load_cached(const std::string& source_path, const ImageKey& key, CodeImage& out);
bool store_cached(const std::string& source_path, std::string_view image);

}  // namespace strata
