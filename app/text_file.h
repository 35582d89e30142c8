#pragma once
// Open text…: a learner's own text file, checked before any view reads it.
#include <QString>

namespace glassbox { namespace app {

// Reads a UTF-8 text file (at most 16 MiB). Throws std::runtime_error with a translated
// one-line message naming the file and what is wrong. Runs on the worker thread.
QString readTextFile(const QString& path);

}}  // namespace glassbox::app
