// glassbox-cli classify: a saved classifier (finetune classify) labels a text.
//   --text TEXT      one text → {"label","index","probabilities":{label: p},"tokens"}
//   (no --text)      stdin: the whole input as one text; with --jsonl, each line a JSON
//                    string and one result line per input line
#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/finetune/classifier.h"

namespace gb::cli {

namespace fs = std::filesystem;
using nlohmann::json;

int cmd_classify(const Argv& argv) {
  const Args args(argv, {"jsonl"});
  args.allow_only({"model", "text", "jsonl", "device"});
  const fs::path dir = args.str("model");
  if (!is_classifier_dir(dir))
    throw Error((dir / "config.json").string() + ": not a classifier (make one with `glassbox-cli finetune classify`)");
  const Device device = choose_device(args);
  LoadedClassifier c = load_classifier(dir);
  if (device != Device::CPU) std::fprintf(stderr, "classify runs on the CPU\n");
  auto classify = [&](const std::string& text) {
    std::vector<int32_t> ids = c.tokenizer->encode(text);
    if (static_cast<int64_t>(ids.size()) > c.max_tokens) ids.resize(c.max_tokens);  // as in training
    const std::vector<float> p = c.classifier->probabilities(ids);
    const size_t best = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
    json probs = json::object();
    for (size_t i = 0; i < p.size(); ++i) probs[c.classifier->labels()[i]] = p[i];
    print_json_line(json{{"label", c.classifier->labels()[best]},
                         {"index", best},
                         {"probabilities", probs},
                         {"tokens", ids.size()}}
                        .dump());
  };
  if (args.has("text")) {
    classify(args.str("text"));
  } else if (args.flag("jsonl")) {
    std::string line;
    int64_t n = 0;
    while (std::getline(std::cin, line)) {
      ++n;
      if (line.empty()) continue;
      json j;
      try {
        j = json::parse(line);
      } catch (const json::exception&) {
        throw Error("stdin line " + std::to_string(n) + ": not valid JSON");
      }
      if (!j.is_string()) throw Error("stdin line " + std::to_string(n) + ": expected a JSON string");
      classify(j.get<std::string>());
    }
  } else {
    classify(std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()));
  }
  return 0;
}

}  // namespace gb::cli
