"""Commands around the build: serve, new, schema and docs generation, link checking."""
