#include "engine/generate/chat_stream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "engine/core/error.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace {

using Clock = std::chrono::steady_clock;

// Bytes at the end of `text` that begin a well-formed character whose remaining bytes have
// not been generated yet (0 when the text ends on a whole character).
size_t incomplete_tail(const std::string& text) {
  for (size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto lead = static_cast<unsigned char>(text[text.size() - back]);
    if ((lead & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

// The last position ≤ limit, from `from`, that does not cut a well-formed character
// (an ill-formed byte counts as a character of its own).
size_t char_boundary(const std::string& text, size_t from, size_t limit) {
  size_t pos = from;
  while (pos < limit) {
    const size_t n = std::max<size_t>(1, utf8::valid_char_len(text, pos));
    if (pos + n > limit) break;
    pos += n;
  }
  return pos;
}

// Length of the longest end of `text` that is the start of some stop string (so that the
// next tokens could still complete it).
size_t held_for_stop(const std::string& text, const std::vector<std::string>& stops) {
  size_t held = 0;
  for (const std::string& s : stops)
    if (!s.empty())
      for (size_t len = std::min(s.size() - 1, text.size()); len > held; --len)
      if (text.compare(text.size() - len, len, s, 0, len) == 0) {
        held = len;
        break;
      }
  return held;
}

// A token sampled but not yet reported: where its text ends in the answer.
struct Pending {
  GeneratedToken token;
  size_t end = 0;
};

}  // namespace

const char* stop_reason_name(StopReason reason) {
  switch (reason) {
    case StopReason::EndOfText: return "eos";
    case StopReason::EndOfTurn: return "end_of_turn";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::ContextFull: return "context_full";
    case StopReason::Cancelled: return "cancelled";
  }
  return "max_tokens";
}

std::vector<int32_t> single_token_stops(const Tokenizer& tokenizer, const std::vector<std::string>& stop_strings) {
  std::vector<int32_t> ids;
  if (auto eos = tokenizer.eos_id()) ids.push_back(*eos);
  for (const std::string& s : stop_strings) {
    if (s.empty()) continue;
    const std::vector<int32_t> enc = tokenizer.encode(s, /*allow_special=*/true);
    if (enc.size() == 1 && std::find(ids.begin(), ids.end(), enc[0]) == ids.end()) ids.push_back(enc[0]);
  }
  return ids;
}

std::vector<TokenChoice> top_choices(std::span<const float> logits, const Tokenizer& tokenizer, int k) {
  const size_t V = logits.size();
  if (V == 0 || k <= 0) return {};
  const float mx = *std::max_element(logits.begin(), logits.end());
  double sum = 0.0;
  for (float l : logits) sum += std::exp(static_cast<double>(l - mx));
  std::vector<int32_t> order(V);
  std::iota(order.begin(), order.end(), 0);
  const size_t n = std::min<size_t>(V, static_cast<size_t>(k));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                    [&](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
  std::vector<TokenChoice> out;
  for (size_t i = 0; i < n; ++i) {
    const int32_t id = order[i];
    const std::string bytes = id < tokenizer.vocab_size() ? tokenizer.token_bytes(id) : std::string();
    out.push_back({id, utf8::sanitize(bytes), static_cast<float>(std::exp(static_cast<double>(logits[id] - mx)) / sum)});
  }
  return out;
}

std::vector<float> ModelLogits::read(std::span<const int32_t> ids) {
  return model_.forward_cached(ids, cache_).to_vector();
}

ChatResult stream_chat(LogitSource& source, const Tokenizer& tokenizer, const ChatRequest& request,
                       const TokenCallback& on_token, const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  request.sampling.validate();
  const int64_t ctx_len = source.context_length();
  const int64_t V = source.vocab_size();
  GB_CHECK(!request.prompt.empty() || !request.answer_prefix.empty(), "a chat needs at least one prompt token");
  std::vector<int32_t> seq = request.prompt;
  seq.insert(seq.end(), request.answer_prefix.begin(), request.answer_prefix.end());
  for (int32_t id : seq)
    GB_CHECK(id >= 0 && id < V, "prompt token id " + std::to_string(id) + " is outside the vocabulary");

  ChatResult result;
  result.context.length = ctx_len;
  // Leave room for at least one new token: drop the oldest prompt tokens if needed.
  if (static_cast<int64_t>(seq.size()) > ctx_len - 1) {
    seq.erase(seq.begin(), seq.end() - (ctx_len - 1));
    result.prompt_truncated = true;
  }
  result.prompt_tokens = static_cast<int64_t>(seq.size());

  std::vector<int32_t> answer = request.answer_prefix;  // every answer token, for decoding
  std::string text = tokenizer.decode(answer);
  size_t reported = text.size();  // bytes of text already handed out
  const size_t search_from = reported;
  std::vector<Pending> pending;
  Rng rng(request.sampling.seed);
  std::vector<float> logits = source.read(seq);
  GB_CHECK(static_cast<int64_t>(logits.size()) == V, "the model returned " + std::to_string(logits.size()) + " logits for a vocabulary of " + std::to_string(V));
  int64_t fed = static_cast<int64_t>(seq.size());  // tokens the source has read
  const auto t_prompt = Clock::now();

  // Reports the pending tokens that end by safe_end. A token's text stops at the last whole
  // character; at the end (flush) the rest goes out as it is.
  auto report_upto = [&](size_t safe_end, bool flush = false) {
    size_t n = 0;
    for (; n < pending.size() && pending[n].end <= safe_end; ++n) {
      const size_t cut = flush ? pending[n].end : char_boundary(text, reported, pending[n].end);
      pending[n].token.text = utf8::sanitize(std::string_view(text).substr(reported, cut - reported));
      reported = cut;
      result.ids.push_back(pending[n].token.id);
      if (on_token) on_token(pending[n].token, result.context);
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
  };

  size_t stop_at = std::string::npos;  // where an end-of-turn marker starts in text
  int64_t sampled = 0;
  result.reason = StopReason::MaxTokens;
  while (sampled < request.sampling.max_new_tokens) {
    if (cancel && cancel->load()) {
      result.reason = StopReason::Cancelled;
      break;
    }
    const std::span<const float> row(logits);
    const int32_t next = sample_next(row, request.sampling, rng);
    ++sampled;
    if (std::find(request.stop_ids.begin(), request.stop_ids.end(), next) != request.stop_ids.end()) {
      result.reason = next == tokenizer.eos_id() ? StopReason::EndOfText : StopReason::EndOfTurn;
      break;
    }
    GeneratedToken token;
    token.id = next;
    token.top = top_choices(row, tokenizer, request.top_alternatives);
    {
      const float mx = *std::max_element(row.begin(), row.end());
      double sum = 0.0;
      for (float l : row) sum += std::exp(static_cast<double>(l - mx));
      token.prob = static_cast<float>(std::exp(static_cast<double>(row[next] - mx)) / sum);
    }
    answer.push_back(next);
    seq.push_back(next);
    text = tokenizer.decode(answer);
    result.context.used = std::min<int64_t>(static_cast<int64_t>(seq.size()), ctx_len);
    pending.push_back({std::move(token), text.size()});

    for (const std::string& s : request.stop_strings) {
      if (s.empty()) continue;
      const size_t at = text.find(s, search_from);
      if (at != std::string::npos && at < stop_at) stop_at = at;
    }
    if (stop_at != std::string::npos) {
      report_upto(stop_at);  // tokens that end before the marker are answer; the rest is the marker
      pending.clear();
      result.reason = StopReason::EndOfTurn;
      break;
    }
    const size_t hold = std::max(held_for_stop(text, request.stop_strings), incomplete_tail(text));
    report_upto(text.size() - hold);

    if (sampled == request.sampling.max_new_tokens) break;
    if (fed >= ctx_len) {
      result.reason = StopReason::ContextFull;
      break;
    }
    logits = source.read(std::span<const int32_t>(&seq.back(), 1));
    ++fed;
  }
  // Whatever was held back for a marker that never came is answer after all.
  report_upto(std::string::npos, /*flush=*/true);
  result.text = utf8::sanitize(stop_at == std::string::npos ? text : text.substr(0, stop_at));
  result.context.used = std::min<int64_t>(static_cast<int64_t>(seq.size()), ctx_len);
  const auto t_end = Clock::now();
  result.seconds = std::chrono::duration<double>(t_end - t0).count();
  const double gen_seconds = std::chrono::duration<double>(t_end - t_prompt).count();
  result.tokens_per_sec = gen_seconds > 0 ? static_cast<double>(sampled) / gen_seconds : 0.0;
  return result;
}

}  // namespace gb
