// Closing the main window while a finetune runs: it asks first. Cancel keeps the window and
// the run; Discard stops the run (between two steps) and closes. The question is answered
// the way a learner would, by clicking the dialog's button.
#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

#include <functional>

#include "app/classifier_controller.h"
#include "app/instruct_controller.h"
#include "app/main_window.h"

using namespace glassbox::app;

namespace {

// Clicks `button` of the next message box that opens, and keeps its text.
class Answer : public QObject {
 public:
  Answer(QMessageBox::StandardButton button, QString* text) : button_(button), text_(text) {
    connect(&timer_, &QTimer::timeout, this, [this] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box || !box->button(button_)) return;
      *text_ = box->text();
      timer_.stop();
      box->button(button_)->click();
    });
    timer_.start(20);
  }

 private:
  QTimer timer_;
  QMessageBox::StandardButton button_;
  QString* text_;
};

bool waitUntil(const std::function<bool()>& done, int ms) {
  QElapsedTimer t;
  t.start();
  while (!done() && t.elapsed() < ms) QTest::qWait(10);
  return done();
}

}  // namespace

class TestQuitMidRun : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void quittingMidClassifierRunAsksFirst() {
    MainWindow window;
    QVERIFY(window.setLanguage(QStringLiteral("en")));  // the questions' words are checked below
    window.show();
    ClassifierController* c = ClassifierController::instance();
    QVERIFY(c);
    ClassifierSettings s = ClassifierController::defaultSettings();
    s.part = gb::TrainPart::Head;
    s.train_limit = 48;
    s.test_limit = 20;
    s.max_tokens = 16;
    s.batch = 4;
    s.max_steps = 0;
    s.epochs = 1000;  // far longer than the test: only the answer to the question stops it
    s.eval_every = 0;
    QVERIFY(c->setSettings(s));
    c->start();
    QVERIFY(waitUntil([c] { return c->state() == ClassifierController::State::Training; }, 180000));

    QString asked;
    {
      Answer cancel(QMessageBox::Cancel, &asked);
      QVERIFY(!window.close());  // the learner said Cancel
    }
    QVERIFY2(asked.contains(QStringLiteral("classifier")), qPrintable(asked));
    QVERIFY(window.isVisible());
    QVERIFY(c->isActive());
    const qint64 steps = c->stepsDone();
    QVERIFY(waitUntil([c, steps] { return c->stepsDone() > steps; }, 60000));  // and it goes on training

    asked.clear();
    {
      Answer discard(QMessageBox::Discard, &asked);
      QVERIFY(window.close());
    }
    QVERIFY(!asked.isEmpty());
    QVERIFY(!c->isActive());
    QVERIFY(c->stepsDone() < c->totalSteps());
  }

  void quittingMidInstructionRunAsksFirst() {
    MainWindow window;
    QVERIFY(window.setLanguage(QStringLiteral("en")));
    window.show();
    InstructController* c = InstructController::instance();
    QVERIFY(c);
    InstructSettings s = InstructController::defaultSettings();
    s.train.max_steps = 100000;  // far longer than the test
    s.train.batch = 2;
    s.train.eval_every = 0;
    QVERIFY(c->setSettings(s));
    c->start();
    QVERIFY(c->isTraining());

    QString asked;
    {
      Answer cancel(QMessageBox::Cancel, &asked);
      QVERIFY(!window.close());
    }
    QVERIFY2(asked.contains(QStringLiteral("Instruction finetuning")), qPrintable(asked));
    QVERIFY(c->isTraining());

    {
      Answer discard(QMessageBox::Discard, &asked);
      QVERIFY(window.close());
    }
    QVERIFY(!c->isTraining());
  }
};

QTEST_MAIN(TestQuitMidRun)
#include "test_quit_mid_run.moc"
