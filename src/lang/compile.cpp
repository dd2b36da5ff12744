#include <exception>
#include <new>

#include <fmt/format.h>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/checker.hpp"
#include "lang/expression.hpp"
#include "lang/parser.hpp"
#include "lang/source_map.hpp"

namespace deploy_advisor::lang {

namespace {

// Rules are a line or a few; anything this long is a mistake or an attack.
constexpr std::size_t kMaxTextBytes = 64 * 1024;

CompileResult failure(Location location, std::string message) {
  return {nullptr, CompileError{location, std::move(message)}};
}

}  // namespace

CompileResult compile(std::string_view text, Location origin,
                      const std::vector<std::string>& names) {
  if (text.size() > kMaxTextBytes)
    return failure(origin,
                   fmt::format("expression is {} bytes long; the limit is {} bytes (64 KiB)",
                               text.size(), kMaxTextBytes));
  try {
    SourceMap source_map(text, origin);
    ParseResult parsed = parse(text, source_map);
    if (parsed.error)
      return failure(source_map.locate(parsed.error->offset), parsed.error->message);
    if (auto error = check(*parsed.root, names)) return {nullptr, std::move(error)};
    auto expression =
        std::make_shared<const Expression>(std::string(text), origin, std::move(parsed.root));
    return {std::move(expression), std::nullopt};
  } catch (const std::bad_alloc&) {
    return failure(origin, "out of memory while compiling the expression");
  } catch (const std::exception& exception) {
    return failure(origin, std::string("cannot compile the expression: ") + exception.what());
  }
}

const std::string& source_text(const Expression& expression) { return expression.text(); }

}  // namespace deploy_advisor::lang
