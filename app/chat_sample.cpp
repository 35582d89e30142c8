#include "app/chat_sample.h"

#include <algorithm>

namespace glassbox { namespace app {
namespace {

// A token and the alternatives the model weighed at its place (the token itself among them).
trace::ChatToken token(const char* text, int id, float p, std::vector<trace::ChatTokenChoice> others) {
  trace::ChatToken t{text, id, p, std::move(others)};
  t.top.push_back({text, id, p});
  std::sort(t.top.begin(), t.top.end(), [](const auto& a, const auto& b) { return a.prob > b.prob; });
  if (t.top.size() > 5) t.top.resize(5);
  return t;
}

trace::ChatEntry answer(int id, std::vector<trace::ChatToken> tokens, const char* info) {
  trace::ChatEntry e;
  e.id = id;
  e.assistant = true;
  e.tokens = std::move(tokens);
  for (const auto& t : e.tokens) e.text += t.text;
  e.info = info;
  return e;
}

}  // namespace

std::vector<trace::ChatEntry> sampleChat() {
  trace::ChatEntry q1;
  q1.id = 0;
  q1.text = "Name three primary colors.";
  trace::ChatEntry a1 = answer(1,
                               {token("The", 464, 0.46f, {{"Red", 7738, 0.31f}, {"Three", 12510, 0.09f}, {"1", 16, 0.05f}, {"Blue", 14573, 0.03f}}),
                                token(" three", 1115, 0.88f, {{" primary", 4165, 0.07f}, {" colors", 7577, 0.02f}, {" 3", 513, 0.01f}}),
                                token(" primary", 4165, 0.97f, {{" main", 1388, 0.01f}, {" basic", 4096, 0.01f}}),
                                token(" colors", 7577, 0.95f, {{" colours", 18915, 0.03f}, {" color", 3124, 0.01f}}),
                                token(" are", 389, 0.98f, {{":", 25, 0.01f}}),
                                token(" red", 2266, 0.72f, {{" blue", 4171, 0.12f}, {":", 25, 0.08f}, {" yellow", 7872, 0.03f}}),
                                token(",", 11, 0.94f, {{" and", 290, 0.04f}}),
                                token(" blue", 4171, 0.61f, {{" yellow", 7872, 0.27f}, {" green", 4077, 0.09f}}),
                                token(" and", 290, 0.83f, {{",", 11, 0.15f}}),
                                token(" yellow", 7872, 0.74f, {{" green", 4077, 0.22f}, {" purple", 14032, 0.01f}}),
                                token(".", 13, 0.96f, {{"!", 0, 0.01f}, {" (", 357, 0.01f}})},
                               "sample · stopped at end of text");
  trace::ChatEntry q2;
  q2.id = 2;
  q2.text = "Which one is the warmest?";
  trace::ChatEntry a2 = answer(3,
                               {token("Red", 7738, 0.58f, {{"Yellow", 39499, 0.21f}, {"The", 464, 0.14f}, {"Orange", 40141, 0.03f}}),
                                token(" is", 318, 0.91f, {{".", 13, 0.05f}}),
                                token(" the", 262, 0.79f, {{" usually", 3221, 0.09f}, {" often", 1690, 0.06f}}),
                                token(" warmest", 43615, 0.67f, {{" most", 749, 0.25f}, {" hottest", 30568, 0.04f}}),
                                token(",", 11, 0.18f, {{".", 13, 0.71f}, {" color", 3124, 0.06f}}),
                                token(" like", 588, 0.07f, {{" because", 780, 0.38f}, {" as", 355, 0.21f}, {" since", 1201, 0.12f}, {" the", 262, 0.08f}}),
                                token(" fire", 2046, 0.44f, {{" the", 262, 0.22f}, {" a", 257, 0.12f}}),
                                token(".", 13, 0.89f, {{" and", 290, 0.05f}})},
                               "sample · stopped at end of text");
  return {q1, a1, q2, a2};
}

}}  // namespace glassbox::app
