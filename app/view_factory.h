#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace glassbox { namespace views {
class ExportableView;
}}
class QWidget;

namespace glassbox { namespace app {

class DataSource;

// Builds the view a lesson step names, from its parameters, and fills it from `data`.
// View names (and their parameters) are listed in lessons/README.md.
class ViewFactory {
 public:
  static QStringList viewNames();
  static bool exists(const QString& name) { return viewNames().contains(name); }
  // nullptr (and *error) for an unknown name.
  static views::ExportableView* create(const QString& name, const QJsonObject& params, DataSource& data,
                                       QWidget* parent, QString* error);
};

}}  // namespace glassbox::app
