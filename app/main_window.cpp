#include "app/main_window.h"

#include <QStatusBar>

#include "views/placeholder_view.h"

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Glassbox"));
  setCentralWidget(new PlaceholderView(
      tr("Glassbox — build, train and look inside a real transformer.\n"
         "The lessons arrive with the next release; glassbox-cli already trains and runs models."),
      this));
  statusBar()->showMessage(tr("Device: CPU"));
  resize(1000, 700);
}
