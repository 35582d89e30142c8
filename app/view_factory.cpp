#include "app/view_factory.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>
#include <cmath>

#include "app/arch_views.h"
#include "app/data_source.h"
#include "views/attention_view.h"
#include "views/bpe_view.h"
#include "views/embedding_view.h"
#include "views/loss_chart_view.h"
#include "views/next_token_view.h"
#include "views/pipeline_view.h"
#include "views/sliding_window_view.h"
#include "views/token_view.h"

namespace glassbox { namespace app {
namespace {

QString sampleNotice(const DataSource& data, const char* what) {
  return data.isLive() ? QString() : QCoreApplication::translate("ViewFactory", what);
}

const char kDefaultText[] = "Every effort moves you";

}  // namespace

QStringList ViewFactory::viewNames() {
  return QStringList{QStringLiteral("pipeline"),       QStringLiteral("tokens"),           QStringLiteral("sliding_window"),
          QStringLiteral("embeddings"),     QStringLiteral("embedding_sum"),    QStringLiteral("attention"),
          QStringLiteral("attention_scratch"), QStringLiteral("next_token"),     QStringLiteral("bpe"),
          QStringLiteral("loss_chart")} +
         archViewNames();
}

views::ExportableView* ViewFactory::create(const QString& name, const QJsonObject& params, DataSource& data,
                                           QWidget* parent, QString* error) {
  const QString text = params.value(QStringLiteral("text")).toString(QString::fromLatin1(kDefaultText));
  if (name == QLatin1String("pipeline")) {
    auto* view = new views::PipelineView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample tokens, IDs and probabilities (no model loaded).")));
    view->setHighlight(params.value(QStringLiteral("highlight")).toInt(-1));
    QPointer<views::PipelineView> guard(view);
    data.tokenize(text, QStringLiteral("gpt2-style"), [guard, text, &data](std::vector<trace::TokenSpan> tokens) {
      if (!guard) return;
      data.nextToken(text, [guard, text, tokens](trace::NextTokenDistribution next) {
        if (guard) guard->setExample(text, tokens, next, 12);
      });
    });
    return view;
  }
  if (name == QLatin1String("tokens")) {
    auto* view = new views::TokenView(parent);
    const QString tokenizer = params.value(QStringLiteral("tokenizer")).toString(QStringLiteral("gpt2-style"));
    view->setInputVisible(params.value(QStringLiteral("editable")).toBool(true));
    view->setShowWhitespace(params.value(QStringLiteral("show_whitespace")).toBool(false));
    view->setShowIds(params.value(QStringLiteral("show_ids")).toBool(false));
    if (!data.isLive())
      view->setNotice(QCoreApplication::translate("ViewFactory", "Sample tokenizer (%1), built into Glassbox: load a model to see its real tokenizer.")
                          .arg(tokenizer));
    view->setInputText(text);
    QPointer<views::TokenView> guard(view);
    auto retokenize = [guard, tokenizer, &data](const QString& t) {
      data.tokenize(t, tokenizer, [guard, t](std::vector<trace::TokenSpan> tokens) {
        if (guard) guard->setTokens(t, tokens);
      });
    };
    QObject::connect(view, &views::TokenView::textEdited, view, retokenize);
    retokenize(text);
    return view;
  }
  if (name == QLatin1String("sliding_window")) {
    auto* view = new views::SlidingWindowView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Token IDs from the built-in sample tokenizer (numbered by this text's own vocabulary).")));
    // Windows need a text longer than the context; the default example is too short.
    const QString long_text = params.value(QStringLiteral("text"))
                                  .toString(QStringLiteral("Every effort moves you closer to the goal, one small step at a time."));
    view->setContext(params.value(QStringLiteral("context")).toInt(4));
    view->setStride(params.value(QStringLiteral("stride")).toInt(1));
    QPointer<views::SlidingWindowView> guard(view);
    data.tokenize(long_text, params.value(QStringLiteral("tokenizer")).toString(QStringLiteral("gpt2-style")),
                  [guard](std::vector<trace::TokenSpan> tokens) {
                    if (guard) guard->setTokens(tokens);
                  });
    return view;
  }
  if (name == QLatin1String("embeddings")) {
    auto* view = new views::EmbeddingView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample embeddings (hand-made, 8 dimensions): load a model to see its own.")));
    QPointer<views::EmbeddingView> guard(view);
    const QString select = params.value(QStringLiteral("select")).toString();
    data.embeddings([guard, select](trace::EmbeddingPoints points) {
      if (!guard) return;
      guard->setPoints(points);
      for (std::size_t i = 0; i < points.labels.size(); ++i)
        if (QString::fromStdString(points.labels[i]) == select) guard->select(static_cast<int>(i));
    });
    return view;
  }
  if (name == QLatin1String("embedding_sum")) {
    auto* view = new views::EmbeddingSumView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample values (small random numbers, 4 dimensions) — a model's own tables are learned and much wider.")));
    QPointer<views::EmbeddingSumView> guard(view);
    data.inputEmbeddings(text, [guard](trace::Matrix token, trace::Matrix position) {
      if (!guard) return;
      token.name = QCoreApplication::translate("ViewFactory", "token embeddings").toStdString();
      position.name = QCoreApplication::translate("ViewFactory", "position embeddings").toStdString();
      guard->setEmbeddings(token, position);
    });
    return view;
  }
  if (name == QLatin1String("attention")) {
    auto* view = new views::AttentionView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample data — load a model to see real attention. These patterns "
                                       "(previous token, first token, same word) are ones trained heads often show.")));
    QPointer<views::AttentionView> guard(view);
    const int layer = params.value(QStringLiteral("layer")).toInt(0);
    const int head = params.value(QStringLiteral("head")).toInt(0);
    view->setInputText(text);
    auto recompute = [guard, &data](const QString& t, int layer, int head) {
      data.attention(t, [guard, layer, head](std::vector<trace::AttentionMap> maps) {
        if (!guard) return;
        guard->setMaps(maps);
        guard->showHead(layer, head);
      });
    };
    QObject::connect(view, &views::AttentionView::textEdited, view, [guard, recompute](const QString& t) {
      if (guard) recompute(t, guard->layer(), guard->head());
    });
    recompute(text, layer, head);
    return view;
  }
  if (name == QLatin1String("bpe")) {
    auto* view = new views::BpeView(parent);
    view->setNotice(QCoreApplication::translate("ViewFactory", "This BPE is trained right here, on the short text below: a real tokenizer learns tens of thousands of merges from gigabytes."));
    // A text with repeated pieces, so that merges have pairs to count.
    const QString corpus = params.value(QStringLiteral("corpus"))
                               .toString(QStringLiteral("the cat sat on the mat and the other cat sat there with them"));
    const int merges = params.value(QStringLiteral("merges")).toInt(30);
    const int applied = params.value(QStringLiteral("applied")).toInt(0);
    view->setSample(params.value(QStringLiteral("sample")).toString(corpus.left(60)));
    QPointer<views::BpeView> guard(view);
    data.bpeMerges(corpus, merges, [guard, applied](std::vector<trace::BpeMerge> learned) {
      if (!guard) return;
      guard->setMerges(learned);
      guard->setApplied(applied);
    });
    return view;
  }
  if (name == QLatin1String("loss_chart")) {
    auto* view = new views::LossChartView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample curve (hand-made) — train a model to see its own.")));
    // The loss of uniform guessing over the vocabulary, ln V: where an untrained model starts.
    const int vocab = params.value(QStringLiteral("vocab")).toInt(50257);
    view->setReference(std::log(static_cast<double>(vocab)),
                       QCoreApplication::translate("ViewFactory", "ln %1 = %2 (uniform guess)").arg(vocab).arg(std::log(static_cast<double>(vocab)), 0, 'f', 2));
    QPointer<views::LossChartView> guard(view);
    data.trainingLoss([guard](std::vector<trace::LossPoint> points) {
      if (guard) guard->setPoints(points);
    });
    return view;
  }
  if (name == QLatin1String("attention_scratch")) {
    auto* view = new views::AttentionScratchView(parent);
    view->setStage(params.value(QStringLiteral("stage")).toInt(0));
    return view;
  }
  if (name == QLatin1String("next_token")) {
    auto* view = new views::NextTokenView(parent);
    view->setNotice(sampleNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample distribution (hand-written) — load a model to see its real predictions.")));
    QPointer<views::NextTokenView> guard(view);
    auto predict = [guard, &data](const QString& prompt) {
      data.nextToken(prompt, [guard](trace::NextTokenDistribution d) {
        if (guard) guard->setDistribution(d);
      });
    };
    // After Greedy or Sample, ask for the distribution that follows the longer prompt.
    QObject::connect(view, &views::NextTokenView::tokenAppended, view, [guard, predict] {
      if (guard) predict(guard->prompt());
    });
    predict(text);
    view->setTemperature(params.value(QStringLiteral("temperature")).toDouble(1.0));
    if (params.contains(QStringLiteral("top_k"))) view->setTopK(params.value(QStringLiteral("top_k")).toInt());
    view->setTopP(params.value(QStringLiteral("top_p")).toDouble(1.0));
    return view;
  }
  if (auto* view = createArchView(name, params, data, parent)) return view;
  if (error) *error = QCoreApplication::translate("ViewFactory", "Unknown view \"%1\". Known views: %2").arg(name, viewNames().join(QStringLiteral(", ")));
  return nullptr;
}

}}  // namespace glassbox::app
