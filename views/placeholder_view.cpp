#include "views/placeholder_view.h"

PlaceholderView::PlaceholderView(const QString& text, QWidget* parent) : QLabel(text, parent) {
  setAlignment(Qt::AlignCenter);
  setWordWrap(true);
}
