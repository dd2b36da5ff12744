# -DDEPLOY_ADVISOR_SANITIZE=ON builds everything with ASan and UBSan; the `asan` preset uses it.
add_library(deploy_advisor_sanitizers INTERFACE)
if(DEPLOY_ADVISOR_SANITIZE)
  target_compile_options(deploy_advisor_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(deploy_advisor_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
