"""Reading: source files, sentence splitting, strict YAML, schema and content files."""
