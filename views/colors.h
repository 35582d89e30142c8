#pragma once
#include <QColor>
#include <qcustomplot.h>

namespace glassbox { namespace views {

// Glassbox's sequential colour scale (dark blue → teal → green → yellow). QCustomPlot 2.1 has
// no viridis preset, so the stops are our own; low values are dark, high values bright,
// and it stays readable on a projector and in grey-scale print.
QCPColorGradient heatGradient();
// The same scale for hand-painted widgets; t in [0, 1] (clamped).
QColor heatColor(double t);
// Colour for cells that are masked out (causal mask, -inf): neutral grey.
QColor maskedColor();
// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);
// A soft, distinct colour for the i-th token chip.
QColor chipColor(int i, bool dark_theme);
// Gives a QCustomPlot the colours of the widget palette (light, dark or presenter theme).
void stylePlot(QCustomPlot* plot, const QPalette& palette);

}}  // namespace glassbox::views
