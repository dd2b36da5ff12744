// The escaping of each machine-read format, against hostile text.
#include <catch2/catch.hpp>

#include "format/escaping.hpp"

namespace da = deploy_advisor;

TEST_CASE("github: data cannot leave its line or start a command") {
  for (const std::string hostile : {"a\n::error file=x::owned", "a\r::error::owned",
                                    "a\r\n::warning::x", "%0A::error::owned", "100%"}) {
    INFO(hostile);
    std::string escaped = da::escape_github_data(hostile);
    CHECK(escaped.find('\n') == std::string::npos);
    CHECK(escaped.find('\r') == std::string::npos);
  }
  // `%` is escaped too, so a literal "%0A" stays literal text after the runner decodes it.
  CHECK(da::escape_github_data("a\n::error file=x::owned") == "a%0A::error file=x::owned");
  CHECK(da::escape_github_data("%0A") == "%250A");
  CHECK(da::escape_github_data("50%, a:b") == "50%25, a:b");
  CHECK(da::escape_github_data(std::string("bell\x07", 5)) == "bell\xEF\xBF\xBD");
}

TEST_CASE("github: a property value cannot end the property list") {
  CHECK(da::escape_github_property("x,line=1::owned") == "x%2Cline=1%3A%3Aowned");
  CHECK(da::escape_github_property("a\nb%") == "a%0Ab%25");
  CHECK(da::escape_github_property("plain/path-1.yaml") == "plain/path-1.yaml");
}

TEST_CASE("xml: special characters become entities") {
  CHECK(da::escape_xml("<a href=\"x\">&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(da::escape_xml("]]>") == "]]&gt;");
  CHECK(da::escape_xml("tab\tline\nreturn\r") == "tab&#9;line&#10;return&#13;");
}

TEST_CASE("xml: characters XML 1.0 cannot carry become U+FFFD") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(da::escape_xml(std::string("a\0b", 3)) == "a" + replacement + "b");
  CHECK(da::escape_xml("\x1b[31m") == replacement + "[31m");
  CHECK(da::escape_xml("\xEF\xBF\xBE") == replacement);            // U+FFFE
  CHECK(da::escape_xml("\xC3") == replacement);                    // truncated sequence
  CHECK(da::escape_xml("\xC0\xAF") == replacement + replacement);  // overlong '/'
  CHECK(da::escape_xml("\xED\xA0\x80") == replacement + replacement + replacement);  // a surrogate
  CHECK(da::escape_xml("caf\xC3\xA9 \xF0\x9F\x9A\x80") ==
        "caf\xC3\xA9 \xF0\x9F\x9A\x80");  // kept as is
}
