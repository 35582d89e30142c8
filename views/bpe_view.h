#pragma once
#include <string>
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QSlider;
class QLabel;
class QListWidget;
class QLineEdit;

namespace glassbox { namespace views {

class TokenChips;

// Splits `text` the way a GPT-2 style BPE sees it after the first `applied` merges: start from
// single characters inside each word (a word keeps its leading space), then apply the merges in
// the order they were learned. Returns the pieces in order.
std::vector<std::string> bpeSegment(const std::string& text, const std::vector<trace::BpeMerge>& merges, int applied);

// Byte-pair encoding made visible: the merges a BPE learned (pair and count), a slider to apply
// the first n of them, and a sample sentence that re-segments live as merges apply.
class BpeView : public ExportableView {
  Q_OBJECT
 public:
  explicit BpeView(QWidget* parent = nullptr);
  void setMerges(const std::vector<trace::BpeMerge>& merges);
  void setSample(const QString& sample);
  void setApplied(int applied);
  int applied() const;
  void setNotice(const QString& notice);
  const std::vector<std::string>& pieces() const { return pieces_; }

  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  void refresh();
  std::vector<trace::BpeMerge> merges_;
  std::vector<std::string> pieces_;
  QLabel* notice_;
  QLineEdit* sample_;
  QSlider* slider_;
  QLabel* slider_label_;
  QListWidget* list_;
  TokenChips* chips_;
  QLabel* stats_;
  QWidget* picture_;
};

}}  // namespace glassbox::views
