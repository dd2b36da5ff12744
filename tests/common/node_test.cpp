#include <catch2/catch.hpp>

#include "deploy_advisor/common/node.hpp"

using deploy_advisor::Node;
using deploy_advisor::ScalarType;

TEST_CASE("plain scalars follow the YAML 1.2 core schema") {
  auto plain = [](const char* text) { return Node::scalar(text, Node::Style::Plain, {}); };
  CHECK(scalar_type(plain("~")) == ScalarType::Null);
  CHECK(scalar_type(plain("true")) == ScalarType::Bool);
  CHECK(scalar_type(plain("no")) == ScalarType::String);  // YAML 1.1 would say bool
  CHECK(scalar_type(plain("12")) == ScalarType::Integer);
  CHECK(scalar_type(plain("-1.5e3")) == ScalarType::Float);
  CHECK(scalar_type(plain("10.0.0.0/8")) == ScalarType::String);
  CHECK(scalar_type(Node::scalar("12", Node::Style::Quoted, {})) == ScalarType::String);
  CHECK(scalar_number(plain("0x1F")) == 31);
}
