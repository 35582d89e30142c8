#include "app/text_file.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>
#include <stdexcept>

namespace glassbox { namespace app {
namespace {

[[noreturn]] void fail(const QString& message) { throw std::runtime_error(message.toStdString()); }

}  // namespace

QString readTextFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) fail(QCoreApplication::translate("TextFile", "%1 cannot be read: %2").arg(path, file.errorString()));
  if (file.size() > 16 * 1024 * 1024) fail(QCoreApplication::translate("TextFile", "%1 is larger than 16 MiB.").arg(path));
  const QByteArray bytes = file.readAll();
  // Stateless: a multi-byte character cut off at the end of the file counts as an error too.
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  QString text = decoder.decode(bytes);
  if (decoder.hasError()) fail(QCoreApplication::translate("TextFile", "%1 is not UTF-8 text.").arg(path));
  return text;
}

}}  // namespace glassbox::app
