// glassbox-cli logits: the model's output logits for given token ids (no tokenizer needed).
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/io/model_dir.h"

namespace gb::cli {

namespace {
std::vector<int32_t> parse_ids(const std::string& s) {
  std::vector<int32_t> ids;
  size_t i = 0;
  while (i <= s.size()) {
    const size_t comma = std::min(s.find(',', i), s.size());
    const std::string part = s.substr(i, comma - i);
    char* end = nullptr;
    const long v = std::strtol(part.c_str(), &end, 10);
    if (part.empty() || *end != '\0' || v < 0 || v > INT32_MAX)
      throw UsageError("--ids must be comma-separated token ids, not '" + s + "'");
    ids.push_back(static_cast<int32_t>(v));
    i = comma + 1;
  }
  return ids;
}
}  // namespace

int cmd_logits(const Argv& argv) {
  const Args args(argv, {"all-positions"});
  args.allow_only({"model", "ids", "all-positions", "device"});
  const std::string dir = args.str("model");
  const std::vector<int32_t> ids = parse_ids(args.str("ids"));
  const Device device = choose_device(args);
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--model must be a model directory for logits");
  const std::unique_ptr<LanguageModel> owned = load_model(dir);
  LanguageModel& model = *owned;
  move_model(model, device);
  const int64_t V = model.config().vocab_size, T = static_cast<int64_t>(ids.size());
  for (int32_t id : ids)
    if (id >= V)
      throw UsageError("token id " + std::to_string(id) + " is outside the model's vocabulary of " + std::to_string(V));
  if (T > model.config().context_length)
    throw UsageError(std::to_string(T) + " ids exceed the model's context length " +
                     std::to_string(model.config().context_length));
  const Tensor logits = model.forward(Context{}, ids, 1, T).value().to(Device::CPU);  // (T, V)
  nlohmann::json rows = nlohmann::json::array();
  for (int64_t t = args.flag("all-positions") ? 0 : T - 1; t < T; ++t) {
    const float* r = logits.data() + t * V;
    rows.push_back(std::vector<float>(r, r + V));
  }
  print_json_line(nlohmann::json{{"logits", rows}}.dump());
  return 0;
}

}  // namespace gb::cli
