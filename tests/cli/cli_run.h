#pragma once
// Runs glassbox-cli as an outside tool would, and what it printed.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

struct CliRun {
  int code = -1;
  QByteArray out, err;
  QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
  // The JSON objects of a stream, one per line.
  QList<QJsonObject> lines() const {
    QList<QJsonObject> all;
    for (const QByteArray& l : out.split('\n'))
      if (!l.trimmed().isEmpty()) all << QJsonDocument::fromJson(l).object();
    return all;
  }
  // The contract for failures: exactly one line on stderr.
  bool one_line_error() const { return err.trimmed().count('\n') == 0 && !err.trimmed().isEmpty(); }
};

inline CliRun run_cli(const QStringList& args, const QByteArray& input = {}, int timeout_ms = 300000) {
  QProcess p;
  p.start(GLASSBOX_CLI, args);
  p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeout_ms)) p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}
