#include "engine/finetune/classifier.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/safetensors.h"
#include "engine/nn/ops.h"
#include "engine/train/optimizer.h"

namespace gb {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<EncodedText> encode_texts(const Tokenizer& tokenizer, const std::vector<LabelledText>& texts,
                                      int64_t max_tokens, int32_t pad_id) {
  GB_CHECK(max_tokens >= 1, "encode_texts: max_tokens must be at least 1");
  std::vector<EncodedText> out;
  out.reserve(texts.size());
  for (const LabelledText& t : texts) {
    EncodedText e;
    e.ids = tokenizer.encode(t.text);
    if (static_cast<int64_t>(e.ids.size()) > max_tokens) e.ids.resize(max_tokens);
    if (e.ids.empty()) e.ids.push_back(pad_id);
    e.label = t.label;
    out.push_back(std::move(e));
  }
  return out;
}

SequenceClassifier::SequenceClassifier(LanguageModel& model, std::vector<std::string> labels, int32_t pad_id,
                                       uint64_t seed)
    : model_(model), labels_(std::move(labels)), pad_id_(pad_id) {
  GB_CHECK(labels_.size() >= 2, "a classifier needs at least two classes");
  Tensor w = Tensor::empty({static_cast<int64_t>(labels_.size()), model.config().emb_dim});
  Rng rng(seed);
  rng.fill_normal(w.data(), w.numel(), 0.02f);
  score_ = Var(w.to(model.device()), true);
}

SequenceClassifier::SequenceClassifier(LanguageModel& model, std::vector<std::string> labels, int32_t pad_id,
                                       Var score)
    : model_(model), labels_(std::move(labels)), pad_id_(pad_id), score_(std::move(score)) {
  GB_CHECK(score_.value().ndim() == 2 && score_.value().dim(0) == static_cast<int64_t>(labels_.size()) &&
               score_.value().dim(1) == model.config().emb_dim,
           "classifier head " + score_.value().str() + " does not fit " + std::to_string(labels_.size()) +
               " classes of a " + std::to_string(model.config().emb_dim) + "-wide model");
}

Var SequenceClassifier::logits(const Context& ctx, const std::vector<const EncodedText*>& batch) const {
  GB_CHECK(!batch.empty(), "classifier: empty batch");
  const int64_t B = static_cast<int64_t>(batch.size());
  int64_t T = 0;
  for (const EncodedText* e : batch) T = std::max<int64_t>(T, static_cast<int64_t>(e->ids.size()));
  GB_CHECK(T <= model_.config().context_length, "classifier: a text of " + std::to_string(T) +
                                                    " tokens exceeds the context length " +
                                                    std::to_string(model_.config().context_length));
  std::vector<int32_t> ids(B * T, pad_id_);
  std::vector<int32_t> last(B);  // row of each sequence's last real token in (B·T, C)
  for (int64_t b = 0; b < B; ++b) {
    std::copy(batch[b]->ids.begin(), batch[b]->ids.end(), ids.begin() + b * T);
    last[b] = static_cast<int32_t>(b * T + static_cast<int64_t>(batch[b]->ids.size()) - 1);
  }
  Var h = model_.hidden(ctx, ids, B, T);              // (B·T, C)
  Var pooled = embedding(ctx, h, std::move(last));   // (B, C): a row gather, scatter-add backward
  return linear_transposed(ctx, pooled, score_);     // (B, K)
}

Var SequenceClassifier::loss(const Context& ctx, const std::vector<const EncodedText*>& batch,
                             int64_t* correct) const {
  Var lg = logits(ctx, batch);
  std::vector<int32_t> labels;
  for (const EncodedText* e : batch) {
    GB_CHECK(e->label >= 0 && e->label < static_cast<int>(labels_.size()),
             "classifier: label " + std::to_string(e->label) + " out of range");
    labels.push_back(e->label);
  }
  if (correct) {
    const std::vector<float> v = lg.value().to_vector();
    const size_t K = labels_.size();
    *correct = 0;
    for (size_t b = 0; b < batch.size(); ++b) {
      const auto row = v.begin() + static_cast<std::ptrdiff_t>(b * K);
      *correct += (std::max_element(row, row + static_cast<std::ptrdiff_t>(K)) - row) == labels[b];
    }
  }
  return cross_entropy(ctx, lg, std::move(labels));
}

std::vector<float> SequenceClassifier::probabilities(const std::vector<int32_t>& ids) const {
  EncodedText e{ids.empty() ? std::vector<int32_t>{pad_id_} : ids, 0};
  const int64_t context = model_.config().context_length;
  if (static_cast<int64_t>(e.ids.size()) > context) e.ids.resize(context);
  std::vector<float> p = logits(Context{}, {&e}).value().to_vector();
  const float top = *std::max_element(p.begin(), p.end());
  float sum = 0;
  for (float& x : p) sum += (x = std::exp(x - top));
  for (float& x : p) x /= sum;
  return p;
}

ConfusionMatrix SequenceClassifier::evaluate(const std::vector<EncodedText>& set, int64_t batch, int64_t limit) const {
  ConfusionMatrix cm(labels_);
  const size_t n = limit > 0 ? std::min<size_t>(set.size(), static_cast<size_t>(limit)) : set.size();
  const size_t K = labels_.size();
  for (size_t i = 0; i < n; i += static_cast<size_t>(batch)) {
    std::vector<const EncodedText*> part;
    for (size_t j = i; j < std::min(n, i + static_cast<size_t>(batch)); ++j) part.push_back(&set[j]);
    const std::vector<float> v = logits(Context{}, part).value().to_vector();
    for (size_t b = 0; b < part.size(); ++b) {
      const auto row = v.begin() + static_cast<std::ptrdiff_t>(b * K);
      cm.add(part[b]->label, static_cast<int>(std::max_element(row, row + static_cast<std::ptrdiff_t>(K)) - row));
    }
  }
  return cm;
}

TrainPart parse_train_part(const std::string& name) {
  if (name == "head") return TrainPart::Head;
  if (name == "last-block") return TrainPart::LastBlock;
  if (name == "all") return TrainPart::All;
  if (name == "lora") return TrainPart::Lora;
  throw UsageError("what trains must be head, last-block, all or lora, not '" + name + "'");
}

std::string train_part_name(TrainPart part) {
  switch (part) {
    case TrainPart::Head: return "head";
    case TrainPart::LastBlock: return "last-block";
    case TrainPart::All: return "all";
    case TrainPart::Lora: return "lora";
  }
  return "?";
}

bool in_last_block_or_final_norm(const std::string& name, int64_t n_layers) {
  const std::string last = std::to_string(n_layers - 1);
  for (const std::string& prefix : {"h." + last + ".", "transformer.h." + last + ".", "model.layers." + last + ".",
                                   "layers." + last + "."})
    if (name.rfind(prefix, 0) == 0) return true;
  return name.rfind("ln_f.", 0) == 0 || name.rfind("transformer.ln_f.", 0) == 0 || name.rfind("model.norm.", 0) == 0 ||
         name.rfind("norm.", 0) == 0;
}

void ClassifierTrainOptions::validate() const {
  if (epochs < 1) throw UsageError("epochs must be at least 1");
  if (max_steps < 0) throw UsageError("max steps must not be negative");
  if (batch < 1) throw UsageError("batch must be at least 1");
  if (!(lr > 0.0f) || lr > 1.0f) throw UsageError("learning rate must be in (0, 1]");
  if (weight_decay < 0.0f) throw UsageError("weight decay must not be negative");
  if (eval_every < 0 || eval_batches < 1) throw UsageError("eval-every must be >= 0 and eval-batches >= 1");
  if (part == TrainPart::Lora) lora.validate();
}

void read_model_weights(LanguageModel& model, const fs::path& dir) {
  const SafetensorsSet set = SafetensorsSet::open_dir(dir);
  for (const auto& [name, var] : model.named_parameters()) {
    const std::string prefixed = "transformer." + name;
    if (set.has(name)) set.read_into(name, var.value());
    else if (set.has(prefixed)) set.read_into(prefixed, var.value());
    else throw Error(set.path().string() + ": tensor '" + name + "' is missing");
  }
}

bool is_classifier_dir(const fs::path& dir) {
  const fs::path path = dir / "config.json";
  if (!fs::exists(path)) return false;
  try {
    const json cfg = json::parse(read_file(path));
    if (!cfg.contains("architectures") || !cfg["architectures"].is_array()) return false;
    for (const json& a : cfg["architectures"])
      if (a.is_string() && a.get<std::string>().find("ForSequenceClassification") != std::string::npos) return true;
  } catch (const std::exception&) {
  }
  return false;
}

void save_classifier(const fs::path& dir, const SequenceClassifier& c, const Tokenizer& tokenizer, int64_t max_tokens,
                     DType store) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir.string() + ": cannot create the directory (" + ec.message() + ")");
  json cfg = json::parse(c.model().config().to_json());
  const std::string family = cfg.value("model_type", "gpt2") == "gpt2" ? "GPT2" : "Llama";
  cfg["architectures"] = {family + "ForSequenceClassification"};
  json id2label = json::object(), label2id = json::object();
  for (size_t i = 0; i < c.labels().size(); ++i) {
    id2label[std::to_string(i)] = c.labels()[i];
    label2id[c.labels()[i]] = i;
  }
  cfg["num_labels"] = c.labels().size();
  cfg["id2label"] = id2label;
  cfg["label2id"] = label2id;
  cfg["pad_token_id"] = c.pad_id();
  cfg["max_tokens"] = max_tokens;
  std::vector<std::pair<std::string, Tensor>> tensors;
  for (const auto& [name, v] : c.model().named_parameters()) tensors.emplace_back(name, v.value().to(Device::CPU));
  tensors.emplace_back("score.weight", c.score().value().to(Device::CPU));
  save_safetensors(dir / "model.safetensors", tensors, {{"format", "pt"}}, store);
  tokenizer.save(dir / "tokenizer.json");
  write_file_atomic(dir / "config.json", cfg.dump(2) + "\n");  // last: a folder with a config is complete
}

LoadedClassifier load_classifier(const fs::path& dir) {
  const fs::path path = dir / "config.json";
  if (!is_classifier_dir(dir))
    throw Error(path.string() + ": not a sequence classifier (no \"...ForSequenceClassification\" architecture)");
  json cfg;
  try {
    cfg = json::parse(read_file(path));
  } catch (const json::exception& e) {
    throw Error(path.string() + ": not valid JSON (" + e.what() + ")");
  }
  std::vector<std::string> labels;
  int32_t pad_id = 0;
  int64_t max_tokens = 0;
  try {
    const int64_t k = cfg.at("num_labels").get<int64_t>();
    if (k < 2 || k > 1000) throw Error(path.string() + ": num_labels must be between 2 and 1000");
    for (int64_t i = 0; i < k; ++i) {
      const std::string key = std::to_string(i);
      labels.push_back(cfg.contains("id2label") && cfg["id2label"].contains(key) ? cfg["id2label"][key].get<std::string>()
                                                                                  : "LABEL_" + key);
    }
    pad_id = cfg.value("pad_token_id", 0);
    max_tokens = cfg.value("max_tokens", int64_t{0});
  } catch (const json::exception& e) {
    throw Error(path.string() + ": bad num_labels, id2label or pad_token_id (" + e.what() + ")");
  }
  LoadedClassifier out;
  const ModelConfig config = ModelConfig::load(path);
  out.model = create_model(config, 0, false);
  read_model_weights(*out.model, dir);
  const SafetensorsSet set = SafetensorsSet::open_dir(dir);
  Var score(set.read("score.weight", {static_cast<int64_t>(labels.size()), config.emb_dim}), false);
  if (max_tokens <= 0 || max_tokens > config.context_length) max_tokens = config.context_length;
  out.max_tokens = max_tokens;
  out.classifier = std::make_unique<SequenceClassifier>(*out.model, labels, pad_id, score);
  out.tokenizer = load_tokenizer((dir / "tokenizer.json").string());
  set_all_trainable(*out.model, false);
  return out;
}

}  // namespace gb
