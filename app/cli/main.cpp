// Entry point of `paretoscope`; subcommands land in their own files.
#include <cstdio>

int main() {
  std::fputs("paretoscope: command line not written yet\n", stderr);
  return 2;
}
