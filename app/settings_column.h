#pragma once
// What the pages that train something (studio, classifier, instructions) build their
// settings from: a column beside the charts, and count fields.
class QFormLayout;
class QScrollArea;
class QSpinBox;
class QVBoxLayout;
class QWidget;

namespace glassbox { namespace app {

// A spin box for counts: its range and step, with thousands separators.
QSpinBox* countSpin(QWidget* parent, int lo, int hi, int step = 1);

// A column between min_width and max_width that scrolls up and down, never sideways: a
// form on top (in a narrow column its long rows put labels above fields), then whatever
// the page adds to `column`. finish() closes it with a stretch; the page then adds
// `scroll` to its layout.
struct SettingsColumn {
  SettingsColumn(QWidget* parent, int min_width, int max_width);
  void finish();

  QScrollArea* scroll;
  QWidget* panel;       // the parent of the column's widgets
  QVBoxLayout* column;
  QFormLayout* form;
};

}}  // namespace glassbox::app
