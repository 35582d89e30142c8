// glassbox-cli chat: one answer from a model directory, streamed as JSON lines — one object
// per token as it is generated, then a summary line:
//   {"token":" Paris","id":6342,"p":0.61,"top":[{"id":6342,"text":" Paris","p":0.61},…],"context_used":41,"context_length":256}
//   {"done":true,"text":"Paris.","stop_reason":"eos","template":"alpaca","prompt_tokens":38,"tokens":2,…}
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/generate/chat_model.h"

namespace gb::cli {

int cmd_chat(const Argv& argv) {
  const Args args(argv, {"show-prompt"});
  args.allow_only({"model", "message", "system", "template", "max-new-tokens", "temperature", "top-k", "top-p", "seed",
                   "device", "show-prompt"});
  const std::string dir = args.str("model");
  const std::string message = args.str("message");
  SamplingOptions o;
  o.max_new_tokens = args.integer("max-new-tokens", 200, 0, 1'000'000);
  o.temperature = static_cast<float>(args.number("temperature", 0.7, 0.0, 100.0));
  o.top_k = args.integer("top-k", 40, 0, 10'000'000);
  o.top_p = static_cast<float>(args.number("top-p", 0.95, 1e-6, 1.0));
  o.seed = static_cast<uint64_t>(args.integer("seed", 42, 0, INT64_MAX));
  std::optional<ChatTemplate> tmpl;
  if (args.has("template")) {
    const auto kind = ChatTemplate::parse(args.str("template"));
    if (!kind) throw UsageError("--template must be one of alpaca, llama2, chatml, zephyr, plain");
    tmpl = ChatTemplate{*kind};
  }
  const Device device = choose_device(args);
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--model must be a model directory for chat");

  ChatModel chat = ChatModel::load(dir);
  if (tmpl) {
    tmpl->bos = chat.chat_template.bos;
    tmpl->eos = chat.chat_template.eos;
    chat.chat_template = *tmpl;
  }
  if (device != Device::CPU) move_model(*chat.model, device);
  std::vector<ChatTurn> turns;
  const std::string system = args.str("system", chat.chat_template.default_system_prompt());
  if (!system.empty()) turns.push_back({ChatRole::System, system});
  turns.push_back({ChatRole::User, message});
  const ChatRequest request = chat.request(turns, o);
  if (args.flag("show-prompt"))
    print_json_line(nlohmann::json{{"prompt", chat.chat_template.render(turns)}, {"prompt_ids", request.prompt}}
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

  const ChatResult r = stream_chat(*chat.model, *chat.tokenizer, request, [](const GeneratedToken& t, const ContextUsage& u) {
    nlohmann::json top = nlohmann::json::array();
    for (const TokenChoice& c : t.top) top.push_back({{"id", c.id}, {"text", c.text}, {"p", c.prob}});
    print_json_line(nlohmann::json{{"token", t.text}, {"id", t.id}, {"p", t.prob}, {"top", top},
                                   {"context_used", u.used}, {"context_length", u.length}}
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  });
  print_json_line(nlohmann::json{{"done", true},
                                 {"text", r.text},
                                 {"stop_reason", stop_reason_name(r.reason)},
                                 {"template", chat.chat_template.name()},
                                 {"prompt_tokens", r.prompt_tokens},
                                 {"prompt_truncated", r.prompt_truncated},
                                 {"tokens", r.ids.size()},
                                 {"context_used", r.context.used},
                                 {"context_length", r.context.length},
                                 {"tokens_per_sec", r.tokens_per_sec}}
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return 0;
}

}  // namespace gb::cli
