#include "views/classifier_view.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "views/colors.h"

namespace glassbox { namespace views {

namespace {

QCustomPlot* makePlot(QWidget* parent, const QString& y_label, const QString& train_name, const QString& val_name) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumSize(280, 200);
  plot->xAxis->setLabel(ClassifierView::tr("epoch"));
  plot->yAxis->setLabel(y_label);
  plot->legend->setVisible(true);
  stylePlot(plot, parent->palette());
  plot->legend->setBrush(parent->palette().color(QPalette::Base));
  plot->legend->setTextColor(parent->palette().color(QPalette::WindowText));
  auto* train = plot->addGraph();
  train->setName(train_name);
  train->setPen(QPen(heatColor(0.25), 2));
  auto* val = plot->addGraph();
  val->setName(val_name);
  val->setPen(QPen(QColor(0xe0, 0x70, 0x10), 2));
  val->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  return plot;
}

QString percent(double x) { return QStringLiteral("%1%").arg(100.0 * x, 0, 'f', 1); }

}  // namespace

ClassifierView::ClassifierView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  picture_ = new QWidget(this);
  auto* grid = new QGridLayout(picture_);
  loss_plot_ = makePlot(picture_, tr("loss (cross-entropy)"), tr("training loss"), tr("validation loss"));
  accuracy_plot_ = makePlot(picture_, tr("accuracy"), tr("training accuracy"), tr("validation accuracy"));
  grid->addWidget(loss_plot_, 0, 0);
  grid->addWidget(accuracy_plot_, 0, 1);
  auto* matrix_box = new QVBoxLayout;
  accuracy_ = new QLabel(picture_);
  accuracy_->setWordWrap(true);
  matrix_ = new QTableWidget(picture_);
  matrix_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  matrix_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  matrix_->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  // Narrow columns (the matrix shares the row with the message box) wrap "predicted spam"
  // onto two lines rather than cutting it.
  matrix_->horizontalHeader()->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
  matrix_->verticalHeader()->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
  matrix_->horizontalHeader()->setMinimumHeight(2 * matrix_->fontMetrics().lineSpacing() + 8);
  matrix_box->addWidget(accuracy_);
  matrix_box->addWidget(matrix_, 1);
  grid->addLayout(matrix_box, 1, 0);
  auto* try_box = new QVBoxLayout;
  try_box->addWidget(new QLabel(tr("Type a message:"), picture_));
  input_ = new QLineEdit(picture_);
  input_->setPlaceholderText(tr("e.g. You have won a free cruise, click here"));
  result_ = new QLabel(picture_);
  result_->setWordWrap(true);
  try_box->addWidget(input_);
  try_box->addWidget(result_);
  try_box->addStretch(1);
  grid->addLayout(try_box, 1, 1);
  layout->addWidget(picture_, 1);
  connect(input_, &QLineEdit::textEdited, this, &ClassifierView::textEdited);
}

void ClassifierView::setNotice(const QString& notice) { showNotice(notice_, notice); }

void ClassifierView::setPoints(const std::vector<trace::ClassifierPoint>& points) {
  points_ = points;
  replot();
}

void ClassifierView::addPoint(const trace::ClassifierPoint& point) {
  points_.push_back(point);
  replot();
}

void ClassifierView::replot() {
  QVector<double> x, loss, acc_x, acc, val_x, val_loss, val_acc;
  for (const auto& p : points_) {
    x << p.epoch;
    loss << p.train_loss;
    if (std::isfinite(p.train_accuracy)) acc_x << p.epoch, acc << p.train_accuracy;
    if (std::isfinite(p.val_loss)) val_x << p.epoch, val_loss << p.val_loss, val_acc << p.val_accuracy;
  }
  loss_plot_->graph(0)->setData(x, loss, true);
  loss_plot_->graph(1)->setData(val_x, val_loss, true);
  accuracy_plot_->graph(0)->setData(acc_x, acc, true);
  accuracy_plot_->graph(1)->setData(val_x, val_acc, true);
  for (QCustomPlot* plot : {loss_plot_, accuracy_plot_}) plot->rescaleAxes();
  loss_plot_->yAxis->setRange(0.0, loss_plot_->yAxis->range().upper * 1.1 + 1e-9);
  accuracy_plot_->yAxis->setRange(0.0, 1.05);  // chance (0.5 for two balanced classes) to perfect
  loss_plot_->replot();
  accuracy_plot_->replot();
}

void ClassifierView::setConfusion(const trace::ConfusionCounts& c, double accuracy_before) {
  confusion_ = c;
  const int n = static_cast<int>(c.labels.size());
  matrix_->setRowCount(n);
  matrix_->setColumnCount(n);
  QStringList truth, predicted;
  std::int64_t total = 0, right = 0, largest = 1;
  for (int i = 0; i < n; ++i) {
    truth << tr("is %1").arg(labelName(c.labels[i]));
    predicted << tr("predicted %1").arg(labelName(c.labels[i]));
    for (int j = 0; j < n; ++j) {
      total += c.counts[i][j];
      largest = std::max(largest, c.counts[i][j]);
      if (i == j) right += c.counts[i][j];
    }
  }
  matrix_->setVerticalHeaderLabels(truth);
  matrix_->setHorizontalHeaderLabels(predicted);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      auto* item = new QTableWidgetItem(QString::number(c.counts[i][j]));
      item->setTextAlignment(Qt::AlignCenter);
      const QColor bg = heatColor(static_cast<double>(c.counts[i][j]) / static_cast<double>(largest));
      item->setBackground(bg);
      item->setForeground(textColorOn(bg));
      matrix_->setItem(i, j, item);
    }
  if (n == 0) {
    accuracy_->clear();
    return;
  }
  const double after = total ? static_cast<double>(right) / static_cast<double>(total) : 0.0;
  accuracy_->setText(std::isfinite(accuracy_before)
                         ? tr("Test accuracy: %1 before finetuning, %2 after (%3 messages)")
                               .arg(percent(accuracy_before), percent(after))
                               .arg(total)
                         : tr("Test accuracy: %1 (%2 messages)").arg(percent(after)).arg(total));
}

void ClassifierView::setPrediction(const trace::ClassPrediction& p) {
  if (p.probabilities.empty()) {
    result_->clear();
    return;
  }
  const size_t best =
      static_cast<size_t>(std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
  QStringList parts;
  for (size_t i = 0; i < p.labels.size(); ++i)
    parts << QStringLiteral("%1 %2").arg(labelName(p.labels[i]), percent(p.probabilities[i]));
  result_->setText(tr("→ %1 (%2)").arg(labelName(p.labels[best]), parts.join(QStringLiteral(", "))));
}

QString ClassifierView::labelName(const std::string& label) {
  //: A legitimate e-mail, as opposed to spam.
  if (label == "ham") return tr("ham");
  if (label == "spam") return tr("spam");
  return QString::fromStdString(label);
}

void ClassifierView::setInputText(const QString& text) { input_->setText(text); }
QString ClassifierView::inputText() const { return input_->text(); }
void ClassifierView::setAccuracyText(const QString& text) { accuracy_->setText(text); }
QString ClassifierView::predictionText() const { return result_->text(); }
QString ClassifierView::accuracyText() const { return accuracy_->text(); }
QWidget* ClassifierView::pictureWidget() { return picture_; }

QString ClassifierView::csv() const {
  auto field = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 7) : QString(); };
  QString out = QStringLiteral("step,epoch,train_loss,val_loss,train_accuracy,val_accuracy\n");
  for (const auto& p : points_)
    out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
               .arg(p.step)
               .arg(field(p.epoch), field(p.train_loss), field(p.val_loss), field(p.train_accuracy),
                    field(p.val_accuracy));
  return out;
}

}}  // namespace glassbox::views
