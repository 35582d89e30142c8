#pragma once
#include <QImage>
#include <QString>
#include <QStringList>

namespace glassbox { namespace app {

class MainWindow;

// Number of distinct colours in an image (a blank or failed render has very few).
int distinctColors(const QImage& image);

// Shows every step of every lesson in `window` and saves it as
// DIR/NN-<lesson id>-MM-<step id>.png (NN lesson number, MM step number, from 01).
// Returns the files written; sets *error and stops at the first file that cannot be written.
QStringList screenshotAllSteps(MainWindow& window, const QString& directory, QString* error);

}}  // namespace glassbox::app
