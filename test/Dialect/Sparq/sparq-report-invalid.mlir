// The report file cannot be created.
// RUN: sparq-opt %s --sparq-report="file=%t.missing/report.json" -verify-diagnostics

// expected-error@+1 {{sparq-report: cannot write '}}
module {}
