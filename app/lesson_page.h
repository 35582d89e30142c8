#pragma once
#include <QWidget>

#include "app/lesson_library.h"

class QLabel;
class QTextBrowser;
class QSplitter;
class QPushButton;
class QVBoxLayout;

namespace glassbox { namespace views {
class ExportableView;
}}

namespace glassbox { namespace app {

// One lesson step on screen: lesson and step titles, the text (Markdown) with its
// "try this" prompt on the left, the step's interactive view on the right, and
// previous / next buttons.
class LessonPage : public QWidget {
  Q_OBJECT
 public:
  explicit LessonPage(QWidget* parent = nullptr);
  // Takes ownership of `view` (may be null: an error text is shown instead).
  void show(const Lesson& lesson, int step, const QString& language, views::ExportableView* view,
            const QString& view_error);
  views::ExportableView* view() const { return view_; }
  void setNavigation(bool has_previous, bool has_next);
  void retranslate();

 signals:
  void previousRequested();
  void nextRequested();

 private:
  QLabel* lesson_title_;
  QLabel* step_title_;
  QLabel* position_;
  QTextBrowser* text_;
  QLabel* try_this_;
  QSplitter* splitter_;
  QWidget* view_holder_;
  QVBoxLayout* view_layout_;
  views::ExportableView* view_ = nullptr;
  QWidget* error_ = nullptr;
  QPushButton* previous_;
  QPushButton* next_;
  int step_ = 0;
  int steps_ = 0;
};

}}  // namespace glassbox::app
