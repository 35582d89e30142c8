#include "app/model_check.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QtEndian>
#include <stdexcept>

namespace glassbox { namespace app {
namespace {

[[noreturn]] void fail(const QString& message) { throw std::runtime_error(message.toStdString()); }

}  // namespace

ModelDirectoryInfo checkModelDirectory(const QString& directory) {
  const QDir dir(directory);
  ModelDirectoryInfo info;
  info.name = QFileInfo(directory).fileName();
  QFile config(dir.filePath(QStringLiteral("config.json")));
  if (!config.exists()) fail(QCoreApplication::translate("ModelCheck", "%1 has no config.json: this is not a model directory.").arg(directory));
  if (!config.open(QIODevice::ReadOnly)) fail(QCoreApplication::translate("ModelCheck", "config.json cannot be read: %1").arg(config.errorString()));
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(config.readAll(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject())
    fail(QCoreApplication::translate("ModelCheck", "config.json is not valid JSON: %1").arg(error.errorString()));
  info.model_type = doc.object().value(QStringLiteral("model_type")).toString(QCoreApplication::translate("ModelCheck", "unknown"));

  QFile weights(dir.filePath(QStringLiteral("model.safetensors")));
  if (!weights.exists()) fail(QCoreApplication::translate("ModelCheck", "%1 has no model.safetensors.").arg(directory));
  if (!weights.open(QIODevice::ReadOnly)) fail(QCoreApplication::translate("ModelCheck", "model.safetensors cannot be read: %1").arg(weights.errorString()));
  // safetensors: 8-byte little-endian header length, then that many bytes of JSON.
  const QByteArray length_bytes = weights.read(8);
  if (length_bytes.size() != 8) fail(QCoreApplication::translate("ModelCheck", "model.safetensors is too short to be a safetensors file."));
  const quint64 length = qFromLittleEndian<quint64>(length_bytes.constData());
  if (length == 0 || length > 100u * 1024u * 1024u || length > static_cast<quint64>(weights.size()) - 8)
    fail(QCoreApplication::translate("ModelCheck", "model.safetensors has an impossible header length (%1 bytes).").arg(length));
  const QJsonDocument header = QJsonDocument::fromJson(weights.read(static_cast<qint64>(length)), &error);
  if (error.error != QJsonParseError::NoError || !header.isObject())
    fail(QCoreApplication::translate("ModelCheck", "The header of model.safetensors is not valid JSON: %1").arg(error.errorString()));
  info.tensor_count = header.object().size() - (header.object().contains(QStringLiteral("__metadata__")) ? 1 : 0);
  return info;
}

QString readTextFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) fail(QCoreApplication::translate("ModelCheck", "%1 cannot be read: %2").arg(path, file.errorString()));
  if (file.size() > 16 * 1024 * 1024) fail(QCoreApplication::translate("ModelCheck", "%1 is larger than 16 MiB.").arg(path));
  const QByteArray bytes = file.readAll();
  // Stateless: a multi-byte character cut off at the end of the file counts as an error too.
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  QString text = decoder.decode(bytes);
  if (decoder.hasError()) fail(QCoreApplication::translate("ModelCheck", "%1 is not UTF-8 text.").arg(path));
  return text;
}

}}  // namespace glassbox::app
