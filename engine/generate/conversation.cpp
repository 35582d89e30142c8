#include "engine/generate/conversation.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kFormat = "glassbox-chat";
constexpr int kVersion = 1;

json token_to_json(const GeneratedToken& t) {
  json top = json::array();
  for (const TokenChoice& c : t.top) top.push_back(json::array({c.id, c.text, c.prob}));
  return json{{"id", t.id}, {"text", t.text}, {"p", t.prob}, {"top", top}};
}

// Reads one field with a check, so a damaged file gets a message naming the field.
template <class T>
T field(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) throw Error(where + ": missing \"" + key + "\"");
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    throw Error(where + ": \"" + key + "\" has the wrong type");
  }
}

template <class T>
T optional_field(const json& j, const char* key, T fallback, const std::string& where) {
  return j.contains(key) ? field<T>(j, key, where) : fallback;
}

GeneratedToken token_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) throw Error(where + ": a token is not an object");
  GeneratedToken t;
  t.id = field<int32_t>(j, "id", where);
  t.text = field<std::string>(j, "text", where);
  t.prob = field<float>(j, "p", where);
  if (j.contains("top")) {
    if (!j["top"].is_array()) throw Error(where + ": \"top\" is not a list");
    for (const json& c : j["top"]) {
      if (!c.is_array() || c.size() != 3 || !c[0].is_number_integer() || !c[1].is_string() || !c[2].is_number())
        throw Error(where + ": an alternative is not [id, text, probability]");
      t.top.push_back({c[0].get<int32_t>(), c[1].get<std::string>(), c[2].get<float>()});
    }
  }
  return t;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// The first line of text, at most max_chars characters (never cutting a character).
std::string first_line(const std::string& text, size_t max_chars) {
  const std::string line = text.substr(0, text.find('\n'));
  size_t pos = 0;
  for (size_t n = 0; pos < line.size() && n < max_chars; ++n) pos += std::max<size_t>(1, utf8::valid_char_len(line, pos));
  return line.substr(0, pos);
}

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

SamplingOptions ChatSettings::sampling(uint64_t seed_offset) const {
  SamplingOptions o;
  o.temperature = temperature;
  o.top_k = top_k;
  o.top_p = top_p;
  o.max_new_tokens = max_new_tokens;
  o.seed = seed + seed_offset;
  return o;
}

const ChatMessage& Conversation::message(int id) const {
  GB_CHECK(has(id), "conversation has no message " + std::to_string(id));
  return messages_[static_cast<size_t>(id)];
}

ChatMessage& Conversation::message(int id) {
  GB_CHECK(has(id), "conversation has no message " + std::to_string(id));
  return messages_[static_cast<size_t>(id)];
}

int Conversation::add(int parent, ChatRole role, std::string content) {
  GB_CHECK(parent == -1 || has(parent), "conversation has no message " + std::to_string(parent));
  ChatMessage m;
  m.id = static_cast<int>(messages_.size());
  m.parent = parent;
  m.role = role;
  m.content = std::move(content);
  if (title.empty() && role == ChatRole::User) title = first_line(m.content, 60);
  messages_.push_back(std::move(m));
  current_ = messages_.back().id;
  return current_;
}

std::vector<int> Conversation::children(int parent) const {
  std::vector<int> out;
  for (const ChatMessage& m : messages_)
    if (m.parent == parent) out.push_back(m.id);
  return out;
}

std::vector<int> Conversation::thread() const {
  std::vector<int> out;
  for (int id = current_; id >= 0; id = messages_[static_cast<size_t>(id)].parent) out.push_back(id);
  std::reverse(out.begin(), out.end());
  return out;
}

void Conversation::select(int id) {
  GB_CHECK(has(id), "conversation has no message " + std::to_string(id));
  // Go down through the most recent child: the branch as it was last continued.
  for (std::vector<int> c = children(id); !c.empty(); c = children(id)) id = c.back();
  current_ = id;
}

std::vector<ChatTurn> Conversation::turns(int upto) const {
  std::vector<ChatTurn> out;
  if (!system_prompt.empty()) out.push_back({ChatRole::System, system_prompt});
  for (int id : thread()) {
    out.push_back({message(id).role, message(id).content});
    if (id == upto) break;
  }
  return out;
}

std::string Conversation::to_json() const {
  json messages = json::array();
  for (const ChatMessage& m : messages_) {
    json j{{"id", m.id}, {"parent", m.parent}, {"role", role_name(m.role)}, {"content", m.content}};
    if (m.role == ChatRole::Assistant) {
      j["model"] = m.model;
      j["seed"] = m.seed;
      j["stop_reason"] = m.stop_reason;
      j["tokens_per_sec"] = m.tokens_per_sec;
      j["context_used"] = m.context_used;
      j["context_length"] = m.context_length;
      json tokens = json::array();
      for (const GeneratedToken& t : m.tokens) tokens.push_back(token_to_json(t));
      j["tokens"] = std::move(tokens);
    }
    messages.push_back(std::move(j));
  }
  const json root{{"format", kFormat},
                  {"version", kVersion},
                  {"id", id},
                  {"title", title},
                  {"created_ms", created_ms},
                  {"updated_ms", updated_ms},
                  {"model", model},
                  {"template", template_name},
                  {"system_prompt", system_prompt},
                  {"settings",
                   {{"temperature", settings.temperature},
                    {"top_k", settings.top_k},
                    {"top_p", settings.top_p},
                    {"max_new_tokens", settings.max_new_tokens},
                    {"seed", settings.seed}}},
                  {"current", current_},
                  {"messages", std::move(messages)}};
  // Token texts are whole characters, but a hand-edited file might not be: never throw here.
  return root.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

Conversation Conversation::from_json(const std::string& text, const std::string& origin) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(origin + ": not valid JSON (" + e.what() + ")");
  }
  if (!root.is_object() || root.value("format", std::string()) != kFormat)
    throw Error(origin + ": not a Glassbox conversation (\"format\" is not \"" + kFormat + "\")");
  if (field<int>(root, "version", origin) > kVersion)
    throw Error(origin + ": written by a newer Glassbox (version " + root["version"].dump() + ")");
  Conversation c;
  c.id = field<std::string>(root, "id", origin);
  c.title = optional_field<std::string>(root, "title", "", origin);
  c.created_ms = optional_field<int64_t>(root, "created_ms", 0, origin);
  c.updated_ms = optional_field<int64_t>(root, "updated_ms", 0, origin);
  c.model = optional_field<std::string>(root, "model", "", origin);
  c.template_name = optional_field<std::string>(root, "template", "alpaca", origin);
  if (!ChatTemplate::parse(c.template_name)) throw Error(origin + ": unknown template \"" + c.template_name + "\"");
  c.system_prompt = optional_field<std::string>(root, "system_prompt", "", origin);
  if (root.contains("settings")) {
    const json& s = root["settings"];
    const std::string where = origin + " settings";
    if (!s.is_object()) throw Error(where + ": not an object");
    c.settings.temperature = optional_field<float>(s, "temperature", c.settings.temperature, where);
    c.settings.top_k = optional_field<int64_t>(s, "top_k", c.settings.top_k, where);
    c.settings.top_p = optional_field<float>(s, "top_p", c.settings.top_p, where);
    c.settings.max_new_tokens = optional_field<int64_t>(s, "max_new_tokens", c.settings.max_new_tokens, where);
    c.settings.seed = optional_field<uint64_t>(s, "seed", c.settings.seed, where);
    try {
      c.settings.sampling().validate();
    } catch (const UsageError& e) {
      throw Error(where + ": " + e.what());
    }
  }
  if (!root.contains("messages") || !root["messages"].is_array()) throw Error(origin + ": missing \"messages\" list");
  for (const json& j : root["messages"]) {
    const std::string where = origin + " message " + std::to_string(c.messages_.size());
    if (!j.is_object()) throw Error(where + ": not an object");
    ChatMessage m;
    m.id = field<int>(j, "id", where);
    m.parent = field<int>(j, "parent", where);
    // Ids are positions and parents come first, so the messages always form a tree.
    if (m.id != static_cast<int>(c.messages_.size())) throw Error(where + ": id " + std::to_string(m.id) + " out of order");
    if (m.parent < -1 || m.parent >= m.id) throw Error(where + ": parent " + std::to_string(m.parent) + " is not an earlier message");
    const auto role = parse_role(field<std::string>(j, "role", where));
    if (!role || *role == ChatRole::System) throw Error(where + ": role must be \"user\" or \"assistant\"");
    m.role = *role;
    m.content = field<std::string>(j, "content", where);
    m.model = optional_field<std::string>(j, "model", "", where);
    m.seed = optional_field<uint64_t>(j, "seed", 0, where);
    m.stop_reason = optional_field<std::string>(j, "stop_reason", "", where);
    m.tokens_per_sec = optional_field<double>(j, "tokens_per_sec", 0.0, where);
    m.context_used = optional_field<int64_t>(j, "context_used", 0, where);
    m.context_length = optional_field<int64_t>(j, "context_length", 0, where);
    if (j.contains("tokens")) {
      if (!j["tokens"].is_array()) throw Error(where + ": \"tokens\" is not a list");
      for (const json& t : j["tokens"]) m.tokens.push_back(token_from_json(t, where));
    }
    c.messages_.push_back(std::move(m));
  }
  c.current_ = optional_field<int>(root, "current", static_cast<int>(c.messages_.size()) - 1, origin);
  if (c.current_ < -1 || c.current_ >= static_cast<int>(c.messages_.size()))
    throw Error(origin + ": \"current\" is not a message");
  return c;
}

std::string Conversation::to_markdown(const MarkdownLabels& labels) const {
  std::string out = "# " + (title.empty() ? id : title) + "\n\n";
  std::string settings_line = labels.settings;
  settings_line = replace_all(settings_line, "%t", number(settings.temperature));
  settings_line = replace_all(settings_line, "%k", std::to_string(settings.top_k));
  settings_line = replace_all(settings_line, "%p", number(settings.top_p));
  settings_line = replace_all(settings_line, "%n", std::to_string(settings.max_new_tokens));
  settings_line = replace_all(settings_line, "%s", std::to_string(settings.seed));
  out += "*" + labels.model + ": " + model + " · " + labels.template_name + ": " + template_name + " · " + settings_line +
         "*\n\n";
  if (!system_prompt.empty()) out += "**" + labels.system + ":** " + system_prompt + "\n\n";
  for (int id : thread()) {
    const ChatMessage& m = message(id);
    out += "## " + (m.role == ChatRole::User ? labels.user : labels.assistant) + "\n\n" + m.content + "\n\n";
  }
  return out;
}

void Conversation::save(const std::filesystem::path& file) const { write_file_atomic(file, to_json()); }

Conversation Conversation::load(const std::filesystem::path& file) { return from_json(read_file(file), file.string()); }

std::vector<Conversation> load_conversations(const std::filesystem::path& dir, std::vector<std::string>* errors) {
  std::vector<Conversation> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    try {
      out.push_back(Conversation::load(entry.path()));
    } catch (const std::exception& e) {
      if (errors) errors->push_back(e.what());
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Conversation& a, const Conversation& b) {
    return a.updated_ms > b.updated_ms || (a.updated_ms == b.updated_ms && a.id > b.id);
  });
  return out;
}

}  // namespace gb
