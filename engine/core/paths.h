#pragma once
#include <filesystem>

namespace gb {

// The folder holding the npm data packages (tokenizer vocabularies, corpora):
// $GLASSBOX_DATA if set, else the source tree's data/node_modules.
std::filesystem::path data_dir();

}  // namespace gb
