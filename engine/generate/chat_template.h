#pragma once
// Chat prompt templates: how a conversation (system prompt, user and assistant turns) is
// written out as the one text a language model continues.
//
// A chat model only answers well in the format it was finetuned on:
//   alpaca  the book's instruction format (Glassbox's own models, chapter 7)
//   llama2  <s>[INST] <<SYS>>…<</SYS>> … [/INST] answer </s>   (Llama 2 chat, Mistral-style)
//   chatml  <|im_start|>role\n…<|im_end|>\n                     (Qwen, many others)
//   zephyr  <|role|>\n…</s>\n                                    (Zephyr, TinyLlama chat)
//   plain   the turns as they are, no markers (a base model just continues the text)
// A Hugging Face model directory names its template in tokenizer_config.json
// ("chat_template", a Jinja program); detect_chat_template() recognises these four families
// by their markers rather than running Jinja.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gb {

enum class ChatRole { System, User, Assistant };
const char* role_name(ChatRole role);              // "system", "user", "assistant"
std::optional<ChatRole> parse_role(const std::string& name);

struct ChatTurn {
  ChatRole role = ChatRole::User;
  std::string content;
};

enum class ChatTemplateKind { Alpaca, Llama2, ChatML, Zephyr, Plain };

struct ChatTemplate {
  ChatTemplateKind kind = ChatTemplateKind::Alpaca;
  std::string bos = "<s>";   // Llama 2 starts every user turn with it
  std::string eos = "</s>";  // ends a finished assistant turn (Llama 2, Zephyr)

  std::string name() const;  // "alpaca", "llama2", "chatml", "zephyr", "plain"
  static std::optional<ChatTemplateKind> parse(const std::string& name);
  static std::vector<std::string> names();

  // The system prompt a conversation starts with for this template (Alpaca's is the book's
  // "Below is an instruction that describes a task. …"; the others start empty).
  std::string default_system_prompt() const;

  // The prompt text for `turns` (a System turn, if any, first). With add_generation_prompt
  // the text ends where the model should start writing the next assistant turn.
  std::string render(const std::vector<ChatTurn>& turns, bool add_generation_prompt = true) const;

  // Texts that end an assistant turn in this format: the model writing one of them means it
  // has finished its answer (and is about to write the next turn itself).
  std::vector<std::string> stop_strings() const;
};

// The book's Alpaca prompt for one instruction (chapter 7's format_input, plus the response
// header): "Below is an instruction …\n\n### Instruction:\n{instruction}" then
// "\n\n### Input:\n{input}" only when input is not empty, then "\n\n### Response:\n".
std::string alpaca_prompt(const std::string& instruction, const std::string& input = "");

// The template a tokenizer_config.json describes, or nullopt when it names none that is
// recognised. Reads "chat_template" (a string, or a list of {name, template} where "default"
// wins) and, without one, the special tokens it declares; bos_token / eos_token (a string or
// {"content": …}) fill bos and eos. Throws gb::Error naming `origin` for malformed JSON.
std::optional<ChatTemplate> detect_chat_template(const std::string& tokenizer_config_json, const std::string& origin);

// The template for a model directory: its tokenizer_config.json when recognised, else Alpaca
// (Glassbox's models are instruction-finetuned with it; a base model may also use Plain).
ChatTemplate chat_template_for_model(const std::filesystem::path& model_dir);

}  // namespace gb
