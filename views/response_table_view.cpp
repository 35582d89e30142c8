#include "views/response_table_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace glassbox { namespace views {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

ResponseTableView::ResponseTableView(QWidget* parent) : ExportableView(parent) {
  auto* layout = new QVBoxLayout(this);
  notice_ = addNotice(this, layout);
  grid_ = new QTableWidget(this);
  grid_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  grid_->setWordWrap(true);
  grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  grid_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layout->addWidget(grid_, 1);
}

void ResponseTableView::setNotice(const QString& notice) { showNotice(notice_, notice); }

double ResponseTableView::meanScore(size_t model) const {
  double sum = 0;
  int n = 0;
  for (const auto& r : table_.rows)
    if (model < r.scores.size() && std::isfinite(r.scores[model])) sum += r.scores[model], ++n;
  return n ? sum / n : std::nan("");
}

void ResponseTableView::setTable(const trace::ResponseTable& table) {
  table_ = table;
  const int models = static_cast<int>(table.models.size());
  const int rows = static_cast<int>(table.rows.size());
  grid_->clear();
  grid_->setColumnCount(2 + models);
  grid_->setRowCount(rows + 1);
  QStringList header = {tr("Instruction"), tr("Expected")};
  for (const auto& m : table.models) header << q(m);
  grid_->setHorizontalHeaderLabels(header);
  const QString score = q(table.score_name);
  for (int r = 0; r < rows; ++r) {
    const auto& row = table.rows[r];
    const QString instruction =
        row.input.empty() ? q(row.instruction) : QStringLiteral("%1\n\n%2").arg(q(row.instruction), q(row.input));
    grid_->setItem(r, 0, new QTableWidgetItem(instruction));
    grid_->setItem(r, 1, new QTableWidgetItem(q(row.expected)));
    for (int m = 0; m < models; ++m) {
      QString cell = m < static_cast<int>(row.responses.size()) ? q(row.responses[m]) : QString();
      if (m < static_cast<int>(row.scores.size()) && std::isfinite(row.scores[m]))
        cell += QStringLiteral("\n(%1 %2)").arg(score).arg(row.scores[m], 0, 'g', 3);
      grid_->setItem(r, 2 + m, new QTableWidgetItem(cell));
    }
  }
  auto* mean_label = new QTableWidgetItem(tr("mean %1").arg(score));
  QFont bold = mean_label->font();
  bold.setBold(true);
  mean_label->setFont(bold);
  grid_->setItem(rows, 0, mean_label);
  for (int m = 0; m < models; ++m) {
    const double mean = meanScore(static_cast<size_t>(m));
    auto* item = new QTableWidgetItem(std::isfinite(mean) ? QString::number(mean, 'g', 3) : QStringLiteral("–"));
    item->setFont(bold);
    grid_->setItem(rows, 2 + m, item);
  }
}

QWidget* ResponseTableView::pictureWidget() { return grid_; }

QString ResponseTableView::csv() const {
  QStringList header = {QStringLiteral("instruction"), QStringLiteral("input"), QStringLiteral("expected")};
  for (const auto& m : table_.models) header << csvField(q(m)) << csvField(q(m) + QLatin1Char(' ') + q(table_.score_name));
  QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const auto& row : table_.rows) {
    QStringList cells = {csvField(q(row.instruction)), csvField(q(row.input)), csvField(q(row.expected))};
    for (size_t m = 0; m < table_.models.size(); ++m) {
      cells << csvField(m < row.responses.size() ? q(row.responses[m]) : QString());
      cells << (m < row.scores.size() && std::isfinite(row.scores[m]) ? QString::number(row.scores[m], 'g', 7)
                                                                       : QString());
    }
    out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out;
}

}}  // namespace glassbox::views
