#pragma once
// The app's DataSource: every answer is computed by the engine. Tokens come from the real
// tokenizers (engine/tokenizer: gpt2, cl100k_base, o200k_base, bert-base-uncased, mistral,
// qwen3, the book's simple tokenizer, a BPE the learner trains); attention, next-token
// probabilities and embeddings come from a model: the bundled one (model_paths.h) when it is
// there, else a seeded random GPT, which the views call a random model.
//
// Compute methods run on the calling thread and must only be called from the worker thread:
// the app wraps this in a WorkerDataSource, which makes each request an EngineWorker job.
// modelName(), isRandomModel() and info() are safe from any thread.
#include <QMutex>
#include <map>
#include <memory>
#include <string>

#include "app/data_source.h"
#include "app/engine_model.h"

namespace gb {
class Tokenizer;
}

namespace glassbox { namespace app {

class EngineDataSource : public DataSource {
 public:
  EngineDataSource();
  ~EngineDataSource() override;

  // Worker thread. Loads a model directory; on error throws gb::Error naming the file and the
  // problem and keeps the model it had. An empty dir means the random model.
  void loadModel(const QString& dir);
  // Worker thread. The bundled model if one is found (model_paths.h), else the random model.
  // A bundled model that fails to load falls back to the random one; the returned text then
  // says why (empty when all went well).
  QString loadDefaultModel();
  // Worker thread. Loads the model in use again (on the device now set); the default model
  // when none is loaded yet.
  void reload();
  // Where models run: Device::CPU or Device::Vulkan (falls back to the CPU with a reason).
  void setDevice(gb::Device device);
  gb::Device device() const;
  // The text the learner's own BPE is trained on (the lessons' text, or an opened file).
  void setLearnerCorpus(const QString& text);

  // What is loaded (or, before the first load finishes, what is being loaded). Any thread.
  ModelInfo info() const;
  bool hasModel() const;

  bool isLive() const override { return true; }
  QString modelName() const override;
  bool isRandomModel() const override;

  void tokenize(const QString& text, const QString& tokenizer,
                std::function<void(std::vector<trace::TokenSpan>)> done) override;
  void attention(const QString& text, int layer, std::function<void(std::vector<trace::AttentionMap>)> done) override;
  void compareTokenizers(const QString& text, const QStringList& tokenizers,
                         std::function<void(std::vector<trace::TokenizerRun>)> done) override;
  void nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) override;
  void embeddings(std::function<void(trace::EmbeddingPoints)> done) override;
  void inputEmbeddings(const QString& text,
                       std::function<void(trace::Matrix token, trace::Matrix position)> done) override;
  void bpeMerges(const QString& corpus, int merges, std::function<void(std::vector<trace::BpeMerge>)> done) override;
  // A real (short) training run: the tiny GPT learning the learner's corpus, from ln V down.
  void trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) override;
  // Hands the loaded model and its tokenizer to `work` (the architecture views' weight
  // statistics and measurements read the model the learner opened).
  void withModel(std::function<void(const ModelAccess&)> work, std::function<void()> done) override;

  // Tokens of the attention view: at most this many (the rest of a long text is cut).
  static constexpr int kMaxAttentionTokens = 1024;
  // Steps of the training run the loss chart shows.
  static constexpr int kLossSteps = 20;
  // Vocabulary size of the learner's own BPE.
  static constexpr int kLearnerBpeVocab = 1000;

 private:
  EngineModel& model();
  // A tokenizer by name ("gpt2-style" is GPT-2, "model" the model's, "learner-bpe" the
  // learner's); cached. Throws gb::Error when its files are missing.
  const gb::Tokenizer& namedTokenizer(const std::string& name);
  std::vector<trace::TokenSpan> spans(const std::string& name, const std::string& text);
  void publish();

  std::unique_ptr<EngineModel> model_;  // worker thread only
  std::map<std::string, std::unique_ptr<gb::Tokenizer>> tokenizers_;
  std::unique_ptr<gb::Tokenizer> learner_bpe_;
  std::string learner_bpe_corpus_;      // the corpus learner_bpe_ was trained on

  mutable QMutex mutex_;  // guards what follows
  ModelInfo info_;
  bool has_model_ = false;
  gb::Device device_ = gb::Device::CPU;
  std::string corpus_;
};

}}  // namespace glassbox::app
