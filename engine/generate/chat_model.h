#pragma once
// A model ready to chat: the model, its tokenizer and its chat template, loaded from a model
// directory, and the request for the next answer of a conversation. The CLI's `chat` and the
// app's chat view both go through here, so they build the same prompts.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/generate/chat_stream.h"
#include "engine/generate/chat_template.h"

namespace gb {

struct ChatModel {
  std::string name;                 // the directory's name ("glassbox-chat")
  std::filesystem::path dir;
  std::shared_ptr<LanguageModel> model;  // any family (GPT-2, Llama, …)
  std::shared_ptr<const Tokenizer> tokenizer;
  ChatTemplate chat_template;       // from tokenizer_config.json, else Alpaca

  // Loads config.json, the weights, tokenizer.json and tokenizer_config.json. Throws gb::Error
  // naming the directory and what is missing or wrong. Weights stored as f16 or bf16 stay
  // in that precision: the model is generation-only (LanguageModel::set_inference_weights).
  static ChatModel load(const std::filesystem::path& dir);

  // The prompt for the next assistant turn after `turns` in template `tmpl`, its end-of-turn
  // markers as stop ids and strings, and the sampling options.
  ChatRequest request(const std::vector<ChatTurn>& turns, const ChatTemplate& tmpl, const SamplingOptions& sampling) const;
  ChatRequest request(const std::vector<ChatTurn>& turns, const SamplingOptions& sampling) const {
    return request(turns, chat_template, sampling);
  }
};

// Prompt ids for a rendered template. Markers that are special tokens of this tokenizer become
// those tokens (as apply_chat_template does); when the tokenizer itself also put a start
// token in front, the doubled one is dropped.
std::vector<int32_t> encode_chat_prompt(const Tokenizer& tokenizer, const std::string& prompt, const ChatTemplate& tmpl);

}  // namespace gb
