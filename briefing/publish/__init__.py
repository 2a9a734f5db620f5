"""The only writer (atomic swap) and the build cache."""
