#!/usr/bin/env bash
# Refreshes translations/glassbox_ko.ts from the sources with Qt's lupdate: new tr() strings
# arrive as unfinished entries for a translator (Qt Linguist, or by hand), strings no longer
# in the code are dropped. app_test_translations fails while any entry is unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=/usr/lib/qt6/bin/lupdate  # /usr/bin/lupdate may be the Qt 5 chooser
"$lupdate" -locations none -no-obsolete -I . app views -ts translations/glassbox_ko.ts
