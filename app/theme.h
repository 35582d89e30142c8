#pragma once

class QApplication;

namespace glassbox { namespace app {

enum class Theme { Light, Dark };

// Applies the Fusion style with Glassbox's palette and style sheet. Presenter mode is for a
// projector: high contrast (white on black, yellow highlight) and fonts `presenter_scale`
// times larger. `base_point_size` is the normal font size (kept so presenter mode can undo).
void applyTheme(QApplication& app, Theme theme, bool presenter, double base_point_size);

}}  // namespace glassbox::app
