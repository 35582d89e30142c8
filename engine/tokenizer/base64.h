#pragma once
// Standard base64 (RFC 4648, with or without padding), as tiktoken rank files and the
// Mistral vocabulary store their token bytes.
#include <string>
#include <string_view>

namespace gb {

// Decodes `in` into `out`; false on a character outside the alphabet.
bool base64_decode(std::string_view in, std::string& out);

}  // namespace gb
