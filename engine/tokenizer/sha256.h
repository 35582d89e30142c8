#pragma once
// SHA-256 of a byte string, as 64 lowercase hex digits. Used to check that an installed
// vocabulary file is the one the tokenizer was written for (FIPS 180-4).
#include <string>
#include <string_view>

namespace gb {

std::string sha256_hex(std::string_view bytes);

}  // namespace gb
