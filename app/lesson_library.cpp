#include "app/lesson_library.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>

namespace glassbox { namespace app {
namespace {

// Reads {"en": "...", "ko": "..."}; English is required, Korean optional.
bool readText(const QJsonObject& object, const QString& key, bool required, LocalizedText* out, QString* error) {
  const QJsonValue value = object.value(key);
  if (value.isUndefined()) {
    if (required) *error = QCoreApplication::translate("LessonLibrary", "missing \"%1\"").arg(key);
    return !required;
  }
  if (!value.isObject()) {
    *error = QCoreApplication::translate("LessonLibrary", "\"%1\" must be an object like {\"en\": \"…\", \"ko\": \"…\"}").arg(key);
    return false;
  }
  const QJsonObject langs = value.toObject();
  if (!langs.value(QStringLiteral("en")).isString()) {
    *error = QCoreApplication::translate("LessonLibrary", "\"%1\" has no English text (\"en\")").arg(key);
    return false;
  }
  out->en = langs.value(QStringLiteral("en")).toString();
  out->ko = langs.value(QStringLiteral("ko")).toString();
  return true;
}

}  // namespace

QString LessonLibrary::defaultDirectory() {
  const QByteArray env = qgetenv("GLASSBOX_LESSONS");
  return env.isEmpty() ? QStringLiteral(":/lessons") : QString::fromLocal8Bit(env);
}

std::optional<Lesson> LessonLibrary::parse(const QByteArray& json, const QString& source, QString* error) {
  QJsonParseError parse_error;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError) {
    // Turn the byte offset into a line number: that is what a person editing the file needs.
    const int line = static_cast<int>(json.left(parse_error.offset).count('\n')) + 1;
    *error = QCoreApplication::translate("LessonLibrary", "%1: line %2: %3").arg(source).arg(line).arg(parse_error.errorString());
    return std::nullopt;
  }
  if (!doc.isObject()) {
    *error = QCoreApplication::translate("LessonLibrary", "%1: the file must hold one JSON object").arg(source);
    return std::nullopt;
  }
  const QJsonObject root = doc.object();
  Lesson lesson;
  lesson.source = source;
  QString why;
  lesson.id = root.value(QStringLiteral("id")).toString();
  lesson.number = root.value(QStringLiteral("number")).toInt(0);
  if (lesson.id.isEmpty()) why = QCoreApplication::translate("LessonLibrary", "missing \"id\"");
  else if (lesson.number <= 0) why = QCoreApplication::translate("LessonLibrary", "\"number\" must be a positive integer");
  else if (readText(root, QStringLiteral("title"), true, &lesson.title, &why) &&
           readText(root, QStringLiteral("summary"), false, &lesson.summary, &why)) {
    const QJsonValue steps = root.value(QStringLiteral("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty()) why = QCoreApplication::translate("LessonLibrary", "\"steps\" must be a non-empty array");
    const QJsonArray array = steps.toArray();
    for (int i = 0; why.isEmpty() && i < array.size(); ++i) {
      if (!array[i].isObject()) {
        why = QCoreApplication::translate("LessonLibrary", "step %1 is not an object").arg(i + 1);
        break;
      }
      const QJsonObject s = array[i].toObject();
      LessonStep step;
      step.id = s.value(QStringLiteral("id")).toString();
      step.view = s.value(QStringLiteral("view")).toString();
      step.params = s.value(QStringLiteral("params")).toObject();
      QString step_why;
      if (step.id.isEmpty()) step_why = QCoreApplication::translate("LessonLibrary", "missing \"id\"");
      else if (step.view.isEmpty()) step_why = QCoreApplication::translate("LessonLibrary", "missing \"view\"");
      else if (readText(s, QStringLiteral("title"), true, &step.title, &step_why) &&
               readText(s, QStringLiteral("text"), true, &step.text, &step_why))
        readText(s, QStringLiteral("try"), false, &step.try_this, &step_why);
      if (!step_why.isEmpty()) {
        why = QCoreApplication::translate("LessonLibrary", "step %1 (%2): %3").arg(i + 1).arg(step.id.isEmpty() ? QStringLiteral("?") : step.id, step_why);
        break;
      }
      lesson.steps.push_back(step);
    }
  }
  if (!why.isEmpty()) {
    *error = QCoreApplication::translate("LessonLibrary", "%1: %2").arg(source, why);
    return std::nullopt;
  }
  return lesson;
}

bool LessonLibrary::loadDirectory(const QString& directory) {
  lessons_.clear();
  errors_.clear();
  const QDir dir(directory);
  const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
  if (!dir.exists() || files.isEmpty()) {
    errors_ << QCoreApplication::translate("LessonLibrary", "No lesson files (*.json) in %1").arg(directory);
    return false;
  }
  for (const QString& name : files) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
      errors_ << QCoreApplication::translate("LessonLibrary", "%1: cannot be read (%2)").arg(name, file.errorString());
      continue;
    }
    QString error;
    if (auto lesson = parse(file.readAll(), name, &error)) lessons_.push_back(std::move(*lesson));
    else errors_ << error;
  }
  std::stable_sort(lessons_.begin(), lessons_.end(), [](const Lesson& a, const Lesson& b) { return a.number < b.number; });
  return errors_.isEmpty();
}

int LessonLibrary::stepCount() const {
  int n = 0;
  for (const auto& l : lessons_) n += static_cast<int>(l.steps.size());
  return n;
}

}}  // namespace glassbox::app
