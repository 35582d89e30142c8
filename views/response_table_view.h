#pragma once
#include "engine/trace/finetune_trace.h"
#include "views/export.h"

class QLabel;
class QTableWidget;

namespace glassbox { namespace views {

// Held-out instructions with the expected answer and each model's response side by side,
// each response with its score, and a last row with every model's mean score. One model
// is an evaluation table; several (base, instruction-tuned, LoRA) are a comparison.
class ResponseTableView : public ExportableView {
  Q_OBJECT
 public:
  explicit ResponseTableView(QWidget* parent = nullptr);
  void setTable(const trace::ResponseTable& table);
  void setNotice(const QString& notice);
  // Mean of model m's scores over the rows that have one (NaN when none do).
  double meanScore(size_t model) const;

  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  trace::ResponseTable table_;
  QLabel* notice_;
  QTableWidget* grid_;
};

}}  // namespace glassbox::views
