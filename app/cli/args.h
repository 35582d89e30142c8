#pragma once
// Command-line options of glassbox-cli: "--name value" pairs and bare "--flag"s.
// Every getter validates; a bad value throws gb::UsageError (exit code 2).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gb::cli {

class Args {
 public:
  // argv after the subcommand. flag_names lists the options that take no value.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& flag_names);

  // Throws UsageError if any option given is not in `known` (flags included).
  void allow_only(const std::set<std::string>& known) const;

  bool has(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::string str(const std::string& name) const;  // required
  std::string str(const std::string& name, const std::string& fallback) const;
  int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
  double number(const std::string& name, double fallback, double min, double max) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// Prints one JSON object line to stdout and flushes (streams are read line by line).
void print_json_line(const std::string& json);

}  // namespace gb::cli
