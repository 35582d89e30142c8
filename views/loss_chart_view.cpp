#include "views/loss_chart_view.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "views/colors.h"

namespace glassbox { namespace views {

LossChartView::LossChartView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(360, 260);
  plot_->xAxis->setLabel(tr("training step"));
  plot_->yAxis->setLabel(tr("loss (cross-entropy)"));
  plot_->legend->setVisible(true);
  stylePlot(plot_, palette());
  plot_->legend->setBrush(palette().color(QPalette::Base));
  plot_->legend->setTextColor(palette().color(QPalette::WindowText));
  auto* train = plot_->addGraph();
  train->setName(tr("training loss"));
  train->setPen(QPen(heatColor(0.25), 2));
  auto* val = plot_->addGraph();
  val->setName(tr("validation loss"));
  val->setPen(QPen(QColor(0xe0, 0x70, 0x10), 2));
  val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  layout->addWidget(plot_, 1);
}

void LossChartView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void LossChartView::setPoints(const std::vector<trace::LossPoint>& points) {
  points_ = points;
  replot();
}

void LossChartView::addPoint(const trace::LossPoint& point) {
  points_.push_back(point);
  replot();
}

void LossChartView::setReference(double loss, const QString& label) {
  reference_ = loss;
  reference_label_ = label;
  replot();
}

void LossChartView::replot() {
  QVector<double> steps, train, val_steps, val;
  for (const auto& p : points_) {
    steps << static_cast<double>(p.step);
    train << p.train;
    if (std::isfinite(p.val)) val_steps << static_cast<double>(p.step), val << p.val;  // NaN: not measured
  }
  plot_->graph(0)->setData(steps, train, true);
  plot_->graph(1)->setData(val_steps, val, true);
  plot_->clearItems();
  plot_->rescaleAxes();
  double top = plot_->yAxis->range().upper;
  if (!reference_label_.isEmpty()) {
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(0, reference_);
    line->point2->setCoords(1, reference_);
    line->setPen(QPen(palette().color(QPalette::Mid), 1.5, Qt::DashLine));
    auto* text = new QCPItemText(plot_);
    text->position->setType(QCPItemPosition::ptPlotCoords);
    text->position->setCoords(plot_->xAxis->range().lower, reference_);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    text->setText(reference_label_);
    text->setPadding(QMargins(8, 0, 0, 3));
    text->setColor(palette().color(QPalette::WindowText));
    top = std::max(top, reference_);
  }
  plot_->yAxis->setRange(0.0, top * 1.1 + 1e-9);
  plot_->replot();
}

QWidget* LossChartView::pictureWidget() { return plot_; }

QString LossChartView::csv() const {
  QString out = QStringLiteral("step,train_loss,val_loss\n");
  for (const auto& p : points_)
    out += QStringLiteral("%1,%2,%3\n")
               .arg(p.step)
               .arg(p.train, 0, 'g', 7)
               .arg(std::isfinite(p.val) ? QString::number(p.val, 'g', 7) : QString());
  return out;
}

}}  // namespace glassbox::views
