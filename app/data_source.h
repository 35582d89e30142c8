#pragma once
// The seam between lesson views and whatever computes their data. Views are fed plain
// trace structs; a DataSource produces them and calls back on the UI thread.
//
// EngineDataSource (engine_data_source.h) computes everything with the engine: real
// tokenizers and a real model. SampleDataSource answers with hand-made data (sample_data.h)
// for tests that need known values. Either is wrapped in a WorkerDataSource, which runs each
// request as an EngineWorker job and calls back on the UI thread, so the views never wait.

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "engine/trace/trace.h"

namespace gb {
class LanguageModel;
class Tokenizer;
}  // namespace gb

namespace glassbox { namespace app {

// What engine-side view code (app/arch_data.h) may read on the worker thread: the loaded
// model and its tokenizer, each nullptr when there is none (sample data).
struct ModelAccess {
  const gb::LanguageModel* model = nullptr;
  const gb::Tokenizer* tokenizer = nullptr;
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  // True when the data comes from a loaded model; false for sample data (views say so).
  virtual bool isLive() const = 0;
  virtual QString modelName() const = 0;
  // True when the model's weights are random (untrained): views say their patterns are noise.
  virtual bool isRandomModel() const { return false; }

  virtual void tokenize(const QString& text, const QString& tokenizer,
                        std::function<void(std::vector<trace::TokenSpan>)> done) = 0;
  // Every head of one layer (AttentionMap::layers says how many layers there are).
  virtual void attention(const QString& text, int layer, std::function<void(std::vector<trace::AttentionMap>)> done) = 0;
  // The same text through several tokenizers (registry names, "words", "model", "learner-bpe").
  virtual void compareTokenizers(const QString& text, const QStringList& tokenizers,
                                 std::function<void(std::vector<trace::TokenizerRun>)> done) = 0;
  virtual void nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) = 0;
  virtual void embeddings(std::function<void(trace::EmbeddingPoints)> done) = 0;
  virtual void inputEmbeddings(const QString& text,
                               std::function<void(trace::Matrix token, trace::Matrix position)> done) = 0;
  // The loss history of the current training run (sample: a hand-made curve).
  virtual void trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) = 0;
  // Trains a BPE with up to `merges` merges on `corpus` (the learner's BPE, not the model's).
  virtual void bpeMerges(const QString& corpus, int merges, std::function<void(std::vector<trace::BpeMerge>)> done) = 0;
  // Runs `work` where the model lives (WorkerDataSource: on the worker thread), handing it
  // the loaded model, then `done` on the caller's thread. A source with no model (this
  // default) hands it nullptrs; a source that holds a model overrides this.
  virtual void withModel(std::function<void(const ModelAccess&)> work, std::function<void()> done) {
    work(ModelAccess{});
    done();
  }
};

class SampleDataSource : public DataSource {
 public:
  bool isLive() const override { return false; }
  QString modelName() const override;
  void tokenize(const QString& text, const QString& tokenizer,
                std::function<void(std::vector<trace::TokenSpan>)> done) override;
  void attention(const QString& text, int layer, std::function<void(std::vector<trace::AttentionMap>)> done) override;
  // Each name is one of sample::tokenizerSchemes(); other names get an error entry.
  void compareTokenizers(const QString& text, const QStringList& tokenizers,
                         std::function<void(std::vector<trace::TokenizerRun>)> done) override;
  void nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) override;
  void embeddings(std::function<void(trace::EmbeddingPoints)> done) override;
  void inputEmbeddings(const QString& text,
                       std::function<void(trace::Matrix token, trace::Matrix position)> done) override;
  void bpeMerges(const QString& corpus, int merges, std::function<void(std::vector<trace::BpeMerge>)> done) override;
  void trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) override;
};

}}  // namespace glassbox::app
