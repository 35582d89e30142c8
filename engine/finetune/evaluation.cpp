#include "engine/finetune/evaluation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/finetune/instruction_tuning.h"
#include "engine/io/atomic_file.h"

namespace gb {

using nlohmann::json;

InstructionEval evaluate_instructions(const LanguageModel& model, const Tokenizer& tokenizer,
                                      const std::vector<AlpacaExample>& examples, int64_t max_new_tokens) {
  InstructionEval out;
  SamplingOptions greedy;
  greedy.temperature = 0.0f;
  greedy.max_new_tokens = max_new_tokens;
  for (const AlpacaExample& e : examples) {
    InstructionScore s;
    s.example = e;
    s.response = respond(model, tokenizer, e, greedy);
    s.exact = exact_match(s.response, e.output);
    s.f1 = token_f1(s.response, e.output);
    out.exact_match += s.exact ? 1.0 : 0.0;
    out.f1 += s.f1;
    out.items.push_back(std::move(s));
  }
  if (!examples.empty()) {
    out.exact_match /= static_cast<double>(examples.size());
    out.f1 /= static_cast<double>(examples.size());
  }
  return out;
}

Benchmark parse_benchmark(const std::string& text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(origin + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("questions") || !doc["questions"].is_array())
    throw Error(origin + ": expected an object with a \"questions\" array");
  Benchmark b;
  if (doc.contains("name") && doc["name"].is_string()) b.name = doc["name"].get<std::string>();
  if (doc.contains("description") && doc["description"].is_string()) b.description = doc["description"].get<std::string>();
  const json& qs = doc["questions"];
  if (qs.empty()) throw Error(origin + ": holds no questions");
  for (size_t i = 0; i < qs.size(); ++i) {
    const json& q = qs[i];
    const std::string where = origin + ": question " + std::to_string(i);
    if (!q.is_object() || !q.contains("question") || !q["question"].is_string())
      throw Error(where + ": needs a string \"question\"");
    if (!q.contains("choices") || !q["choices"].is_array() || q["choices"].size() < 2)
      throw Error(where + ": needs a \"choices\" array of two or more strings");
    MultipleChoiceQuestion m;
    m.question = q["question"].get<std::string>();
    for (const json& c : q["choices"]) {
      if (!c.is_string() || c.get<std::string>().empty()) throw Error(where + ": every choice must be a non-empty string");
      m.choices.push_back(c.get<std::string>());
    }
    if (!q.contains("answer") || !q["answer"].is_number_integer()) throw Error(where + ": needs an integer \"answer\"");
    m.answer = q["answer"].get<int>();
    if (m.answer < 0 || m.answer >= static_cast<int>(m.choices.size()))
      throw Error(where + ": answer " + std::to_string(m.answer) + " is not the index of a choice");
    b.questions.push_back(std::move(m));
  }
  return b;
}

Benchmark load_benchmark(const std::filesystem::path& path) { return parse_benchmark(read_file(path), path.string()); }

std::string benchmark_prompt(const MultipleChoiceQuestion& q) { return "Question: " + q.question + "\nAnswer:"; }

double continuation_log_likelihood(const LanguageModel& model, std::vector<int32_t> context,
                                   const std::vector<int32_t>& continuation, int64_t* scored_tokens) {
  GB_CHECK(!continuation.empty(), "log-likelihood: empty continuation");
  const int64_t limit = model.config().context_length;
  std::vector<int32_t> ids = std::move(context);
  const size_t first = ids.size();  // index of the first continuation token
  ids.insert(ids.end(), continuation.begin(), continuation.end());
  size_t drop = ids.size() > static_cast<size_t>(limit) ? ids.size() - static_cast<size_t>(limit) : 0;
  // Keep at least one token before the continuation to predict its first token from.
  GB_CHECK(drop < first, "log-likelihood: the choice alone does not fit the context length");
  ids.erase(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(drop));
  const int64_t T = static_cast<int64_t>(ids.size()), V = model.config().vocab_size;
  const std::vector<float> logits = model.forward(Context{}, ids, 1, T).value().to_vector();  // (T, V)
  double total = 0;
  for (size_t t = first - drop; t < ids.size(); ++t) {
    const float* row = logits.data() + (t - 1) * static_cast<size_t>(V);  // position t-1 predicts token t
    const float top = *std::max_element(row, row + V);
    double sum = 0;
    for (int64_t v = 0; v < V; ++v) sum += std::exp(static_cast<double>(row[v] - top));
    total += static_cast<double>(row[ids[t]] - top) - std::log(sum);
  }
  if (scored_tokens) *scored_tokens = static_cast<int64_t>(continuation.size());
  return total;
}

BenchmarkResult run_benchmark(const LanguageModel& model, const Tokenizer& tokenizer, const Benchmark& benchmark) {
  BenchmarkResult out;
  for (const MultipleChoiceQuestion& q : benchmark.questions) {
    const std::vector<int32_t> context = tokenizer.encode(benchmark_prompt(q));
    ChoiceResult r;
    r.answer = q.answer;
    for (const std::string& choice : q.choices) {
      int64_t n = 0;
      const double ll = continuation_log_likelihood(model, context, tokenizer.encode(" " + choice), &n);
      r.log_likelihood.push_back(ll);
      r.per_token.push_back(ll / static_cast<double>(std::max<int64_t>(n, 1)));
    }
    r.predicted = static_cast<int>(std::max_element(r.log_likelihood.begin(), r.log_likelihood.end()) -
                                   r.log_likelihood.begin());
    r.predicted_normalized =
        static_cast<int>(std::max_element(r.per_token.begin(), r.per_token.end()) - r.per_token.begin());
    out.accuracy += r.predicted == r.answer;
    out.accuracy_normalized += r.predicted_normalized == r.answer;
    out.items.push_back(std::move(r));
  }
  if (!out.items.empty()) {
    out.accuracy /= static_cast<double>(out.items.size());
    out.accuracy_normalized /= static_cast<double>(out.items.size());
  }
  return out;
}

std::string judge_prompt(const AlpacaExample& e, const std::string& response) {
  std::string s =
      "You are grading the answer to a task. Compare the answer with the reference answer.\n"
      "Rubric: 100 = correct and complete; 70 = mostly correct with a small error; 40 = partly correct; "
      "10 = related but wrong; 0 = wrong, empty or off-topic.\n\n"
      "Task: " +
      e.instruction + "\n";
  if (!e.input.empty()) s += "Task input: " + e.input + "\n";
  s += "Reference answer: " + e.output + "\n";
  s += "Answer to grade: " + response + "\n\n";
  s += "Reply with the score only, a whole number from 0 to 100.\nScore:";
  return s;
}

std::optional<int> parse_judge_score(const std::string& reply) {
  for (size_t i = 0; i < reply.size();) {
    if (!std::isdigit(static_cast<unsigned char>(reply[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < reply.size() && std::isdigit(static_cast<unsigned char>(reply[j]))) ++j;
    // "85.5" or "7/10" are not whole scores on the rubric's scale: skip them.
    const bool fraction = j < reply.size() && (reply[j] == '.' || reply[j] == '/') && j + 1 < reply.size() &&
                          std::isdigit(static_cast<unsigned char>(reply[j + 1]));
    if (!fraction && j - i <= 3) {
      const int v = std::stoi(reply.substr(i, j - i));
      if (v >= 0 && v <= 100) return v;
    }
    i = j;
    while (i < reply.size() && (std::isdigit(static_cast<unsigned char>(reply[i])) || reply[i] == '.' ||
                                reply[i] == '/'))
      ++i;
  }
  return std::nullopt;
}

JudgeResult judge_responses(const LanguageModel& judge, const Tokenizer& tokenizer,
                            const std::vector<AlpacaExample>& examples, const std::vector<std::string>& responses,
                            bool alpaca_template, int64_t max_new_tokens) {
  GB_CHECK(examples.size() == responses.size(), "judge: as many responses as examples are needed");
  JudgeResult out;
  SamplingOptions greedy;
  greedy.temperature = 0.0f;
  greedy.max_new_tokens = max_new_tokens;
  greedy.stop_token = end_of_text_id(tokenizer);
  int64_t scored = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const std::string rubric = judge_prompt(examples[i], responses[i]);
    const std::string prompt = alpaca_template ? format_prompt({rubric, "", ""}) : rubric;
    std::vector<int32_t> ids = tokenizer.encode(prompt);
    const int64_t room = judge.config().context_length - max_new_tokens;
    if (room > 0 && static_cast<int64_t>(ids.size()) > room) ids.erase(ids.begin(), ids.end() - room);
    std::vector<int32_t> reply = generate(judge, ids, greedy);
    if (!reply.empty() && greedy.stop_token && reply.back() == *greedy.stop_token) reply.pop_back();
    JudgeItem item{tokenizer.decode(reply), std::nullopt};
    item.score = parse_judge_score(item.reply);
    if (item.score) {
      out.mean += *item.score;
      ++scored;
    } else {
      ++out.unparsed;
    }
    out.items.push_back(std::move(item));
  }
  if (scored) out.mean /= static_cast<double>(scored);
  return out;
}

}  // namespace gb
