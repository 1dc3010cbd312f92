# -*- Python -*-
# The C++ unit tests (GoogleTest binaries in build/unittests), run by lit so
# that `ninja check-sparq` runs everything.

import os

import lit.formats

config.name = "SPARQ-Unit"
config.suffixes = []
config.test_source_root = os.path.join(config.sparq_obj_root, "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
