# One place for compiler warnings; every project target links this interface target.
add_library(deploy_advisor_warnings INTERFACE)
target_compile_options(deploy_advisor_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough>
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
