// The general Hugging Face pipeline (everything that is not GPT-2-style byte-level BPE):
//
//   text ─added tokens─▶ segments ─normalizer─▶ ─pre-tokenizer─▶ pieces ─model─▶ ids
//        ─post-processor─▶ [CLS] ids [SEP]          decode: ids ─decoder─▶ text
//
// Models: BPE (with SentencePiece-style byte fallback, as Llama 2 and Mistral), WordPiece
// (BERT) and WordLevel (SimpleTokenizer's saved form). The tokenizer keeps its tokenizer.json document, so save() writes what it runs.
#include "engine/tokenizer/hf_pipeline.h"

#include <unordered_map>

#include "engine/io/atomic_file.h"
#include "engine/tokenizer/bpe_merge.h"
#include "engine/tokenizer/byte_map.h"
#include "engine/tokenizer/hf_text.h"
#include "engine/tokenizer/utf8.h"

namespace gb {

namespace {

using nlohmann::json;
using hf::Aligned;

const std::string kMeta = "\xE2\x96\x81";  // "▁", SentencePiece's space

// "<0xE3>" → 0xE3, else -1.
int byte_token_value(const std::string& t) {
  if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
  int v = 0;
  for (int i = 3; i < 5; ++i) {
    const char c = t[i];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// A decoder step rewrites the list of token strings.
using DecodeStep = std::function<void(std::vector<std::string>&)>;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

DecodeStep make_decoder(const hf::JsonFile& f, const json& j) {
  if (j.is_null()) return [](std::vector<std::string>&) {};
  const std::string type = f.type_of(j, "decoder");
  if (type == "Replace") {
    if (!j.contains("pattern") || !j["pattern"].contains("String")) f.fail("decoder Replace: only a String pattern is supported");
    const std::string from = j["pattern"]["String"].get<std::string>(), to = j.value("content", std::string());
    return [from, to](std::vector<std::string>& t) {
      for (auto& s : t) s = replace_all(s, from, to);
    };
  }
  if (type == "ByteFallback")
    return [](std::vector<std::string>& t) {
      // Runs of <0xXX> tokens become their bytes if those are valid UTF-8, else one U+FFFD each.
      std::vector<std::string> out;
      std::string run;
      size_t run_len = 0;
      const auto flush = [&] {
        if (!run_len) return;
        if (utf8::sanitize(run) == run) out.push_back(run);
        else
          for (size_t i = 0; i < run_len; ++i) out.push_back("\xEF\xBF\xBD");
        run.clear();
        run_len = 0;
      };
      for (auto& s : t) {
        const int b = byte_token_value(s);
        if (b >= 0) {
          run += static_cast<char>(b);
          ++run_len;
        } else {
          flush();
          out.push_back(std::move(s));
        }
      }
      flush();
      t.swap(out);
    };
  if (type == "ByteLevel")
    return [](std::vector<std::string>& t) {
      // Printable stand-ins back to bytes; the result may be any bytes (it is not forced
      // into UTF-8 here, so byte-level decode stays exact).
      std::string all;
      for (auto& s : t) all += s;
      std::string out;
      hf::for_each_char(all, [&](char32_t cp, size_t pos, size_t len) {
        const int b = utf8::unicode_to_byte(cp);
        if (b >= 0) out += static_cast<char>(b);
        else out.append(all, pos, len);
      });
      t.assign(1, out);
    };
  if (type == "Fuse")
    return [](std::vector<std::string>& t) {
      std::string all;
      for (auto& s : t) all += s;
      t.assign(1, all);
    };
  if (type == "Strip") {
    const std::string content = j.value("content", std::string(" "));
    const int start = j.value("start", 0), stop = j.value("stop", 0);
    return [content, start, stop](std::vector<std::string>& t) {
      for (auto& s : t) {
        for (int i = 0; i < start && s.compare(0, content.size(), content) == 0; ++i) s.erase(0, content.size());
        for (int i = 0; i < stop && s.size() >= content.size() && s.compare(s.size() - content.size(), content.size(), content) == 0; ++i)
          s.erase(s.size() - content.size());
      }
    };
  }
  if (type == "Metaspace") {
    const std::string rep = j.value("replacement", std::string("\xE2\x96\x81"));
    std::string scheme = j.value("prepend_scheme", std::string());
    if (scheme.empty()) scheme = f.flag(j, "add_prefix_space", true) ? "always" : "never";
    return [rep, scheme](std::vector<std::string>& t) {
      for (size_t i = 0; i < t.size(); ++i) {
        t[i] = replace_all(t[i], rep, " ");
        if (i == 0 && scheme != "never" && !t[i].empty() && t[i][0] == ' ') t[i].erase(0, 1);
      }
    };
  }
  if (type == "WordPiece") {
    const std::string prefix = j.value("prefix", std::string("##"));
    const bool cleanup = f.flag(j, "cleanup", true);
    return [prefix, cleanup](std::vector<std::string>& t) {
      for (size_t i = 0; i < t.size(); ++i) {
        if (i > 0) {
          if (t[i].compare(0, prefix.size(), prefix) == 0) t[i].erase(0, prefix.size());
          else t[i].insert(0, " ");
        }
        if (cleanup) {
          // BERT's clean_up_tokenization: no space before punctuation and contractions.
          for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                   {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
                   {" 'm", "'m"}, {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}})
            t[i] = replace_all(t[i], from, to);
        }
      }
    };
  }
  if (type == "Sequence") {
    if (!j.contains("decoders") || !j["decoders"].is_array()) f.fail("decoder Sequence has no list");
    std::vector<DecodeStep> steps;
    for (const auto& d : j["decoders"]) steps.push_back(make_decoder(f, d));
    return [steps](std::vector<std::string>& t) {
      for (const auto& s : steps) s(t);
    };
  }
  f.fail("decoder " + type + " is not supported");
}

class HfTokenizer : public Tokenizer {
 public:
  HfTokenizer(const hf::JsonFile& f, std::string name) : doc_(f.root), name_(name.empty() ? f.path.string() : name) {
    const json& root = f.root;
    added_ = hf::read_added_tokens(f);
    normalize_ = hf::make_normalizer(f, root.value("normalizer", json()));
    pre_ = hf::make_pre_tokenizer(f, root.value("pre_tokenizer", json()));
    decode_ = make_decoder(f, root.value("decoder", json()));
    byte_level_ = root.value("decoder", json()).value("type", std::string()) == "ByteLevel";
    read_model(f, root["model"]);
    for (const auto& a : added_) {
      token_to_id_[a.content] = a.id;
      if (id_to_token_.size() <= static_cast<size_t>(a.id)) id_to_token_.resize(a.id + 1);
      id_to_token_[a.id] = a.content;
      if (a.special && (a.content == "</s>" || a.content == "<|endoftext|>" || a.content == "[SEP]")) eos_ = a.id;
    }
    read_post_processor(f, root.value("post_processor", json()));
    for (const auto& [tok, id] : token_to_id_) lookup_.insert(tok, id);
    // SentencePiece-style BPE has no pre-tokenizer, so the whole text is one piece and the
    // merge loop would run over a million symbols. When no token holds "▁" right after
    // another character, no merge can cross the start of a "▁" word: cutting there first
    // gives the same ids, much faster.
    if (!wordpiece_ && !word_level_ && root.value("pre_tokenizer", json()).is_null()) {
      cut_before_meta_ = true;
      for (const auto& [tok, id] : token_to_id_)
        for (size_t p = tok.find(kMeta, 1); p != std::string::npos && cut_before_meta_; p = tok.find(kMeta, p + 1))
          if (tok.compare(p - std::min<size_t>(p, 3), 3, kMeta) != 0) cut_before_meta_ = false;
    }
  }

  std::string name() const override { return name_; }
  int64_t vocab_size() const override { return static_cast<int64_t>(id_to_token_.size()); }
  std::optional<int32_t> eos_id() const override { return eos_; }
  void save(const std::filesystem::path& path) const override { write_file_atomic(path, doc_.dump(1) + "\n"); }

  std::vector<int32_t> encode(std::string_view text, bool allow_special) const override {
    std::vector<int32_t> ids;
    encode_impl(text, allow_special, [&](int32_t id, size_t, size_t) { ids.push_back(id); });
    return ids;
  }

  std::vector<TokenPiece> encode_with_offsets(std::string_view text, bool allow_special) const override {
    std::vector<TokenPiece> out;
    encode_impl(text, allow_special, [&](int32_t id, size_t b, size_t e) {
      TokenPiece p;
      p.id = id;
      p.bytes = token_bytes(id);
      p.begin = b;
      p.end = e;
      p.partial_utf8 = utf8::sanitize(p.bytes) != p.bytes;
      out.push_back(std::move(p));
    });
    return out;
  }

  std::string token_bytes(int32_t id) const override {
    if (id < 0 || static_cast<size_t>(id) >= id_to_token_.size() || (id_to_token_[id].empty() && !is_added(id)))
      throw Error(name_ + ": token id " + std::to_string(id) + " is not in the vocabulary");
    const std::string& t = id_to_token_[id];
    if (is_added(id)) return t;
    if (byte_fallback_) {
      const int b = byte_token_value(t);
      if (b >= 0) return std::string(1, static_cast<char>(b));
    }
    if (wordpiece_ && t.compare(0, wp_prefix_.size(), wp_prefix_) == 0) return t.substr(wp_prefix_.size());
    if (byte_level_) {
      std::string bytes;
      if (utf8::printable_to_bytes(t, bytes)) return bytes;
    }
    return replace_all(t, "\xE2\x96\x81", " ");
  }

  std::string decode(std::span<const int32_t> ids) const override {
    // Special tokens are left out (as skip_special_tokens=True), so decode(encode(x)) is x.
    std::vector<std::string> toks;
    for (int32_t id : ids) {
      if (id < 0 || static_cast<size_t>(id) >= id_to_token_.size())
        throw Error(name_ + ": token id " + std::to_string(id) + " is not in the vocabulary");
      if (is_special(id)) continue;
      toks.push_back(id_to_token_[id]);
    }
    decode_(toks);
    std::string out;
    for (const auto& s : toks) out += s;
    return out;
  }

 private:
  // Calls emit(id, begin, end) for every token, with byte offsets into text.
  template <class Emit>
  void encode_impl(std::string_view text, bool allow_special, Emit&& emit) const {
    for (int32_t id : prefix_ids_) emit(id, 0, 0);
    size_t pos = 0;
    while (pos < text.size()) {
      // The earliest added token (specials only when allowed), the longest where two start together.
      size_t best = std::string_view::npos, best_len = 0;
      int32_t best_id = -1;
      for (const auto& a : added_) {
        if ((a.special && !allow_special) || a.content.empty()) continue;
        const size_t at = text.find(a.content, pos);
        if (at == std::string_view::npos) continue;
        if (at < best || (at == best && a.content.size() > best_len)) best = at, best_len = a.content.size(), best_id = a.id;
      }
      const size_t stop = best == std::string_view::npos ? text.size() : best;
      if (stop > pos) encode_segment(text.substr(pos, stop - pos), pos, emit);
      if (best_id < 0) break;
      emit(best_id, best, best + best_len);
      pos = best + best_len;
    }
    for (int32_t id : suffix_ids_) emit(id, text.size(), text.size());
  }

  bool is_added(int32_t id) const {
    for (const auto& a : added_)
      if (a.id == id) return true;
    return false;
  }
  bool is_special(int32_t id) const {
    for (const auto& a : added_)
      if (a.id == id) return a.special;
    return false;
  }

  int32_t id_of(const hf::JsonFile& f, const std::string& token, const std::string& where) const {
    const auto it = token_to_id_.find(token);
    if (it == token_to_id_.end()) f.fail(where + ": token '" + token + "' is not in the vocabulary");
    return it->second;
  }

  void read_model(const hf::JsonFile& f, const json& m) {
    const std::string type = f.type_of(m, "model");
    if (type != "BPE" && type != "WordPiece" && type != "WordLevel") f.fail("model " + type + " is not supported");
    wordpiece_ = type == "WordPiece";
    word_level_ = type == "WordLevel";
    if (!m.contains("vocab") || !m["vocab"].is_object()) f.fail("model.vocab is not an object");
    for (const auto& [tok, id] : m["vocab"].items()) {
      if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > 10'000'000)
        f.fail("model.vocab: token '" + tok + "' has no valid id");
      const auto i = id.get<int32_t>();
      token_to_id_[tok] = i;
      if (id_to_token_.size() <= static_cast<size_t>(i)) id_to_token_.resize(i + 1);
      id_to_token_[i] = tok;
    }
    if (!m.value("unk_token", json()).is_null()) unk_ = id_of(f, m["unk_token"].get<std::string>(), "model.unk_token");
    if (word_level_) return;
    if (wordpiece_) {
      wp_prefix_ = m.value("continuing_subword_prefix", std::string("##"));
      max_chars_ = m.value("max_input_chars_per_word", 100);
      if (unk_ < 0) f.fail("model WordPiece has no unk_token");
      return;
    }
    byte_fallback_ = f.flag(m, "byte_fallback", false);
    fuse_unk_ = f.flag(m, "fuse_unk", false);
    ignore_merges_ = f.flag(m, "ignore_merges", false);
    for (const char* k : {"continuing_subword_prefix", "end_of_word_suffix"})
      if (m.contains(k) && m[k].is_string() && !m[k].get<std::string>().empty())
        f.fail(std::string("model BPE with ") + k + " is not supported");
    if (m.contains("dropout") && !m["dropout"].is_null() && m["dropout"].get<double>() > 0)
      f.fail("model BPE with dropout is not supported");
    if (byte_fallback_) {
      byte_id_.assign(256, -1);
      for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        const auto it = token_to_id_.find(name);
        if (it == token_to_id_.end()) f.fail(std::string("model BPE has byte_fallback but no token ") + name);
        byte_id_[b] = it->second;
      }
    }
    const auto merges = hf::read_merges(f, m);
    for (size_t r = 0; r < merges.size(); ++r) {
      const std::string where = "merge " + std::to_string(r);
      const int32_t l = id_of(f, merges[r].first, where), rt = id_of(f, merges[r].second, where);
      const int32_t made = id_of(f, merges[r].first + merges[r].second, where);
      merge_rank_.emplace(uint64_t(uint32_t(l)) << 32 | uint32_t(rt), std::make_pair(static_cast<uint32_t>(r), made));
    }
  }

  void read_post_processor(const hf::JsonFile& f, const json& p) {
    if (p.is_null()) return;
    const std::string type = f.type_of(p, "post_processor");
    if (type == "ByteLevel") return;
    if (type == "BertProcessing") {
      prefix_ids_ = {p["cls"][1].get<int32_t>()};
      suffix_ids_ = {p["sep"][1].get<int32_t>()};
      return;
    }
    if (type == "TemplateProcessing") {
      if (!p.contains("single") || !p["single"].is_array()) f.fail("post_processor TemplateProcessing has no single template");
      bool after = false;
      for (const auto& item : p["single"]) {
        if (item.contains("Sequence")) {
          after = true;
          continue;
        }
        if (!item.contains("SpecialToken")) f.fail("post_processor TemplateProcessing: unknown template item");
        const std::string name = item["SpecialToken"]["id"].get<std::string>();
        const json& st = p.value("special_tokens", json::object());
        if (!st.contains(name) || !st[name].contains("ids")) f.fail("post_processor TemplateProcessing: no ids for " + name);
        for (const auto& id : st[name]["ids"]) (after ? suffix_ids_ : prefix_ids_).push_back(id.get<int32_t>());
      }
      return;
    }
    if (type == "Sequence") {
      for (const auto& s : p.value("processors", json::array())) read_post_processor(f, s);
      return;
    }
    f.fail("post_processor " + type + " is not supported");
  }

  template <class Emit>
  void encode_segment(std::string_view seg, size_t base, Emit&& emit) const {
    Aligned a = Aligned::from_input(seg);
    for (auto& v : a.begin) v += static_cast<uint32_t>(base);
    for (auto& v : a.end) v += static_cast<uint32_t>(base);
    a = normalize_(a);
    std::vector<Aligned> pieces;
    pre_(a, pieces);
    for (const Aligned& piece : pieces) {
      if (piece.text.empty()) continue;
      const auto piece_emit = [&](int32_t id, size_t b, size_t e) { emit(id, piece.origin_begin(b), piece.origin_end(e)); };
      if (wordpiece_) {
        word_piece(piece.text, piece_emit);
      } else if (word_level_) {
        word_level(piece.text, piece_emit);
      } else if (cut_before_meta_) {
        // Words start at a "▁" that follows something else.
        size_t start = 0;
        for (size_t p = piece.text.find(kMeta, 1);; p = piece.text.find(kMeta, p + 1)) {
          if (p != std::string::npos && piece.text.compare(p - std::min<size_t>(p, 3), 3, kMeta) == 0) continue;
          const size_t stop = p == std::string::npos ? piece.text.size() : p;
          bpe(std::string_view(piece.text).substr(start, stop - start),
              [&](int32_t id, size_t b, size_t e) { piece_emit(id, start + b, start + e); });
          if (p == std::string::npos) break;
          start = p;
        }
      } else {
        bpe(piece.text, piece_emit);
      }
    }
  }

  template <class Emit>
  void bpe(std::string_view s, Emit&& emit) const {
    if (ignore_merges_) {
      const int32_t id = lookup_.find(s);
      if (id >= 0) return emit(id, 0, s.size());
    }
    std::vector<bpe::Symbol> syms;
    hf::for_each_char(s, [&](char32_t, size_t pos, size_t len) {
      const int32_t id = lookup_.find(std::string_view(s).substr(pos, len));
      if (id >= 0) {
        syms.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + len), id});
      } else if (byte_fallback_) {
        for (size_t k = 0; k < len; ++k)
          syms.push_back({static_cast<uint32_t>(pos + k), static_cast<uint32_t>(pos + k + 1),
                          byte_id_[static_cast<uint8_t>(s[pos + k])]});
      } else {
        if (unk_ < 0)
          throw Error(name_ + ": '" + std::string(s.substr(pos, len)) + "' is not in the vocabulary and there is no unk_token");
        if (fuse_unk_ && !syms.empty() && syms.back().id == unk_) syms.back().end = static_cast<uint32_t>(pos + len);
        else syms.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + len), unk_});
      }
    });
    bpe::merge(syms, [&](const bpe::Symbol& l, const bpe::Symbol& r) {
      const auto it = merge_rank_.find(uint64_t(uint32_t(l.id)) << 32 | uint32_t(r.id));
      return it == merge_rank_.end() ? bpe::PairRank{} : bpe::PairRank{it->second.first, it->second.second};
    });
    for (const auto& sym : syms) emit(sym.id, sym.begin, sym.end);
  }

  // WordLevel: a piece is a word of the vocabulary or the unknown token.
  template <class Emit>
  void word_level(const std::string& w, Emit&& emit) const {
    const int32_t id = lookup_.find(w);
    if (id >= 0) return emit(id, 0, w.size());
    if (unk_ < 0) throw Error(name_ + ": '" + w + "' is not in the vocabulary and there is no unk_token");
    emit(unk_, 0, w.size());
  }

  // WordPiece: the longest vocabulary prefix, then the longest "##" continuation, and so
  // on; a word that cannot be covered is one [UNK].
  template <class Emit>
  void word_piece(const std::string& w, Emit&& emit) const {
    std::vector<size_t> bounds;
    hf::for_each_char(w, [&](char32_t, size_t pos, size_t) { bounds.push_back(pos); });
    bounds.push_back(w.size());
    const size_t chars = bounds.size() - 1;
    if (static_cast<int>(chars) > max_chars_) return emit(unk_, 0, w.size());
    std::vector<std::tuple<int32_t, size_t, size_t>> found;
    size_t start = 0;
    std::string sub;
    while (start < chars) {
      size_t end = chars;
      int32_t id = -1;
      for (; end > start; --end) {
        sub = start > 0 ? wp_prefix_ : std::string();
        sub.append(w, bounds[start], bounds[end] - bounds[start]);
        id = lookup_.find(sub);
        if (id >= 0) break;
      }
      if (id < 0) return emit(unk_, 0, w.size());
      found.emplace_back(id, bounds[start], bounds[end]);
      start = end;
    }
    for (const auto& [id, b, e] : found) emit(id, b, e);
  }

  json doc_;
  std::string name_;
  std::vector<hf::AddedToken> added_;
  hf::Normalizer normalize_;
  hf::PreTokenizer pre_;
  DecodeStep decode_;
  std::unordered_map<std::string, int32_t> token_to_id_;  // while reading the file
  ByteMap lookup_;                                         // the same, for the encode loops
  std::vector<std::string> id_to_token_;
  std::unordered_map<uint64_t, std::pair<uint32_t, int32_t>> merge_rank_;
  std::vector<int32_t> byte_id_;
  std::vector<int32_t> prefix_ids_, suffix_ids_;
  std::optional<int32_t> eos_;
  int32_t unk_ = -1;
  bool cut_before_meta_ = false;
  bool wordpiece_ = false, word_level_ = false, byte_level_ = false, byte_fallback_ = false, fuse_unk_ = false, ignore_merges_ = false;
  std::string wp_prefix_ = "##";
  int max_chars_ = 100;
};

}  // namespace

std::unique_ptr<Tokenizer> load_hf_pipeline(const hf::JsonFile& f, const std::string& name) {
  return std::make_unique<HfTokenizer>(f, name);
}

}  // namespace gb
