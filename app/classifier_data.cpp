#include "app/classifier_data.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>

#include "engine/core/error.h"

namespace glassbox { namespace app {

namespace {
QString cutText(const std::string& text, int chars) {
  QString s = QString::fromStdString(text).simplified();
  if (s.size() > chars) s = s.left(chars) + QStringLiteral("…");
  return s;
}
}  // namespace

// The learner sees the data before training on it.
std::vector<ClassifierExample> pickExamples(const gb::ClassificationSplits& splits, int per_class, int chars) {
  std::vector<ClassifierExample> out;
  for (int label = 0; label < static_cast<int>(splits.labels.size()); ++label) {
    int shown = 0;
    for (const gb::LabelledText& t : splits.train)
      if (t.label == label && shown++ < per_class)
        out.push_back({QString::fromStdString(splits.labels[static_cast<size_t>(label)]), cutText(t.text, chars)});
  }
  return out;
}

void readClassifierLog(const QString& path, std::vector<trace::ClassifierPoint>& points, trace::ConfusionCounts& confusion,
                       double& before, double& seconds) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw gb::Error(path.toStdString() + ": cannot be read");
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  seconds = root.value(QStringLiteral("seconds")).toDouble(0);
  before = std::numeric_limits<double>::quiet_NaN();
  auto number = [](const QJsonValue& v) { return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN(); };
  int64_t step_offset = 0;
  double epoch_offset = 0, last_epoch = 0;
  int64_t last_step = 0;
  for (const QJsonValue& line : root.value(QStringLiteral("log")).toArray()) {
    const QJsonObject o = line.toObject();
    if (o.value(QStringLiteral("done")).toBool()) {
      if (std::isnan(before)) before = number(o.value(QStringLiteral("test_accuracy_before")));
      const QJsonObject c = o.value(QStringLiteral("confusion")).toObject();
      confusion = {};
      for (const QJsonValue& l : c.value(QStringLiteral("labels")).toArray()) confusion.labels.push_back(l.toString().toStdString());
      for (const QJsonValue& row : c.value(QStringLiteral("counts")).toArray()) {
        confusion.counts.emplace_back();
        for (const QJsonValue& n : row.toArray()) confusion.counts.back().push_back(n.toInteger());
      }
      step_offset = last_step;
      epoch_offset = last_epoch;
      continue;
    }
    trace::ClassifierPoint p{o.value(QStringLiteral("step")).toInteger() + step_offset,
                             number(o.value(QStringLiteral("epoch"))) + epoch_offset,
                             number(o.value(QStringLiteral("loss"))),
                             number(o.value(QStringLiteral("val_loss"))),
                             number(o.value(QStringLiteral("train_accuracy"))),
                             number(o.value(QStringLiteral("val_accuracy")))};
    last_step = p.step;
    last_epoch = p.epoch;
    points.push_back(p);
  }
  if (points.empty()) throw gb::Error(path.toStdString() + ": no steps in the log");
}


}}  // namespace glassbox::app
