#include "deploy_advisor/readers.hpp"
