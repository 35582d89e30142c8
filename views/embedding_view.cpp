#include "views/embedding_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "views/colors.h"
#include "views/matrix_widget.h"

namespace glassbox { namespace views {
namespace {

// Leading eigenvector of the symmetric (d, d) matrix c by power iteration.
std::vector<double> leadingEigenvector(const std::vector<double>& c, int d) {
  std::vector<double> v(static_cast<std::size_t>(d));
  for (int i = 0; i < d; ++i) v[static_cast<std::size_t>(i)] = 1.0 + 0.1 * i;  // not orthogonal to anything likely
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<double> w(static_cast<std::size_t>(d), 0.0);
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) w[static_cast<std::size_t>(i)] += c[static_cast<std::size_t>(i * d + j)] * v[static_cast<std::size_t>(j)];
    double norm = 0.0;
    for (double x : w) norm += x * x;
    norm = std::sqrt(norm);
    if (norm < 1e-12) break;
    for (int i = 0; i < d; ++i) v[static_cast<std::size_t>(i)] = w[static_cast<std::size_t>(i)] / norm;
  }
  return v;
}

}  // namespace

std::vector<std::pair<double, double>> pca2(const trace::EmbeddingPoints& points) {
  const int n = static_cast<int>(points.labels.size()), d = points.dim;
  std::vector<std::pair<double, double>> out(static_cast<std::size_t>(n), {0.0, 0.0});
  if (n == 0 || d == 0) return out;
  auto x = [&](int i, int j) { return static_cast<double>(points.vectors[static_cast<std::size_t>(i * d + j)]); };
  std::vector<double> mean(static_cast<std::size_t>(d), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) mean[static_cast<std::size_t>(j)] += x(i, j) / n;
  // Covariance (d, d) of the centred rows.
  std::vector<double> cov(static_cast<std::size_t>(d * d), 0.0);
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b)
        cov[static_cast<std::size_t>(a * d + b)] += (x(i, a) - mean[static_cast<std::size_t>(a)]) * (x(i, b) - mean[static_cast<std::size_t>(b)]) / n;
  const std::vector<double> pc1 = leadingEigenvector(cov, d);
  // Deflate: remove the first component's variance, then find the second.
  double lambda = 0.0;
  for (int a = 0; a < d; ++a)
    for (int b = 0; b < d; ++b) lambda += pc1[static_cast<std::size_t>(a)] * cov[static_cast<std::size_t>(a * d + b)] * pc1[static_cast<std::size_t>(b)];
  for (int a = 0; a < d; ++a)
    for (int b = 0; b < d; ++b) cov[static_cast<std::size_t>(a * d + b)] -= lambda * pc1[static_cast<std::size_t>(a)] * pc1[static_cast<std::size_t>(b)];
  const std::vector<double> pc2 = leadingEigenvector(cov, d);
  for (int i = 0; i < n; ++i) {
    double u = 0.0, v = 0.0;
    for (int j = 0; j < d; ++j) {
      u += (x(i, j) - mean[static_cast<std::size_t>(j)]) * pc1[static_cast<std::size_t>(j)];
      v += (x(i, j) - mean[static_cast<std::size_t>(j)]) * pc2[static_cast<std::size_t>(j)];
    }
    out[static_cast<std::size_t>(i)] = {u, v};
  }
  return out;
}

std::vector<std::pair<int, double>> nearestByCosine(const trace::EmbeddingPoints& points, int of, int k) {
  const int n = static_cast<int>(points.labels.size()), d = points.dim;
  std::vector<std::pair<int, double>> sims;
  if (of < 0 || of >= n) return sims;
  auto row = [&](int i) { return points.vectors.data() + static_cast<std::ptrdiff_t>(i) * d; };
  auto norm = [&](const float* r) {
    double s = 0.0;
    for (int j = 0; j < d; ++j) s += static_cast<double>(r[j]) * r[j];
    return std::sqrt(s);
  };
  const double n0 = norm(row(of));
  for (int i = 0; i < n; ++i) {
    if (i == of) continue;
    double dot = 0.0;
    for (int j = 0; j < d; ++j) dot += static_cast<double>(row(of)[j]) * row(i)[j];
    const double denom = n0 * norm(row(i));
    sims.emplace_back(i, denom > 0 ? dot / denom : 0.0);
  }
  std::stable_sort(sims.begin(), sims.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (static_cast<int>(sims.size()) > k) sims.resize(static_cast<std::size_t>(k));
  return sims;
}

EmbeddingView::EmbeddingView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Token"), this));
  token_box_ = new QComboBox(this);
  controls->addWidget(token_box_);
  controls->addStretch(1);
  layout->addLayout(controls);
  auto* body = new QHBoxLayout;
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(320, 280);
  plot_->xAxis->setLabel(tr("principal component 1"));
  plot_->yAxis->setLabel(tr("principal component 2"));
  body->addWidget(plot_, 4);
  auto* side = new QVBoxLayout;
  auto* side_title = new QLabel(tr("Nearest neighbours (cosine similarity)"), this);
  side_title->setWordWrap(true);
  side->addWidget(side_title);
  neighbours_ = new QListWidget(this);
  side->addWidget(neighbours_, 1);
  body->addLayout(side, 1);
  layout->addLayout(body, 1);
  connect(token_box_, &QComboBox::currentIndexChanged, this, &EmbeddingView::select);
  connect(plot_, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable*, int index, QMouseEvent*) {
    token_box_->setCurrentIndex(index);
  });
}

void EmbeddingView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

void EmbeddingView::setPoints(const trace::EmbeddingPoints& points) {
  points_ = points;
  xy_ = pca2(points_);
  const QSignalBlocker block(token_box_);
  token_box_->clear();
  for (const auto& l : points_.labels) token_box_->addItem(QString::fromStdString(l));
  selected_ = -1;
  select(points_.labels.empty() ? -1 : 0);
}

void EmbeddingView::select(int index) {
  selected_ = index;
  if (token_box_->currentIndex() != index) {
    const QSignalBlocker block(token_box_);
    token_box_->setCurrentIndex(index);
  }
  neighbours_->clear();
  neighbours_->addItems(neighbourLines());
  replot();
}

QStringList EmbeddingView::neighbourLines() const {
  QStringList lines;
  for (const auto& [i, sim] : nearestByCosine(points_, selected_, 5))
    lines << QStringLiteral("%1   %2").arg(QString::fromStdString(points_.labels[static_cast<std::size_t>(i)])).arg(sim, 0, 'f', 3);
  return lines;
}

void EmbeddingView::replot() {
  plot_->clearPlottables();
  plot_->clearItems();
  const QColor fg = palette().color(QPalette::WindowText);
  stylePlot(plot_, palette());
  std::vector<int> near;
  for (const auto& [i, sim] : nearestByCosine(points_, selected_, 5)) near.push_back(i);
  // A curve (not a graph) keeps the points in label order, so a click's index is the token.
  QVector<double> xs, ys;
  for (const auto& [x, y] : xy_) xs << x, ys << y;
  auto* curve = new QCPCurve(plot_->xAxis, plot_->yAxis);
  curve->setLineStyle(QCPCurve::lsNone);
  curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, heatColor(0.3), 9));
  curve->setData(xs, ys);
  for (int i = 0; i < xs.size(); ++i) {
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(xs[i], ys[i]);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setText(QString::fromStdString(points_.labels[static_cast<std::size_t>(i)]));
    const bool is_selected = i == selected_;
    const bool is_near = std::find(near.begin(), near.end(), i) != near.end();
    QFont f = font();
    f.setBold(is_selected || is_near);
    label->setFont(f);
    label->setColor(is_selected ? QColor(0xd9, 0x40, 0x20) : is_near ? heatColor(0.55) : fg);
    label->setPadding(QMargins(4, 0, 0, 2));
  }
  if (selected_ >= 0 && selected_ < xs.size()) {
    auto* mark = new QCPCurve(plot_->xAxis, plot_->yAxis);
    mark->setLineStyle(QCPCurve::lsNone);
    mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xd9, 0x40, 0x20), 3), Qt::NoBrush, 18));
    mark->setData(QVector<double>{xs[selected_]}, QVector<double>{ys[selected_]});
  }
  plot_->rescaleAxes();
  // Labels sit to the right of their points: leave room for them on that side.
  const QCPRange x = plot_->xAxis->range();
  plot_->xAxis->setRange(x.lower - 0.1 * x.size(), x.upper + 0.3 * x.size());
  plot_->yAxis->scaleRange(1.25);
  plot_->replot();
}

QWidget* EmbeddingView::pictureWidget() { return plot_; }

QString EmbeddingView::csv() const {
  QString out = QStringLiteral("label,id,pc1,pc2\n");
  for (std::size_t i = 0; i < points_.labels.size(); ++i)
    out += QStringLiteral("%1,%2,%3,%4\n")
               .arg(csvField(QString::fromStdString(points_.labels[i])))
               .arg(i < points_.ids.size() ? points_.ids[i] : -1)
               .arg(xy_[i].first, 0, 'g', 6)
               .arg(xy_[i].second, 0, 'g', 6);
  return out;
}

EmbeddingSumView::EmbeddingSumView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  caption_ = new QLabel(tr("Each token's embedding plus the embedding of its position gives the vector the "
                           "transformer reads. The same word at two positions becomes two different vectors."),
                        this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  strip_ = new MatrixStrip(this);
  layout->addWidget(strip_);
  layout->addStretch(1);
}

void EmbeddingSumView::setEmbeddings(const trace::Matrix& token, const trace::Matrix& position) {
  sum_ = token;
  sum_.name = tr("input embeddings").toStdString();
  for (std::size_t i = 0; i < sum_.values.size() && i < position.values.size(); ++i) sum_.values[i] += position.values[i];
  strip_->setMatrices({token, position, sum_}, {QStringLiteral("+"), QStringLiteral("=")});
}

void EmbeddingSumView::setNotice(const QString& notice) {
  showNotice(notice_, notice);
}

QString EmbeddingSumView::csv() const { return strip_->csv(); }
QWidget* EmbeddingSumView::pictureWidget() { return strip_; }

}}  // namespace glassbox::views
