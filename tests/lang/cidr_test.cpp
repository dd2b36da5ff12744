#include <catch2/catch.hpp>

#include "lang/cidr.hpp"
#include "lang_test_support.hpp"

using deploy_advisor::lang::block_contains;
using deploy_advisor::lang::parse_cidr_block;
using deploy_advisor::lang::parse_ip_address;
using lang_test::is_error;
using lang_test::is_false;
using lang_test::is_number;
using lang_test::is_true;
using lang_test::run;
using lang_test::Scope;
using lang_test::Value;

TEST_CASE("valid IPv4 and IPv6 blocks") {
  for (const char* text :
       {"10.0.0.0/8", "0.0.0.0/0", "192.168.1.0/24", "255.255.255.255/32", "10.0.0.1/8", "::/0",
        "2001:db8::/32", "::1/128", "fe80::/10", "2001:db8:0:0:0:0:0:1/64",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334/128", "::ffff:10.0.0.1/128", "1:2:3:4:5:6:7::/64",
        "::2:3:4:5:6:7:8/64", "FE80::ABCD/16"}) {
    INFO(text);
    CHECK(parse_cidr_block(text).has_value());
  }
}

TEST_CASE("invalid blocks are rejected strictly") {
  for (const char* text : {"",
                           "10.0.0.0",
                           "10.0.0.0/33",
                           "256.1.1.1/8",
                           "10.0.0/8",
                           "10.0.0.0.0/8",
                           "10.0.0.0/",
                           "/8",
                           "10.0.0.0/8/8",
                           "10.0.0.0/08",
                           "010.0.0.0/8",
                           "10.0.0.0/-1",
                           " 10.0.0.0/8",
                           "10.0.0.0/8 ",
                           "10.0..0/8",
                           "a.b.c.d/8",
                           "10.0.0.0/1000",
                           "::/129",
                           "1:::2/64",
                           "1::2::3/64",
                           ":1::/64",
                           "1::2:/64",
                           "1:2:3:4:5:6:7:8:9/64",
                           "1:2:3:4:5:6:7/64",
                           "1:2:3:4:5:6:7:8::/64",
                           "12345::/16",
                           "fe80::1%eth0/64",
                           "::ffff:10.0.0/96",
                           "1.2.3.4::/64",
                           "g::/16",
                           "10.0.0.0/8\n"}) {
    INFO(text);
    CHECK_FALSE(parse_cidr_block(text).has_value());
  }
}

TEST_CASE("blocks parse to their bytes and prefix") {
  auto v4 = parse_cidr_block("10.1.2.3/16");
  REQUIRE(v4);
  CHECK_FALSE(v4->is_v6);
  CHECK(v4->prefix == 16);
  CHECK(v4->bytes[0] == 10);
  CHECK(v4->bytes[3] == 3);
  auto v6 = parse_cidr_block("2001:db8::1/48");
  REQUIRE(v6);
  CHECK(v6->is_v6);
  CHECK(v6->prefix == 48);
  CHECK(v6->bytes[0] == 0x20);
  CHECK(v6->bytes[1] == 0x01);
  CHECK(v6->bytes[2] == 0x0d);
  CHECK(v6->bytes[3] == 0xb8);
  CHECK(v6->bytes[15] == 1);
  auto mapped = parse_ip_address("::ffff:192.0.2.1");
  REQUIRE(mapped);
  CHECK(mapped->prefix == 128);
  CHECK(mapped->bytes[10] == 0xff);
  CHECK(mapped->bytes[12] == 192);
  CHECK(mapped->bytes[15] == 1);
}

TEST_CASE("containment compares the leading bits") {
  auto block = [](const char* text) { return *parse_cidr_block(text); };
  CHECK(block_contains(block("10.0.0.0/8"), block("10.20.0.0/16")));
  CHECK(block_contains(block("10.0.0.0/8"), block("10.0.0.0/8")));
  CHECK_FALSE(block_contains(block("10.20.0.0/16"), block("10.0.0.0/8")));
  CHECK_FALSE(block_contains(block("10.0.0.0/8"), block("11.0.0.0/16")));
  CHECK(block_contains(block("10.0.0.0/12"), block("10.15.255.0/24")));
  CHECK_FALSE(block_contains(block("10.0.0.0/12"), block("10.16.0.0/24")));
  CHECK(block_contains(block("0.0.0.0/0"), block("203.0.113.0/24")));
  CHECK(block_contains(block("2001:db8::/32"), block("2001:db8:1::/48")));
  CHECK_FALSE(block_contains(block("2001:db8::/32"), block("2001:db9::/48")));
  CHECK_FALSE(block_contains(block("::/0"), block("10.0.0.0/8")));  // families differ
  CHECK_FALSE(block_contains(block("0.0.0.0/0"), block("::/0")));
}

TEST_CASE("cidr_valid() in expressions") {
  Scope scope;
  scope.bind("missing", Value::absent());
  CHECK(is_true(run("cidr_valid('10.0.0.0/8')")));
  CHECK(is_true(run("cidr_valid('2001:db8::/32')")));
  CHECK(is_false(run("cidr_valid('10.0.0.0/33')")));
  CHECK(is_false(run("cidr_valid('256.1.1.1/8')")));
  CHECK(is_false(run("cidr_valid('10.0.0/8')")));
  CHECK(is_false(run("cidr_valid('')")));
  CHECK(is_false(run("cidr_valid(8)")));
  CHECK(scope.run("cidr_valid(missing)").is_absent());
}

TEST_CASE("cidr_contains() takes a block and a block or an address") {
  Scope scope;
  scope.bind("missing", Value::absent());
  CHECK(is_true(run("cidr_contains('10.0.0.0/8', '10.1.2.3')")));
  CHECK(is_true(run("cidr_contains('10.0.0.0/8', '10.1.0.0/16')")));
  CHECK(is_false(run("cidr_contains('10.0.0.0/8', '192.168.0.1')")));
  CHECK(is_true(run("cidr_contains('::/0', '2001:db8::1')")));
  CHECK(is_false(run("cidr_contains('::/0', '10.0.0.1')")));
  CHECK(is_error(run("cidr_contains('10.0.0.0/33', '10.0.0.1')"),
                 "cidr_contains() got '10.0.0.0/33', which is not a CIDR block such as "
                 "10.0.0.0/8"));
  CHECK(is_error(run("cidr_contains('10.0.0.1', '10.0.0.1')"), "not a CIDR block"));
  CHECK(is_error(run("cidr_contains('10.0.0.0/8', '10.0.0')"),
                 "got '10.0.0', which is not a CIDR block or an IP address"));
  CHECK(
      is_error(run("cidr_contains(10, '10.0.0.1')"), "cidr_contains() needs a string, got number"));
  CHECK(scope.run("cidr_contains(missing, '10.0.0.1')").is_absent());
  CHECK(scope.run("cidr_contains('10.0.0.0/8', missing)").is_absent());
}

TEST_CASE("cidr_is_open() is true for blocks that span every address") {
  CHECK(is_true(run("cidr_is_open('0.0.0.0/0')")));
  CHECK(is_true(run("cidr_is_open('::/0')")));
  CHECK(is_false(run("cidr_is_open('10.0.0.0/8')")));
  CHECK(is_false(run("cidr_is_open('2001:db8::/32')")));
  CHECK(is_false(run("cidr_is_open('0.0.0.0/1')")));
  CHECK(is_error(run("cidr_is_open('0.0.0.0')"), "not a CIDR block"));
  CHECK(is_true(run("['10.0.0.0/8', '0.0.0.0/0'].exists(b, cidr_is_open(b))")));
}

TEST_CASE("cidr_prefix() gives the prefix length") {
  CHECK(is_number(run("cidr_prefix('10.0.0.0/8')"), 8));
  CHECK(is_number(run("cidr_prefix('2001:db8::/32')"), 32));
  CHECK(is_number(run("cidr_prefix('::/0')"), 0));
  CHECK(is_error(run("cidr_prefix('10.0.0.0/33')"), "not a CIDR block"));
  CHECK(is_error(run("cidr_prefix('')"), "not a CIDR block"));
}
