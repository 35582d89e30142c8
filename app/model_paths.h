#pragma once
// Where the app finds the models it ships with (resources/models/<name>/, each a Hugging
// Face style model directory). Searched in this order, the first folder that exists wins:
//   1. $GLASSBOX_MODELS                         (an override: a folder of model directories)
//   2. <folder of the glassbox binary>/../share/glassbox/models   (an installed layout)
//   3. <folder of the glassbox binary>/resources/models and ../resources/models
//                                               (a copied or unpacked build)
//   4. the source tree's resources/models       (a build run from its checkout)
#include <QString>
#include <QStringList>

namespace glassbox { namespace app {

// The name of the model the lessons use when it is there.
inline constexpr const char* kBundledModel = "glassbox-base";

// The folders searched, in order (existing or not), for the status bar's tooltip and tests.
QStringList modelSearchPath();
// The first searched folder holding <name>/config.json, as <folder>/<name>; empty if none.
QString findBundledModel(const QString& name = QString::fromLatin1(kBundledModel));

}}  // namespace glassbox::app
