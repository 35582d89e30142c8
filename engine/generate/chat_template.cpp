#include "engine/generate/chat_template.h"

#include <nlohmann/json.hpp>
#include <system_error>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gb {

namespace {

using json = nlohmann::json;

const char kAlpacaPreamble[] =
    "Below is an instruction that describes a task. Write a response that appropriately completes the request.";

// Python's str.strip() for the ASCII whitespace Llama 2's template strips.
std::string strip(const std::string& s) {
  const char* ws = " \t\n\r\f\v";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

// A token field of tokenizer_config.json: "<s>", or {"content": "<s>", …}, or null.
std::optional<std::string> token_text(const json& j, const char* key) {
  if (!j.contains(key)) return std::nullopt;
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("content") && v["content"].is_string()) return v["content"].get<std::string>();
  return std::nullopt;
}

std::optional<ChatTemplateKind> kind_from_jinja(const std::string& t) {
  if (contains(t, "<|im_start|>")) return ChatTemplateKind::ChatML;
  if (contains(t, "<|user|>") || contains(t, "<|assistant|>")) return ChatTemplateKind::Zephyr;
  if (contains(t, "[INST]")) return ChatTemplateKind::Llama2;
  if (contains(t, "### Instruction")) return ChatTemplateKind::Alpaca;
  return std::nullopt;
}

// Without a chat_template: the markers a vocabulary was extended with tell the format.
std::optional<ChatTemplateKind> kind_from_special_tokens(const json& j) {
  std::vector<std::string> specials;
  if (j.contains("additional_special_tokens") && j["additional_special_tokens"].is_array())
    for (const json& t : j["additional_special_tokens"]) {
      if (t.is_string()) specials.push_back(t.get<std::string>());
      else if (t.is_object() && t.contains("content") && t["content"].is_string())
        specials.push_back(t["content"].get<std::string>());
    }
  if (j.contains("added_tokens_decoder") && j["added_tokens_decoder"].is_object())
    for (const auto& [id, t] : j["added_tokens_decoder"].items())
      if (t.is_object() && t.contains("content") && t["content"].is_string())
        specials.push_back(t["content"].get<std::string>());
  for (const std::string& s : specials) {
    if (s == "<|im_start|>") return ChatTemplateKind::ChatML;
    if (s == "<|user|>" || s == "<|assistant|>") return ChatTemplateKind::Zephyr;
  }
  return std::nullopt;
}

}  // namespace

const char* role_name(ChatRole role) {
  switch (role) {
    case ChatRole::System: return "system";
    case ChatRole::User: return "user";
    case ChatRole::Assistant: return "assistant";
  }
  return "user";
}

std::optional<ChatRole> parse_role(const std::string& name) {
  if (name == "system") return ChatRole::System;
  if (name == "user") return ChatRole::User;
  if (name == "assistant") return ChatRole::Assistant;
  return std::nullopt;
}

std::string ChatTemplate::name() const {
  switch (kind) {
    case ChatTemplateKind::Alpaca: return "alpaca";
    case ChatTemplateKind::Llama2: return "llama2";
    case ChatTemplateKind::ChatML: return "chatml";
    case ChatTemplateKind::Zephyr: return "zephyr";
    case ChatTemplateKind::Plain: return "plain";
  }
  return "alpaca";
}

std::vector<std::string> ChatTemplate::names() { return {"alpaca", "llama2", "chatml", "zephyr", "plain"}; }

std::optional<ChatTemplateKind> ChatTemplate::parse(const std::string& name) {
  if (name == "alpaca") return ChatTemplateKind::Alpaca;
  if (name == "llama2") return ChatTemplateKind::Llama2;
  if (name == "chatml") return ChatTemplateKind::ChatML;
  if (name == "zephyr") return ChatTemplateKind::Zephyr;
  if (name == "plain") return ChatTemplateKind::Plain;
  return std::nullopt;
}

std::string ChatTemplate::default_system_prompt() const {
  return kind == ChatTemplateKind::Alpaca ? kAlpacaPreamble : "";
}

std::string alpaca_prompt(const std::string& instruction, const std::string& input) {
  std::string out = std::string(kAlpacaPreamble) + "\n\n### Instruction:\n" + instruction;
  if (!input.empty()) out += "\n\n### Input:\n" + input;
  return out + "\n\n### Response:\n";
}

std::string ChatTemplate::render(const std::vector<ChatTurn>& turns, bool add_generation_prompt) const {
  std::string system;
  std::vector<const ChatTurn*> rest;
  for (const ChatTurn& t : turns) {
    if (t.role == ChatRole::System) system = t.content;
    else rest.push_back(&t);
  }
  std::string out;
  switch (kind) {
    case ChatTemplateKind::Alpaca: {
      // The book's single-turn format, repeated per turn: the preamble plays the system prompt.
      out = system;
      for (const ChatTurn* t : rest)
        out += (t->role == ChatRole::User ? "\n\n### Instruction:\n" : "\n\n### Response:\n") + t->content;
      if (add_generation_prompt) out += "\n\n### Response:\n";
      if (system.empty() && out.rfind("\n\n", 0) == 0) out.erase(0, 2);
      break;
    }
    case ChatTemplateKind::Llama2: {
      // As Meta's template (and its Hugging Face Jinja form): the system prompt goes inside
      // the first [INST]; every finished answer ends with eos.
      bool first_user = true;
      for (const ChatTurn* t : rest) {
        if (t->role == ChatRole::User) {
          std::string content = t->content;
          if (first_user && !system.empty()) content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content;
          first_user = false;
          out += bos + "[INST] " + strip(content) + " [/INST]";
        } else {
          // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) about " " + std::string.
          out += ' ';
          out += strip(t->content);
          out += ' ';
          out += eos;
        }
      }
      break;  // the generation prompt is the " [/INST]" already there
    }
    case ChatTemplateKind::ChatML: {
      auto turn = [&](const char* role, const std::string& content) {
        out += std::string("<|im_start|>") + role + "\n" + content + "<|im_end|>\n";
      };
      if (!system.empty()) turn("system", system);
      for (const ChatTurn* t : rest) turn(role_name(t->role), t->content);
      if (add_generation_prompt) out += "<|im_start|>assistant\n";
      break;
    }
    case ChatTemplateKind::Zephyr: {
      auto turn = [&](const char* role, const std::string& content) {
        out += std::string("<|") + role + "|>\n" + content + eos + "\n";
      };
      if (!system.empty()) turn("system", system);
      for (const ChatTurn* t : rest) turn(role_name(t->role), t->content);
      if (add_generation_prompt) out += "<|assistant|>\n";
      break;
    }
    case ChatTemplateKind::Plain: {
      // No markers: the model continues the text as it stands.
      out = system.empty() ? "" : system + "\n\n";
      for (const ChatTurn* t : rest) out += t->content;
      break;
    }
  }
  return out;
}

std::vector<std::string> ChatTemplate::stop_strings() const {
  switch (kind) {
    case ChatTemplateKind::Alpaca: return {"### Instruction:", "### Input:", "### Response:"};
    case ChatTemplateKind::Llama2: return {eos, "[INST]"};
    case ChatTemplateKind::ChatML: return {"<|im_end|>", "<|im_start|>"};
    case ChatTemplateKind::Zephyr: return {eos, "<|user|>", "<|system|>", "<|assistant|>"};
    case ChatTemplateKind::Plain: return {};
  }
  return {};
}

std::optional<ChatTemplate> detect_chat_template(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(origin + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object()) throw Error(origin + ": expected a JSON object");
  std::optional<ChatTemplateKind> kind;
  if (j.contains("chat_template")) {
    const json& t = j["chat_template"];
    if (t.is_string()) {
      kind = kind_from_jinja(t.get<std::string>());
    } else if (t.is_array()) {
      // Several named templates: "default" is the one a chat uses.
      for (const json& entry : t) {
        if (!entry.is_object() || !entry.contains("template") || !entry["template"].is_string()) continue;
        const auto k = kind_from_jinja(entry["template"].get<std::string>());
        if (k && (!kind || entry.value("name", std::string()) == "default")) kind = k;
      }
    }
  }
  if (!kind) kind = kind_from_special_tokens(j);
  if (!kind) return std::nullopt;
  ChatTemplate tmpl;
  tmpl.kind = *kind;
  if (auto bos = token_text(j, "bos_token")) tmpl.bos = *bos;
  if (auto eos = token_text(j, "eos_token")) tmpl.eos = *eos;
  return tmpl;
}

ChatTemplate chat_template_for_model(const std::filesystem::path& model_dir) {
  const std::filesystem::path config = model_dir / "tokenizer_config.json";
  std::error_code ec;
  if (std::filesystem::exists(config, ec))
    if (auto tmpl = detect_chat_template(read_file(config), config.string())) return *tmpl;
  return ChatTemplate{};
}

}  // namespace gb
