#pragma once
#include <vector>

#include "engine/trace/training_trace.h"
#include "views/export.h"

class QCustomPlot;
class QLabel;
class QProgressBar;
class QSlider;
class QTabWidget;
class QTextBrowser;

namespace glassbox { namespace views {

class AttentionView;

// What the training studio shows while a model pretrains, fed plain values:
//   - train and validation loss per step on one chart, with ln(vocabulary) dashed (the loss of
//     a uniform guess) and the first step's loss marked against it;
//   - the learning rate (warmup, then cosine) and tokens per second on a second chart;
//   - a progress bar with the step, elapsed time and ETA;
//   - a timeline of samples from the fixed prompt, newest first;
//   - attention through time: the probe sentence's attention at every snapshot, a slider
//     over the snapshots and the layer / head pickers of the attention view.
class StudioView : public ExportableView {
  Q_OBJECT
 public:
  explicit StudioView(QWidget* parent = nullptr);

  // A new run: clears everything and draws ln(vocabulary).
  void reset(long long vocabulary);
  void addSteps(const std::vector<trace::TrainingStep>& steps);
  void addSamples(const std::vector<trace::TrainingSample>& samples);
  void addSnapshots(const std::vector<trace::AttentionSnapshot>& snapshots);
  void setProgress(const trace::TrainingProgress& progress);
  // One line above the charts (the run's state, an error, a device note); empty hides it.
  void setNotice(const QString& notice);

  // Shows snapshot `index` (0 = the first); the slider follows. While the slider is at the
  // newest snapshot, new snapshots are shown as they arrive.
  void showSnapshot(int index);
  int shownSnapshot() const;
  int snapshotCount() const { return static_cast<int>(snapshots_.size()); }
  // Which tab is shown: 0 charts, 1 samples, 2 attention through time.
  void showTab(int index);

  int trainPointCount() const;
  int valPointCount() const;
  int sampleCount() const { return static_cast<int>(samples_.size()); }
  QString progressText() const;
  AttentionView* attentionView() const { return attention_; }

  QString csv() const override;  // step, train, val, lr, tokens/s
  QWidget* pictureWidget() override;

 private:
  void replotLoss();
  void refreshSamples();
  void markInitialLoss();

  std::vector<trace::TrainingStep> steps_;
  std::vector<trace::TrainingSample> samples_;
  std::vector<trace::AttentionSnapshot> snapshots_;
  long long vocabulary_ = 0;
  QLabel* notice_;
  QTabWidget* tabs_;
  QCustomPlot* loss_plot_;
  QCustomPlot* rate_plot_;
  QProgressBar* progress_;
  QLabel* progress_label_;
  QTextBrowser* samples_view_;
  QSlider* slider_;
  QLabel* snapshot_label_;
  AttentionView* attention_;
};

}}  // namespace glassbox::views
