#include "app/data_source.h"

#include <QCoreApplication>

#include "app/sample_data.h"

namespace glassbox { namespace app {

QString SampleDataSource::modelName() const {
  return QCoreApplication::translate("DataSource", "none (sample data)");
}

void SampleDataSource::tokenize(const QString& text, const QString& tokenizer,
                                std::function<void(std::vector<trace::TokenSpan>)> done) {
  done(sample::tokenize(text, tokenizer.isEmpty() ? QStringLiteral("gpt2-style") : tokenizer));
}

void SampleDataSource::attention(const QString& text, int layer,
                                 std::function<void(std::vector<trace::AttentionMap>)> done) {
  std::vector<std::string> tokens;
  for (const auto& t : sample::tokenize(text, QStringLiteral("gpt2-style"))) tokens.push_back(t.text);
  std::vector<trace::AttentionMap> maps;
  for (auto& m : sample::attention(tokens, 2, 4))
    if (m.layer == layer) maps.push_back(std::move(m));
  done(std::move(maps));
}

void SampleDataSource::compareTokenizers(const QString& text, const QStringList& tokenizers,
                                         std::function<void(std::vector<trace::TokenizerRun>)> done) {
  std::vector<trace::TokenizerRun> runs;
  for (const QString& name : tokenizers) {
    trace::TokenizerRun run;
    run.name = run.label = name.toStdString();
    if (sample::tokenizerSchemes().contains(name)) {
      run.tokens = sample::tokenize(text, name);
      run.vocab_size = name == QLatin1String("bytes") ? 256 : 0;  // the others number this text's own words
    } else {
      run.error = QCoreApplication::translate("DataSource", "not a sample tokenizer").toStdString();
    }
    runs.push_back(std::move(run));
  }
  done(std::move(runs));
}

void SampleDataSource::nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) {
  done(sample::nextToken(prompt));
}

void SampleDataSource::embeddings(std::function<void(trace::EmbeddingPoints)> done) { done(sample::embeddings()); }

void SampleDataSource::inputEmbeddings(const QString& text,
                                       std::function<void(trace::Matrix token, trace::Matrix position)> done) {
  // Words without their spaces, so a repeated word is the same token (same embedding row).
  const auto tokens = sample::tokenize(text, QStringLiteral("words"));
  done(sample::tokenEmbeddings(tokens, 4), sample::positionEmbeddings(tokens, 4));
}

void SampleDataSource::bpeMerges(const QString& corpus, int merges,
                                 std::function<void(std::vector<trace::BpeMerge>)> done) {
  done(sample::learnBpe(corpus, merges));
}

void SampleDataSource::trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) {
  done(sample::lossCurve());
}

}}  // namespace glassbox::app
