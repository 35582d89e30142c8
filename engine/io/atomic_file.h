#pragma once
// Every file Glassbox writes goes through here: the bytes go to a temporary file in the
// same folder, are flushed to disk, and the temporary file is renamed over the target.
// A crash or an error leaves either the old file or the new one, never half of one.
#include <filesystem>
#include <string>
#include <string_view>

namespace gb {

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// The same, for files too big to build in memory first (a 1.5B model is 6 GB): write()
// appends, commit() flushes and renames. Destroyed without commit() (an exception on the
// way), it removes the temporary file and leaves the target as it was.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::string_view bytes);
  void commit();

 private:
  void fail(const std::string& what, int err);
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  int fd_ = -1;
};

// Reads a whole file; throws gb::Error "<path>: <problem>" when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace gb
