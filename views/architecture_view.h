#pragma once
#include "engine/trace/trace.h"
#include "views/export.h"

class QLabel;
class QSpinBox;

namespace glassbox { namespace views {

class ArchDiagramWidget;
class WeightStatsWidget;

// Two architectures side by side (GPT-2 on the left, a Llama on the right, or the loaded
// model beside a preset), each a block diagram with parameter counts and weight shapes.
// Clicking a block asks for its weights' statistics in the chosen layer (statsRequested);
// the answer comes back through setStats().
class ArchitectureView : public ExportableView {
  Q_OBJECT
 public:
  explicit ArchitectureView(QWidget* parent = nullptr);
  void setDiagrams(const trace::ArchDiagram& left, const trace::ArchDiagram& right);
  void setStats(const trace::BlockStats& stats);
  void setNotice(const QString& notice);
  // Selects a block on side 0 (left) or 1 (right) as a click would, asking for its statistics.
  void selectBlock(int side, const QString& block_id);
  int selectedSide() const { return side_; }
  QString selectedBlock() const;
  int layer() const;
  const trace::ArchDiagram& diagram(int side) const;
  const WeightStatsWidget& statsWidget() const { return *stats_; }

  QString csv() const override;

 signals:
  void statsRequested(int side, const QString& block_id, int layer);

 private:
  void request();
  ArchDiagramWidget* diagrams_[2];
  WeightStatsWidget* stats_;
  QLabel* stats_title_;
  QSpinBox* layer_;
  QLabel* notice_;
  int side_ = -1;
};

}}  // namespace glassbox::views
