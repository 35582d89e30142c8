#include "app/lesson_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "views/export.h"

namespace glassbox { namespace app {

LessonPage::LessonPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(16, 10, 16, 10);
  auto* header = new QHBoxLayout;
  auto* titles = new QVBoxLayout;
  lesson_title_ = new QLabel(this);
  lesson_title_->setObjectName(QStringLiteral("lessonTitle"));
  step_title_ = new QLabel(this);
  step_title_->setObjectName(QStringLiteral("stepTitle"));
  step_title_->setWordWrap(true);
  titles->addWidget(lesson_title_);
  titles->addWidget(step_title_);
  header->addLayout(titles, 1);
  position_ = new QLabel(this);
  header->addWidget(position_, 0, Qt::AlignBottom);
  layout->addLayout(header);

  splitter_ = new QSplitter(Qt::Horizontal, this);
  auto* left = new QWidget(splitter_);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 8, 0);
  text_ = new QTextBrowser(left);
  text_->setObjectName(QStringLiteral("lessonText"));
  text_->setOpenExternalLinks(true);
  QFont reading = text_->font();
  reading.setPointSizeF(reading.pointSizeF() * 1.15);
  text_->document()->setDefaultFont(reading);
  left_layout->addWidget(text_, 1);
  try_this_ = new QLabel(left);
  try_this_->setObjectName(QStringLiteral("tryThis"));
  try_this_->setWordWrap(true);
  try_this_->setTextFormat(Qt::RichText);
  left_layout->addWidget(try_this_);
  view_holder_ = new QWidget(splitter_);
  view_layout_ = new QVBoxLayout(view_holder_);
  view_layout_->setContentsMargins(8, 0, 0, 0);
  splitter_->addWidget(left);
  splitter_->addWidget(view_holder_);
  splitter_->setStretchFactor(0, 2);
  splitter_->setStretchFactor(1, 3);
  splitter_->setSizes({520, 780});  // text gets room to read, the view the larger half
  layout->addWidget(splitter_, 1);

  auto* nav = new QHBoxLayout;
  previous_ = new QPushButton(this);
  next_ = new QPushButton(this);
  nav->addWidget(previous_);
  nav->addStretch(1);
  nav->addWidget(next_);
  layout->addLayout(nav);
  connect(previous_, &QPushButton::clicked, this, &LessonPage::previousRequested);
  connect(next_, &QPushButton::clicked, this, &LessonPage::nextRequested);
  retranslate();
}

void LessonPage::retranslate() {
  previous_->setText(tr("◀  Previous step"));
  next_->setText(tr("Next step  ▶"));
  previous_->setToolTip(tr("Alt+Left or Page Up"));
  next_->setToolTip(tr("Alt+Right or Page Down"));
  position_->setText(steps_ ? tr("Step %1 of %2").arg(step_ + 1).arg(steps_) : QString());
}

void LessonPage::show(const Lesson& lesson, int step, const QString& language, views::ExportableView* view,
                      const QString& view_error) {
  const LessonStep& s = lesson.steps[static_cast<std::size_t>(step)];
  step_ = step;
  steps_ = static_cast<int>(lesson.steps.size());
  lesson_title_->setText(tr("Lesson %1 · %2").arg(lesson.number).arg(lesson.title.in(language)));
  step_title_->setText(s.title.in(language));
  text_->document()->setMarkdown(s.text.in(language));
  const QString try_text = s.try_this.in(language);
  try_this_->setVisible(!try_text.isEmpty());
  try_this_->setText(QStringLiteral("<b>%1</b> %2").arg(tr("Try this:"), try_text.toHtmlEscaped()));
  delete view_;
  view_ = nullptr;
  delete error_;
  error_ = nullptr;
  if (view) {
    view_ = view;
    view_->setParent(view_holder_);
    view_layout_->addWidget(view_);
    view_->show();
  } else {
    auto* label = new QLabel(view_error, view_holder_);
    label->setObjectName(QStringLiteral("notice"));
    label->setWordWrap(true);
    view_layout_->addWidget(label, 0, Qt::AlignTop);
    error_ = label;
  }
  retranslate();
}

void LessonPage::setNavigation(bool has_previous, bool has_next) {
  previous_->setEnabled(has_previous);
  next_->setEnabled(has_next);
}

}}  // namespace glassbox::app
