#include "app/bench_keystroke.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLineEdit>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <qcustomplot.h>

#include "app/engine_data_source.h"
#include "app/engine_worker.h"
#include "app/view_factory.h"
#include "app/worker_data_source.h"
#include "views/attention_view.h"

namespace glassbox { namespace app {
namespace {

// Notes the first paint of the heatmap that comes after the keystroke's data has arrived.
class PaintWatch : public QObject {
 public:
  PaintWatch(const WorkerDataSource& data) : data_(data) {}
  bool armed = false;   // a keystroke was sent
  bool painted = false; // and the plot has painted the answer since
  bool eventFilter(QObject*, QEvent* event) override {
    // The request is queued the moment the key is handled, so "nothing pending" at a paint
    // means the new maps were delivered (setMaps, replot) before this paint.
    if (armed && event->type() == QEvent::Paint && data_.pendingRequests() == 0) painted = true;
    return false;
  }

 private:
  const WorkerDataSource& data_;
};

// Runs `work` on the worker and waits for it; returns the error text, empty on success.
QString runAndWait(EngineWorkerHost& host, const std::function<void()>& work) {
  QEventLoop loop;
  QString error;
  const quint64 job = host.submit([&work](const ProgressFn&, const std::atomic<bool>&) {
    work();
    return QVariant();
  });
  QObject::connect(&host, &EngineWorkerHost::finished, &loop, [&](const JobResult& r) {
    if (r.job == job) loop.quit();
  });
  QObject::connect(&host, &EngineWorkerHost::failed, &loop, [&](const JobFailure& f) {
    if (f.job != job) return;
    error = f.message;
    loop.quit();
  });
  loop.exec();
  return error;
}

}  // namespace

int benchKeystroke(const KeystrokeBenchOptions& options) {
  EngineWorkerHost host;
  EngineDataSource engine;
  WorkerDataSource data(host, engine);
  // The model, and a text of exactly `tokens` tokens of its tokenizer (built on the worker).
  QString text;
  const QString error = runAndWait(host, [&] {
    if (options.model.isEmpty()) engine.loadDefaultModel();
    else engine.loadModel(options.model);
    static const char* const words[] = {"The", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired",
                                        "and", "the", "sun", "was", "warm", "."};
    const int limit = std::min(options.tokens, engine.info().context);
    for (int i = 0;; ++i) {
      const QString next = text + (text.isEmpty() ? QString() : QStringLiteral(" ")) + QString::fromLatin1(words[i % 16]);
      std::size_t n = 0;
      engine.tokenize(next, QStringLiteral("model"), [&n](std::vector<trace::TokenSpan> t) { n = t.size(); });
      if (static_cast<int>(n) > limit) break;
      text = next;
    }
  });
  if (!error.isEmpty()) {
    std::fprintf(stderr, "glassbox: %s\n", qPrintable(error));
    host.stop();
    return 1;
  }
  std::size_t tokens = 0;
  runAndWait(host, [&] {
    engine.tokenize(text, QStringLiteral("model"), [&tokens](std::vector<trace::TokenSpan> t) { tokens = t.size(); });
  });

  QJsonObject params{{QStringLiteral("text"), text}, {QStringLiteral("layer"), options.layer}, {QStringLiteral("head"), 0}};
  QString view_error;
  std::unique_ptr<views::ExportableView> view(ViewFactory::create(QStringLiteral("attention"), params, data, nullptr, &view_error));
  view->resize(1000, 800);
  view->show();
  while (data.pendingRequests() > 0) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  QCoreApplication::processEvents();
  auto* input = view->findChild<QLineEdit*>();
  auto* plot = view->findChild<QCustomPlot*>();
  PaintWatch watch(data);
  plot->installEventFilter(&watch);
  input->setFocus();
  input->end(false);

  // Keystrokes alternate: delete the last character, type it again (so the text stays at
  // `tokens` tokens, give or take one). The first 5 warm caches and are not counted.
  const QChar last = text.back();
  std::vector<double> ms;
  QElapsedTimer timer;
  for (int i = 0; i < options.repeats + 5; ++i) {
    const bool erase = i % 2 == 0;
    QKeyEvent press(QEvent::KeyPress, erase ? Qt::Key_Backspace : Qt::Key_Period, Qt::NoModifier,
                    erase ? QString() : QString(last));
    watch.armed = true;
    watch.painted = false;
    timer.start();
    QApplication::sendEvent(input, &press);  // textEdited → the worker computes → setMaps → replot
    while (!watch.painted) QCoreApplication::processEvents(QEventLoop::AllEvents);
    const double elapsed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    watch.armed = false;
    if (i >= 5) ms.push_back(elapsed);
  }
  // The UI thread's share alone: the same maps given to the view again, repainted at once.
  std::vector<trace::AttentionMap> maps;
  data.attention(input->text(), options.layer, [&maps](std::vector<trace::AttentionMap> m) { maps = std::move(m); });
  while (data.pendingRequests() > 0) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  auto* attention = static_cast<views::AttentionView*>(view.get());
  std::vector<double> view_ms;
  for (int i = 0; i < 20; ++i) {
    timer.start();
    attention->setMaps(maps);
    attention->showHead(options.layer, 0);
    plot->repaint();
    view_ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  std::sort(view_ms.begin(), view_ms.end());
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  const QJsonObject out{{QStringLiteral("model"), engine.modelName()},
                        {QStringLiteral("tokens"), static_cast<int>(tokens)},
                        {QStringLiteral("layer"), options.layer},
                        {QStringLiteral("keystrokes"), static_cast<int>(ms.size())},
                        {QStringLiteral("median_ms"), at(0.5)},

                        // setMaps + replot + repaint of the same maps, on the UI thread only
                        {QStringLiteral("median_view_ms"), view_ms[view_ms.size() / 2]},
                        {QStringLiteral("p90_ms"), at(0.9)},
                        {QStringLiteral("min_ms"), ms.front()},
                        {QStringLiteral("max_ms"), ms.back()}};
  std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
  view.reset();
  host.stop();
  return 0;
}

}}  // namespace glassbox::app
