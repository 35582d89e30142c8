// MainWindow and instruction finetuning (lessons 8 and 9): the window owns the one
// InstructController, tells it which model the learner opened (the judge), and takes a
// finetuned model into the chat ("Chat with it").
#include <QDir>
#include <QFileInfo>

#include "app/instruct_controller.h"
#include "app/main_window.h"
#include "app/model_paths.h"

namespace glassbox { namespace app {

void MainWindow::setupInstruct() {
  instruct_ = std::make_unique<InstructController>(worker_);
  // The judge is the model the learner opened, not the bundled base the lessons start with
  // (nor the random one): that one is the model being judged, not a larger one.
  instruct_->setJudgeSource([this]() -> QString {
    const ModelInfo info = engine_data_.info();
    if (info.random || info.path.empty()) return {};
    const QString dir = QDir::cleanPath(QString::fromStdString(info.path));
    const QString base = findBundledModel();
    if (!base.isEmpty() && QFileInfo(dir).canonicalFilePath() == QFileInfo(base).canonicalFilePath()) return {};
    return dir;
  });
  instruct_->setChatOpener([this](const QString& dir) {
    chat_->addModel(dir);
    // The first step that shows the chat (lesson 10).
    const auto& lessons = library_.lessons();
    for (size_t l = 0; l < lessons.size(); ++l)
      for (size_t s = 0; s < lessons[l].steps.size(); ++s)
        if (lessons[l].steps[s].view == QLatin1String("chat")) {
          showStep(static_cast<int>(l), static_cast<int>(s));
          return;
        }
  });
}

}}  // namespace glassbox::app
