# -DDEPLOY_ADVISOR_SANITIZE=ON builds everything with ASan and UBSan; the `asan` preset uses it.
# The fuzz build always has them too: a fuzzer without sanitizers only finds hard crashes.
add_library(deploy_advisor_sanitizers INTERFACE)
if(DEPLOY_ADVISOR_SANITIZE OR DEPLOY_ADVISOR_FUZZ)
  target_compile_options(deploy_advisor_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(deploy_advisor_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# -DDEPLOY_ADVISOR_FUZZ=ON instruments everything for libFuzzer's coverage guidance; the
# targets in fuzz/ add libFuzzer's main.
if(DEPLOY_ADVISOR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DEPLOY_ADVISOR_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  target_compile_options(deploy_advisor_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
