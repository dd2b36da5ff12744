#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "deploy_advisor/model/schema.hpp"

// Short constructors that keep the schema tables readable.
namespace deploy_advisor::schema_builders {

inline Schema kind(Schema::Kind k, std::string description) {
  Schema s;
  s.kind = k;
  s.description = std::move(description);
  return s;
}
inline Schema string(std::string d) { return kind(Schema::Kind::String, std::move(d)); }
inline Schema boolean(std::string d) { return kind(Schema::Kind::Boolean, std::move(d)); }
inline Schema cidr(std::string d) { return kind(Schema::Kind::Cidr, std::move(d)); }
inline Schema any(std::string d) { return kind(Schema::Kind::Any, std::move(d)); }
inline Schema integer(std::string d, std::optional<double> min = std::nullopt) {
  Schema s = kind(Schema::Kind::Integer, std::move(d));
  s.minimum = min;
  return s;
}
inline Schema exactly(std::string d, double value) {
  Schema s = kind(Schema::Kind::Integer, std::move(d));
  s.minimum = value;
  s.maximum = value;
  return s;
}
inline Schema number_at_least(std::string d, double min) {
  Schema s = kind(Schema::Kind::Number, std::move(d));
  s.minimum = min;
  return s;
}
inline Schema number_above(std::string d, double min) {
  Schema s = kind(Schema::Kind::Number, std::move(d));
  s.exclusive_minimum = min;
  return s;
}
inline Schema one_of(std::string d, std::vector<std::string> choices) {
  Schema s = kind(Schema::Kind::Enum, std::move(d));
  s.choices = std::move(choices);
  return s;
}
inline Schema list_of(std::string d, Schema item) {
  Schema s = kind(Schema::Kind::List, std::move(d));
  s.items = std::make_shared<const Schema>(std::move(item));
  return s;
}
inline Schema dict_of(std::string d, Schema item) {
  Schema s = kind(Schema::Kind::Dict, std::move(d));
  s.items = std::make_shared<const Schema>(std::move(item));
  return s;
}
inline Schema object(std::string d, std::vector<Schema::Property> properties) {
  Schema s = kind(Schema::Kind::Object, std::move(d));
  s.properties = std::move(properties);
  return s;
}
inline Schema::Property key(std::string name, Schema schema) {
  return Schema::Property{std::move(name), std::move(schema), false};
}
inline Schema::Property required(std::string name, Schema schema) {
  return Schema::Property{std::move(name), std::move(schema), true};
}

}  // namespace deploy_advisor::schema_builders
