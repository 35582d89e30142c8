#include "app/screenshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QSet>

#include "app/main_window.h"

namespace glassbox { namespace app {

int distinctColors(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  QSet<QRgb> colors;
  for (int y = 0; y < rgb.height(); y += 2) {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); x += 2) colors.insert(line[x]);
  }
  return static_cast<int>(colors.size());
}

QStringList screenshotAllSteps(MainWindow& window, const QString& directory, QString* error) {
  QStringList written;
  if (!QDir().mkpath(directory)) {
    if (error) *error = QCoreApplication::translate("Screenshot", "Cannot create %1").arg(directory);
    return written;
  }
  const auto& lessons = window.library().lessons();
  for (std::size_t l = 0; l < lessons.size(); ++l) {
    for (std::size_t s = 0; s < lessons[l].steps.size(); ++s) {
      window.showStep(static_cast<int>(l), static_cast<int>(s));
      window.waitForData();  // the step's data comes from the worker thread
      const QImage image = window.grab().toImage();
      const QString name = QStringLiteral("%1-%2-%3-%4.png")
                               .arg(lessons[l].number, 2, 10, QLatin1Char('0'))
                               .arg(lessons[l].id)
                               .arg(static_cast<int>(s) + 1, 2, 10, QLatin1Char('0'))
                               .arg(lessons[l].steps[s].id);
      const QString path = QDir(directory).filePath(name);
      if (!image.save(path, "PNG")) {
        if (error) *error = QCoreApplication::translate("Screenshot", "Cannot write %1").arg(path);
        return written;
      }
      written << path;
    }
  }
  return written;
}

}}  // namespace glassbox::app
