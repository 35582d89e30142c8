#include "views/colors.h"

#include <algorithm>
#include <array>

namespace glassbox { namespace views {
namespace {

struct Stop {
  double t;
  QColor color;
};
const std::array<Stop, 5>& stops() {
  static const std::array<Stop, 5> s = {{{0.00, QColor(0x2b, 0x1a, 0x5a)},
                                         {0.25, QColor(0x2f, 0x4f, 0x8f)},
                                         {0.50, QColor(0x1f, 0x8a, 0x8a)},
                                         {0.75, QColor(0x5c, 0xc0, 0x5a)},
                                         {1.00, QColor(0xf6, 0xe6, 0x2b)}}};
  return s;
}

}  // namespace

QCPColorGradient heatGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  for (const Stop& s : stops()) g.setColorStopAt(s.t, s.color);
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(maskedColor());
  return g;
}

QColor heatColor(double t) {
  t = std::clamp(t, 0.0, 1.0);
  const auto& s = stops();
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (t <= s[i].t) {
      const double u = (t - s[i - 1].t) / (s[i].t - s[i - 1].t);
      const QColor& a = s[i - 1].color;
      const QColor& b = s[i].color;
      return QColor::fromRgbF(static_cast<float>(a.redF() + u * (b.redF() - a.redF())),
                              static_cast<float>(a.greenF() + u * (b.greenF() - a.greenF())),
                              static_cast<float>(a.blueF() + u * (b.blueF() - a.blueF())));
    }
  }
  return s.back().color;
}

QColor maskedColor() { return QColor(0x9a, 0x9a, 0x9a); }

QColor textColorOn(const QColor& background) {
  const double luminance =
      0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor chipColor(int i, bool dark_theme) {
  // Golden-angle hues: neighbouring tokens never share a colour.
  const int hue = static_cast<int>((i * 137.508)) % 360;
  return dark_theme ? QColor::fromHsl(hue, 110, 70) : QColor::fromHsl(hue, 170, 215);
}

void stylePlot(QCustomPlot* plot, const QPalette& palette) {
  const QColor fg = palette.color(QPalette::WindowText);
  plot->setBackground(palette.color(QPalette::Base));
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setBasePen(QPen(fg));
    axis->setTickPen(QPen(fg));
    axis->setSubTickPen(QPen(fg));
    axis->setTickLabelColor(fg);
    axis->setLabelColor(fg);
    axis->setTickLabelFont(plot->font());
    axis->setLabelFont(plot->font());
  }
}

}}  // namespace glassbox::views
