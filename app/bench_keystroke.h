#pragma once
// `glassbox --bench-keystroke`: how long the attention view takes from a keystroke to the
// repaint that shows the new attention, measured on the real view, the real worker and the
// model the app would use (bundled, or the random model of gpt-mini's size), offscreen.
// A benchmark, never a test: it prints numbers and asserts nothing.
#include <QString>

namespace glassbox { namespace app {

struct KeystrokeBenchOptions {
  int tokens = 64;    // length of the text in the model's tokens
  int layer = 0;      // the layer shown (deeper layers run more blocks)
  int repeats = 40;   // keystrokes measured (after a few unmeasured warm-up ones)
  QString model;      // a model directory; empty: the app's default model
};

// Runs the benchmark and prints one JSON object on stdout:
// {"model","tokens","layer","keystrokes","median_ms","median_view_ms","p90_ms","min_ms","max_ms"}
// (median_view_ms: the UI thread's share alone, setMaps + replot + repaint of the same maps).
// Returns a process exit code (1 with a line on stderr when the model cannot be loaded).
int benchKeystroke(const KeystrokeBenchOptions& options);

}}  // namespace glassbox::app
