// Bad options of --sparq-pe-simulate and bad input=FILE.json files.
// RUN: split-file %s %t
// RUN: sparq-opt %t/noreport.mlir --sparq-pe-simulate -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/nowrite.mlir --sparq-pe-simulate="report=%t/missing/r.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/missing.mlir --sparq-pe-simulate="report=- input=%t/none.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/notjson.mlir --sparq-pe-simulate="report=- input=%t/notjson.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/top.mlir --sparq-pe-simulate="report=- input=%t/top.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/func.mlir --sparq-pe-simulate="report=- input=%t/func.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/index.mlir --sparq-pe-simulate="report=- input=%t/index.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/list.mlir --sparq-pe-simulate="report=- input=%t/list.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/int.mlir --sparq-pe-simulate="report=- input=%t/int.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/name.mlir --sparq-pe-simulate="report=- input=%t/name.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/count.mlir --sparq-pe-simulate="report=- input=%t/count.json" -verify-diagnostics -o /dev/null
// RUN: sparq-opt %t/range.mlir --sparq-pe-simulate="report=- input=%t/range.json" -verify-diagnostics -o /dev/null

//--- noreport.mlir
// expected-error@+1 {{sparq-pe-simulate: give report=FILE.json (- for stdout)}}
module {}

//--- nowrite.mlir
// expected-error@+1 {{sparq-pe-simulate: cannot write '}}
module {}

//--- missing.mlir
// expected-error@+1 {{none.json': cannot read the file}}
module {}

//--- notjson.json
{"f": 
//--- notjson.mlir
// expected-error@+1 {{notjson.json': not JSON:}}
module {}

//--- top.json
[1, 2]
//--- top.mlir
// expected-error@+1 {{top.json': expected an object keyed by function name}}
module {}

//--- func.json
{"f": [1, 2]}
//--- func.mlir
// expected-error@+1 {{func.json': the entry of 'f' must be an object keyed by argument index}}
module {}

//--- index.json
{"f": {"x": [1]}}
//--- index.mlir
// expected-error@+1 {{index.json': 'x' is not an argument index}}
module {}

//--- list.json
{"f": {"0": 1}}
//--- list.mlir
// expected-error@+1 {{list.json': argument 0 of 'f' must be an array of integers}}
module {}

//--- int.json
{"f": {"0": [1.5]}}
//--- int.mlir
// expected-error@+1 {{int.json': argument 0 of 'f' holds a value that is not an integer}}
module {}

//--- name.json
{"g": {"0": [1]}}
//--- name.mlir
// expected-error@+1 {{sparq-pe-simulate: input names 'g', which is not a function of the module}}
module {
  func.func @f() {
    return
  }
}

//--- count.json
{"f": {"0": [1, 2, 3]}}
//--- count.mlir
func.func @f(%a: tensor<1x2xi4>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[3, 0], [-1, 6]]> : tensor<2x2xi4>
  %acc = arith.constant dense<0> : tensor<1x2xi32>
  // expected-error@+1 {{its activation operand is not known at compile time: input gives 3 values for argument #0 of @f, which has 2}}
  %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
      : tensor<1x2xi4>, tensor<2x2xi4>, tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}

//--- range.json
{"f": {"0": [16, 0]}}
//--- range.mlir
func.func @f(%a: tensor<1x2xi4>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[3, 0], [-1, 6]]> : tensor<2x2xi4>
  %acc = arith.constant dense<0> : tensor<1x2xi32>
  // expected-error@+1 {{input value 16 for argument #0 of @f does not fit 4 bits}}
  %r = sparq_pe.atom_mac %a(signed), %w(signed), %acc
      : tensor<1x2xi4>, tensor<2x2xi4>, tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}
