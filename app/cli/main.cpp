// Entry point of `paretoscope`: forwards to ps::cli::run.
#include <iostream>

#include "app/cli/cli.h"

int main(int argc, char** argv) { return ps::cli::run(argc, argv, std::cin, std::cout, std::cerr); }
