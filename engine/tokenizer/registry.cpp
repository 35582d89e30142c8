#include "engine/core/error.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb {

std::unique_ptr<Tokenizer> load_tokenizer(const std::string& name_or_path) {
  throw Error("unknown tokenizer '" + name_or_path + "'");
}

}  // namespace gb
