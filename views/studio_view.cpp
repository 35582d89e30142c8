#include "views/studio_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "views/attention_view.h"
#include "views/colors.h"

namespace glassbox { namespace views {
namespace {

// "1 h 02 min", "3 min 20 s", "45 s".
QString duration(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  if (s >= 3600) return StudioView::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
  if (s >= 60) return StudioView::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return StudioView::tr("%1 s").arg(s);
}

const QColor kValColor(0xe0, 0x70, 0x10);

}  // namespace

StudioView::StudioView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);

  auto* bar = new QHBoxLayout;
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);
  progress_->setFormat(tr("not started"));
  bar->addWidget(progress_, 2);
  progress_label_ = new QLabel(this);
  bar->addWidget(progress_label_, 3);
  layout->addLayout(bar);

  tabs_ = new QTabWidget(this);
  auto* charts = new QSplitter(Qt::Horizontal, tabs_);
  loss_plot_ = new QCustomPlot(charts);
  loss_plot_->setMinimumSize(360, 260);
  loss_plot_->xAxis->setLabel(tr("training step"));
  loss_plot_->yAxis->setLabel(tr("loss (cross-entropy)"));
  loss_plot_->legend->setVisible(true);
  // Bottom left stays empty while the loss falls from the top left to the right.
  loss_plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
  stylePlot(loss_plot_, palette());
  loss_plot_->legend->setBrush(palette().color(QPalette::Base));
  loss_plot_->legend->setTextColor(palette().color(QPalette::WindowText));
  auto* train = loss_plot_->addGraph();
  train->setName(tr("training loss"));
  train->setPen(QPen(heatColor(0.25), 1.5));
  auto* val = loss_plot_->addGraph();
  val->setName(tr("validation loss"));
  val->setPen(QPen(kValColor, 2));
  val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  charts->addWidget(loss_plot_);

  // Learning rate on the left axis, tokens per second on the right.
  rate_plot_ = new QCustomPlot(charts);
  rate_plot_->setMinimumSize(260, 200);
  rate_plot_->xAxis->setLabel(tr("training step"));
  rate_plot_->yAxis->setLabel(tr("learning rate"));
  rate_plot_->yAxis2->setVisible(true);
  rate_plot_->yAxis2->setLabel(tr("tokens per second"));
  rate_plot_->legend->setVisible(true);
  rate_plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
  rate_plot_->xAxis->ticker()->setTickCount(3);  // a narrow chart: few step labels
  stylePlot(rate_plot_, palette());
  rate_plot_->legend->setBrush(palette().color(QPalette::Base));
  rate_plot_->legend->setTextColor(palette().color(QPalette::WindowText));
  auto* lr = rate_plot_->addGraph(rate_plot_->xAxis, rate_plot_->yAxis);
  lr->setName(tr("learning rate"));
  lr->setPen(QPen(heatColor(0.55), 2));
  auto* speed = rate_plot_->addGraph(rate_plot_->xAxis, rate_plot_->yAxis2);
  speed->setName(tr("tokens/s"));
  speed->setPen(QPen(palette().color(QPalette::Mid), 1));
  charts->addWidget(rate_plot_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  tabs_->addTab(charts, tr("Loss and learning rate"));

  samples_view_ = new QTextBrowser(tabs_);
  samples_view_->setPlaceholderText(tr("Samples from the fixed prompt appear here every few steps."));
  tabs_->addTab(samples_view_, tr("Samples"));

  auto* through_time = new QWidget(tabs_);
  auto* tt_layout = new QVBoxLayout(through_time);
  auto* slider_row = new QHBoxLayout;
  slider_row->addWidget(new QLabel(tr("Snapshot"), through_time));
  slider_ = new QSlider(Qt::Horizontal, through_time);
  slider_->setRange(0, 0);
  slider_->setPageStep(1);
  slider_row->addWidget(slider_, 1);
  snapshot_label_ = new QLabel(tr("no snapshot yet"), through_time);
  slider_row->addWidget(snapshot_label_);
  tt_layout->addLayout(slider_row);
  attention_ = new AttentionView(through_time);
  tt_layout->addWidget(attention_, 1);
  tabs_->addTab(through_time, tr("Attention through time"));
  connect(slider_, &QSlider::valueChanged, this, [this](int i) { showSnapshot(i); });

  layout->addWidget(tabs_, 1);
}

void StudioView::setNotice(const QString& notice) { showNotice(notice_, notice); }

void StudioView::reset(long long vocabulary) {
  vocabulary_ = vocabulary;
  steps_.clear();
  samples_.clear();
  snapshots_.clear();
  for (int g = 0; g < 2; ++g) loss_plot_->graph(g)->data()->clear();
  for (int g = 0; g < 2; ++g) rate_plot_->graph(g)->data()->clear();
  replotLoss();
  rate_plot_->replot();
  refreshSamples();
  const QSignalBlocker block(slider_);
  slider_->setRange(0, 0);
  snapshot_label_->setText(tr("no snapshot yet"));
  attention_->setMaps({});
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("not started"));
  progress_label_->clear();
}

void StudioView::addSteps(const std::vector<trace::TrainingStep>& steps) {
  if (steps.empty()) return;
  for (const auto& s : steps) {
    const double x = static_cast<double>(s.step);
    loss_plot_->graph(0)->addData(x, s.train);
    if (std::isfinite(s.val)) loss_plot_->graph(1)->addData(x, s.val);
    rate_plot_->graph(0)->addData(x, s.lr);
    rate_plot_->graph(1)->addData(x, s.tokens_per_sec);
    steps_.push_back(s);
  }
  replotLoss();
  rate_plot_->rescaleAxes();
  rate_plot_->yAxis->setRangeLower(0.0);
  rate_plot_->yAxis2->setRangeLower(0.0);
  rate_plot_->replot();
}

void StudioView::markInitialLoss() {
  // The first step's loss beside ln V: an untrained model guesses about uniformly.
  if (vocabulary_ > 1) {
    const double ln_v = std::log(static_cast<double>(vocabulary_));
    auto* line = new QCPItemStraightLine(loss_plot_);
    line->point1->setCoords(0, ln_v);
    line->point2->setCoords(1, ln_v);
    line->setPen(QPen(palette().color(QPalette::Mid), 1.5, Qt::DashLine));
    // Just above the dashed line at its right end, where the falling curve is far below.
    auto* text = new QCPItemText(loss_plot_);
    text->position->setType(QCPItemPosition::ptPlotCoords);
    text->position->setCoords(loss_plot_->xAxis->range().upper, ln_v);
    text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    text->setPadding(QMargins(0, 0, 6, 3));
    QString label = tr("ln %1 = %2 (uniform guess)").arg(vocabulary_).arg(ln_v, 0, 'f', 2);
    if (!steps_.empty()) label += QLatin1Char('\n') + tr("initial loss %1").arg(steps_.front().train, 0, 'f', 2);
    text->setText(label);
    text->setTextAlignment(Qt::AlignRight);
    text->setColor(palette().color(QPalette::WindowText));
  }
  if (!steps_.empty()) {
    auto* dot = new QCPItemTracer(loss_plot_);
    dot->setGraph(loss_plot_->graph(0));
    dot->setGraphKey(static_cast<double>(steps_.front().step));
    dot->setStyle(QCPItemTracer::tsCircle);
    dot->setSize(10);
    dot->setPen(QPen(kValColor.darker(), 2));
  }
}

void StudioView::replotLoss() {
  loss_plot_->clearItems();
  loss_plot_->rescaleAxes();
  double top = loss_plot_->yAxis->range().upper;
  if (vocabulary_ > 1) top = std::max(top, std::log(static_cast<double>(vocabulary_)));
  loss_plot_->yAxis->setRange(0.0, top * 1.25 + 1e-9);  // room for the ln V label above its line
  if (loss_plot_->xAxis->range().upper < 1.0) loss_plot_->xAxis->setRange(0.0, 1.0);
  markInitialLoss();
  loss_plot_->replot();
}

void StudioView::addSamples(const std::vector<trace::TrainingSample>& samples) {
  samples_.insert(samples_.end(), samples.begin(), samples.end());
  refreshSamples();
}

void StudioView::refreshSamples() {
  // Newest first: the learner watches noise turn into words from the top.
  QString html;
  for (auto it = samples_.rbegin(); it != samples_.rend(); ++it) {
    html += QStringLiteral("<p><b>%1</b><br><span style='opacity:0.7'>%2</span>%3</p>")
                .arg(tr("step %1").arg(it->step), QString::fromStdString(it->prompt).toHtmlEscaped(),
                     QString::fromStdString(it->text).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
  }
  samples_view_->setHtml(html);
}

void StudioView::addSnapshots(const std::vector<trace::AttentionSnapshot>& snapshots) {
  if (snapshots.empty()) return;
  const bool follow = snapshots_.empty() || slider_->value() == slider_->maximum();
  snapshots_.insert(snapshots_.end(), snapshots.begin(), snapshots.end());
  {
    const QSignalBlocker block(slider_);
    slider_->setRange(0, static_cast<int>(snapshots_.size()) - 1);
  }
  showSnapshot(follow ? static_cast<int>(snapshots_.size()) - 1 : slider_->value());
}

void StudioView::showSnapshot(int index) {
  if (snapshots_.empty()) return;
  index = std::clamp(index, 0, static_cast<int>(snapshots_.size()) - 1);
  {
    const QSignalBlocker block(slider_);
    slider_->setValue(index);
  }
  const auto& snap = snapshots_[static_cast<size_t>(index)];
  const bool first = attention_->layerCount() == 0;
  const int layer = attention_->layer(), head = attention_->head();
  attention_->setMaps(snap.maps);
  attention_->showHead(first ? 0 : layer, first ? 0 : head);
  snapshot_label_->setText(tr("step %1 (%2 of %3)").arg(snap.step).arg(index + 1).arg(snapshots_.size()));
}

int StudioView::shownSnapshot() const { return snapshots_.empty() ? -1 : slider_->value(); }

void StudioView::showTab(int index) { tabs_->setCurrentIndex(index); }

void StudioView::setProgress(const trace::TrainingProgress& p) {
  progress_->setRange(0, static_cast<int>(std::max<long long>(1, p.total_steps)));
  progress_->setValue(static_cast<int>(p.step));
  progress_->setFormat(tr("step %1 of %2").arg(p.step).arg(p.total_steps));
  QString text = tr("%1 elapsed").arg(duration(p.elapsed_seconds));
  if (p.eta_seconds >= 0 && p.step < p.total_steps) text += QStringLiteral(" · ") + tr("about %1 left").arg(duration(p.eta_seconds));
  if (p.tokens_per_sec > 0) text += QStringLiteral(" · ") + tr("%1 tokens/s").arg(p.tokens_per_sec, 0, 'f', 0);
  if (!steps_.empty()) {
    text += QStringLiteral(" · ") + tr("train %1").arg(steps_.back().train, 0, 'f', 3);
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it)
      if (std::isfinite(it->val)) {
        text += QStringLiteral(" · ") + tr("val %1").arg(it->val, 0, 'f', 3);
        break;
      }
  }
  progress_label_->setText(text);
}

int StudioView::trainPointCount() const { return loss_plot_->graph(0)->dataCount(); }
int StudioView::valPointCount() const { return loss_plot_->graph(1)->dataCount(); }
QString StudioView::progressText() const { return progress_->format() + QStringLiteral(" · ") + progress_label_->text(); }

QWidget* StudioView::pictureWidget() { return tabs_->currentWidget(); }

QString StudioView::csv() const {
  QString out = QStringLiteral("step,train_loss,val_loss,lr,tokens_per_sec\n");
  for (const auto& s : steps_)
    out += QStringLiteral("%1,%2,%3,%4,%5\n")
               .arg(s.step)
               .arg(s.train, 0, 'g', 7)
               .arg(std::isfinite(s.val) ? QString::number(s.val, 'g', 7) : QString())
               .arg(s.lr, 0, 'g', 7)
               .arg(s.tokens_per_sec, 0, 'g', 6);
  return out;
}

}}  // namespace glassbox::views
