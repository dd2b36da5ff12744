#pragma once

#include <iosfwd>

#include "deploy_advisor/common/file_system.hpp"

namespace deploy_advisor {

/// Runs the command line; returns the exit status (0, 1 or 2, see docs/cli.md). Never throws.
/// `terminal` tells whether standard output is a terminal (colour is used only then).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            FileSystem& files, bool terminal);

}  // namespace deploy_advisor
