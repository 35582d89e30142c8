#pragma once
// Small helpers for reading tokenizer.json: every error names the file and the component.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"

namespace gb::hf {

struct JsonFile {
  std::filesystem::path path;
  nlohmann::json root;

  [[noreturn]] void fail(const std::string& what) const { throw Error(path.string() + ": " + what); }
  // The "type" of a component, or fail naming where it is.
  std::string type_of(const nlohmann::json& component, const std::string& where) const {
    if (!component.is_object() || !component.contains("type") || !component["type"].is_string())
      fail(where + " has no \"type\"");
    return component["type"].get<std::string>();
  }
  bool flag(const nlohmann::json& o, const char* key, bool fallback) const {
    if (!o.contains(key) || o[key].is_null()) return fallback;
    if (!o[key].is_boolean()) fail(std::string("\"") + key + "\" is not true/false");
    return o[key].get<bool>();
  }
};

JsonFile read_json_file(const std::filesystem::path& path);

}  // namespace gb::hf
