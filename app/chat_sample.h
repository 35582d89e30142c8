#pragma once
// A hand-made conversation the chat view shows when there is no model to chat with (and in
// tests): what a short instruction-tuned answer looks like token by token, with the kind of
// probabilities such a model gives — sure of the words the question fixes, unsure of the rest.
#include <vector>

#include "engine/trace/trace.h"

namespace glassbox { namespace app {

std::vector<trace::ChatEntry> sampleChat();

}}  // namespace glassbox::app
