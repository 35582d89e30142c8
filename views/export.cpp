#include "views/export.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace glassbox { namespace views {
namespace {

bool writePdf(QWidget& widget, const QString& path) {
  QPdfWriter pdf(path);
  pdf.setCreator(QStringLiteral("Glassbox"));
  pdf.setResolution(96);
  // A page the size of the widget (in points at 96 dpi), so nothing is scaled or cropped.
  const QSizeF size_pt(widget.width() * 72.0 / 96.0, widget.height() * 72.0 / 96.0);
  pdf.setPageSize(QPageSize(size_pt, QPageSize::Point));
  pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
  QPainter painter;
  if (!painter.begin(&pdf)) return false;
  widget.render(&painter);
  return painter.end();
}

bool writeSvg(QWidget& widget, const QString& path) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(widget.size());
  svg.setViewBox(QRect(QPoint(0, 0), widget.size()));
  svg.setTitle(QStringLiteral("Glassbox"));
  QPainter painter;
  if (!painter.begin(&svg)) return false;
  widget.render(&painter);
  return painter.end();
}

}  // namespace

bool exportView(ExportableView& view, const QString& path, QString* error) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  QWidget* picture = view.pictureWidget();
  bool ok = false;
  if (suffix == QLatin1String("png")) {
    ok = picture->grab().save(path, "PNG");
  } else if (suffix == QLatin1String("svg")) {
    ok = writeSvg(*picture, path);
  } else if (suffix == QLatin1String("pdf")) {
    ok = writePdf(*picture, path);
  } else if (suffix == QLatin1String("csv")) {
    QSaveFile file(path);  // written to a temporary file, then renamed
    ok = file.open(QIODevice::WriteOnly | QIODevice::Text) && file.write(view.csv().toUtf8()) >= 0 &&
         file.commit();
  } else {
    if (error) *error = QCoreApplication::translate("Export", "Unknown export format \"%1\": use .png, .svg, .pdf or .csv.").arg(suffix);
    return false;
  }
  if (!ok && error) *error = QCoreApplication::translate("Export", "Could not write %1.").arg(QFileInfo(path).absoluteFilePath());
  return ok;
}

QStringList exportFilters() {
  return {QCoreApplication::translate("Export", "PNG image (*.png)"), QCoreApplication::translate("Export", "SVG drawing (*.svg)"), QCoreApplication::translate("Export", "PDF document (*.pdf)"),
          QCoreApplication::translate("Export", "CSV data (*.csv)")};
}

QString csvField(const QString& field) {
  if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
      !field.contains(QLatin1Char('\n')) && !field.startsWith(QLatin1Char(' ')))
    return field;
  QString quoted = field;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QLabel* addNotice(QWidget* parent, QBoxLayout* layout) {
  auto* notice = new QLabel(parent);
  notice->setObjectName(QStringLiteral("notice"));
  notice->setWordWrap(true);
  notice->hide();
  layout->addWidget(notice);
  return notice;
}

void showNotice(QLabel* notice, const QString& text) {
  notice->setText(text);
  notice->setVisible(!text.isEmpty());
}

}}  // namespace glassbox::views
