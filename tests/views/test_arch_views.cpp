// The architecture views (issue 7) with hand-made data: block diagrams and their clicks,
// the KV-cache formula of the attention variants, cached vs uncached key/value counts, and
// the router heatmap's lookups.
#include <QSignalSpy>
#include <QtTest>

#include "views/arch_diagram_widget.h"
#include "views/architecture_view.h"
#include "views/attention_variants_view.h"
#include "views/kv_cache_view.h"
#include "views/moe_router_view.h"
#include "views/weight_stats_widget.h"

using namespace glassbox;

namespace {

int distinctColors(const QImage& image) {
  QSet<QRgb> seen;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) seen.insert(image.pixel(x, y));
  return seen.size();
}

trace::ArchBlock block(const char* id, const char* kind, bool per_layer, std::int64_t params,
                       std::vector<trace::ArchTensor> tensors = {}) {
  trace::ArchBlock b;
  b.id = id;
  b.kind = kind;
  b.per_layer = per_layer;
  b.parameters = b.active_parameters = params;
  b.tensors = std::move(tensors);
  return b;
}

// A two-layer GPT-2-like model, 8 wide, vocabulary 10 (numbers small enough to check by hand).
trace::ArchDiagram gptLike() {
  trace::ArchDiagram d;
  d.name = "toy-gpt";
  d.family = "gpt2";
  d.layers = 2;
  d.width = 8;
  d.blocks = {block("token_embedding", "token_embedding", false, 80, {{"wte.weight", {10, 8}}}),
              block("norm_1", "layer_norm", true, 16, {{"h.{i}.ln_1.weight", {8}}, {"h.{i}.ln_1.bias", {8}}}),
              block("attention", "attention", true, 288, {{"h.{i}.attn.c_attn.weight", {8, 24}}, {"h.{i}.attn.c_proj.weight", {8, 8}}}),
              block("lm_head", "lm_head", false, 0)};
  d.blocks[2].heads = d.blocks[2].kv_heads = 2;
  d.blocks[2].head_dim = 4;
  d.blocks[3].shared_with = "token_embedding";
  d.total_parameters = 80 + 2 * (16 + 288);
  d.active_parameters = d.total_parameters;
  d.has_weights = true;
  return d;
}

trace::ArchDiagram llamaLike() {
  trace::ArchDiagram d = gptLike();
  d.name = "toy-llama";
  d.family = "llama";
  d.blocks[1].kind = "rms_norm";
  d.blocks[2].kv_heads = 1;
  d.has_weights = false;
  return d;
}

std::vector<trace::AttentionVariant> sevenB() {
  std::vector<trace::AttentionVariant> v(3);
  const char* names[] = {"MHA", "GQA", "MQA"};
  const std::int64_t kv[] = {32, 8, 1};
  for (int i = 0; i < 3; ++i) {
    v[i].name = names[i];
    v[i].layers = 32;
    v[i].heads = 32;
    v[i].kv_heads = kv[i];
    v[i].head_dim = 128;
    v[i].context = 4096;
    v[i].bytes_per_value = 2;
  }
  return v;
}

}  // namespace

class TestArchViews : public QObject {
  Q_OBJECT
 private slots:
  void numbersAreWrittenAsTheBookWritesThem() {
    QCOMPARE(views::formatCount(124439808), QStringLiteral("124,439,808"));
    QCOMPARE(views::formatShortCount(6738415616), QStringLiteral("6.74 B"));
    QCOMPARE(views::formatBytes(2147483648), QStringLiteral("2.00 GiB"));
    QCOMPARE(views::formatBytes(536870912), QStringLiteral("512.0 MiB"));
    QCOMPARE(views::formatShape({768, 2304}), QStringLiteral("(768, 2304)"));
    trace::ArchBlock gqa = block("attention", "attention", true, 0);
    gqa.heads = 32;
    gqa.kv_heads = 8;
    gqa.head_dim = 128;
    QVERIFY(views::blockTitle(gqa, QStringLiteral("llama")).startsWith(QStringLiteral("Grouped-query")));
    gqa.kv_heads = 1;
    QVERIFY(views::blockTitle(gqa, QStringLiteral("llama")).startsWith(QStringLiteral("Multi-query")));
    gqa.kv_heads = 32;
    QVERIFY(views::blockTitle(gqa, QStringLiteral("llama")).startsWith(QStringLiteral("Multi-head")));
  }

  void narrowBoxesWrapTheirTitlesInsteadOfCuttingThem() {
    views::ArchDiagramWidget wide, narrow;
    wide.setDiagram(llamaLike());
    narrow.setDiagram(llamaLike());
    wide.resize(900, wide.heightForWidth(900));
    narrow.resize(220, narrow.heightForWidth(220));
    wide.show();
    narrow.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wide) && QTest::qWaitForWindowExposed(&narrow));
    const QRectF w = wide.blockRect(QStringLiteral("attention")), n = narrow.blockRect(QStringLiteral("attention"));
    // The title ("Grouped-query attention: … heads × …") needs more lines at 220 px: the box grows.
    QVERIFY2(n.height() > w.height(), qPrintable(QString("%1 vs %2").arg(n.height()).arg(w.height())));
    QVERIFY(narrow.heightForWidth(220) > wide.heightForWidth(900));
    // Every box still lies inside the height the widget asks for.
    for (const auto& b : narrow.diagram().blocks)
      QVERIFY(narrow.blockRect(QString::fromStdString(b.id)).bottom() <= narrow.heightForWidth(220));
  }

  void clickingABlockAsksForItsWeights() {
    views::ArchitectureView view;
    view.resize(1000, 700);
    view.setDiagrams(gptLike(), llamaLike());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy asked(&view, &views::ArchitectureView::statsRequested);
    auto diagrams = view.findChildren<views::ArchDiagramWidget*>();
    QCOMPARE(diagrams.size(), 2);
    views::ArchDiagramWidget* left = diagrams[0]->diagram().name == "toy-gpt" ? diagrams[0] : diagrams[1];
    const QRectF box = left->blockRect(QStringLiteral("attention"));
    QVERIFY(!box.isEmpty());
    QTest::mouseClick(left, Qt::LeftButton, {}, box.center().toPoint());
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked[0][0].toInt(), 0);
    QCOMPARE(asked[0][1].toString(), QStringLiteral("attention"));
    QCOMPARE(asked[0][2].toInt(), 0);
    QCOMPARE(view.selectedBlock(), QStringLiteral("attention"));

    trace::BlockStats stats;
    stats.block_id = "attention";
    stats.tensors.push_back({"h.0.attn.c_attn.weight", {8, 24}, 192, 0.0, 0.02, -0.06, 0.06, {1, 5, 20, 5, 1}});
    view.setStats(stats);
    QCOMPARE(view.statsWidget().stats().tensors.size(), std::size_t{1});
    stats.block_id = "norm_1";  // an answer to an older click is ignored
    stats.tensors.clear();
    view.setStats(stats);
    QCOMPARE(view.statsWidget().stats().tensors.size(), std::size_t{1});

    // The llama side has no weights at hand: selecting there asks for nothing.
    view.selectBlock(1, QStringLiteral("attention"));
    QCOMPARE(asked.count(), 1);
    QVERIFY(distinctColors(view.grab().toImage()) > 8);
    const QString csv = view.csv();
    QVERIFY(csv.contains(QStringLiteral("toy-gpt,total,,,688")));
    QVERIFY(csv.contains(QStringLiteral("h.{i}.attn.c_attn.weight(8, 24)")));
  }

  void kvMemoryFollowsTheFormula() {
    views::AttentionVariantsView view;
    view.setVariants(sevenB(), QStringLiteral("llama2-7b"));
    // Llama 2 7B at 4,096 positions, 16-bit: 2 · 32 · 32 · 128 · 4096 · 2 bytes = 2 GiB.
    QCOMPARE(view.variants()[0].kv_cache_bytes, std::int64_t{2147483648});
    QCOMPARE(view.variants()[1].kv_cache_bytes, std::int64_t{536870912});
    QCOMPARE(view.variants()[2].kv_cache_bytes, std::int64_t{67108864});
    QVERIFY(view.formula(1).contains(QStringLiteral("8 key-value heads")));
    QVERIFY(view.formula(0).endsWith(QStringLiteral("= 2.00 GiB")));
    view.setContext(8192);
    view.setBytesPerValue(4);
    QCOMPARE(view.variants()[0].kv_cache_bytes, std::int64_t{8589934592});
    QVERIFY(view.csv().contains(QStringLiteral("\nMQA,32,32,1,128,8192,4,268435456,\n")));
    std::vector<trace::AttentionVariant> measured = sevenB();
    measured[2].tokens_per_sec = 123.5;
    measured[2].measured_on = "llama-tiny";
    view.setSpeeds(measured);
    QVERIFY(view.csv().contains(QStringLiteral(",268435456,123.50\n")));
    view.resize(800, 500);
    QVERIFY(distinctColors(view.grab().toImage()) > 8);
  }

  void cacheComputesEachKeyOnce() {
    QCOMPARE(views::KvCacheView::kvComputations(4, 3, true), 7LL);
    QCOMPARE(views::KvCacheView::kvComputations(4, 3, false), 4LL + 5 + 6 + 7);
    views::KvCacheView view;
    trace::KvCacheRun run;
    run.model = "toy";
    run.tokens = {"Every", " effort", " moves", " you", " forward", " and", " up"};
    run.prompt_tokens = 4;
    run.layers = 2;
    run.kv_bytes_per_token = 1024;
    run.cached_tokens_per_sec = 300;
    run.uncached_tokens_per_sec = 100;
    view.setRun(run);
    QCOMPARE(view.generatedTokens(), 3);
    QCOMPARE(view.step(), 3);
    QCOMPARE(view.csv().count(QLatin1Char('\n')), 5);  // header + steps 0 … 3
    QVERIFY(view.csv().endsWith(QStringLiteral("3,7,7,22\n")));
    view.setStep(1);
    view.setCached(false);
    view.resize(800, 500);
    QVERIFY(distinctColors(view.grab().toImage()) > 8);
    const QString summary = view.findChildren<QLabel*>().last()->text();
    bool found_speedup = false;
    for (QLabel* l : view.findChildren<QLabel*>()) found_speedup |= l->text().contains(QStringLiteral("3.0×"));
    QVERIFY2(found_speedup, qPrintable(summary));
  }

  void routerHeatmapReadsTheChoices() {
    trace::RouterChoices c;
    c.model = "toy-moe";
    c.tokens = {"a", "b", "c"};
    c.layers = 2;
    c.experts = 4;
    c.top_k = 2;
    // layer 0: a→(0,1) b→(1,2) c→(1,3); layer 1: all to (3,0)
    c.expert = {0, 1, 1, 2, 1, 3, 3, 0, 3, 0, 3, 0};
    c.weight = {0.7f, 0.3f, 0.6f, 0.4f, 0.9f, 0.1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.8f, 0.2f};
    c.active_parameters = 50;
    c.total_parameters = 100;
    views::MoeRouterView view;
    view.setChoices(c);
    QCOMPARE(view.weight(0, 2, 1), 0.9f);
    QCOMPARE(view.weight(0, 2, 2), 0.0f);
    QCOMPARE(view.weight(1, 2, 0), 0.2f);
    QCOMPARE(view.load(0), (std::vector<int>{1, 3, 1, 1}));
    QCOMPARE(view.load(1), (std::vector<int>{3, 0, 0, 3}));
    QCOMPARE(view.csv().count(QLatin1Char('\n')), 1 + 2 * 3 * 2);
    view.setLayer(1);
    QCOMPARE(view.layer(), 1);
    view.resize(700, 500);
    QVERIFY(distinctColors(view.grab().toImage()) > 8);
  }
};

QTEST_MAIN(TestArchViews)
#include "test_arch_views.moc"
