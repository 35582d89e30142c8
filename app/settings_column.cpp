#include "app/settings_column.h"

#include <QFormLayout>
#include <QFrame>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace glassbox { namespace app {

QSpinBox* countSpin(QWidget* parent, int lo, int hi, int step) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setSingleStep(step);
  s->setGroupSeparatorShown(true);
  return s;
}

SettingsColumn::SettingsColumn(QWidget* parent, int min_width, int max_width)
    : scroll(new QScrollArea(parent)), panel(new QWidget(scroll)), column(new QVBoxLayout(panel)), form(new QFormLayout) {
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(min_width);
  scroll->setMaximumWidth(max_width);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  column->addLayout(form);
}

void SettingsColumn::finish() {
  column->addStretch(1);
  scroll->setWidget(panel);
}

}}  // namespace glassbox::app
