#include "app/engine_data_source.h"

#include <QCoreApplication>
#include <QDir>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "app/model_paths.h"
#include "engine/core/error.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/tokenizer/simple_tokenizer.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/train/trainer.h"

namespace glassbox { namespace app {
namespace {

trace::TokenSpan toSpan(const gb::TokenPiece& p) {
  return {p.bytes, static_cast<int>(p.id), p.begin, p.end, p.partial_utf8};
}

// One token per Unicode character, id = code point (no vocabulary file needed).
std::vector<trace::TokenSpan> characters(const std::string& text) {
  std::vector<trace::TokenSpan> out;
  const QString q = QString::fromStdString(text);
  std::size_t pos = 0;
  for (char32_t c : q.toUcs4()) {
    const std::string piece = QString::fromUcs4(&c, 1).toStdString();
    out.push_back({piece, static_cast<int>(c), pos, pos + piece.size(), false});
    pos += piece.size();
  }
  return out;
}

// "d1" … "dN" for the columns of an embedding matrix.
std::vector<std::string> dimensionLabels(int n) {
  std::vector<std::string> labels;
  for (int j = 0; j < n; ++j) labels.push_back(std::string("d").append(std::to_string(j + 1)));
  return labels;
}

// The words whose embeddings the embedding view plots: five themes, so that a trained
// model's neighbours make sense (and a random model's visibly do not).
const std::vector<const char*>& embeddingWords() {
  static const std::vector<const char*> words = {
      "cat", "dog", "horse", "bird", "fish", "lion",           // animals
      "king", "queen", "prince", "princess", "crown", "throne",  // royalty
      "one", "two", "three", "four", "five", "ten",            // numbers
      "red", "green", "blue", "yellow", "purple", "orange",    // colours
      "run", "walk", "jump", "swim", "fly", "climb"};          // verbs
  return words;
}

}  // namespace

EngineDataSource::EngineDataSource() = default;
EngineDataSource::~EngineDataSource() = default;

void EngineDataSource::setDevice(gb::Device device) {
  QMutexLocker lock(&mutex_);
  device_ = device;
}

gb::Device EngineDataSource::device() const {
  QMutexLocker lock(&mutex_);
  return device_;
}

void EngineDataSource::setLearnerCorpus(const QString& text) {
  QMutexLocker lock(&mutex_);
  corpus_ = text.toStdString();
}

ModelInfo EngineDataSource::info() const {
  QMutexLocker lock(&mutex_);
  return info_;
}

bool EngineDataSource::hasModel() const {
  QMutexLocker lock(&mutex_);
  return has_model_;
}

QString EngineDataSource::modelName() const {
  QMutexLocker lock(&mutex_);
  if (!has_model_) return QCoreApplication::translate("EngineDataSource", "loading…");
  return info_.random ? QCoreApplication::translate("EngineDataSource", "random model (untrained)")
                      : QString::fromStdString(info_.name);
}

bool EngineDataSource::isRandomModel() const {
  QMutexLocker lock(&mutex_);
  return !has_model_ || info_.random;
}

void EngineDataSource::publish() {
  QMutexLocker lock(&mutex_);
  info_ = model_->info();
  has_model_ = true;
}

void EngineDataSource::loadModel(const QString& dir) {
  // Built fully before it replaces the current model, so a failure keeps what we had.
  std::unique_ptr<EngineModel> next =
      dir.isEmpty() ? EngineModel::random(device()) : EngineModel::load(QDir(dir).absolutePath().toStdString(), device());
  model_ = std::move(next);
  publish();
}

QString EngineDataSource::loadDefaultModel() {
  const QString bundled = findBundledModel();
  if (!bundled.isEmpty()) {
    try {
      loadModel(bundled);
      return {};
    } catch (const std::exception& e) {
      loadModel(QString());
      return QString::fromUtf8(e.what());
    }
  }
  loadModel(QString());
  return {};
}

void EngineDataSource::reload() {
  if (!model_) {
    loadDefaultModel();
    return;
  }
  loadModel(QString::fromStdString(model_->info().path));
}

EngineModel& EngineDataSource::model() {
  if (!model_) loadDefaultModel();  // a request that came before the first load
  return *model_;
}

const gb::Tokenizer& EngineDataSource::namedTokenizer(const std::string& name) {
  if (name == "model") return model().tokenizer();
  if (name == "learner-bpe") {
    std::string corpus;
    {
      QMutexLocker lock(&mutex_);
      corpus = corpus_;
    }
    if (!learner_bpe_ || corpus != learner_bpe_corpus_) {
      if (corpus.empty()) throw gb::Error(QCoreApplication::translate("EngineDataSource", "there is no text to train your BPE on yet").toStdString());
      gb::BpeTrainOptions options;
      options.vocab_size = kLearnerBpeVocab;
      options.name = "learner-bpe";
      gb::BpeTrainer trainer(options);
      trainer.add_text(corpus);
      learner_bpe_ = trainer.train();
      learner_bpe_corpus_ = corpus;
    }
    return *learner_bpe_;
  }
  const std::string key = name == "gpt2-style" ? "gpt2" : name;
  auto it = tokenizers_.find(key);
  if (it == tokenizers_.end()) it = tokenizers_.emplace(key, gb::load_tokenizer(key)).first;
  return *it->second;
}

std::vector<trace::TokenSpan> EngineDataSource::spans(const std::string& name, const std::string& text) {
  if (name == "chars") return characters(text);
  std::vector<gb::TokenPiece> pieces;
  if (name == "words") {
    // The book's first tokenizer: the vocabulary is this text's own words, sorted.
    pieces = gb::SimpleTokenizer::from_corpus(text, 1)->encode_with_offsets(text);
  } else {
    pieces = namedTokenizer(name).encode_with_offsets(text);
  }
  std::vector<trace::TokenSpan> out;
  out.reserve(pieces.size());
  for (const auto& p : pieces) out.push_back(toSpan(p));
  return out;
}

void EngineDataSource::tokenize(const QString& text, const QString& tokenizer,
                                std::function<void(std::vector<trace::TokenSpan>)> done) {
  done(spans(tokenizer.isEmpty() ? std::string("model") : tokenizer.toStdString(), text.toStdString()));
}

void EngineDataSource::compareTokenizers(const QString& text, const QStringList& tokenizers,
                                         std::function<void(std::vector<trace::TokenizerRun>)> done) {
  static const std::map<std::string, const char*> labels = {
      {"gpt2", QT_TRANSLATE_NOOP("EngineDataSource", "GPT-2")},
      {"cl100k_base", QT_TRANSLATE_NOOP("EngineDataSource", "GPT-4 (cl100k_base)")},
      {"o200k_base", QT_TRANSLATE_NOOP("EngineDataSource", "GPT-4o (o200k_base)")},
      {"bert-base-uncased", QT_TRANSLATE_NOOP("EngineDataSource", "BERT (WordPiece, uncased)")},
      {"mistral", QT_TRANSLATE_NOOP("EngineDataSource", "Mistral (SentencePiece BPE)")},
      {"qwen3", QT_TRANSLATE_NOOP("EngineDataSource", "Qwen3")},
      {"learner-bpe", QT_TRANSLATE_NOOP("EngineDataSource", "Your BPE (trained on the lessons)")},
      {"model", QT_TRANSLATE_NOOP("EngineDataSource", "This model's tokenizer")},
      {"words", QT_TRANSLATE_NOOP("EngineDataSource", "Simple (words)")},
      {"bytes", QT_TRANSLATE_NOOP("EngineDataSource", "Bytes")},
      {"chars", QT_TRANSLATE_NOOP("EngineDataSource", "Characters")}};
  const std::string utf8 = text.toStdString();
  std::vector<trace::TokenizerRun> runs;
  for (const QString& qname : tokenizers) {
    trace::TokenizerRun run;
    run.name = qname.toStdString();
    const auto label = labels.find(run.name);
    run.label = label != labels.end() ? QCoreApplication::translate("EngineDataSource", label->second).toStdString() : run.name;
    try {
      run.tokens = spans(run.name, utf8);
      if (run.name != "words" && run.name != "chars") run.vocab_size = namedTokenizer(run.name).vocab_size();
    } catch (const std::exception& e) {
      run.tokens.clear();
      run.error = e.what();
    }
    runs.push_back(std::move(run));
  }
  done(std::move(runs));
}

void EngineDataSource::attention(const QString& text, int layer,
                                 std::function<void(std::vector<trace::AttentionMap>)> done) {
  EngineModel& m = model();
  std::vector<gb::TokenPiece> pieces = m.tokenizer().encode_with_offsets(text.toStdString());
  const std::size_t limit = static_cast<std::size_t>(std::min(kMaxAttentionTokens, m.info().context));
  if (pieces.size() > limit) pieces.resize(limit);  // the view says the text was cut
  std::vector<trace::AttentionMap> maps;
  if (pieces.empty()) return done(std::move(maps));
  layer = std::clamp(layer, 0, m.info().layers - 1);
  std::vector<std::int32_t> ids;
  std::vector<std::string> labels;
  for (const auto& p : pieces) {
    ids.push_back(p.id);
    labels.push_back(p.bytes);
  }
  const std::vector<float> probs = m.attention(ids, layer);  // (H, T, T)
  const std::size_t tt = ids.size() * ids.size();
  for (int h = 0; h < m.info().heads; ++h) {
    trace::AttentionMap map;
    map.tokens = labels;
    map.layer = layer;
    map.head = h;
    map.causal = true;
    map.layers = m.info().layers;
    map.matrix.assign(probs.begin() + static_cast<std::ptrdiff_t>(h * tt),
                      probs.begin() + static_cast<std::ptrdiff_t>((h + 1) * tt));
    maps.push_back(std::move(map));
  }
  done(std::move(maps));
}

void EngineDataSource::nextToken(const QString& prompt, std::function<void(trace::NextTokenDistribution)> done) {
  EngineModel& m = model();
  trace::NextTokenDistribution d;
  d.prompt = prompt.toStdString();
  std::vector<std::int32_t> ids = m.tokenizer().encode(d.prompt);
  // An empty prompt starts from the end-of-text token, as GPT-2 starts a new document.
  if (ids.empty() && m.tokenizer().eos_id()) ids.push_back(*m.tokenizer().eos_id());
  if (ids.empty()) return done(std::move(d));
  const std::vector<float> p = m.nextTokenProbs(ids);
  // The views need the head of the distribution only: the 50 most likely tokens.
  std::vector<int> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  const std::size_t k = std::min<std::size_t>(50, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](int a, int b) { return p[static_cast<std::size_t>(a)] > p[static_cast<std::size_t>(b)]; });
  for (std::size_t i = 0; i < k; ++i) {
    const int id = order[i];
    d.ids.push_back(id);
    d.tokens.push_back(id < m.tokenizer().vocab_size() ? m.tokenizer().token_bytes(id) : std::string("<unused>"));
    d.probs.push_back(p[static_cast<std::size_t>(id)]);
  }
  done(std::move(d));
}

void EngineDataSource::embeddings(std::function<void(trace::EmbeddingPoints)> done) {
  EngineModel& m = model();
  trace::EmbeddingPoints points;
  points.dim = m.info().width;
  for (const char* word : embeddingWords()) {
    // With its leading space, as the word appears inside a sentence.
    const std::vector<std::int32_t> ids = m.tokenizer().encode(std::string(" ").append(word));
    if (ids.empty()) continue;
    // A word of several tokens is placed at the mean of their embeddings.
    const std::vector<float> rows = m.tokenEmbeddings(ids);  // (n, C)
    std::vector<float> mean(static_cast<std::size_t>(points.dim), 0.0f);
    for (std::size_t r = 0; r < ids.size(); ++r)
      for (int j = 0; j < points.dim; ++j)
        mean[static_cast<std::size_t>(j)] += rows[r * static_cast<std::size_t>(points.dim) + static_cast<std::size_t>(j)] /
                                             static_cast<float>(ids.size());
    points.labels.emplace_back(word);
    points.ids.push_back(ids.size() == 1 ? ids[0] : -1);
    points.vectors.insert(points.vectors.end(), mean.begin(), mean.end());
  }
  done(std::move(points));
}

void EngineDataSource::inputEmbeddings(const QString& text,
                                       std::function<void(trace::Matrix token, trace::Matrix position)> done) {
  EngineModel& m = model();
  std::vector<gb::TokenPiece> pieces = m.tokenizer().encode_with_offsets(text.toStdString());
  // A short input and the first few of the model's dimensions: enough to see the sum.
  constexpr std::size_t kTokens = 8;
  constexpr int kDims = 6;
  if (pieces.size() > kTokens) pieces.resize(kTokens);
  std::vector<std::int32_t> ids;
  for (const auto& p : pieces) ids.push_back(p.id);
  const int C = m.info().width, T = static_cast<int>(ids.size()), shown = std::min(C, kDims);
  const std::vector<float> tok = m.tokenEmbeddings(ids);     // (T, C)
  const std::vector<float> pos = m.positionEmbeddings(T);    // (T, C)
  trace::Matrix token, position;
  for (trace::Matrix* mat : {&token, &position}) {
    mat->rows = T;
    mat->cols = shown;
    mat->col_labels = dimensionLabels(shown);
  }
  for (int i = 0; i < T; ++i) {
    token.row_labels.push_back(pieces[static_cast<std::size_t>(i)].bytes);
    position.row_labels.push_back(std::string("pos ").append(std::to_string(i)));
    for (int j = 0; j < shown; ++j) {
      token.values.push_back(tok[static_cast<std::size_t>(i * C + j)]);
      position.values.push_back(pos[static_cast<std::size_t>(i * C + j)]);
    }
  }
  done(std::move(token), std::move(position));
}

void EngineDataSource::bpeMerges(const QString& corpus, int merges,
                                 std::function<void(std::vector<trace::BpeMerge>)> done) {
  // The engine's BpeTrainer (byte-level, GPT-2's pre-tokenizer): 256 byte tokens + merges.
  gb::BpeTrainOptions options;
  options.vocab_size = 256 + std::max(0, merges);
  options.specials = {};
  options.name = "lesson-bpe";
  gb::BpeTrainer trainer(options);
  trainer.add_text(corpus.toStdString());
  const std::unique_ptr<gb::ByteLevelBpe> bpe = trainer.train();
  std::vector<trace::BpeMerge> out;
  for (const gb::BpeMerge& m : trainer.merges())
    out.push_back({bpe->token_bytes(m.left), bpe->token_bytes(m.right), static_cast<int>(m.count)});
  done(std::move(out));
}

void EngineDataSource::withModel(std::function<void(const ModelAccess&)> work, std::function<void()> done) {
  ModelAccess access;
  if (model_) {
    access.model = &model_->model();
    access.tokenizer = &model_->tokenizer();
  }
  work(access);
  done();
}

void EngineDataSource::trainingLoss(std::function<void(std::vector<trace::LossPoint>)> done) {
  std::string corpus;
  {
    QMutexLocker lock(&mutex_);
    corpus = corpus_;
  }
  // The run depends only on the corpus (fixed seed), so one run per corpus serves every
  // window of this process.
  static QMutex cache_mutex;
  static std::map<std::string, std::vector<trace::LossPoint>> cache;
  {
    QMutexLocker lock(&cache_mutex);
    if (auto it = cache.find(corpus); it != cache.end()) return done(it->second);
  }
  std::vector<trace::LossPoint> points;
  if (!corpus.empty()) {
    // gpt-tiny (2 layers, 64 wide, GPT-2's 50,257 tokens) learns the corpus for kLossSteps
    // steps: the loss starts near ln 50257 ≈ 10.8, as the lesson says, and falls.
    const std::vector<std::int32_t> tokens = namedTokenizer("gpt2").encode(corpus);
    gb::GPTModel tiny(gb::preset("gpt-tiny"), 7);
    gb::TrainOptions options;
    options.steps = kLossSteps;
    options.batch = 4;
    options.context = 16;
    options.lr = 6e-3f;
    options.eval_every = 5;
    options.eval_batches = 1;
    try {
      gb::Trainer trainer(tiny, options, tokens, "the lesson text");
      const double untrained = trainer.evaluate();
      points.push_back({0, untrained, untrained});
      trainer.run([&](const gb::StepLog& s) { points.push_back({s.step, s.loss, s.val_loss ? *s.val_loss : NAN}); });
    } catch (const gb::Error&) {
      points.clear();  // a corpus too short for one window: nothing to show
    }
  }
  QMutexLocker lock(&cache_mutex);
  cache[corpus] = points;
  done(std::move(points));
}

}}  // namespace glassbox::app
