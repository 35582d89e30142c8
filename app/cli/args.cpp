#include "app/cli/args.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine/core/error.h"

namespace gb::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flag_names) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) throw UsageError("unexpected argument '" + a + "'");
    std::string name = a.substr(2);
    if (auto eq = name.find('='); eq != std::string::npos) {
      values_[name.substr(0, eq)] = name.substr(eq + 1);
      continue;
    }
    if (flag_names.count(name)) {
      flags_.insert(name);
      continue;
    }
    if (i + 1 >= argv.size()) throw UsageError("--" + name + " needs a value");
    values_[name] = argv[++i];
  }
}

void Args::allow_only(const std::set<std::string>& known) const {
  for (const auto& [name, value] : values_)
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  for (const auto& name : flags_)
    if (!known.count(name)) throw UsageError("unknown option --" + name);
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::str(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw UsageError("missing --" + name);
  return it->second;
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int64_t Args::integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || errno == ERANGE)
    throw UsageError("--" + name + " must be a whole number, not '" + s + "'");
  if (v < min || v > max)
    throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", not " + s);
  return v;
}

double Args::number(const std::string& name, double fallback, double min, double max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v))
    throw UsageError("--" + name + " must be a finite number, not '" + s + "'");
  if (v < min || v > max) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "--%s must be between %g and %g, not %s", name.c_str(), min, max, s.c_str());
    throw UsageError(buf);
  }
  return v;
}

void print_json_line(const std::string& json) {
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace gb::cli
