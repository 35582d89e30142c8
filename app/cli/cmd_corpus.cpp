// glassbox-cli corpus                                  one JSON line per built-in corpus
// glassbox-cli corpus --name NAME|--data FILE [--out FILE] [--tokenizer NAME|PATH]
//   reads a built-in corpus (moby-dick, sotu, brown) or a UTF-8 file and prints its sizes
//   {"name","bytes","characters","lines","words"[,"tokens"]}; --out writes the plain text
//   (atomically) so that `train --data` and `train-tokenizer --data` can read it.
#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/tokenizer.h"
#include "engine/train/corpus.h"

namespace gb::cli {

using nlohmann::json;

int cmd_corpus(const Argv& argv) {
  const Args args(argv, {});
  args.allow_only({"name", "data", "out", "tokenizer"});
  if (!args.has("name") && !args.has("data")) {
    if (args.has("out") || args.has("tokenizer")) throw UsageError("--out and --tokenizer need --name or --data");
    for (const CorpusInfo& c : corpora())
      print_json_line(json{{"name", c.name},
                           {"title", c.title},
                           {"package", c.package},
                           {"licence", c.licence},
                           {"files", c.files},
                           {"bytes_on_disk", c.bytes_on_disk},
                           {"available", c.available},
                           {"problem", c.problem}}
                          .dump());
    return 0;
  }
  if (args.has("name") && args.has("data")) throw UsageError("give --name or --data, not both");
  const std::string text = args.has("name") ? read_corpus(args.str("name")) : read_text_file(args.str("data"));
  const TextStats s = text_stats(text);
  json out = {{"name", args.has("name") ? args.str("name") : args.str("data")},
              {"bytes", s.bytes},
              {"characters", s.characters},
              {"lines", s.lines},
              {"words", s.words}};
  if (args.has("tokenizer")) out["tokens"] = load_tokenizer(args.str("tokenizer"))->encode(text).size();
  if (args.has("out")) write_file_atomic(args.str("out"), text);
  print_json_line(out.dump());
  return 0;
}

}  // namespace gb::cli
