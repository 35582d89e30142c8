#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace glassbox { namespace app {

// A string in every language a lesson carries ("en", "ko"). Falls back to English.
struct LocalizedText {
  QString en;
  QString ko;
  const QString& in(const QString& language) const { return language == QLatin1String("ko") && !ko.isEmpty() ? ko : en; }
};

// One step of a lesson: its text (Markdown), the view shown beside it with that view's
// parameters, and a "try this" prompt for the learner.
struct LessonStep {
  QString id;
  LocalizedText title;
  LocalizedText text;
  LocalizedText try_this;
  QString view;
  QJsonObject params;
};

struct Lesson {
  QString id;
  int number = 0;
  LocalizedText title;
  LocalizedText summary;
  std::vector<LessonStep> steps;
  QString source;  // file it came from, for error messages
};

// Loads lessons/*.json. The app embeds the lessons folder as the Qt resource ":/lessons"
// (so the installed program carries its lessons); --lessons DIR or GLASSBOX_LESSONS
// points it at a folder on disk instead, so a teacher can edit a lesson and reload.
class LessonLibrary {
 public:
  static QString defaultDirectory();  // ":/lessons", or $GLASSBOX_LESSONS when set

  // Loads every *.json in `directory`, sorted by lesson number. Bad files are skipped and
  // each adds one line to errors() naming the file and what is wrong; returns false then.
  bool loadDirectory(const QString& directory);
  // Parses one lesson file's bytes; on failure returns nullopt and sets *error.
  static std::optional<Lesson> parse(const QByteArray& json, const QString& source, QString* error);

  const std::vector<Lesson>& lessons() const { return lessons_; }
  const QStringList& errors() const { return errors_; }
  int stepCount() const;

 private:
  std::vector<Lesson> lessons_;
  QStringList errors_;
};

}}  // namespace glassbox::app
