#include "engine/tokenizer/hf_pipeline.h"

namespace gb {

std::unique_ptr<Tokenizer> load_hf_pipeline(const hf::JsonFile& f) {
  f.fail("this tokenizer.json pipeline is not supported yet");
}

}  // namespace gb

#include "engine/tokenizer/hf_tokenizer.h"
namespace gb {
std::unique_ptr<Tokenizer> load_mistral_js(const std::filesystem::path& js_file) {
  throw Error(js_file.string() + ": not built yet");
}
}  // namespace gb
