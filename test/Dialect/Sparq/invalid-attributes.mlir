// RUN: sparq-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of #sparq.quant and #sparq.encoding.

// expected-error@+1 {{quantized storage type must be an integer type such as si8 or ui4, got 'f16'}}
func.func private @f() attributes {q = #sparq.quant<f16:f32, symmetric, tensor>}

// -----

// expected-error@+1 {{expressed type must be a float type, got 'i32'}}
func.func private @f() attributes {q = #sparq.quant<si8:i32, symmetric, tensor>}

// -----

// expected-error@+1 {{unknown quantization scheme 'linear'}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, linear, tensor>}

// -----

// expected-error@+1 {{unknown granularity 'row'}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, row>}

// -----

// expected-error@+1 {{unknown rounding mode 'stochastic'}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, tensor, rounding = stochastic>}

// -----

// expected-error@+1 {{quantization bit width must be in [1, 16], got 17}}
func.func private @f() attributes {q = #sparq.quant<si17:f32, symmetric, tensor>}

// -----

// expected-error@+1 {{quantized storage type must state its signedness (si8 or ui8), got 'i8'}}
func.func private @f() attributes {q = #sparq.quant<i8:f32, symmetric, tensor>}

// -----

// expected-error@+1 {{symmetric quantization needs signed storage (si8), got 'ui8'}}
func.func private @f() attributes {q = #sparq.quant<ui8:f32, symmetric, tensor>}

// -----

// expected-error@+1 {{symmetric quantization needs at least 2 bits, got 1}}
func.func private @f() attributes {q = #sparq.quant<si1:f32, symmetric, tensor>}

// -----

// expected-error@+1 {{codebook indices need unsigned storage (ui4), got 'si4'}}
func.func private @f() attributes {q = #sparq.quant<si4:f32, codebook, tensor>}

// -----

// expected-error@+1 {{channel axis must be non-negative, got -1}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, channel(-1)>}

// -----

// expected-error@+1 {{group axis must be non-negative, got -2}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, group(-2, 4)>}

// -----

// expected-error@+1 {{group size must be positive, got 0}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, group(0, 0)>}

// -----

// expected-error@+1 {{unknown format 'ell'}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<ell>>)

// -----

// expected-error@+1 {{bcsr block must be written RxC}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<bcsr<4>>>)

// -----

// expected-error@+1 {{unknown encoding key 'order' (expected pos_width, crd_width, meta_width, row_dims, structure or quant)}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<csr, order = 1>>)

// -----

// expected-error@+1 {{expected a #sparq.quant attribute}}
func.func private @f(tensor<4x4xi8, #sparq.encoding<csr, quant = 8 : i32>>)

// -----

// expected-error@+1 {{unknown pruning structure 'random'}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<csr, structure = random>>)

// -----

// expected-error@+1 {{pos_width must be 8, 16, 32 or 64, got 7}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<csr, pos_width = 7>>)

// -----

// expected-error@+1 {{crd_width must be 8, 16, 32 or 64, got 4}}
func.func private @f(tensor<4x4xf32, #sparq.encoding<csr, crd_width = 4>>)

// -----

// expected-error@+1 {{N:M sparsity needs 0 < N < M, got 4:4}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<nm<4, 4>>>)

// -----

// expected-error@+1 {{N:M sparsity needs 0 < N < M, got 0:4}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<nm<0, 4>>>)

// -----

// expected-error@+1 {{meta_width must be 2, 4, 8 or 16, got 3}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<nm<2, 8>, meta_width = 3>>)

// -----

// expected-error@+1 {{meta_width 2 cannot hold the positions 0..7 of an N:M group with M = 8}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<nm<2, 8>, meta_width = 2>>)

// -----

// expected-error@+1 {{N, M and meta_width apply only to the nm format}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<csr, meta_width = 2>>)

// -----

// expected-error@+1 {{bcsr block dimensions must be positive, got 0x4}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<bcsr<0x4>>>)

// -----

// expected-error@+1 {{row_dims applies only to compressed formats}}
func.func private @f(tensor<4x8xi8, #sparq.encoding<dense, row_dims = 1, quant = #sparq.quant<si8:f32, symmetric, tensor>>>)

// -----

// expected-error@+1 {{a tensor quantized to 'si4' must have element type i4, got 'i8'}}
func.func private @f(tensor<4x8xi8, #sparq.encoding<dense, quant = #sparq.quant<si4:f32, symmetric, tensor>>>)

// -----

// expected-error@+1 {{a tensor quantized to 'si8' must have element type i8, got 'f32'}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<csr, quant = #sparq.quant<si8:f32, symmetric, tensor>>>)

// -----

// expected-error@+1 {{quantization axis 2 is out of range for a rank-2 tensor}}
func.func private @f(tensor<4x8xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, channel(2)>>>)

// -----

// expected-error@+1 {{group size 32 does not divide dimension 0 of size 48}}
func.func private @f(tensor<48x8xi8, #sparq.encoding<dense, quant = #sparq.quant<si8:f32, symmetric, group(0, 32)>>>)

// -----

// expected-error@+1 {{compressed element type must be an integer or float type, got 'index'}}
func.func private @f(tensor<4x8xindex, #sparq.encoding<csr>>)

// -----

// expected-error@+1 {{an unquantized dense encoding is a plain tensor: drop the encoding}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<dense>>)

// -----

// expected-error@+1 {{format csr needs a tensor of rank >= 2, got rank 1}}
func.func private @f(tensor<8xf32, #sparq.encoding<csr>>)

// -----

// expected-error@+1 {{row_dims 2 must be in [1, 1] for a rank-2 tensor}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<csr, row_dims = 2>>)

// -----

// expected-error@+1 {{format nm<2, 4> needs the column count (6) to be a multiple of M = 4}}
func.func private @f(tensor<4x6xf32, #sparq.encoding<nm<2, 4>>>)

// -----

// An HWCF filter [3, 3, 8, 6] is the matrix [72, 6]: its 6 columns are not 2:4 groups.
// expected-error@+1 {{format nm<2, 4> needs the column count (6) to be a multiple of M = 4}}
func.func private @f(tensor<3x3x8x6xf32, #sparq.encoding<nm<2, 4>>>)

// -----

// expected-error@+1 {{format bcsr<4x4> needs the row count (6) to be a multiple of 4}}
func.func private @f(tensor<6x8xf32, #sparq.encoding<bcsr<4x4>>>)

// -----

// expected-error@+1 {{format bcsr<4x4> needs the column count (10) to be a multiple of 4}}
func.func private @f(tensor<8x10xf32, #sparq.encoding<bcsr<4x4>>>)

// -----

// expected-error@+1 {{crd_width 8 cannot address coordinate 299}}
func.func private @f(tensor<4x300xf32, #sparq.encoding<csr, crd_width = 8>>)

// -----

// expected-error@+1 {{crd_width 8 cannot address coordinate 299}}
func.func private @f(tensor<300x4xf32, #sparq.encoding<csc, crd_width = 8>>)

// -----

// expected-error@+1 {{pos_width 8 cannot count 400 stored entries}}
func.func private @f(tensor<20x20xf32, #sparq.encoding<csr, pos_width = 8>>)

// -----

// expected-error@+1 {{bcsr block dimensions must fit in 32 bits}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<bcsr<4294967298x2>>>)

// -----

// expected-error@+1 {{encoding key 'pos_width' is given twice}}
func.func private @f(tensor<4x8xf32, #sparq.encoding<csr, pos_width = 16, pos_width = 32>>)

// -----

// expected-error@+1 {{rounding is given twice}}
func.func private @f() attributes {q = #sparq.quant<si8:f32, symmetric, tensor, rounding = nearest_away, rounding = toward_zero>}
