#pragma once
// Every file Glassbox writes goes through here: the bytes go to a temporary file in the
// same folder, are flushed to disk, and the temporary file is renamed over the target.
// A crash or an error leaves either the old file or the new one, never half of one.
#include <filesystem>
#include <string_view>

namespace gb {

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Reads a whole file; throws gb::Error "<path>: <problem>" when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace gb
