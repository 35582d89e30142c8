#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "views/attention_math.h"
#include "views/attention_view.h"
#include "views/matrix_widget.h"

namespace glassbox { namespace views {

AttentionScratchView::AttentionScratchView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Stage"), this));
  stage_box_ = new QComboBox(this);
  stage_box_->addItems({tr("1. Simplified self-attention"), tr("2. Trainable weights (W_q, W_k, W_v)"),
                        tr("3. Causal mask"), tr("4. Multi-head (2 heads)")});
  controls->addWidget(stage_box_);
  controls->addStretch(1);
  layout->addLayout(controls);
  caption_ = new QLabel(this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  canvas_ = new QWidget(scroll);
  canvas_layout_ = new QVBoxLayout(canvas_);
  canvas_layout_->setSpacing(16);
  scroll->setWidget(canvas_);
  layout->addWidget(scroll, 1);
  connect(stage_box_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
  refresh();
}

void AttentionScratchView::setStage(int stage) { stage_box_->setCurrentIndex(std::clamp(stage, 0, 3)); }
int AttentionScratchView::stage() const { return stage_box_->currentIndex(); }

void AttentionScratchView::refresh() {
  while (QLayoutItem* item = canvas_layout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  const auto stage = static_cast<toy::Stage>(stage_box_->currentIndex());
  const QString captions[] = {
      tr("Each word's score with every other word is a dot product (ω = X·Xᵀ). Softmax turns each "
         "row into weights that sum to 1, and each context vector is the weighted sum of all inputs."),
      tr("Three trainable matrices project each input into a query, a key and a value. Scores are "
         "queries times keys, scaled by 1/√d_k before softmax; the context vectors mix the values."),
      tr("A language model must not peek at the future: scores above the diagonal are set to −∞, so "
         "after softmax each word attends only to itself and the words before it."),
      tr("Several heads run side by side, each with its own weights, so each can attend to "
         "something different. Their context vectors are concatenated.")};
  caption_->setText(captions[static_cast<int>(stage)]);
  shown_.clear();
  // One line of matrices per row of the stage, each line left-aligned.
  QHBoxLayout* line = nullptr;
  auto newLine = [&] {
    auto* row_widget = new QWidget(canvas_);
    line = new QHBoxLayout(row_widget);
    line->setContentsMargins(0, 0, 0, 0);
    line->setSpacing(10);
    canvas_layout_->addWidget(row_widget);
  };
  newLine();
  for (const toy::Step& step : toy::stageSteps(stage)) {
    if (step.new_row) {
      line->addStretch(1);
      newLine();
    }
    const QString op = QString::fromUtf8(step.op);
    if (!op.isEmpty()) {
      auto* label = new QLabel(op, canvas_);
      QFont f = label->font();
      f.setPointSizeF(f.pointSizeF() * 1.6);
      label->setFont(f);
      line->addWidget(label, 0, Qt::AlignVCenter);
    }
    auto* m = new MatrixWidget(canvas_);
    m->setMatrix(step.matrix);
    line->addWidget(m, 0, Qt::AlignTop);
    shown_.push_back(step.matrix);
  }
  line->addStretch(1);
  canvas_layout_->addStretch(1);
}

QWidget* AttentionScratchView::pictureWidget() { return canvas_; }

QString AttentionScratchView::csv() const {
  MatrixStrip strip;
  strip.setMatrices(shown_, {});
  return strip.csv();
}

}}  // namespace glassbox::views
