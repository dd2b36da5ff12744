#pragma once

#include "lang/functions.hpp"

/// The implementations behind the function table in functions.cpp, one file per family.
namespace deploy_advisor::lang::builtins {

// math_functions.cpp
Value ceil(const CallContext& call);
Value floor(const CallContext& call);
Value round(const CallContext& call);
Value abs(const CallContext& call);
Value min(const CallContext& call);
Value max(const CallContext& call);
Value sum(const CallContext& call);
Value to_int(const CallContext& call);
Value to_double(const CallContext& call);

// text_functions.cpp
Value to_string(const CallContext& call);
Value type_name(const CallContext& call);
Value format_number(const CallContext& call);
Value starts_with(const CallContext& call);
Value ends_with(const CallContext& call);
Value contains(const CallContext& call);
Value lower(const CallContext& call);
Value upper(const CallContext& call);
Value matches(const CallContext& call);
Value split(const CallContext& call);
Value join(const CallContext& call);

// collection_functions.cpp
Value size(const CallContext& call);
Value flatten(const CallContext& call);
Value keys(const CallContext& call);
Value values(const CallContext& call);

// network_functions.cpp
Value cidr_valid(const CallContext& call);
Value cidr_contains(const CallContext& call);
Value cidr_is_open(const CallContext& call);
Value cidr_prefix(const CallContext& call);

}  // namespace deploy_advisor::lang::builtins
