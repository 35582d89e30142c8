#pragma once
#include <QRandomGenerator>
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QSlider;
class QLabel;
class QPushButton;

namespace glassbox { namespace views {

// Re-tempers and filters a next-token distribution the way sampling does:
// p_i^(1/T) renormalised (= softmax(logits / T)), then keep the k most likely, then the
// smallest set whose mass reaches top_p; the rest get 0 and the kept ones are renormalised.
// top_k <= 0 keeps all; top_p >= 1 keeps all.
std::vector<float> adjustProbabilities(const std::vector<float>& probs, double temperature, int top_k, double top_p);

// Horizontal bars of the next-token distribution, with temperature, top-k and top-p sliders
// that reshape the bars live, and Greedy / Sample buttons that append a token to the prompt.
class NextTokenView : public ExportableView {
  Q_OBJECT
 public:
  explicit NextTokenView(QWidget* parent = nullptr);
  void setDistribution(const trace::NextTokenDistribution& distribution);
  void setNotice(const QString& notice);
  void setTemperature(double t);
  void setTopK(int k);
  void setTopP(double p);
  double temperature() const;
  int topK() const;
  double topP() const;
  const std::vector<float>& shownProbabilities() const { return adjusted_; }
  QString prompt() const { return prompt_; }

  QString csv() const override;
  QWidget* pictureWidget() override;

 public slots:
  void appendGreedy();
  void appendSample();

 signals:
  // A token was chosen; the owner asks the model for the next distribution.
  void tokenAppended(int id, const QString& text);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void append(std::size_t index);
  void paintBars(QWidget* canvas);

  trace::NextTokenDistribution dist_;
  std::vector<float> adjusted_;
  QString prompt_;
  QRandomGenerator rng_{20240611u};
  QLabel* notice_;
  QLabel* prompt_label_;
  QSlider* temperature_;
  QSlider* top_k_;
  QSlider* top_p_;
  QLabel* temperature_label_;
  QLabel* top_k_label_;
  QLabel* top_p_label_;
  QWidget* bars_;
  QWidget* picture_;
};

}}  // namespace glassbox::views
