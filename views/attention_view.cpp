#include "views/attention_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "views/colors.h"
#include "views/matrix_widget.h"

namespace glassbox { namespace views {
namespace {

constexpr int kMaxTickLabels = 48;  // beyond this many tokens, axes show positions only

QString tokenLabel(const std::string& text) {
  QString s = QString::fromStdString(text);
  s.replace(QLatin1Char(' '), QChar(0x2423));  // ␣ so leading spaces stay visible
  s.replace(QLatin1Char('\n'), QChar(0x21B5));
  return s;
}

trace::Matrix asMatrix(const trace::AttentionMap& m, const QString& name) {
  trace::Matrix out;
  out.name = name.toStdString();
  out.rows = out.cols = static_cast<int>(m.tokens.size());
  out.values = m.matrix;
  if (m.causal)
    for (int i = 0; i < out.rows; ++i)
      for (int j = i + 1; j < out.cols; ++j) out.values[static_cast<std::size_t>(i * out.cols + j)] = -INFINITY;
  out.row_labels = out.col_labels = m.tokens;
  return out;
}

}  // namespace

trace::AttentionMap downsampleAttention(const trace::AttentionMap& map, int cells) {
  const int t = static_cast<int>(map.tokens.size());
  if (cells < 1 || t <= cells) return map;
  const int block = (t + cells - 1) / cells;  // tokens per block; the last block may be shorter
  const int n = (t + block - 1) / block;
  trace::AttentionMap out;
  out.layer = map.layer;
  out.head = map.head;
  out.causal = map.causal;
  out.layers = map.layers;
  out.matrix.assign(static_cast<std::size_t>(n * n), 0.0f);
  for (int b = 0; b < n; ++b) out.tokens.push_back(map.tokens[static_cast<std::size_t>(b * block)]);
  for (int q = 0; q < t; ++q) {
    const int rows_in_block = std::min(block, t - (q / block) * block);
    float* row = out.matrix.data() + static_cast<std::size_t>((q / block) * n);
    const float* src = map.matrix.data() + static_cast<std::size_t>(q) * static_cast<std::size_t>(t);
    for (int k = 0; k < t; ++k) row[k / block] += src[k] / static_cast<float>(rows_in_block);
  }
  return out;
}

AttentionView::AttentionView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  input_ = new QLineEdit(this);
  input_->setPlaceholderText(tr("Type a sentence to see its attention"));
  input_->hide();
  layout->addWidget(input_);
  connect(input_, &QLineEdit::textEdited, this, &AttentionView::textEdited);

  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Layer"), this));
  layer_box_ = new QSpinBox(this);
  controls->addWidget(layer_box_);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Head"), this));
  head_box_ = new QComboBox(this);
  controls->addWidget(head_box_);
  controls->addSpacing(12);
  mask_box_ = new QCheckBox(tr("Show the causal mask"), this);
  mask_box_->setChecked(true);
  controls->addWidget(mask_box_);
  controls->addStretch(1);
  layout->addLayout(controls);

  stack_ = new QStackedWidget(this);
  auto* single = new QWidget(stack_);
  auto* single_layout = new QVBoxLayout(single);
  single_layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(single);
  plot_->setMinimumSize(360, 320);
  plot_->setMouseTracking(true);
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setGradient(heatGradient());
  map_->setInterpolate(false);
  auto* scale = new QCPColorScale(plot_);
  plot_->plotLayout()->addElement(0, 1, scale);
  scale->setLabel(tr("attention weight"));
  map_->setColorScale(scale);
  scale->setGradient(heatGradient());  // the scale owns the gradient once linked
  scale->setDataRange(QCPRange(0.0, 1.0));
  plot_->yAxis->setRangeReversed(true);  // first token at the top, as in the book
  plot_->xAxis->setLabel(tr("key (attended to)"));
  plot_->yAxis->setLabel(tr("query (attending)"));
  plot_->xAxis->setTickLabelRotation(60);
  stylePlot(plot_, palette());
  scale->axis()->setTickLabelColor(palette().color(QPalette::WindowText));
  scale->axis()->setLabelColor(palette().color(QPalette::WindowText));
  scale->axis()->setBasePen(QPen(palette().color(QPalette::WindowText)));
  scale->axis()->setTickPen(QPen(palette().color(QPalette::WindowText)));
  single_layout->addWidget(plot_, 1);
  readout_ = new QLabel(tr("Hover over a cell to read its weight."), single);
  single_layout->addWidget(readout_);
  stack_->addWidget(single);

  auto* scroll = new QScrollArea(stack_);
  scroll->setWidgetResizable(true);
  grid_page_ = new QWidget(scroll);
  grid_ = new QGridLayout(grid_page_);
  scroll->setWidget(grid_page_);
  stack_->addWidget(scroll);
  layout->addWidget(stack_, 1);

  connect(layer_box_, &QSpinBox::valueChanged, this, [this] {
    bool have = false;
    for (const auto& m : maps_) have = have || m.layer == layer();
    if (!have) emit layerRequested(layer());
    refresh();
  });
  connect(head_box_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
  connect(mask_box_, &QCheckBox::toggled, this, [this] { refresh(); });
  connect(plot_, &QCustomPlot::mouseMove, this, &AttentionView::onHover);
}

void AttentionView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void AttentionView::resizeEvent(QResizeEvent* event) {
  ExportableView::resizeEvent(event);
  if (head() < 0) refresh();  // grid tiles grow with the space they have
}

void AttentionView::setInputText(const QString& text) {
  input_->setText(text);
  input_->show();
}

QString AttentionView::inputText() const { return input_->text(); }

void AttentionView::setMaps(const std::vector<trace::AttentionMap>& maps) {
  maps_ = maps;
  layers_ = heads_ = 0;
  for (const auto& m : maps_) {
    layers_ = std::max({layers_, m.layer + 1, m.layers});
    heads_ = std::max(heads_, m.head + 1);
  }
  const QSignalBlocker b1(layer_box_), b2(head_box_);
  layer_box_->setRange(1, std::max(1, layers_));
  const int keep = head_box_->currentIndex();
  head_box_->clear();
  head_box_->addItem(tr("All heads"));
  for (int h = 0; h < heads_; ++h) head_box_->addItem(tr("Head %1").arg(h + 1));
  head_box_->setCurrentIndex(std::clamp(keep, 0, heads_));
  refresh();
}

void AttentionView::showHead(int layer, int head) {
  const QSignalBlocker b1(layer_box_), b2(head_box_);
  layer_box_->setValue(layer + 1);
  head_box_->setCurrentIndex(head + 1);
  refresh();
}

int AttentionView::layer() const { return layer_box_->value() - 1; }
int AttentionView::head() const { return head_box_->currentIndex() - 1; }

const trace::AttentionMap* AttentionView::find(int layer, int head) const {
  for (const auto& m : maps_)
    if (m.layer == layer && m.head == head) return &m;
  return nullptr;
}

void AttentionView::refresh() {
  if (head() < 0) {
    stack_->setCurrentIndex(1);
    for (auto* t : tiles_) delete t;
    tiles_.clear();
    const int columns = heads_ <= 4 ? 2 : 4;
    const int side = std::clamp((stack_->width() - 40) / columns - 24, 80, 320);
    for (int h = 0; h < heads_; ++h) {
      const trace::AttentionMap* m = find(layer(), h);
      if (!m) continue;
      auto* tile = new MatrixWidget(grid_page_);
      tile->setCompact(true, side);
      // A tile has `side` pixels: a longer text is averaged down to one cell per pixel or more.
      trace::AttentionMap shown = downsampleAttention(*m, side);
      shown.causal = m->causal && mask_box_->isChecked();
      tile->setMatrix(asMatrix(shown, tr("Head %1").arg(h + 1)));
      tile->setToolTip(tr("Click to open head %1").arg(h + 1));
      connect(tile, &MatrixWidget::clicked, this, [this, h] { showHead(layer(), h); });
      grid_->addWidget(tile, h / columns, h % columns);
      tiles_.push_back(tile);
    }
    return;
  }
  stack_->setCurrentIndex(0);
  const trace::AttentionMap* m = find(layer(), head());
  if (!m) return;
  const int t = static_cast<int>(m->tokens.size());
  if (t == 0) return;
  auto* data = map_->data();
  data->setSize(t, t);
  data->setRange(QCPRange(0, t - 1), QCPRange(0, t - 1));
  const bool masked = m->causal && mask_box_->isChecked();
  for (int q = 0; q < t; ++q)
    for (int k = 0; k < t; ++k)
      data->setCell(k, q, masked && k > q ? NAN : static_cast<double>(m->matrix[static_cast<std::size_t>(q * t + k)]));
  map_->setDataRange(QCPRange(0.0, 1.0));
  if (t <= kMaxTickLabels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < t; ++i) ticker->addTick(i, tokenLabel(m->tokens[static_cast<std::size_t>(i)]));
    plot_->xAxis->setTicker(ticker);
    plot_->yAxis->setTicker(ticker);
  } else {
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
  plot_->xAxis->setRange(-0.5, t - 0.5);
  plot_->yAxis->setRange(-0.5, t - 0.5);
  plot_->replot();
}

QString AttentionView::describeCell(int query, int key) const {
  const trace::AttentionMap* m = find(layer(), head());
  if (!m) return {};
  const int t = static_cast<int>(m->tokens.size());
  if (query < 0 || key < 0 || query >= t || key >= t) return {};
  const QString q = tokenLabel(m->tokens[static_cast<std::size_t>(query)]);
  const QString k = tokenLabel(m->tokens[static_cast<std::size_t>(key)]);
  if (m->causal && key > query)
    return tr("\"%1\" (position %2) may not look ahead at \"%3\" (position %4): masked")
        .arg(q).arg(query + 1).arg(k).arg(key + 1);
  return tr("\"%1\" (position %2) attends to \"%3\" (position %4) with weight %5")
      .arg(q).arg(query + 1).arg(k).arg(key + 1)
      .arg(static_cast<double>(m->matrix[static_cast<std::size_t>(query * t + key)]), 0, 'f', 3);
}

void AttentionView::onHover(QMouseEvent* event) {
  const int key = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(event->position().x())));
  const int query = static_cast<int>(std::lround(plot_->yAxis->pixelToCoord(event->position().y())));
  const QString text = describeCell(query, key);
  if (text.isEmpty()) return;
  readout_->setText(text);
  QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

QWidget* AttentionView::pictureWidget() { return stack_->currentWidget(); }

QString AttentionView::csv() const {
  QString out = QStringLiteral("layer,head,query_position,query_token,key_position,key_token,weight\n");
  for (const auto& m : maps_) {
    const int t = static_cast<int>(m.tokens.size());
    for (int q = 0; q < t; ++q)
      for (int k = 0; k < t; ++k)
        out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(m.layer).arg(m.head).arg(q)
                   .arg(csvField(QString::fromStdString(m.tokens[static_cast<std::size_t>(q)])))
                   .arg(k)
                   .arg(csvField(QString::fromStdString(m.tokens[static_cast<std::size_t>(k)])))
                   .arg(static_cast<double>(m.matrix[static_cast<std::size_t>(q * t + k)]), 0, 'g', 6);
  }
  return out;
}

}}  // namespace glassbox::views
