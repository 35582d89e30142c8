#include "app/view_factory.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>
#include <cmath>
#include <map>

#include "app/chat_sample.h"
#include "app/classifier_page.h"
#include "app/arch_views.h"
#include "app/data_source.h"
#include "app/instruct_page.h"
#include "app/studio_page.h"
#include "views/attention_view.h"
#include "views/bpe_view.h"
#include "views/classifier_view.h"
#include "views/chat_view.h"
#include "views/embedding_view.h"
#include "views/loss_chart_view.h"
#include "views/next_token_view.h"
#include "views/pipeline_view.h"
#include "views/response_table_view.h"
#include "views/sliding_window_view.h"
#include "views/token_view.h"
#include "views/tokenizer_compare_view.h"

namespace glassbox { namespace app {
namespace {

QString sampleNotice(const DataSource& data, const char* what) {
  return data.isLive() ? QString() : QCoreApplication::translate("ViewFactory", what);
}

const char kDefaultText[] = "Every effort moves you";

std::map<QString, ViewFactory::Attacher>& attachers() {
  static std::map<QString, ViewFactory::Attacher> all;
  return all;
}

// What a view computed by a random (untrained) model says about itself.
QString randomNotice(const DataSource& data) {
  return data.isRandomModel()
             ? QCoreApplication::translate("ViewFactory", "Computed by a random model (untrained weights): the patterns are noise "
                                                          "until a trained model is loaded (File › Open model…).")
             : QString();
}

// For views that show a model's numbers: the sample notice, or the random-model notice.
QString modelNotice(const DataSource& data, const char* sample_text) {
  return data.isLive() ? randomNotice(data) : QCoreApplication::translate("ViewFactory", sample_text);
}

}  // namespace

QStringList ViewFactory::viewNames() {
  return QStringList{QStringLiteral("pipeline"),       QStringLiteral("tokens"),           QStringLiteral("sliding_window"),
          QStringLiteral("embeddings"),     QStringLiteral("embedding_sum"),    QStringLiteral("attention"),
          QStringLiteral("attention_scratch"), QStringLiteral("next_token"),     QStringLiteral("bpe"),
          QStringLiteral("loss_chart"), QStringLiteral("tokenizer_compare"), QStringLiteral("studio"),
          QStringLiteral("classifier"), QStringLiteral("responses"), QStringLiteral("chat"),
          QStringLiteral("instruct")} +
         archViewNames();
}

void ViewFactory::setAttacher(const QString& name, Attacher attacher) {
  if (attacher) attachers()[name] = std::move(attacher);
  else attachers().erase(name);
}

views::ExportableView* ViewFactory::create(const QString& name, const QJsonObject& params, DataSource& data,
                                           QWidget* parent, QString* error) {
  const QString text = params.value(QStringLiteral("text")).toString(QString::fromLatin1(kDefaultText));
  if (name == QLatin1String("pipeline")) {
    auto* view = new views::PipelineView(parent);
    view->setNotice(modelNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample tokens, IDs and probabilities (no model loaded).")));
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
    view->setNotice(modelNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample embeddings (hand-made, 8 dimensions): load a model to see its own.")));
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
    view->setNotice(modelNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample values (small random numbers, 4 dimensions) — a model's own tables are learned and much wider.")));
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
    view->setNotice(data.isLive() ? randomNotice(data)
                                  : QCoreApplication::translate("ViewFactory", "Sample data — load a model to see real attention. These patterns "
                                       "(previous token, first token, same word) are ones trained heads often show."));
    QPointer<views::AttentionView> guard(view);
    const int layer = params.value(QStringLiteral("layer")).toInt(0);
    const int head = params.value(QStringLiteral("head")).toInt(0);
    view->setInputText(text);
    // Every keystroke asks again; the worker drops a request that a newer one replaced.
    auto recompute = [guard, &data](const QString& t, int layer, int head) {
      data.attention(t, layer, [guard, layer, head](std::vector<trace::AttentionMap> maps) {
        if (!guard) return;
        guard->setMaps(maps, layer, head);
      });
    };
    QObject::connect(view, &views::AttentionView::textEdited, view, [guard, recompute](const QString& t) {
      if (guard) recompute(t, guard->layer(), guard->head());
    });
    QObject::connect(view, &views::AttentionView::layerRequested, view, [guard, recompute](int l) {
      if (guard) recompute(guard->inputText(), l, guard->head());
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
    view->setNotice(data.isLive() ? QCoreApplication::translate("ViewFactory", "A real run, computed when this step opened: a tiny GPT "
                                                                               "(2 layers, 64 wide) learning the lessons' own text for 20 steps.")
                                  : QCoreApplication::translate("ViewFactory", "Sample curve (hand-made) — train a model to see its own."));
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
  if (name == QLatin1String("studio")) {
    // The training studio attaches to the app's one controller, so a run outlives the step.
    return new StudioPage(StudioController::instance(), params, &data, parent);
  }
  if (name == QLatin1String("attention_scratch")) {
    auto* view = new views::AttentionScratchView(parent);
    view->setStage(params.value(QStringLiteral("stage")).toInt(0));
    return view;
  }
  if (name == QLatin1String("next_token")) {
    auto* view = new views::NextTokenView(parent);
    view->setNotice(modelNotice(data, QT_TRANSLATE_NOOP("ViewFactory", "Sample distribution (hand-written) — load a model to see its real predictions.")));
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
  if (name == QLatin1String("classifier")) {
    // Spam classifier finetuning: curves, confusion matrix, type-a-message box, run by the
    // app's one ClassifierController (classifier_page.h). Without one (a view test, no
    // engine) a hand-made run, labelled as such.
    if (ClassifierController::instance()) return new ClassifierPage(ClassifierController::instance(), params, parent);
    auto* view = new views::ClassifierView(parent);
    view->setNotice(QCoreApplication::translate(
        "ViewFactory", "Sample run (hand-made) — finetune with glassbox-cli finetune classify to see your own."));
    std::vector<trace::ClassifierPoint> points;
    for (int step = 1; step <= 60; ++step) {
      const double t = step / 60.0, nan = std::nan("");
      const bool eval = step % 10 == 0;
      points.push_back({step, 2.0 * t, 0.69 * std::exp(-3.0 * t) + 0.04 * std::sin(step * 1.7) + 0.05,
                        eval ? 0.66 * std::exp(-2.6 * t) + 0.08 : nan, eval ? 1.0 - 0.5 * std::exp(-4.0 * t) : nan,
                        eval ? 0.98 - 0.48 * std::exp(-3.5 * t) : nan});
    }
    view->setPoints(points);
    view->setConfusion({{"ham", "spam"}, {{370, 9}, {14, 366}}}, 0.5);
    view->setInputText(params.value(QStringLiteral("text")).toString());
    return view;
  }
  if (name == QLatin1String("responses")) {
    // Held-out instructions through several models with token F1. Hand-made until the app
    // runs `eval instruct` itself (labelled as sample).
    auto* view = new views::ResponseTableView(parent);
    view->setNotice(QCoreApplication::translate(
        "ViewFactory", "Sample answers (hand-made) — run glassbox-cli eval instruct to see your models' own."));
    view->setTable({{"glassbox-base", "glassbox-chat", "LoRA r=8"},
                    "F1",
                    {{"What is the capital of Texas?", "", "The capital of Texas is Austin.",
                      {"The whale was in the sea, and the", "The capital of Texas is Austin.", "The capital of Texas is Austin."},
                      {0.0, 1.0, 1.0}},
                     {"What is the plural of \"wolf\"?", "", "The plural of \"wolf\" is \"wolves\".",
                      {"said Stubb, the", "The plural of \"wolf\" is \"wolfs\".", "The plural of \"wolf\" is \"wolves\"."},
                      {0.0, 0.75, 1.0}},
                     {"Add the two numbers.", "57 and 9", "66", {"and the ship", "66", "67"}, {0.0, 1.0, 0.0}},
                     {"Give an antonym of the word.", "hot", "cold", {"and", "cold", "warm"}, {0.0, 1.0, 0.0}}}});
    return view;
  }
  if (name == QLatin1String("instruct")) {
    // Instruction finetuning, evaluation and comparison (lessons 8 and 9): the app's one
    // controller, so a run outlives the step; without the app, the sample table.
    if (InstructController* controller = InstructController::instance()) return new InstructPage(controller, params, parent);
    return create(QStringLiteral("responses"), params, data, parent, error);
  }
  if (name == QLatin1String("chat")) {
    auto* view = new views::ChatView(parent);
    if (auto it = attachers().find(name); it != attachers().end()) {
      it->second(view, params);
    } else {
      view->setMessages(sampleChat());
      view->setNotice(QCoreApplication::translate("ViewFactory", "A sample conversation (hand-made): load a model to chat with it."));
    }
    return view;
  }
  if (name == QLatin1String("tokenizer_compare")) {
    auto* view = new views::TokenizerCompareView(parent);
    if (!data.isLive())
      view->setNotice(QCoreApplication::translate("ViewFactory", "Sample tokenizers only: the real ones run in the app."));
    QStringList tokenizers;
    for (const auto& v : params.value(QStringLiteral("tokenizers")).toArray()) tokenizers << v.toString();
    if (tokenizers.isEmpty())
      tokenizers = data.isLive() ? QStringList{QStringLiteral("gpt2"), QStringLiteral("cl100k_base"), QStringLiteral("o200k_base"),
                                               QStringLiteral("bert-base-uncased"), QStringLiteral("mistral"), QStringLiteral("qwen3"),
                                               QStringLiteral("learner-bpe")}
                                 : QStringList{QStringLiteral("words"), QStringLiteral("gpt2-style"), QStringLiteral("chars"),
                                               QStringLiteral("bytes")};
    const QString shown = params.value(QStringLiteral("text")).toString(views::TokenizerCompareView::probeText());
    view->setText(shown);
    QPointer<views::TokenizerCompareView> guard(view);
    auto compare = [guard, tokenizers, &data](const QString& t) {
      data.compareTokenizers(t, tokenizers, [guard, t](std::vector<trace::TokenizerRun> runs) {
        if (guard) guard->setRuns(t, runs);
      });
    };
    QObject::connect(view, &views::TokenizerCompareView::textEdited, view, compare);
    compare(shown);
    return view;
  }
  if (auto* view = createArchView(name, params, data, parent)) return view;
  if (error) *error = QCoreApplication::translate("ViewFactory", "Unknown view \"%1\". Known views: %2").arg(name, viewNames().join(QStringLiteral(", ")));
  return nullptr;
}

}}  // namespace glassbox::app
