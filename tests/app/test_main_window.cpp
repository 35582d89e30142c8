// The shell: keyboard navigation between steps, presenter mode, themes and run-time language switching.
#include <QMenuBar>
#include <QStatusBar>
#include <QTreeWidget>
#include <QtTest>

#include "app/lesson_page.h"
#include "app/main_window.h"

using namespace glassbox::app;

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void keyboardMovesBetweenStepsAndLessons() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentLesson(), 0);
    QCOMPARE(window.currentStep(), 0);
    QTest::keyClick(&window, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(window.currentStep(), 1);
    QTest::keyClick(&window, Qt::Key_PageDown);
    QCOMPARE(window.currentStep(), 2);
    QTest::keyClick(&window, Qt::Key_PageUp);
    QCOMPARE(window.currentStep(), 1);
    // Past the last step of lesson 1 comes the first step of lesson 2.
    const int last = static_cast<int>(window.library().lessons()[0].steps.size()) - 1;
    window.showStep(0, last);
    window.nextStep();
    QCOMPARE(window.currentLesson(), 1);
    QCOMPARE(window.currentStep(), 0);
    window.previousStep();
    QCOMPARE(window.currentLesson(), 0);
    QCOMPARE(window.currentStep(), last);
  }

  void navigatorFollowsThePage() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    auto* tree = window.findChild<QTreeWidget*>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), static_cast<int>(window.library().lessons().size()));
    window.showStep(2, 1);
    QCOMPARE(tree->currentItem()->text(0), window.library().lessons()[2].steps[1].title.en);
    tree->setCurrentItem(tree->topLevelItem(1)->child(3));
    QCOMPARE(window.currentLesson(), 1);
    QCOMPARE(window.currentStep(), 3);
  }

  void presenterModeHidesChromeAndEnlargesText() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const double normal = QApplication::font().pointSizeF();
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.presenterMode());
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(!window.statusBar()->isVisible());
    QVERIFY(!window.findChild<QTreeWidget*>()->isVisible());
    QVERIFY(QApplication::font().pointSizeF() > normal * 1.4);
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.presenterMode());
    QVERIFY(window.menuBar()->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), normal);
  }

  void darkThemeDarkensThePalette() {
    MainWindow window;
    window.setTheme(Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    window.setTheme(Theme::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
  }

  void languageSwitchesAtRunTime() {
    MainWindow window;
    QVERIFY(window.loadLessons(QStringLiteral(":/lessons"), true));
    window.show();
    const QString english_menu = window.menuBar()->actions()[0]->text();
    QVERIFY(window.setLanguage(QStringLiteral("ko")));
    QCOMPARE(window.language(), QStringLiteral("ko"));
    QVERIFY(window.menuBar()->actions()[0]->text() != english_menu);  // UI strings from the .qm
    QVERIFY(window.windowTitle().contains(QStringLiteral("언어 모델")));
    auto* tree = window.findChild<QTreeWidget*>();
    QVERIFY(tree->topLevelItem(0)->text(0).contains(window.library().lessons()[0].title.ko));
    QVERIFY(window.setLanguage(QStringLiteral("en")));
    QCOMPARE(window.menuBar()->actions()[0]->text(), english_menu);
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
