// glassbox-cli generate: continues a prompt with a model directory's model and tokenizer.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/generate/sampling.h"
#include "engine/io/model_dir.h"

namespace gb::cli {

namespace fs = std::filesystem;

int cmd_generate(const Argv& argv) {
  const Args args(argv, {"no-cache", "allow-special"});
  args.allow_only({"model", "prompt", "max-new-tokens", "temperature", "top-k", "top-p", "seed", "device",
                   "tokenizer", "no-cache", "allow-special", "weights"});
  const std::string dir = args.str("model");
  const std::string prompt = args.str("prompt");
  SamplingOptions o;
  o.max_new_tokens = args.integer("max-new-tokens", 50, 0, 1'000'000);
  o.temperature = static_cast<float>(args.number("temperature", 1.0, 0.0, 100.0));
  o.top_k = args.integer("top-k", 0, 0, 10'000'000);
  o.top_p = static_cast<float>(args.number("top-p", 1.0, 1e-6, 1.0));
  o.seed = static_cast<uint64_t>(args.integer("seed", 0, 0, INT64_MAX));
  o.use_cache = !args.flag("no-cache");
  const Device device = choose_device(args);
  if (model_kind(dir) != ModelKind::Directory) throw UsageError("--model must be a model directory for generate");
  std::error_code ec;
  if (!args.has("tokenizer") && !fs::exists(fs::path(dir) / "tokenizer.json", ec))
    throw Error(dir + ": has no tokenizer.json (give --tokenizer, or use `logits` with token ids)");
  const std::unique_ptr<Tokenizer> tokenizer = tokenizer_for(args, dir);
  // 16-bit weights on the CPU with the cache: loaded straight into 16 bits (the f32
  // matrices are never all in memory).
  const DType weights_dtype = weights_option(args);
  const bool straight = weights_dtype != DType::F32 && device == Device::CPU && o.use_cache;
  const std::unique_ptr<LanguageModel> owned = load_model(dir, straight ? weights_dtype : DType::F32);
  LanguageModel& model = *owned;
  const std::string weights = apply_weights_option(args, model, move_model(model, device));
  std::vector<int32_t> ids = tokenizer->encode(prompt, args.flag("allow-special"));
  if (ids.empty()) {
    const auto eos = tokenizer->eos_id();
    if (!eos) throw UsageError("--prompt is empty and the tokenizer has no end-of-text token to start from");
    ids.push_back(*eos);
  }
  o.stop_token = tokenizer->eos_id();
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<int32_t> out = generate(model, ids, o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json j = {{"text", tokenizer->decode(out)},
                      {"ids", out},
                      {"prompt_ids", ids},
                      {"tokens_per_sec", seconds > 0 ? static_cast<double>(out.size()) / seconds : 0.0},
                      {"device", model.device() == Device::CPU ? "cpu" : "vulkan"},
                      {"weights", weights}};
  print_json_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return 0;
}

}  // namespace gb::cli
