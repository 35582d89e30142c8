#pragma once
// Errors the engine reports to its callers. Every message is one line that names what is
// wrong (and the file, where there is one), so the CLI and the app can show it as it is.
#include <stdexcept>
#include <string>

namespace gb {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The caller asked for something that does not make sense (a bad flag, a bad number).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A compute device failed in the middle of a run: lost, or out of its memory. The work can go
// on on the CPU (the trainer and the generation loop do that; see device_fallback_reason()
// in engine/backend/backend.h). what() is the one-line reason.
class DeviceError : public Error {
 public:
  using Error::Error;
};

#define GB_CHECK(cond, msg)                      \
  do {                                           \
    if (!(cond)) throw ::gb::Error(msg);         \
  } while (0)

}  // namespace gb
