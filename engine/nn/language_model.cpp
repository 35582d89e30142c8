#include "engine/nn/language_model.h"

#include "engine/core/error.h"
#include "engine/nn/gpt_model.h"
#include "engine/nn/ops.h"

namespace gb {

Var LanguageModel::forward(const Context& ctx, std::span<const int32_t> ids, int64_t batch, int64_t time) const {
  return head(ctx, hidden(ctx, ids, batch, time));
}

Var LanguageModel::loss(const Context& ctx, std::span<const int32_t> ids, std::span<const int32_t> targets,
                        int64_t batch, int64_t time) const {
  GB_CHECK(targets.size() == ids.size(), "loss: targets and ids differ in length");
  return cross_entropy(ctx, forward(ctx, ids, batch, time), std::vector<int32_t>(targets.begin(), targets.end()));
}

NamedParameters LanguageModel::named_parameters() const {
  NamedParameters out;
  // parameter_slots() hands out the model's own Vars; here only copies (shared handles) leave.
  for (const auto& [name, slot] : const_cast<LanguageModel*>(this)->parameter_slots()) out.emplace_back(name, *slot);
  return out;
}

int64_t LanguageModel::parameter_count() const {
  int64_t n = 0;
  for (const auto& [name, v] : named_parameters()) n += v.value().numel();
  return n;
}

Var* LanguageModel::find_parameter(const std::string& hf_name) {
  for (const auto& [name, slot] : parameter_slots())
    if (name == hf_name) return slot;
  return nullptr;
}

void LanguageModel::to(Device d) {
  for (const auto& [name, slot] : parameter_slots()) {
    slot->value() = slot->value().to(d);
    slot->zero_grad();
  }
}

std::unique_ptr<LanguageModel> create_model(const ModelConfig& config, uint64_t seed, bool initialize) {
  if (config.model_type == "gpt2") return std::make_unique<GPTModel>(config, seed, initialize);
  throw Error("unknown model_type \"" + config.model_type + "\" (supported: gpt2)");
}

}  // namespace gb
