#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QLabel;
class QSpinBox;

namespace glassbox { namespace views {

class RouterHeatmap;

// Where a mixture-of-experts router sent each token: for one layer, a heatmap with a row per
// token and a column per expert, coloured by the router's weight (empty where the expert was
// not chosen), and below it how many tokens each expert received. Active against total
// parameters says what the routing saves.
class MoeRouterView : public ExportableView {
  Q_OBJECT
 public:
  explicit MoeRouterView(QWidget* parent = nullptr);
  void setChoices(const trace::RouterChoices& choices);
  void setLayer(int layer);
  int layer() const;
  void setNotice(const QString& notice);
  // Router weight of expert e for token t in layer l (0 when not chosen).
  float weight(int layer, int token, int expert) const;
  // Tokens routed to each expert in `layer` (a token counts once per expert it chose).
  std::vector<int> load(int layer) const;
  const trace::RouterChoices& choices() const { return choices_; }

  QString csv() const override;

 private:
  void refresh();
  trace::RouterChoices choices_;
  QLabel* notice_;
  QLabel* summary_;
  QSpinBox* layer_;
  RouterHeatmap* heatmap_;
};

}}  // namespace glassbox::views
