// Streaming chat generation: end-of-turn markers held back and cut off, characters never
// split, probabilities and alternatives, every way of stopping, and the real model path
// (same tokens as generate(), branching from a prefix).
#include <QtTest>

#include <atomic>
#include <cmath>

#include "engine/core/error.h"
#include "engine/generate/chat_stream.h"
#include "engine/generate/chat_template.h"
#include "engine/nn/gpt_model.h"
#include "engine/tokenizer/utf8.h"

using namespace gb;

namespace {

// Plays a fixed answer: at step i the logits put probability `p_main` on script[i] and
// `p_second` on `second` (the rest shares what is left); past the script, end-of-text.
class Script : public LogitSource {
 public:
  Script(std::vector<int32_t> script, int64_t context = 1024) : script_(std::move(script)), context_(context) {}
  int64_t vocab_size() const override { return 50257; }
  int64_t context_length() const override { return context_; }
  std::vector<float> read(std::span<const int32_t> ids) override {
    fed += static_cast<int64_t>(ids.size());
    const int32_t next = step_ < script_.size() ? script_[step_] : 50256;
    ++step_;
    std::vector<float> l(50257, std::log(0.1f / 50255));
    l[next] = std::log(p_main);
    l[next == second ? second + 1 : second] = std::log(p_second);
    return l;
  }
  int64_t fed = 0;
  float p_main = 0.6f, p_second = 0.3f;
  int32_t second = 11;  // ","

 private:
  std::vector<int32_t> script_;
  size_t step_ = 0;
  int64_t context_;
};

ChatRequest greedy_request(const Tokenizer& tok, int64_t max_new = 100) {
  ChatRequest r;
  r.prompt = tok.encode("### Instruction:\nWhat is the capital of France?\n\n### Response:\n");
  r.sampling.temperature = 0.0f;
  r.sampling.max_new_tokens = max_new;
  const ChatTemplate alpaca;
  r.stop_strings = alpaca.stop_strings();
  r.stop_ids = single_token_stops(tok, r.stop_strings);
  return r;
}

std::string joined(const std::vector<GeneratedToken>& tokens) {
  std::string s;
  for (const auto& t : tokens) s += t.text;
  return s;
}

}  // namespace

class TestChatStream : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { gpt2_ = load_tokenizer("gpt2"); }

  void endOfTurnMarkerIsCutOff() {
    const std::string answer = "Paris is the capital of France.";
    Script script(gpt2_->encode(answer + "\n\n### Instruction:\nAnd Korea?"));
    std::vector<GeneratedToken> seen;
    const ChatResult r = stream_chat(script, *gpt2_, greedy_request(*gpt2_),
                                     [&](const GeneratedToken& t, const ContextUsage&) { seen.push_back(t); });
    QCOMPARE(r.reason, StopReason::EndOfTurn);
    QCOMPARE(r.text, answer + "\n\n");
    QCOMPARE(joined(seen), answer + "\n\n");  // nothing of the marker was ever shown
    QCOMPARE(r.ids.size(), seen.size());
    QCOMPARE(gpt2_->decode(r.ids), answer + "\n\n");
    QCOMPARE(std::string(stop_reason_name(r.reason)), std::string("end_of_turn"));
  }
  void heldTokensAreReleasedWhenNoMarkerFollows() {
    // "###" starts a marker, "### Notes" is not one: the held tokens come out once that is clear.
    const std::string text = "Use ### Notes for notes";
    const std::vector<int32_t> ids = gpt2_->encode(text);
    Script script(ids);
    std::vector<std::pair<std::string, int64_t>> seen;  // text, tokens read by then
    const ChatResult r = stream_chat(script, *gpt2_, greedy_request(*gpt2_, static_cast<int64_t>(ids.size())),
                                     [&](const GeneratedToken& t, const ContextUsage&) { seen.push_back({t.text, script.fed}); });
    QCOMPARE(r.reason, StopReason::MaxTokens);
    QCOMPARE(r.text, text);
    std::string all;
    for (const auto& s : seen) all += s.first;
    QCOMPARE(all, text);
    // " ###" was held until " Notes" had been generated (fed counts the prompt + answer tokens).
    const auto hash = std::find_if(seen.begin(), seen.end(), [](const auto& s) { return s.first.find('#') != std::string::npos; });
    QVERIFY(hash != seen.end());
    QVERIFY(hash->second > (hash - 1)->second);
  }
  void charactersAreNeverSplit() {
    const std::string text = "한국어 좋아요 🙂 ok";
    const std::vector<TokenPiece> pieces = gpt2_->encode_with_offsets(text);
    QVERIFY(std::any_of(pieces.begin(), pieces.end(), [](const TokenPiece& p) { return p.partial_utf8; }));
    std::vector<int32_t> ids;
    for (const auto& p : pieces) ids.push_back(p.id);
    Script script(ids);
    std::vector<GeneratedToken> seen;
    const ChatResult r = stream_chat(script, *gpt2_, greedy_request(*gpt2_),
                                     [&](const GeneratedToken& t, const ContextUsage&) { seen.push_back(t); });
    QCOMPARE(r.reason, StopReason::EndOfText);
    QCOMPARE(seen.size(), ids.size());
    QCOMPARE(joined(seen), text);
    int moved = 0;  // tokens whose text is not their own bytes (a character finished later)
    for (size_t i = 0; i < seen.size(); ++i) {
      QCOMPARE(utf8::sanitize(seen[i].text), seen[i].text);  // whole characters only
      if (seen[i].text != text.substr(pieces[i].begin, pieces[i].end - pieces[i].begin)) ++moved;
    }
    QVERIFY(moved > 0);
  }
  void probabilitiesAndAlternatives() {
    const std::vector<int32_t> ids = gpt2_->encode(" Paris");
    Script script(ids);
    std::vector<GeneratedToken> seen;
    stream_chat(script, *gpt2_, greedy_request(*gpt2_),
                [&](const GeneratedToken& t, const ContextUsage&) { seen.push_back(t); });
    QCOMPARE(seen.size(), size_t{1});
    const GeneratedToken& t = seen[0];
    QVERIFY(std::abs(t.prob - 0.6f) < 1e-4f);
    QCOMPARE(t.top.size(), size_t{5});
    QCOMPARE(t.top[0].id, ids[0]);
    QCOMPARE(t.top[0].text, std::string(" Paris"));
    QVERIFY(std::abs(t.top[0].prob - 0.6f) < 1e-4f);
    QCOMPARE(t.top[1].id, 11);
    QCOMPARE(t.top[1].text, std::string(","));
    QVERIFY(std::abs(t.top[1].prob - 0.3f) < 1e-4f);
    for (size_t i = 1; i < t.top.size(); ++i) QVERIFY(t.top[i - 1].prob >= t.top[i].prob);
  }
  void endOfTextStops() {
    Script script(gpt2_->encode(" Paris."));  // then 50256
    const ChatResult r = stream_chat(script, *gpt2_, greedy_request(*gpt2_));
    QCOMPARE(r.reason, StopReason::EndOfText);
    QCOMPARE(r.text, std::string(" Paris."));
    QVERIFY(std::find(r.ids.begin(), r.ids.end(), 50256) == r.ids.end());
  }
  void cancellationStopsWithinOneToken() {
    std::vector<int32_t> many(200, 262);  // " the" forever
    Script script(many);
    std::atomic<bool> cancel{false};
    int seen = 0;
    const ChatResult r = stream_chat(script, *gpt2_, greedy_request(*gpt2_, 150),
                                     [&](const GeneratedToken&, const ContextUsage&) {
                                       if (++seen == 3) cancel = true;
                                     },
                                     &cancel);
    QCOMPARE(r.reason, StopReason::Cancelled);
    QCOMPARE(seen, 3);
    QCOMPARE(r.ids.size(), size_t{3});
  }
  void contextFullStopsAndCounts() {
    ChatRequest req = greedy_request(*gpt2_);
    req.prompt.assign(10, 464);
    std::vector<int32_t> many(100, 262);
    Script script(many, 16);
    ContextUsage last;
    const ChatResult r = stream_chat(script, *gpt2_, req, [&](const GeneratedToken&, const ContextUsage& u) { last = u; });
    QCOMPARE(r.reason, StopReason::ContextFull);
    QCOMPARE(script.fed, int64_t{16});            // the model never read past its context
    QCOMPARE(r.ids.size(), size_t{16 - 10 + 1});  // the last token comes from position 15
    QCOMPARE(r.context.length, int64_t{16});
    QCOMPARE(last.length, int64_t{16});
    QCOMPARE(r.context.used, int64_t{16});
    QVERIFY(!r.prompt_truncated);
  }
  void longPromptKeepsItsEnd() {
    ChatRequest req = greedy_request(*gpt2_, 1);
    req.prompt.assign(30, 464);
    Script script({262}, 16);
    const ChatResult r = stream_chat(script, *gpt2_, req);
    QVERIFY(r.prompt_truncated);
    QCOMPARE(r.prompt_tokens, int64_t{15});
    QCOMPARE(r.ids.size(), size_t{1});
  }
  void badRequestsAreRejected() {
    Script script({262});
    ChatRequest req = greedy_request(*gpt2_);
    req.sampling.top_p = 0.0f;
    QVERIFY_THROWS_EXCEPTION(UsageError, stream_chat(script, *gpt2_, req));
    req = greedy_request(*gpt2_);
    req.prompt = {70000};
    QVERIFY_THROWS_EXCEPTION(Error, stream_chat(script, *gpt2_, req));
    req.prompt.clear();
    QVERIFY_THROWS_EXCEPTION(Error, stream_chat(script, *gpt2_, req));
  }
  void singleTokenMarkersBecomeStopIds() {
    const auto stops = single_token_stops(*gpt2_, {"<|endoftext|>", "### Instruction:", "\n"});
    // gpt2: end-of-text is 50256; "\n" is one token (198); the header is several.
    QCOMPARE(stops, (std::vector<int32_t>{50256, 198}));
  }

  void modelStreamsWhatGenerateGenerates() {
    ModelConfig cfg = preset("gpt-tiny");
    const GPTModel model(cfg, 7);
    ChatRequest req;
    req.prompt = gpt2_->encode("The sea was");
    req.sampling.temperature = 0.0f;
    req.sampling.max_new_tokens = 12;
    SamplingOptions o = req.sampling;
    const std::vector<int32_t> expected = generate(model, req.prompt, o);
    std::vector<int32_t> streamed;
    ContextUsage usage;
    const ChatResult r = stream_chat(model, *gpt2_, req, [&](const GeneratedToken& t, const ContextUsage& u) {
      streamed.push_back(t.id);
      usage = u;
      QVERIFY(t.prob > 0.0f && t.prob <= 1.0f);
      QCOMPARE(t.top[0].prob >= t.prob, true);
    });
    QCOMPARE(streamed, expected);
    QCOMPARE(r.ids, expected);
    QCOMPARE(r.text, gpt2_->decode(expected));
    QCOMPARE(usage.length, cfg.context_length);
    QCOMPARE(r.context.used, static_cast<int64_t>(req.prompt.size() + expected.size()));
    QVERIFY(r.tokens_per_sec > 0.0);

    // Branching: the first three answer tokens given, the rest is the same greedy answer.
    req.answer_prefix.assign(expected.begin(), expected.begin() + 3);
    req.sampling.max_new_tokens = 12 - 3;  // counts new tokens only
    const ChatResult branch = stream_chat(model, *gpt2_, req);
    QCOMPARE(branch.ids, std::vector<int32_t>(expected.begin() + 3, expected.end()));
    QCOMPARE(branch.text, gpt2_->decode(expected).substr(0, branch.text.size()));
    QCOMPARE(branch.prompt_tokens, static_cast<int64_t>(req.prompt.size() + 3));

    // Sampling with a seed repeats itself; another seed (a regenerated answer) differs.
    req.answer_prefix.clear();
    req.sampling.temperature = 1.0f;
    req.sampling.max_new_tokens = 20;
    req.sampling.seed = 5;
    const auto a = stream_chat(model, *gpt2_, req).ids;
    QCOMPARE(stream_chat(model, *gpt2_, req).ids, a);
    req.sampling.seed = 6;
    QVERIFY(stream_chat(model, *gpt2_, req).ids != a);
  }

 private:
  std::unique_ptr<Tokenizer> gpt2_;
};

QTEST_APPLESS_MAIN(TestChatStream)
#include "test_chat_stream.moc"
