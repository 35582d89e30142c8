#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QCustomPlot;
class QLabel;

namespace glassbox { namespace views {

// Training and validation loss against the step (QCustomPlot), with an optional dashed
// reference line such as ln(vocabulary size), the loss of a model that guesses uniformly.
// Points are appended as training reports them; the chart keeps every point.
class LossChartView : public ExportableView {
  Q_OBJECT
 public:
  explicit LossChartView(QWidget* parent = nullptr);
  void setPoints(const std::vector<trace::LossPoint>& points);
  void addPoint(const trace::LossPoint& point);
  // A horizontal reference line at `loss` with a label (empty label: no line).
  void setReference(double loss, const QString& label);
  void setNotice(const QString& notice);
  const std::vector<trace::LossPoint>& points() const { return points_; }

  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  void replot();
  std::vector<trace::LossPoint> points_;
  double reference_ = 0.0;
  QString reference_label_;
  QLabel* notice_;
  QCustomPlot* plot_;
};

}}  // namespace glassbox::views
