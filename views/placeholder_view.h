#pragma once
#include <QLabel>

// Stand-in until the views of the app issue land: shows a line of text.
class PlaceholderView : public QLabel {
  Q_OBJECT
 public:
  explicit PlaceholderView(const QString& text, QWidget* parent = nullptr);
};
