#pragma once
#include <vector>

#include "engine/trace/finetune_trace.h"
#include "views/export.h"

class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace glassbox { namespace views {

// Classification finetuning at a glance: loss and accuracy curves (training every step,
// validation where measured), the test set's confusion matrix with accuracy before and
// after finetuning, and a "type a message" box whose text the app classifies as you type
// (textEdited → the app computes → setPrediction).
class ClassifierView : public ExportableView {
  Q_OBJECT
 public:
  explicit ClassifierView(QWidget* parent = nullptr);
  void setPoints(const std::vector<trace::ClassifierPoint>& points);
  void addPoint(const trace::ClassifierPoint& point);
  // Accuracy before is drawn beside the matrix (NaN: not measured). No labels: an empty matrix.
  void setConfusion(const trace::ConfusionCounts& confusion, double accuracy_before);
  // Replaces the line above the matrix (e.g. the accuracy before finetuning, while it trains).
  void setAccuracyText(const QString& text);
  void setPrediction(const trace::ClassPrediction& prediction);
  // A class label as the learner reads it: the spam task's "ham" and "spam" in the UI's
  // language, any other label as it is.
  static QString labelName(const std::string& label);
  void setInputText(const QString& text);
  QString inputText() const;
  void setNotice(const QString& notice);

  const std::vector<trace::ClassifierPoint>& points() const { return points_; }
  QString predictionText() const;  // what the result line shows
  QString accuracyText() const;    // the line above the matrix

  QString csv() const override;
  QWidget* pictureWidget() override;

 signals:
  void textEdited(const QString& text);

 private:
  void replot();
  std::vector<trace::ClassifierPoint> points_;
  trace::ConfusionCounts confusion_;
  QLabel* notice_;
  QCustomPlot* loss_plot_;
  QCustomPlot* accuracy_plot_;
  QLabel* accuracy_;
  QTableWidget* matrix_;
  QLineEdit* input_;
  QLabel* result_;
  QWidget* picture_;
};

}}  // namespace glassbox::views
