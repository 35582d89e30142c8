#pragma once
#include <QString>

namespace glassbox { namespace app {

// What Open model… found in a Hugging Face style model directory.
struct ModelDirectoryInfo {
  QString name;          // directory name
  QString model_type;    // config.json "model_type" (gpt2, llama, …)
  qint64 tensor_count = 0;
};

// Checks a model directory without loading weights: config.json must be a JSON object,
// model.safetensors must have a readable header. Throws std::runtime_error with a
// translated one-line message saying what is wrong. Runs on the worker thread.
ModelDirectoryInfo checkModelDirectory(const QString& directory);

// Reads a UTF-8 text file (at most 16 MiB). Throws std::runtime_error with what is wrong.
QString readTextFile(const QString& path);

}}  // namespace glassbox::app
