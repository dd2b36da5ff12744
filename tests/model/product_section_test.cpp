#include <catch2/catch.hpp>

#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/model/schema.hpp"

using namespace deploy_advisor;

namespace {

struct Read {
  ProductSpec spec;
  std::vector<InputError> errors;
};

Read read(const std::string& text) {
  auto parsed = parse_yaml(text, intern_file_name("toy.yaml"));
  REQUIRE(parsed.ok());
  Read r;
  r.spec.name = "toy";
  read_product_section(parsed.root, r.spec, r.errors);
  return r;
}

const Schema& key(const ProductSpec& spec, const std::string& name) {
  for (const auto& p : spec.keys)
    if (p.name == name) return p.schema;
  FAIL("no key " << name);
  static Schema none;
  return none;
}

}  // namespace

TEST_CASE("section: each key type maps onto the schema it names") {
  auto r = read(R"(keys:
  a: {type: integer, minimum: 2, description: an integer}
  b: {type: number, above: 0, description: above zero}
  c: {type: number, minimum: 1, required: true, description: at least one}
  d: {one_of: [x, y], description: a choice}
  e: {type: list, description: nets, items: {type: cidr, description: a net}}
  f: {type: dict, description: per name, items: {type: object, description: one, keys: {g: {type: boolean, description: flag}}}}
  h: {type: file, native: cortex_cluster, description: a file}
  i: {type: traffic, description: its own traffic}
  j: {type: env, description: variables}
)");
  REQUIRE(r.errors.empty());
  CHECK(r.spec.keys.front().name == "version");  // every product has one, first
  CHECK(key(r.spec, "a").kind == Schema::Kind::Integer);
  CHECK(key(r.spec, "a").minimum == 2);
  CHECK(key(r.spec, "b").exclusive_minimum == 0);
  CHECK_FALSE(key(r.spec, "b").minimum);
  CHECK(key(r.spec, "c").minimum == 1);
  CHECK(r.spec.keys[3].required);
  CHECK(key(r.spec, "d").choices == std::vector<std::string>{"x", "y"});
  CHECK(key(r.spec, "e").items->kind == Schema::Kind::Cidr);
  CHECK(key(r.spec, "f").items->properties.at(0).schema.kind == Schema::Kind::Boolean);
  CHECK(key(r.spec, "h").kind == Schema::Kind::PathOrMap);
  CHECK(r.spec.native_key("h") == NativeKind::CortexCluster);
  CHECK(key(r.spec, "i").properties.size() == traffic_schema().properties.size());
  CHECK(key(r.spec, "i").description == "its own traffic");
  CHECK(key(r.spec, "j").kind == Schema::Kind::EnvMap);
}

TEST_CASE("section: mistakes are located in the profile") {
  auto r = read(R"(keys:
  a: {type: integer, above: 1, description: an integer}
  h: {type: string, native: cortex_cluster, description: a file}
  version: {type: string, description: again}
roles:
  api: {diagram: client, keys: {calls: {type: integer, diagram: calls, description: x}}}
config: cortex_cluster
)");
  std::vector<std::string> messages;
  for (const auto& e : r.errors) messages.push_back(format_input_error(e));
  CHECK_THAT(messages.at(0), Catch::Contains("toy.yaml:2:29: error: section.keys.a.above: above is for number keys only"));
  CHECK_THAT(messages.at(1), Catch::Contains("toy.yaml:3:29: error: section.keys.h.native: a cortex_cluster key is declared with type: file"));
  CHECK_THAT(messages.at(2), Catch::Contains("section.config: 'cortex_cluster' is not a configuration file kind"));
  CHECK_THAT(messages.at(3), Catch::Contains("toy.yaml:6:65: error: section.roles.api.keys.calls.diagram: a key that names a component is of type: string"));
  CHECK_THAT(messages.at(4), Catch::Contains("toy.yaml:4:3: error: section.keys.version: every product has a version key already"));
}
