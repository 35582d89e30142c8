#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>

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

  // A view whose data outlives one lesson step (the chat keeps its conversation) is fed by its
  // owner: every view of that name the factory makes is handed to the attacher (the main
  // window's ChatController). An empty function removes it; without one the view shows sample data.
  using Attacher = std::function<void(views::ExportableView* view, const QJsonObject& params)>;
  static void setAttacher(const QString& name, Attacher attacher);
};

}}  // namespace glassbox::app
