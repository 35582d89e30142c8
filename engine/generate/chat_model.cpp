#include "engine/generate/chat_model.h"

#include <system_error>

#include "engine/core/error.h"
#include "engine/io/model_dir.h"

namespace gb {

ChatModel ChatModel::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw Error(dir.string() + ": not a model directory");
  if (!std::filesystem::exists(dir / "tokenizer.json", ec))
    throw Error(dir.string() + ": has no tokenizer.json, so text cannot be turned into tokens for a chat");
  ChatModel m;
  m.dir = dir;
  m.name = dir.filename().string();
  if (m.name.empty()) m.name = dir.parent_path().filename().string();
  m.chat_template = chat_template_for_model(dir);
  m.tokenizer = load_tokenizer(dir.string());
  // Weights stored in 16 bits stay in 16 bits: the chat's model only generates, so it keeps
  // just the 16-bit copies (the same numbers as the file's): half the f32 model's memory,
  // and half the bytes streamed per token (about twice the tokens/s on a laptop's CPU).
  const DType stored = stored_matrix_dtype(dir);
  m.model = std::shared_ptr<LanguageModel>(
      load_model(dir, stored == DType::F16 || stored == DType::BF16 ? stored : DType::F32));
  return m;
}

std::vector<int32_t> encode_chat_prompt(const Tokenizer& tokenizer, const std::string& prompt, const ChatTemplate& tmpl) {
  std::vector<int32_t> ids = tokenizer.encode(prompt, /*allow_special=*/true);
  if (!tmpl.bos.empty() && prompt.rfind(tmpl.bos, 0) == 0 && ids.size() >= 2 && ids[0] == ids[1]) {
    const std::vector<int32_t> bos = tokenizer.encode(tmpl.bos, true);
    if (bos.size() == 1 && bos[0] == ids[0]) ids.erase(ids.begin());
  }
  return ids;
}

ChatRequest ChatModel::request(const std::vector<ChatTurn>& turns, const ChatTemplate& tmpl,
                               const SamplingOptions& sampling) const {
  ChatRequest r;
  r.prompt = encode_chat_prompt(*tokenizer, tmpl.render(turns, /*add_generation_prompt=*/true), tmpl);
  if (r.prompt.empty()) {
    // An empty prompt (plain template, nothing typed): start from end-of-text, as GPT-2 does.
    const auto eos = tokenizer->eos_id();
    if (!eos) throw UsageError("the message is empty and the tokenizer has no end-of-text token to start from");
    r.prompt.push_back(*eos);
  }
  r.sampling = sampling;
  r.stop_strings = tmpl.stop_strings();
  r.stop_ids = single_token_stops(*tokenizer, r.stop_strings);
  return r;
}

}  // namespace gb
