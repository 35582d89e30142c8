#include "app/arch_views.h"

#include <QCoreApplication>
#include <QPointer>
#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "app/data_source.h"
#include "engine/core/error.h"
#include "engine/generate/kv_measure.h"
#include "engine/nn/forward_trace.h"
#include "engine/nn/language_model.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/trace/architecture.h"
#include "views/architecture_view.h"
#include "views/attention_variants_view.h"
#include "views/kv_cache_view.h"
#include "views/moe_router_view.h"

namespace glassbox { namespace app {

namespace {

// Untrained models up to this size are built on the worker to show their weights (about
// 160 MB of f32); larger presets (GPT-2 124M, Llama 2 7B) need the learner's own download.
constexpr std::int64_t kMaxRandomParameters = 40'000'000;
// The name a lesson uses for "the model the app has loaded".
const char kLoaded[] = "loaded";

// Worker thread only: the last untrained model built for statistics, kept for the next click.
// Like the label tokenizer below it is never destroyed: it lives until the process ends, and
// running its destructor among the exit-time destructors of the engine's own statics
// corrupted the heap (seen in the lesson test).
struct RandomModelCache {
  std::string name;
  std::unique_ptr<gb::LanguageModel> model;
};
RandomModelCache& randomModels() {
  static RandomModelCache* cache = new RandomModelCache;
  return *cache;
}

const gb::LanguageModel* randomModel(const std::string& name, const gb::ModelConfig& config) {
  RandomModelCache& cache = randomModels();
  if (cache.name != name || !cache.model) {
    cache.model.reset();
    cache.model = gb::create_model(config, 1);
    cache.name = name;
  }
  return cache.model.get();
}

// Worker side: the diagram a lesson's name means. "loaded" is the loaded model (falling back
// to GPT-2 124M when there is none).
trace::ArchDiagram diagramFor(const std::string& name, const ModelAccess& m, const std::string& loaded_name) {
  if (name == kLoaded && m.model) {
    trace::ArchDiagram d = gb::describe_architecture(m.model->config(), loaded_name);
    d.has_weights = true;
    return d;
  }
  const std::string real = name == kLoaded ? std::string("gpt2-124m") : name;
  trace::ArchDiagram d = gb::describe_architecture(gb::architecture_config(real), real);
  d.has_weights = d.total_parameters <= kMaxRandomParameters;
  return d;
}

trace::BlockStats statsFor(const trace::ArchDiagram& d, bool loaded, const std::string& block, int layer,
                           const ModelAccess& m) {
  try {
    if (loaded && m.model) return gb::block_statistics(*m.model, d, block, layer);
    const gb::LanguageModel* model = randomModel(d.name, gb::architecture_config(d.name));
    trace::BlockStats s = gb::block_statistics(*model, d, block, layer);
    s.source = d.name + " (untrained)";
    return s;
  } catch (const std::exception& e) {
    trace::BlockStats s;
    s.block_id = block;
    s.layer = layer;
    s.error = e.what();
    return s;
  }
}

// Hand-made routing for the MoE view when no mixture-of-experts model is at hand: each token
// picks two of eight experts (a fixed hash of its text and the layer), weights summing to 1.
trace::RouterChoices sampleRouting(const std::vector<std::string>& tokens) {
  trace::RouterChoices c;
  c.model = "Mixtral 8x7B";
  c.tokens = tokens;
  c.layers = 4;
  c.experts = 8;
  c.top_k = 2;
  for (int l = 0; l < c.layers; ++l)
    for (const std::string& t : tokens) {
      std::uint32_t h = 2166136261u ^ static_cast<std::uint32_t>(l * 7919);
      for (unsigned char ch : t) h = (h ^ ch) * 16777619u;
      const int first = static_cast<int>(h % 8), second = static_cast<int>((first + 1 + (h >> 8) % 7) % 8);
      const float w = 0.5f + static_cast<float>((h >> 16) % 45) / 100.0f;
      c.expert.insert(c.expert.end(), {first, second});
      c.weight.insert(c.weight.end(), {w, 1.0f - w});
    }
  const trace::ArchDiagram d = gb::describe_architecture(gb::architecture_config("mixtral-8x7b"), "mixtral-8x7b");
  c.total_parameters = d.total_parameters;
  c.active_parameters = d.active_parameters;
  return c;
}

// The router's choices for `ids` in every MoE layer of `model`, from the forward trace.
trace::RouterChoices tracedRouting(const gb::LanguageModel& model, const std::vector<int32_t>& ids,
                                   std::vector<std::string> tokens, const std::string& name) {
  gb::ForwardTrace tr;
  gb::Context ctx;
  ctx.trace = &tr;
  model.forward(ctx, ids, 1, static_cast<int64_t>(ids.size()));
  trace::RouterChoices c;
  c.model = name;
  c.tokens = std::move(tokens);
  c.layers = static_cast<int>(tr.router.size());
  if (!tr.router.empty()) {
    c.experts = static_cast<int>(tr.router[0].n_experts);
    c.top_k = static_cast<int>(tr.router[0].k);
  }
  for (const gb::RouterChoices& layer : tr.router) {
    const std::vector<float> w = layer.weights.to_vector();  // (T, k)
    c.expert.insert(c.expert.end(), layer.experts.begin(), layer.experts.end());
    c.weight.insert(c.weight.end(), w.begin(), w.end());
  }
  const trace::ArchDiagram d = gb::describe_architecture(model.config(), name);
  c.total_parameters = d.total_parameters;
  c.active_parameters = d.active_parameters;
  return c;
}

// The tokenizer the views label tokens with: the model's, else GPT-2's (nullptr: show ids).
const gb::Tokenizer* labelTokenizer(const ModelAccess& m) {
  if (m.tokenizer) return m.tokenizer;
  static const gb::Tokenizer* gpt2 = []() -> const gb::Tokenizer* {
    try {
      return gb::load_tokenizer("gpt2").release();  // never destroyed (see RandomModelCache)
    } catch (const std::exception&) {
      return nullptr;
    }
  }();
  return gpt2;
}

views::ExportableView* architectureView(const QJsonObject& params, DataSource& data, QWidget* parent) {
  auto* view = new views::ArchitectureView(parent);
  const std::string left = params.value(QStringLiteral("left")).toString(QStringLiteral("gpt2-124m")).toStdString();
  const std::string right = params.value(QStringLiteral("right")).toString(QStringLiteral("llama2-7b")).toStdString();
  const std::string loaded_name = data.modelName().toStdString();
  if (!data.isLive())
    view->setNotice(QCoreApplication::translate("ArchViews", "No pretrained model is loaded: small sizes show freshly initialised (untrained) weights when "
                       "clicked. Open a GPT-2 or SmolLM2 directory to see trained ones."));
  const QString select = params.value(QStringLiteral("select")).toString();
  const int select_side = params.value(QStringLiteral("side")).toInt(0);
  QPointer<views::ArchitectureView> guard(view);
  const bool sides_loaded[2] = {left == kLoaded, right == kLoaded};
  QObject::connect(view, &views::ArchitectureView::statsRequested, view,
                   [guard, &data, sides_loaded](int side, const QString& block, int layer) {
                     if (!guard) return;
                     const trace::ArchDiagram d = guard->diagram(side);
                     const bool loaded = sides_loaded[side];
                     auto stats = std::make_shared<trace::BlockStats>();
                     data.withModel([=](const ModelAccess& m) { *stats = statsFor(d, loaded, block.toStdString(), layer, m); },
                                    [guard, stats] {
                                      if (guard) guard->setStats(*stats);
                                    });
                   });
  auto diagrams = std::make_shared<std::pair<trace::ArchDiagram, trace::ArchDiagram>>();
  auto error = std::make_shared<std::string>();
  data.withModel(
      [=](const ModelAccess& m) {
        try {
          diagrams->first = diagramFor(left, m, loaded_name);
          diagrams->second = diagramFor(right, m, loaded_name);
        } catch (const std::exception& e) {
          *error = e.what();
        }
      },
      [guard, diagrams, error, select, select_side] {
        if (!guard) return;
        guard->setDiagrams(diagrams->first, diagrams->second);
        if (!error->empty()) guard->setNotice(QString::fromStdString(*error));
        if (!select.isEmpty()) guard->selectBlock(select_side, select);  // a lesson opens with a block chosen
      });
  return view;
}

views::ExportableView* attentionVariantsView(const QJsonObject& params, DataSource& data, QWidget* parent) {
  auto* view = new views::AttentionVariantsView(parent);
  const std::string model = params.value(QStringLiteral("model")).toString(QStringLiteral("llama2-7b")).toStdString();
  const int context = params.value(QStringLiteral("context")).toInt(4096);
  const int bytes = params.value(QStringLiteral("bytes")).toInt(2);
  QPointer<views::AttentionVariantsView> guard(view);
  auto variants = std::make_shared<std::vector<trace::AttentionVariant>>();
  auto measured = std::make_shared<std::vector<trace::AttentionVariant>>();
  auto error = std::make_shared<std::string>();
  data.withModel(
      [=](const ModelAccess&) {
        try {
          *variants = gb::attention_variants(gb::architecture_config(model), context, bytes);
        } catch (const std::exception& e) {
          *error = e.what();
        }
      },
      [guard, variants, error, model] {
        if (!guard) return;
        guard->setVariants(*variants, QString::fromStdString(model));
        if (!error->empty()) guard->setNotice(QString::fromStdString(*error));
      });
  // Speeds: the same three layouts on a tiny Llama, built and timed on the worker.
  data.withModel(
      [=](const ModelAccess&) {
        const std::string tiny = gb::is_preset("llama-tiny") ? "llama-tiny" : "";
        try {
          if (tiny.empty()) throw gb::Error("no llama-tiny preset in this build");
          *measured = gb::measure_attention_variants(gb::preset(tiny), tiny, 32);
        } catch (const std::exception& e) {
          *error = e.what();
        }
      },
      [guard, measured, error] {
        if (!guard) return;
        if (measured->empty())
          guard->setNotice(QCoreApplication::translate("ArchViews",
                                                       "Memory comes from the formula. The speeds could not be measured: %1")
                               .arg(QString::fromStdString(*error)));
        else
          guard->setSpeeds(*measured);
      });
  return view;
}

views::ExportableView* kvCacheView(const QJsonObject& params, DataSource& data, QWidget* parent) {
  auto* view = new views::KvCacheView(parent);
  const std::string prompt = params.value(QStringLiteral("text")).toString(QStringLiteral("Every effort moves you")).toStdString();
  const int new_tokens = std::clamp(params.value(QStringLiteral("tokens")).toInt(16), 1, 64);
  const std::string loaded_name = data.modelName().toStdString();
  if (!data.isLive())
    view->setNotice(QCoreApplication::translate("ArchViews", "An untrained model generates here, so the words are noise; the cache works the same for any "
                       "model, and the speed-up is measured, not assumed."));
  QPointer<views::KvCacheView> guard(view);
  auto run = std::make_shared<trace::KvCacheRun>();
  auto error = std::make_shared<std::string>();
  data.withModel(
      [=](const ModelAccess& m) {
        try {
          const gb::Tokenizer* tok = labelTokenizer(m);
          const gb::LanguageModel* model = m.model;
          std::string name = loaded_name;
          if (!model) {  // no model here: an untrained gpt-mini (4 layers, 256 wide)
            model = randomModel("gpt-mini", gb::preset("gpt-mini"));
            name = "gpt-mini (untrained)";
          }
          std::vector<int32_t> ids;
          if (tok) ids = tok->encode(prompt);
          if (ids.empty() || !tok || tok->vocab_size() > model->config().vocab_size) ids = {464, 5417, 318, 257};
          *run = gb::kv_cache_run(*model, tok, ids, new_tokens, name);
        } catch (const std::exception& e) {
          *error = e.what();
        }
      },
      [guard, run, error] {
        if (!guard) return;
        guard->setRun(*run);
        if (!error->empty()) guard->setNotice(QString::fromStdString(*error));
      });
  return view;
}

views::ExportableView* moeRouterView(const QJsonObject& params, DataSource& data, QWidget* parent) {
  auto* view = new views::MoeRouterView(parent);
  const std::string text = params.value(QStringLiteral("text"))
                               .toString(QStringLiteral("The cat sat on the mat. def add(a, b): return a + b"))
                               .toStdString();
  QPointer<views::MoeRouterView> guard(view);
  auto choices = std::make_shared<trace::RouterChoices>();
  auto traced = std::make_shared<int>(0);  // 0 sample routing, 1 an untrained moe-tiny, 2 the loaded model
  const std::string loaded_name = data.modelName().toStdString();
  data.withModel(
      [=](const ModelAccess& m) {
        std::vector<std::string> tokens;
        std::vector<int32_t> ids;
        const gb::Tokenizer* tok = labelTokenizer(m);
        if (tok) {
          ids = tok->encode(text);
          for (int32_t id : ids) tokens.push_back(tok->token_bytes(id));
        } else {
          tokens = {text};
        }
        try {
          // The loaded model when it has experts, else an untrained moe-tiny: real router
          // choices from the engine's forward trace either way.
          const gb::LanguageModel* model = m.model && m.model->config().n_experts > 0 ? m.model : nullptr;
          std::string name = loaded_name;
          if (!model && gb::is_preset("moe-tiny")) {
            model = randomModel("moe-tiny", gb::preset("moe-tiny"));
            name = "moe-tiny (untrained)";
          }
          const int64_t context = model ? model->config().context_length : 0;
          if (model && tok && !ids.empty() && tok->vocab_size() <= model->config().vocab_size) {
            if (static_cast<int64_t>(ids.size()) > context) ids.resize(static_cast<size_t>(context)), tokens.resize(ids.size());
            *choices = tracedRouting(*model, ids, tokens, name);
            *traced = choices->layers > 0 ? (model == m.model ? 2 : 1) : 0;
          }
        } catch (const std::exception&) {
          *traced = 0;  // fall back to the sample below
        }
        if (!*traced) *choices = sampleRouting(tokens);
      },
      [guard, choices, traced] {
        if (!guard) return;
        guard->setChoices(*choices);
        if (*traced == 2) return;
        guard->setNotice(*traced == 1 ? QCoreApplication::translate("ArchViews", "An untrained router chooses here (random weights), so "
                                       "the pattern is arbitrary; training with the load-balancing loss spreads tokens over the experts.")
                                 : QCoreApplication::translate("ArchViews", "Sample routing (hand-made, Mixtral-shaped: 8 experts, 2 per token). The parameter counts are "
                                       "Mixtral 8x7B's, computed from its configuration."));
      });
  return view;
}

}  // namespace

QStringList archViewNames() {
  return {QStringLiteral("architecture"), QStringLiteral("attention_variants"), QStringLiteral("kv_cache"),
          QStringLiteral("moe_router")};
}

views::ExportableView* createArchView(const QString& name, const QJsonObject& params, DataSource& data, QWidget* parent) {
  if (name == QLatin1String("architecture")) return architectureView(params, data, parent);
  if (name == QLatin1String("attention_variants")) return attentionVariantsView(params, data, parent);
  if (name == QLatin1String("kv_cache")) return kvCacheView(params, data, parent);
  if (name == QLatin1String("moe_router")) return moeRouterView(params, data, parent);
  return nullptr;
}

}}  // namespace glassbox::app
