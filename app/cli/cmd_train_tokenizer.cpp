// glassbox-cli train-tokenizer --data FILE|--corpus NAME --vocab-size N --out TOKENIZER.json
//                              [--min-count C]
//   learns a byte-level BPE (GPT-2's pre-tokenizer, <|endoftext|> as the one special token)
//   and writes it as a Hugging Face tokenizer.json that --tokenizer PATH loads.
//   Prints {"vocab_size","merges","pieces","seconds"}.
#include <chrono>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/train/corpus.h"

namespace gb::cli {

int cmd_train_tokenizer(const Argv& argv) {
  const Args args(argv, {});
  args.allow_only({"data", "corpus", "vocab-size", "out", "min-count"});
  if (args.has("data") == args.has("corpus")) throw UsageError("give one of --data FILE or --corpus NAME");
  BpeTrainOptions o;
  o.vocab_size = static_cast<int32_t>(args.integer("vocab-size", 4096, 257, 1 << 20));
  o.min_count = args.integer("min-count", 2, 1, INT64_MAX);
  const std::string out = args.str("out");
  const std::string text = args.has("data") ? read_text_file(args.str("data")) : read_corpus(args.str("corpus"));
  o.name = std::filesystem::path(out).parent_path().filename().string();
  if (o.name.empty()) o.name = "bpe";
  const auto t0 = std::chrono::steady_clock::now();
  BpeTrainer trainer(o);
  trainer.add_text(text);
  const auto tok = trainer.train();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  tok->save(out);
  print_json_line(nlohmann::json{{"vocab_size", tok->vocab_size()},
                                 {"merges", trainer.merges().size()},
                                 {"pieces", trainer.distinct_pieces()},
                                 {"seconds", seconds}}
                      .dump());
  return 0;
}

}  // namespace gb::cli
