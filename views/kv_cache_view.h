#pragma once
#include "engine/trace/trace.h"
#include "views/export.h"

class QCheckBox;
class QLabel;
class QSlider;

namespace glassbox { namespace views {

class KvCacheGrid;

// Generation one token at a time. Row s of the grid is step s; its cells are the positions
// the model attends over then. With the cache, only the newest position's key and value are
// computed and the others are read back; without it, every position is computed again at
// every step. Counts of key/value computations and the measured speed-up sit beside it.
class KvCacheView : public ExportableView {
  Q_OBJECT
 public:
  explicit KvCacheView(QWidget* parent = nullptr);
  void setRun(const trace::KvCacheRun& run);
  void setNotice(const QString& notice);
  // Steps shown so far (1 … generated tokens); the slider's value.
  void setStep(int step);
  int step() const;
  void setCached(bool cached);
  bool cached() const;
  int generatedTokens() const;
  // Key/value rows (per layer) computed in steps 1 … step: cached, prompt + step;
  // uncached, the sum of the sequence lengths.
  static long long kvComputations(int prompt, int step, bool cached);
  const trace::KvCacheRun& run() const { return run_; }

  QString csv() const override;

 private:
  void refresh();
  trace::KvCacheRun run_;
  QLabel* notice_;
  QSlider* step_;
  QCheckBox* cached_;
  QLabel* summary_;
  KvCacheGrid* grid_;
};

}}  // namespace glassbox::views
