#pragma once
#include <QWidget>

#include "engine/trace/trace.h"

namespace glassbox { namespace views {

// The statistics of one block's weights: for each tensor its name and shape, mean, standard
// deviation, min and max, and a histogram of its values (bars over [min, max]).
class WeightStatsWidget : public QWidget {
  Q_OBJECT
 public:
  explicit WeightStatsWidget(QWidget* parent = nullptr);
  void setStats(const trace::BlockStats& stats);
  // A line shown instead of numbers (e.g. "computing…", or why there are none).
  void setMessage(const QString& message);
  const trace::BlockStats& stats() const { return stats_; }
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  trace::BlockStats stats_;
  QString message_;
};

}}  // namespace glassbox::views
