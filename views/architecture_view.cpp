#include "views/architecture_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "views/arch_diagram_widget.h"
#include "views/weight_stats_widget.h"

namespace glassbox { namespace views {

ArchitectureView::ArchitectureView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* row = new QHBoxLayout;
  // The two diagrams scroll together when their wrapped boxes are taller than the view.
  auto* pair = new QWidget(this);
  auto* pair_row = new QHBoxLayout(pair);
  pair_row->setContentsMargins(0, 0, 0, 0);
  auto* pair_scroll = new QScrollArea(this);
  pair_scroll->setWidget(pair);
  pair_scroll->setWidgetResizable(true);
  pair_scroll->setFrameShape(QFrame::NoFrame);
  pair_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  row->addWidget(pair_scroll, 2);
  for (int side = 0; side < 2; ++side) {
    diagrams_[side] = new ArchDiagramWidget(pair);
    pair_row->addWidget(diagrams_[side], 1, Qt::AlignTop);
    connect(diagrams_[side], &ArchDiagramWidget::blockClicked, this,
            [this, side](const QString& id) { selectBlock(side, id); });
  }
  auto* panel = new QVBoxLayout;
  stats_title_ = new QLabel(tr("Weights of a block"), this);
  stats_title_->setWordWrap(true);
  QFont bold = stats_title_->font();
  bold.setBold(true);
  stats_title_->setFont(bold);
  panel->addWidget(stats_title_);
  auto* layer_row = new QHBoxLayout;
  layer_row->addWidget(new QLabel(tr("Layer:"), this));
  layer_ = new QSpinBox(this);
  layer_->setRange(0, 0);
  layer_row->addWidget(layer_);
  layer_row->addStretch(1);
  panel->addLayout(layer_row);
  stats_ = new WeightStatsWidget(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(stats_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  panel->addWidget(scroll, 1);
  row->addLayout(panel, 1);
  layout->addLayout(row, 1);
  connect(layer_, &QSpinBox::valueChanged, this, [this] { request(); });
}

void ArchitectureView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void ArchitectureView::setDiagrams(const trace::ArchDiagram& left, const trace::ArchDiagram& right) {
  diagrams_[0]->setDiagram(left);
  diagrams_[1]->setDiagram(right);
  diagrams_[0]->setSelected({});
  diagrams_[1]->setSelected({});
  side_ = -1;
  stats_->setMessage(QString());
  stats_title_->setText(tr("Weights of a block"));
}

const trace::ArchDiagram& ArchitectureView::diagram(int side) const {
  return diagrams_[side == 1 ? 1 : 0]->diagram();
}

QString ArchitectureView::selectedBlock() const {
  return side_ < 0 ? QString() : diagrams_[side_]->selected();
}

int ArchitectureView::layer() const {
  return layer_->value();
}

void ArchitectureView::selectBlock(int side, const QString& block_id) {
  if (side < 0 || side > 1) return;
  side_ = side;
  diagrams_[side]->setSelected(block_id);
  diagrams_[1 - side]->setSelected({});
  const trace::ArchDiagram& d = diagrams_[side]->diagram();
  const QSignalBlocker quiet(layer_);
  layer_->setRange(0, static_cast<int>(std::max<std::int64_t>(0, d.layers - 1)));
  request();
}

void ArchitectureView::request() {
  if (side_ < 0) return;
  const trace::ArchDiagram& d = diagrams_[side_]->diagram();
  const QString id = diagrams_[side_]->selected();
  bool per_layer = false;
  QString title = id;
  for (const auto& b : d.blocks)
    if (QString::fromStdString(b.id) == id) per_layer = b.per_layer, title = blockTitle(b, QString::fromStdString(d.family));
  layer_->setEnabled(per_layer);
  stats_title_->setText(per_layer ? tr("%1 — %2, layer %3").arg(QString::fromStdString(d.name), title).arg(layer_->value())
                                  : tr("%1 — %2").arg(QString::fromStdString(d.name), title));
  stats_->setMessage(d.has_weights ? tr("Reading the weights…")
                                   : tr("No weights of %1 are loaded here: open a model directory of this "
                                        "architecture to see its weights.").arg(QString::fromStdString(d.name)));
  if (d.has_weights) emit statsRequested(side_, id, per_layer ? layer_->value() : 0);
}

void ArchitectureView::setStats(const trace::BlockStats& stats) {
  if (side_ < 0 || QString::fromStdString(stats.block_id) != diagrams_[side_]->selected()) return;  // stale
  stats_->setStats(stats);
}

QString ArchitectureView::csv() const {
  QString out = QStringLiteral("model,block,kind,per_layer,parameters,active_parameters,tensors\n");
  for (const auto* w : diagrams_) {
    const trace::ArchDiagram& d = w->diagram();
    for (const auto& b : d.blocks) {
      QStringList tensors;
      for (const auto& t : b.tensors)
        tensors << QString::fromStdString(t.name) + formatShape(t.shape) +
                       (t.copies > 1 ? QStringLiteral("x%1").arg(t.copies) : QString());
      out += QStringList{csvField(QString::fromStdString(d.name)), QString::fromStdString(b.id),
                         QString::fromStdString(b.kind), b.per_layer ? QStringLiteral("1") : QStringLiteral("0"),
                         QString::number(b.parameters), QString::number(b.active_parameters),
                         csvField(tensors.join(QLatin1Char(' ')))}
                 .join(QLatin1Char(',')) +
             QLatin1Char('\n');
    }
    out += QStringList{csvField(QString::fromStdString(d.name)), QStringLiteral("total"), QString(), QString(),
                       QString::number(d.total_parameters), QString::number(d.active_parameters), QString()}
               .join(QLatin1Char(',')) +
           QLatin1Char('\n');
  }
  return out;
}

}}  // namespace glassbox::views
