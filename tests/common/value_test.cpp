#include <catch2/catch.hpp>

#include "deploy_advisor/common/value.hpp"

using deploy_advisor::Value;

TEST_CASE("numbers display as people write figures") {
  CHECK(display(Value::number(2880)) == "2,880");
  CHECK(display(Value::number(1.25)) == "1.25");
  CHECK(display(Value::number(1840.504)) == "1,840.5");
  CHECK(display(Value::number(-3)) == "-3");
  CHECK(display(Value::absent()) == "unset");
}

TEST_CASE("a missing member reads as absent at the enclosing map") {
  deploy_advisor::Location at{deploy_advisor::intern_file_name("t.yaml"), 3, 5};
  Value map = Value::map({{"a", Value::number(1)}}, at);
  Value missing = map.get("b");
  CHECK(missing.is_absent());
  CHECK(missing.location() == at);
  CHECK(equal(map.get("a"), Value::number(1)));
}
