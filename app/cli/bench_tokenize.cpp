// glassbox-cli bench tokenize --tokenizer NAME|PATH --file F [--threads N] [--min-seconds S]
//   → {"bench":"tokenize","tokenizer","bytes","tokens","threads","seconds","mb_per_s"}
// glassbox-cli bench tokenize --train VOCAB --file F
//   → {"bench":"bpe_train","vocab_size","bytes","merges","seconds","mb_per_s"}
// The text is encoded again and again until min-seconds have passed; MB/s is total bytes
// over total time (1 MB = 10^6 bytes). bench/tokenize builds a corpus and runs the peers.
#include <chrono>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/tokenizer/bpe_trainer.h"
#include "engine/tokenizer/stream.h"
#include "engine/tokenizer/tokenizer.h"

namespace gb::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int bench_train(const Args& args, const std::string& text) {
  BpeTrainOptions o;
  o.vocab_size = static_cast<int32_t>(args.integer("train", 4096, 257, 1'000'000));
  const auto t0 = Clock::now();
  BpeTrainer trainer(o);
  trainer.add_text(text);
  auto tok = trainer.train();
  const double s = seconds_since(t0);
  print_json_line(nlohmann::json{{"bench", "bpe_train"},
                                 {"vocab_size", tok->vocab_size()},
                                 {"bytes", text.size()},
                                 {"merges", trainer.merges().size()},
                                 {"seconds", s},
                                 {"mb_per_s", static_cast<double>(text.size()) / 1e6 / s}}
                      .dump());
  return 0;
}

}  // namespace

int bench_tokenize(const Argv& argv) {
  Args args(argv, {});
  args.allow_only({"tokenizer", "file", "threads", "min-seconds", "train"});
  const std::string text = read_file(args.str("file"));
  if (text.empty()) throw UsageError("bench tokenize: the text is empty");
  if (args.has("train")) return bench_train(args, text);
  const auto tok = load_tokenizer(args.str("tokenizer"));
  const int threads = static_cast<int>(args.integer("threads", 1, 1, 256));
  const double min_seconds = args.number("min-seconds", 2.0, 0.0, 600.0);
  size_t tokens = encode_parallel(*tok, text, false, threads).size();  // warm-up (and the count)
  int64_t runs = 0;
  const auto t0 = Clock::now();
  double s = 0;
  do {
    tokens = encode_parallel(*tok, text, false, threads).size();
    ++runs;
    s = seconds_since(t0);
  } while (s < min_seconds);
  print_json_line(nlohmann::json{{"bench", "tokenize"},
                                 {"tokenizer", tok->name()},
                                 {"bytes", text.size()},
                                 {"tokens", tokens},
                                 {"threads", threads},
                                 {"runs", runs},
                                 {"seconds", s / static_cast<double>(runs)},
                                 {"mb_per_s", static_cast<double>(text.size()) * static_cast<double>(runs) / 1e6 / s}}
                      .dump());
  return 0;
}

}  // namespace gb::cli
