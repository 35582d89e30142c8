#pragma once
// What ChatController's jobs share with it (app/chat_controller.cpp, app/chat_generation.cpp).
#include <QMutex>
#include <memory>
#include <string>
#include <vector>

#include "engine/generate/chat_model.h"

namespace glassbox { namespace app {

// The loaded model (one at a time; loading another frees the first). Only jobs touch it,
// and the worker runs one job at a time.
struct ChatWorkerState {
  std::shared_ptr<const gb::ChatModel> model;
  std::string dir;

  const gb::ChatModel& ensure(const std::string& model_dir) {
    if (!model || dir != model_dir) {
      model.reset();  // free the old weights before reading the new ones
      model = std::make_shared<const gb::ChatModel>(gb::ChatModel::load(model_dir));
      dir = model_dir;
    }
    return *model;
  }
};

// Tokens on their way from a generation job (worker thread) to the UI thread.
struct ChatStream {
  QMutex mutex;
  std::vector<gb::GeneratedToken> tokens;
  gb::ContextUsage usage;
  bool has_result = false;
  gb::ChatResult result;
};

}}  // namespace glassbox::app
