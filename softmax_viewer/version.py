"""The program's version, in one place (the package, About and the build read it)."""
VERSION = "0.1.0"
