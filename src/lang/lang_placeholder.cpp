// replaced by the language implementation
