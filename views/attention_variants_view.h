#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace glassbox { namespace views {

class VariantBars;

// Multi-head, grouped-query and multi-query attention on one model size: the KV-cache
// memory each needs for a chosen context (with the formula written out with the numbers)
// and the generation speed each reached when measured. The context and the bytes per value
// are the learner's to change; the memory follows from the formula
//   2 · layers · kv_heads · head_dim · context · bytes.
class AttentionVariantsView : public ExportableView {
  Q_OBJECT
 public:
  explicit AttentionVariantsView(QWidget* parent = nullptr);
  // The variants (their context and bytes become the view's settings) and the model size's name.
  void setVariants(const std::vector<trace::AttentionVariant>& variants, const QString& model_name);
  // Measured speeds arrive later: tokens/s per variant name ("MHA", "GQA", "MQA").
  void setSpeeds(const std::vector<trace::AttentionVariant>& measured);
  void setContext(int context);
  void setBytesPerValue(int bytes);
  void setNotice(const QString& notice);
  const std::vector<trace::AttentionVariant>& variants() const { return variants_; }
  // The formula with this variant's numbers, as shown ("2 · 32 layers · …").
  QString formula(std::size_t i) const;

  QString csv() const override;

 private:
  void recompute();
  std::vector<trace::AttentionVariant> variants_;
  QString model_name_;
  QLabel* notice_;
  QLabel* title_;
  QSpinBox* context_;
  QComboBox* bytes_;
  QLabel* formulas_;
  VariantBars* bars_;
};

}}  // namespace glassbox::views
