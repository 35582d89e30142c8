#pragma once
// A chat conversation as the app keeps it: the messages as a tree (regenerating an answer,
// editing a question or branching from a token adds a sibling, so no answer is ever lost),
// the system prompt, the model and template, and the sampling settings of this conversation.
// Saved as JSON (atomically) after every change and exported as Markdown.
//
//   user 0 ── assistant 1 ── user 3 ── assistant 4      thread(): 0 1 3 4
//          └─ assistant 2  (a regenerated answer: a sibling of 1)
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/generate/chat_stream.h"
#include "engine/generate/chat_template.h"

namespace gb {

// The sampling settings a conversation remembers (SamplingOptions without the run-time parts).
struct ChatSettings {
  float temperature = 0.7f;
  int64_t top_k = 40;
  float top_p = 0.95f;
  int64_t max_new_tokens = 200;
  uint64_t seed = 42;

  SamplingOptions sampling(uint64_t seed_offset = 0) const;  // seed + offset
};

struct ChatMessage {
  int id = 0;
  int parent = -1;                      // -1: a first message
  ChatRole role = ChatRole::User;
  std::string content;
  // Assistant messages: the tokens as generated, with their probabilities and alternatives
  // (so a reopened conversation still shows them), and how they were made.
  std::vector<GeneratedToken> tokens;
  std::string model;                    // the model's name
  uint64_t seed = 0;
  std::string stop_reason;              // stop_reason_name(), "" while generating
  double tokens_per_sec = 0.0;
  int64_t context_used = 0;
  int64_t context_length = 0;
};

class Conversation {
 public:
  std::string id;                 // file name stem, e.g. "2026-11-24-013501"
  std::string title;              // from the first question
  std::string system_prompt;
  std::string model;              // the model's name or directory
  std::string template_name = "alpaca";
  ChatSettings settings;
  int64_t created_ms = 0;         // Unix time, milliseconds
  int64_t updated_ms = 0;

  const std::vector<ChatMessage>& messages() const { return messages_; }
  const ChatMessage& message(int id) const;
  ChatMessage& message(int id);
  bool has(int id) const { return id >= 0 && id < static_cast<int>(messages_.size()); }

  // Adds a message under `parent` (-1: a first message) and makes it the current leaf.
  int add(int parent, ChatRole role, std::string content);
  // The messages of `parent` (-1: the first messages), oldest first.
  std::vector<int> children(int parent) const;
  std::vector<int> siblings(int id) const { return children(has(id) ? message(id).parent : -1); }

  // The shown thread, first message to current leaf.
  std::vector<int> thread() const;
  int current() const { return current_; }
  // Shows the branch through `id`, continuing down to its most recent descendants.
  void select(int id);

  // The turns a prompt is built from: the system prompt, then the thread up to and including
  // `upto` (default: the whole thread).
  std::vector<ChatTurn> turns(int upto = -1) const;

  std::string to_json() const;
  // `origin` names the file in error messages (gb::Error, one line).
  static Conversation from_json(const std::string& text, const std::string& origin);
  // The shown thread as Markdown: the title, the settings, then each message under its role.
  // The app passes translated labels.
  struct MarkdownLabels {
    std::string user = "You", assistant = "Assistant", system = "System prompt", model = "Model",
                template_name = "template", settings = "temperature %t · top-k %k · top-p %p · max tokens %n · seed %s";
  };
  std::string to_markdown(const MarkdownLabels& labels) const;
  std::string to_markdown() const { return to_markdown(MarkdownLabels{}); }

  void save(const std::filesystem::path& file) const;  // atomic
  static Conversation load(const std::filesystem::path& file);

 private:
  std::vector<ChatMessage> messages_;  // index == id
  int current_ = -1;
};

// Every conversation saved in `dir` (*.json), most recently updated first. Files that do not
// load are skipped and named in *errors (one line each) when given.
std::vector<Conversation> load_conversations(const std::filesystem::path& dir, std::vector<std::string>* errors = nullptr);

}  // namespace gb
