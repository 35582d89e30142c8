#pragma once
#include <utility>
#include <vector>

#include "engine/trace/trace.h"
#include "views/export.h"

class QCustomPlot;
class QListWidget;
class QLabel;
class QComboBox;

namespace glassbox { namespace views {

// Projects the rows of points.vectors (N, dim) onto their first two principal components:
// returns N (x, y) pairs. Small math (power iteration on the dim×dim covariance).
std::vector<std::pair<double, double>> pca2(const trace::EmbeddingPoints& points);
// Indices of the k rows most similar to row `of` by cosine similarity (excluding itself),
// most similar first, with their similarities.
std::vector<std::pair<int, double>> nearestByCosine(const trace::EmbeddingPoints& points, int of, int k);

// Token embeddings as labelled points in 2-D (PCA), with the nearest neighbours (cosine
// similarity, in the full space) of the chosen token listed and highlighted.
class EmbeddingView : public ExportableView {
  Q_OBJECT
 public:
  explicit EmbeddingView(QWidget* parent = nullptr);
  void setPoints(const trace::EmbeddingPoints& points);
  void setNotice(const QString& notice);
  void select(int index);
  int selected() const { return selected_; }
  QStringList neighbourLines() const;

  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  void replot();
  trace::EmbeddingPoints points_;
  std::vector<std::pair<double, double>> xy_;
  int selected_ = -1;
  QLabel* notice_;
  QComboBox* token_box_;
  QCustomPlot* plot_;
  QListWidget* neighbours_;
};

// Token embedding + position embedding = the input of the first transformer block,
// shown as three small matrices for a short input.
class EmbeddingSumView : public ExportableView {
  Q_OBJECT
 public:
  explicit EmbeddingSumView(QWidget* parent = nullptr);
  // token and position are (T, d) with the same shape; rows labelled by token.
  void setEmbeddings(const trace::Matrix& token, const trace::Matrix& position);
  const trace::Matrix& sum() const { return sum_; }
  void setNotice(const QString& notice);
  QString csv() const override;
  QWidget* pictureWidget() override;

 private:
  class MatrixStrip* strip_;
  QLabel* caption_;
  QLabel* notice_;
  trace::Matrix sum_;
};

}}  // namespace glassbox::views
