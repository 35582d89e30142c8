#pragma once
#include <QBoxLayout>
#include <QLabel>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace glassbox { namespace views {

// A view that can be exported: its picture (PNG, SVG, PDF) and its data (CSV).
// Every lesson view derives from it so the main window's File > Export works on any step.
class ExportableView : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  // The view's data as CSV text (header line first).
  virtual QString csv() const = 0;
  // The part of the view that is drawn into image exports (default: the whole view).
  virtual QWidget* pictureWidget() { return this; }
};

// Writes `view` to `path`; the format comes from the suffix: .png .svg .pdf .csv.
// Returns false and sets *error (translated, says what went wrong) on failure.
bool exportView(ExportableView& view, const QString& path, QString* error);

// File dialog filters for the four formats ("PNG image (*.png)", …), translated.
QStringList exportFilters();

// The line a view shows above itself when its data is sample data, not a model's (hidden
// until a notice is set). Added to `layout`; styled by the theme through its object name.
QLabel* addNotice(QWidget* parent, QBoxLayout* layout);
// Shows `text` in the notice, or hides it when text is empty.
void showNotice(QLabel* notice, const QString& text);

// Quotes one CSV field when it needs it (commas, quotes, newlines).
QString csvField(const QString& field);

}}  // namespace glassbox::views
