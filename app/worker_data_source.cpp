#include "app/worker_data_source.h"

#include <utility>

namespace glassbox { namespace app {

WorkerDataSource::WorkerDataSource(EngineWorkerHost& host, DataSource& compute, QObject* parent)
    : QObject(parent), host_(host), compute_(compute) {
  connect(&host_, &EngineWorkerHost::finished, this, [this](const JobResult& r) {
    auto it = pending_.find(r.job);
    if (it == pending_.end()) return;  // someone else's job
    auto deliver = std::move(it->second);
    pending_.erase(it);
    deliver();
  });
  connect(&host_, &EngineWorkerHost::failed, this, [this](const JobFailure& f) { pending_.erase(f.job); });
}

void WorkerDataSource::tokenize(const QString& text, const QString& tokenizer,
                                std::function<void(std::vector<trace::TokenSpan>)> done) {
  run<std::vector<trace::TokenSpan>>(
      [this, text, tokenizer](std::vector<trace::TokenSpan>* out) {
        compute_.tokenize(text, tokenizer, [out](std::vector<trace::TokenSpan> r) { *out = std::move(r); });
      },
      [done](std::vector<trace::TokenSpan>& r) { done(std::move(r)); }, QStringLiteral("tokenize:") + tokenizer);
}

void WorkerDataSource::attention(const QString& text, int layer,
                                 std::function<void(std::vector<trace::AttentionMap>)> done) {
  run<std::vector<trace::AttentionMap>>(
      [this, text, layer](std::vector<trace::AttentionMap>* out) {
        compute_.attention(text, layer, [out](std::vector<trace::AttentionMap> r) { *out = std::move(r); });
      },
      [done](std::vector<trace::AttentionMap>& r) { done(std::move(r)); }, QStringLiteral("attention"));
}

void WorkerDataSource::compareTokenizers(const QString& text, const QStringList& tokenizers,
                                         std::function<void(std::vector<trace::TokenizerRun>)> done) {
  run<std::vector<trace::TokenizerRun>>(
      [this, text, tokenizers](std::vector<trace::TokenizerRun>* out) {
        compute_.compareTokenizers(text, tokenizers, [out](std::vector<trace::TokenizerRun> r) { *out = std::move(r); });
      },
      [done](std::vector<trace::TokenizerRun>& r) { done(std::move(r)); }, QStringLiteral("compare"));
}

void WorkerDataSource::nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) {
  run<trace::NextTokenDistribution>(
      [this, prompt](trace::NextTokenDistribution* out) {
        compute_.nextToken(prompt, [out](trace::NextTokenDistribution r) { *out = std::move(r); });
      },
      [done](trace::NextTokenDistribution& r) { done(std::move(r)); }, QStringLiteral("next"));
}

void WorkerDataSource::embeddings(std::function<void(trace::EmbeddingPoints)> done) {
  run<trace::EmbeddingPoints>(
      [this](trace::EmbeddingPoints* out) {
        compute_.embeddings([out](trace::EmbeddingPoints r) { *out = std::move(r); });
      },
      [done](trace::EmbeddingPoints& r) { done(std::move(r)); });
}

void WorkerDataSource::inputEmbeddings(const QString& text,
                                       std::function<void(trace::Matrix token, trace::Matrix position)> done) {
  using Pair = std::pair<trace::Matrix, trace::Matrix>;
  run<Pair>(
      [this, text](Pair* out) {
        compute_.inputEmbeddings(text, [out](trace::Matrix t, trace::Matrix p) { *out = {std::move(t), std::move(p)}; });
      },
      [done](Pair& r) { done(std::move(r.first), std::move(r.second)); });
}

void WorkerDataSource::bpeMerges(const QString& corpus, int merges,
                                 std::function<void(std::vector<trace::BpeMerge>)> done) {
  run<std::vector<trace::BpeMerge>>(
      [this, corpus, merges](std::vector<trace::BpeMerge>* out) {
        compute_.bpeMerges(corpus, merges, [out](std::vector<trace::BpeMerge> r) { *out = std::move(r); });
      },
      [done](std::vector<trace::BpeMerge>& r) { done(std::move(r)); });
}

void WorkerDataSource::trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) {
  run<std::vector<trace::LossPoint>>(
      [this](std::vector<trace::LossPoint>* out) {
        compute_.trainingLoss([out](std::vector<trace::LossPoint> r) { *out = std::move(r); });
      },
      [done](std::vector<trace::LossPoint>& r) { done(std::move(r)); });
}

void WorkerDataSource::withModel(std::function<void(const ModelAccess&)> work, std::function<void()> done) {
  run<int>([this, work](int*) { compute_.withModel(work, [] {}); }, [done](int&) { done(); });
}

}}  // namespace glassbox::app
