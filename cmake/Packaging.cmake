# Installation (binary, man page, bash completion) and the Debian package:
#   cmake --install build --prefix /usr/local
#   cd build && cpack -G DEB
include(GNUInstallDirs)

set(DA_GENERATED_DOCS ${PROJECT_BINARY_DIR}/share)

# The man page is written from the built binary's --help-all and --version, so it always
# describes the flags that exist. help2man is a Debian package (scripts/install-deps.sh).
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
if(HELP2MAN AND GZIP)
  add_custom_command(
    OUTPUT ${DA_GENERATED_DOCS}/deploy-advisor.1.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${DA_GENERATED_DOCS}
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --help-option=--help-all
            --name "check deployment topologies against vendor production recommendations"
            --include ${PROJECT_SOURCE_DIR}/packaging/deploy-advisor.h2m
            --output ${DA_GENERATED_DOCS}/deploy-advisor.1 $<TARGET_FILE:deploy-advisor>
    # -n: no name or time stamp in the archive, so the page is the same bytes on every build.
    COMMAND ${GZIP} -9nf ${DA_GENERATED_DOCS}/deploy-advisor.1
    DEPENDS deploy-advisor ${PROJECT_SOURCE_DIR}/packaging/deploy-advisor.h2m
    COMMENT "Writing the man page with help2man"
    VERBATIM)
  add_custom_target(man_page ALL DEPENDS ${DA_GENERATED_DOCS}/deploy-advisor.1.gz)
  install(FILES ${DA_GENERATED_DOCS}/deploy-advisor.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man or gzip not found: no man page is built or installed "
                  "(scripts/install-deps.sh installs help2man)")
endif()

# The completion script comes from the binary itself: its commands, flags and rule ids.
add_custom_command(
  OUTPUT ${DA_GENERATED_DOCS}/deploy-advisor.bash
  COMMAND ${CMAKE_COMMAND} -E make_directory ${DA_GENERATED_DOCS}
  COMMAND deploy-advisor completion bash -o ${DA_GENERATED_DOCS}/deploy-advisor.bash
  DEPENDS deploy-advisor
  COMMENT "Writing the bash completion"
  VERBATIM)
add_custom_target(bash_completion ALL DEPENDS ${DA_GENERATED_DOCS}/deploy-advisor.bash)
install(FILES ${DA_GENERATED_DOCS}/deploy-advisor.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME deploy-advisor)

set(CPACK_PACKAGE_NAME deploy-advisor)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "checks Metarank, Tracardi, Metaflow and Cortex deployments against vendor recommendations")
set(CPACK_PACKAGE_DESCRIPTION
    "deploy-advisor reads a deployment topology and the products' own configuration files, reports every finding at file:line:column with the rule and its source, and sizes replicas, memory and storage from the declared traffic.")
set(CPACK_PACKAGE_CONTACT "deploy-advisor maintainers <deploy-advisor@example.org>")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The shared libraries the binary links (yaml-cpp, fmt, RE2 …) become the package's Depends.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)

if(BUILD_TESTING)
  # What `cmake --install` puts in place, staged in the build folder; the man page lists the
  # commands' flags because it is written from --help-all.
  set(DA_STAGE ${PROJECT_BINARY_DIR}/install-test)
  set(DA_INSTALL_CHECK
      "rm -rf '${DA_STAGE}' && '${CMAKE_COMMAND}' --install '${PROJECT_BINARY_DIR}' --prefix '${DA_STAGE}' >/dev/null"
      " && '${DA_STAGE}/bin/deploy-advisor' --version"
      " && test -s '${DA_STAGE}/${CMAKE_INSTALL_DATADIR}/bash-completion/completions/deploy-advisor'")
  if(HELP2MAN AND GZIP)
    list(APPEND DA_INSTALL_CHECK
         " && gzip -dc '${DA_STAGE}/${CMAKE_INSTALL_MANDIR}/man1/deploy-advisor.1.gz' | grep -c 'write.\\{1,2\\}baseline' >/dev/null")
  endif()
  string(JOIN "" DA_INSTALL_CHECK ${DA_INSTALL_CHECK})
  add_test(NAME "install: binary, man page and bash completion" COMMAND sh -c "${DA_INSTALL_CHECK}")
endif()
