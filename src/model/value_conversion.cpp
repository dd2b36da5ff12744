#include <cmath>

#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor {

Value to_value(const Node& node) {
  switch (node.kind()) {
    case Node::Kind::Null:
      return Value::null(node.location());
    case Node::Kind::Scalar:
      switch (scalar_type(node)) {
        case ScalarType::Null:
          return Value::null(node.location());
        case ScalarType::Bool:
          return Value::boolean(scalar_bool(node), node.location());
        case ScalarType::Integer:
        case ScalarType::Float: {
          double n = scalar_number(node);
          // Non-finite numbers would leak into arithmetic; keep them as the text written.
          if (!std::isfinite(n)) return Value::string(node.text(), node.location());
          return Value::number(n, node.location());
        }
        case ScalarType::String:
          return Value::string(node.text(), node.location());
      }
      break;
    case Node::Kind::Sequence: {
      Value::List items;
      items.reserve(node.items().size());
      for (const auto& item : node.items()) items.push_back(to_value(item));
      return Value::list(std::move(items), node.location());
    }
    case Node::Kind::Mapping: {
      Value::Map entries;
      entries.reserve(node.entries().size());
      for (const auto& [k, v] : node.entries()) entries.emplace_back(k.text(), to_value(v));
      return Value::map(std::move(entries), node.location());
    }
  }
  return Value::null(node.location());
}

}  // namespace deploy_advisor
