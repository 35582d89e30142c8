#pragma once
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QCustomPlot;
class QCPColorMap;
class QComboBox;
class QSpinBox;
class QLineEdit;
class QCheckBox;
class QLabel;
class QStackedWidget;
class QGridLayout;
class QVBoxLayout;

namespace glassbox { namespace views {

class MatrixWidget;

// A map of T tokens shrunk to at most `cells` × `cells` cells, for a picture smaller than T
// pixels: tokens are grouped into consecutive blocks, and a cell holds the attention a block
// of queries gives a block of keys (summed over the keys, averaged over the queries), so rows
// still sum to 1. Each block is labelled by its first token. A map that fits is returned as is.
trace::AttentionMap downsampleAttention(const trace::AttentionMap& map, int cells);

// Attention of a model: a heatmap (QCPColorMap) of one head, or a grid of every head of a
// layer, with layer and head pickers. Rows are queries, columns keys; with a causal model
// the cells above the diagonal are masked and shown grey. Hovering a cell names the pair
// and its weight. Large inputs (1,024 tokens) stay responsive: the map is drawn as an image.
class AttentionView : public ExportableView {
  Q_OBJECT
 public:
  explicit AttentionView(QWidget* parent = nullptr);
  // The heads of one layer or of several; the layer count is AttentionMap::layers (or, when
  // that is 0, read from the maps), the head count from the maps.
  void setMaps(const std::vector<trace::AttentionMap>& maps);
  // A line shown above the picture, e.g. that the data is only a sample.
  void setNotice(const QString& notice);
  void showHead(int layer, int head);  // head -1: the grid of all heads
  int layer() const;
  int head() const;  // -1 when the grid is shown
  int layerCount() const { return layers_; }
  int headCount() const { return heads_; }
  // Shows a line the learner can type into; each edit emits textEdited.
  void setInputText(const QString& text);
  QString inputText() const;
  // Text of the hover read-out for a cell of the shown head (query row, key column).
  QString describeCell(int query, int key) const;

  QString csv() const override;
  QWidget* pictureWidget() override;

 signals:
  // The learner typed; the owner computes attention for the new text (off the UI thread).
  void textEdited(const QString& text);
  // The learner picked a layer whose maps were not given; the owner computes them.
  void layerRequested(int layer);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  const trace::AttentionMap* find(int layer, int head) const;
  void refresh();
  void onHover(QMouseEvent* event);

  std::vector<trace::AttentionMap> maps_;
  int layers_ = 0;
  int heads_ = 0;
  QLabel* notice_;
  QLineEdit* input_;
  QSpinBox* layer_box_;
  QComboBox* head_box_;
  QCheckBox* mask_box_;
  QStackedWidget* stack_;
  QCustomPlot* plot_;
  QCPColorMap* map_;
  QLabel* readout_;
  QWidget* grid_page_;
  QGridLayout* grid_;
  std::vector<MatrixWidget*> tiles_;
};

// The from-scratch walk of lesson 3 on the toy embeddings: pick a stage and see every matrix
// it computes, from the inputs X to the context vectors Z.
class AttentionScratchView : public ExportableView {
  Q_OBJECT
 public:
  explicit AttentionScratchView(QWidget* parent = nullptr);
  void setStage(int stage);  // toy::Stage as int: 0 simplified … 3 multi-head
  int stage() const;
  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  void refresh();
  QComboBox* stage_box_;
  QLabel* caption_;
  QWidget* canvas_;
  QVBoxLayout* canvas_layout_;
  std::vector<trace::Matrix> shown_;
};

}}  // namespace glassbox::views
