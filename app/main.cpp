#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <cstdio>

#include "app/lesson_library.h"
#include "app/main_window.h"
#include "app/screenshot.h"

int main(int argc, char** argv) {
  // --screenshot renders without a display: choose the offscreen platform unless told otherwise.
  for (int i = 1; i < argc; ++i)
    if (qstrcmp(argv[i], "--screenshot") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");

  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Glassbox"));
  QApplication::setApplicationVersion(QStringLiteral(GLASSBOX_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate("main", "Glassbox: learn how large language models work."));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption screenshot(QStringLiteral("screenshot"), QCoreApplication::translate("main", "Render every lesson step to DIR as PNG and exit."), QStringLiteral("DIR"));
  QCommandLineOption lang(QStringLiteral("lang"), QCoreApplication::translate("main", "Language: en or ko."), QStringLiteral("LANG"), QStringLiteral("en"));
  QCommandLineOption lessons(QStringLiteral("lessons"), QCoreApplication::translate("main", "Load lessons from DIR instead of the built-in ones."), QStringLiteral("DIR"));
  QCommandLineOption dark(QStringLiteral("dark"), QCoreApplication::translate("main", "Start with the dark theme."));
  QCommandLineOption presenter(QStringLiteral("presenter"), QCoreApplication::translate("main", "Start in presenter mode."));
  QCommandLineOption model(QStringLiteral("model"), QCoreApplication::translate("main", "Open the model directory DIR instead of the bundled one."), QStringLiteral("DIR"));
  QCommandLineOption device(QStringLiteral("device"), QCoreApplication::translate("main", "Run the model on cpu or vulkan."), QStringLiteral("DEVICE"), QStringLiteral("cpu"));
  parser.addOptions({screenshot, lang, lessons, dark, presenter, model, device});
  parser.process(app);

  const QString language = parser.value(lang);
  if (language != QLatin1String("en") && language != QLatin1String("ko")) {
    std::fprintf(stderr, "glassbox: --lang must be en or ko\n");
    return 2;
  }

  if (parser.value(device) != QLatin1String("cpu") && parser.value(device) != QLatin1String("vulkan")) {
    std::fprintf(stderr, "glassbox: --device must be cpu or vulkan\n");
    return 2;
  }

  const bool shooting = parser.isSet(screenshot);
  glassbox::app::MainWindow window;
  if (parser.value(device) == QLatin1String("vulkan")) window.setDevice(parser.value(device));
  if (parser.isSet(model)) window.openModelDirectory(parser.value(model), /*quiet=*/shooting);
  if (parser.isSet(dark)) window.setTheme(glassbox::app::Theme::Dark);
  const QString dir = parser.isSet(lessons) ? parser.value(lessons) : glassbox::app::LessonLibrary::defaultDirectory();
  const bool lessons_ok = window.loadLessons(dir, /*quiet=*/shooting);
  if (!window.setLanguage(language)) std::fprintf(stderr, "glassbox: the %s translation is missing\n", qPrintable(language));
  if (parser.isSet(presenter)) window.setPresenterMode(true);

  if (shooting) {
    for (const QString& e : window.library().errors()) std::fprintf(stderr, "glassbox: %s\n", qPrintable(e));
    window.resize(1600, 960);
    window.show();
    QString error;
    const QStringList files = glassbox::app::screenshotAllSteps(window, parser.value(screenshot), &error);
    if (!window.lastModelError().isEmpty()) std::fprintf(stderr, "glassbox: %s\n", qPrintable(window.lastModelError()));
    if (!error.isEmpty()) {
      std::fprintf(stderr, "glassbox: %s\n", qPrintable(error));
      return 1;
    }
    std::fprintf(stderr, "glassbox: wrote %lld screenshots to %s\n", static_cast<long long>(files.size()),
                 qPrintable(parser.value(screenshot)));
    return lessons_ok ? 0 : 1;
  }
  window.show();
  return QApplication::exec();
}
