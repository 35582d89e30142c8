#include "app/theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace glassbox { namespace app {
namespace {

struct Colors {
  QColor window, base, alt, text, button, mid, highlight, highlight_text, notice_bg, notice_fg, notice_edge, link;
};

Colors colorsFor(Theme theme, bool presenter) {
  if (presenter)  // high contrast for a projector in a lit room
    return {QColor(0, 0, 0),        QColor(0, 0, 0),        QColor(24, 24, 24),     QColor(255, 255, 255),
            QColor(30, 30, 30),     QColor(160, 160, 160),  QColor(255, 212, 0),    QColor(0, 0, 0),
            QColor(60, 48, 0),      QColor(255, 230, 120),  QColor(255, 212, 0),    QColor(120, 200, 255)};
  if (theme == Theme::Dark)
    return {QColor(0x1e, 0x21, 0x27), QColor(0x16, 0x18, 0x1d), QColor(0x24, 0x27, 0x2e), QColor(0xe6, 0xe8, 0xec),
            QColor(0x2b, 0x2f, 0x37), QColor(0x55, 0x5b, 0x66), QColor(0x4c, 0x8d, 0xff), QColor(255, 255, 255),
            QColor(0x3a, 0x32, 0x10), QColor(0xf5, 0xe0, 0x9a), QColor(0xe0, 0xa8, 0x00), QColor(0x7c, 0xb4, 0xff)};
  return {QColor(0xf6, 0xf7, 0xf9), QColor(255, 255, 255), QColor(0xef, 0xf1, 0xf5), QColor(0x1d, 0x23, 0x30),
          QColor(0xe9, 0xec, 0xf1), QColor(0xb8, 0xbe, 0xc8), QColor(0x2f, 0x6f, 0xde), QColor(255, 255, 255),
          QColor(0xff, 0xf4, 0xcc), QColor(0x5a, 0x45, 0x00), QColor(0xe0, 0xa8, 0x00), QColor(0x1f, 0x5f, 0xc8)};
}

}  // namespace

void applyTheme(QApplication& app, Theme theme, bool presenter, double base_point_size) {
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  const Colors c = colorsFor(theme, presenter);
  QPalette p;
  p.setColor(QPalette::Window, c.window);
  p.setColor(QPalette::WindowText, c.text);
  p.setColor(QPalette::Base, c.base);
  p.setColor(QPalette::AlternateBase, c.alt);
  p.setColor(QPalette::Text, c.text);
  p.setColor(QPalette::Button, c.button);
  p.setColor(QPalette::ButtonText, c.text);
  p.setColor(QPalette::Mid, c.mid);
  p.setColor(QPalette::Highlight, c.highlight);
  p.setColor(QPalette::HighlightedText, c.highlight_text);
  p.setColor(QPalette::ToolTipBase, c.base);
  p.setColor(QPalette::ToolTipText, c.text);
  p.setColor(QPalette::Link, c.link);
  p.setColor(QPalette::PlaceholderText, c.mid);
  app.setPalette(p);

  QFont font = app.font();
  font.setPointSizeF(base_point_size * (presenter ? 1.6 : 1.0));
  app.setFont(font);

  app.setStyleSheet(QStringLiteral(
                        "QLabel#notice { background: %1; color: %2; border-left: 5px solid %3; padding: 6px 10px; }"
                        "QLabel#tryThis { background: %4; border: 2px solid %5; border-radius: 8px; padding: 10px; }"
                        "QLabel#stepTitle { font-size: %6pt; font-weight: bold; }"
                        "QLabel#lessonTitle { color: %7; }"
                        "QTextBrowser#lessonText { border: none; }")
                        .arg(c.notice_bg.name(), c.notice_fg.name(), c.notice_edge.name(), c.alt.name(),
                             c.highlight.name())
                        .arg(font.pointSizeF() * 1.7, 0, 'f', 1)
                        .arg(c.mid.name()));
}

}}  // namespace glassbox::app
