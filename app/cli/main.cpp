#include <cstdio>

int main() {
  std::fprintf(stderr, "glassbox-cli: no command yet\n");
  return 2;
}
