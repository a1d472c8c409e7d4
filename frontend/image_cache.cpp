// frontend/image_cache.cpp — the on-disk code image cache (see image_cache.h): cache
// paths, reading an image file whole, atomic writes by temporary file and rename.
#include "frontend/image_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace strata {

namespace {

// Splits "DIR/NAME.py" into "DIR" ("." for none) and "NAME" (the extension dropped, as
// CPython names its .pyc files after the module).
void split_source(const std::string& source_path, std::string& dir, std::string& stem) {
  size_t slash = source_path.rfind('/');
  std::string base;
  if (slash == std::string::npos) {
    dir.assign(1, '.');  // not = ".": GCC 12 warns falsely (-Wrestrict)
    base = source_path;
  } else {
    dir = slash == 0 ? "/" : source_path.substr(0, slash);
    base = source_path.substr(slash + 1);
  }
  size_t dot = base.rfind('.');
  stem = (dot == std::string::npos || dot == 0) ? base : base.substr(0, dot);
}

std::string image_file_name(const std::string& stem) {
  return stem + ".strata-" + std::to_string(kImageFormatVersion) + ".img";
}

bool read_whole_file(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<uint64_t>(st.st_size) <= UINT32_MAX;
  if (ok) {
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out.size()) {
      ssize_t n = ::read(fd, out.data() + got, out.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // shrank under us: the length check in open() rejects it
      got += static_cast<size_t>(n);
    }
    out.resize(got);
  }
  ::close(fd);
  return ok;
}

// mkdir -p; the directories it creates get `mode`.
bool make_dirs(const std::string& path, mode_t mode) {
  if (path.empty()) return false;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(path.substr(0, slash), mode)) {
    return false;
  }
  return ::mkdir(path.c_str(), mode) == 0 || errno == EEXIST;
}

// Writes `bytes` to DIR/NAME by way of a temporary file in DIR renamed over it, so that
// a concurrent reader sees the old file or the new one, never a mixture.
bool write_atomically(const std::string& dir, const std::string& name, std::string_view bytes,
                      bool sync) {
  static std::atomic<unsigned> counter{0};
  std::string target = dir + "/" + name;
  std::string tmp = target + ".tmp" + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  bool ok = true;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (ok && sync) ok = ::fsync(fd) == 0;
  if (::close(fd) != 0) ok = false;
  if (ok) ok = ::rename(tmp.c_str(), target.c_str()) == 0;
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

bool try_load(const std::string& path, const ImageKey& key, CodeImage& out) {
  if (path.empty()) return false;
  std::string bytes;
  if (!read_whole_file(path, bytes)) return false;
  std::string why;
  return CodeImage::open(std::move(bytes), &key, out, why);
}

}  // namespace

bool source_key(const std::string& source_path, ImageKey& key) {
  struct stat st;
  if (::stat(source_path.c_str(), &st) != 0) return false;
  key = ImageKey{};
  key.source_size = static_cast<uint64_t>(st.st_size);
  key.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

std::string cache_path_for(const std::string& source_path) {
  std::string dir, stem;
  split_source(source_path, dir, stem);
  return (dir == "/" ? "" : dir) + "/__pycache__/" + image_file_name(stem);
}

std::string fallback_path_for(const std::string& source_path, const std::string& root) {
  if (root.empty()) return {};
  std::string dir, stem;
  split_source(source_path, dir, stem);
  if (dir.empty() || dir[0] != '/') {
    char cwd[4096];
    if (!::getcwd(cwd, sizeof cwd)) return {};
    dir = dir == "." ? std::string(cwd) : std::string(cwd) + "/" + dir;
  }
  // Lexically normalized, so that ".." components cannot climb out of the root.
  dir = std::filesystem::path(dir).lexically_normal().string();
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (dir == "/") dir.clear();
  return root + dir + "/" + image_file_name(stem);
}

std::string default_fallback_root() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/strata";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/strata";
  return {};
}

bool ImageCache::load(const std::string& source_path, const ImageKey& key, CodeImage& out,
                      std::string* found_at) const {
  for (const std::string& path :
       {cache_path_for(source_path), fallback_path_for(source_path, fallback_root_)}) {
    if (try_load(path, key, out)) {
      if (found_at) *found_at = path;
      return true;
    }
  }
  return false;
}

bool ImageCache::store(const std::string& source_path, std::string_view image,
                       std::string* written_to) const {
  if (image.empty()) return false;
  const std::string paths[2] = {cache_path_for(source_path),
                                fallback_path_for(source_path, fallback_root_)};
  for (int i = 0; i < 2; ++i) {
    const std::string& path = paths[i];
    if (path.empty()) continue;
    size_t slash = path.rfind('/');
    std::string dir = path.substr(0, slash), name = path.substr(slash + 1);
    // Only __pycache__ itself is created beside the source (0755 before umask, like
    // CPython's); the fallback tree is created whole and is the user's alone.
    bool have_dir;
    if (i == 0) {
      struct stat st;
      have_dir = (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) &&
                 ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    } else {
      have_dir = make_dirs(dir, 0700);
    }
    if (have_dir && write_atomically(dir, name, image, fsync_)) {
      if (written_to) *written_to = path;
      return true;
    }
  }
  return false;
}

bool load_cached(const std::string& source_path, const ImageKey& key, CodeImage& out) {
  return ImageCache().load(source_path, key, out);
}

bool store_cached(const std::string& source_path, std::string_view image) {
  return ImageCache().store(source_path, image);
}

}  // namespace strata
