#define PCRE2_CODE_UNIT_WIDTH 8
#include "engine/tokenizer/regex_split.h"

#include <pcre2.h>

#include "engine/core/error.h"

namespace gb {

struct RegexSplitter::Impl {
  pcre2_code* code = nullptr;
  bool jit = false;
};

RegexSplitter::RegexSplitter(const std::string& pattern) : pattern_(pattern), impl_(std::make_unique<Impl>()) {
  int err = 0;
  PCRE2_SIZE err_offset = 0;
  // UCP: \s, \d, \w and POSIX classes follow Unicode. MATCH_INVALID_UTF: ill-formed bytes
  // are skipped by the matcher instead of failing the whole match. DOLLAR_ENDONLY: `$`
  // means end of text, as in Rust's regex (tiktoken) and Python's without MULTILINE.
  impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                              PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY, &err,
                              &err_offset, nullptr);
  if (!impl_->code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    throw Error("bad pre-tokenizer pattern at offset " + std::to_string(err_offset) + ": " +
                reinterpret_cast<const char*>(msg) + ": " + pattern);
  }
  impl_->jit = pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE) == 0;
}

RegexSplitter::~RegexSplitter() {
  if (impl_ && impl_->code) pcre2_code_free(impl_->code);
}

void RegexSplitter::split(std::string_view text, const std::function<void(size_t, size_t)>& piece) const {
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(impl_->code, nullptr);
  // The JIT's default 32 KiB stack is too small for long runs of one class (a megabyte of
  // spaces); give each call its own larger one.
  pcre2_jit_stack* stack = impl_->jit ? pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr) : nullptr;
  pcre2_match_context* mc = nullptr;
  if (stack) {
    mc = pcre2_match_context_create(nullptr);
    pcre2_jit_stack_assign(mc, nullptr, stack);
  }
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  size_t pos = 0;      // where the next match attempt starts
  size_t covered = 0;  // bytes already handed out
  while (pos < text.size()) {
    const int rc = impl_->jit ? pcre2_jit_match(impl_->code, subject, text.size(), pos, 0, md, mc)
                              : pcre2_match(impl_->code, subject, text.size(), pos, 0, md, mc);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(rc, msg, sizeof msg);
      if (mc) pcre2_match_context_free(mc);
      if (stack) pcre2_jit_stack_free(stack);
      pcre2_match_data_free(md);
      throw Error(std::string("pre-tokenizer match failed: ") + reinterpret_cast<const char*>(msg));
    }
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    const size_t b = ov[0], e = ov[1];
    if (b > covered) piece(covered, b);
    if (e > b) {
      piece(b, e);
      covered = e;
      pos = e;
    } else {
      // An empty match (no pattern we ship has one): step over one byte so we make progress.
      pos = b + 1;
      covered = b;
    }
  }
  if (covered < text.size()) piece(covered, text.size());
  if (mc) pcre2_match_context_free(mc);
  if (stack) pcre2_jit_stack_free(stack);
  pcre2_match_data_free(md);
}

}  // namespace gb
