#include "app/model_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace glassbox { namespace app {

QStringList modelSearchPath() {
  QStringList folders;
  const QString env = qEnvironmentVariable("GLASSBOX_MODELS");
  if (!env.isEmpty()) return {QDir::cleanPath(env)};  // an override: only there
  // applicationDirPath() needs a QCoreApplication; tools that have none skip these.
  if (QCoreApplication::instance()) {
    const QDir bin(QCoreApplication::applicationDirPath());
    folders << bin.filePath(QStringLiteral("../share/glassbox/models")) << bin.filePath(QStringLiteral("resources/models"))
            << bin.filePath(QStringLiteral("../resources/models"));
  }
  folders << QStringLiteral(GLASSBOX_RESOURCES_DIR "/models");
  for (QString& f : folders) f = QDir::cleanPath(f);
  folders.removeDuplicates();
  return folders;
}

QString findBundledModel(const QString& name) {
  for (const QString& folder : modelSearchPath()) {
    const QString dir = QDir(folder).filePath(name);
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json")))) return dir;
  }
  return {};
}

}}  // namespace glassbox::app
