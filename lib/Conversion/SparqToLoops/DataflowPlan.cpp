//===- DataflowPlan.cpp - How a sparq.matmul is lowered per dataflow ------===//
//
// Part of SparQ, an MLIR compiler for sparse and quantized DNN inference.
//
//===----------------------------------------------------------------------===//

#include "sparq/Conversion/SparqToLoops/DataflowPlan.h"

#include "ConstantQuant.h"

#include "sparq/Dialect/Sparq/IR/SparqTypes.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace sparq {
namespace {

bool isSparse(RankedTensorType type) {
  EncodingAttr encoding = getSparqEncoding(type);
  return encoding && !encoding.isDense();
}

FormatKind getFormat(RankedTensorType type) {
  EncodingAttr encoding = getSparqEncoding(type);
  return encoding ? encoding.getFormat() : FormatKind::Dense;
}

/// The stored layout of a logical operand. `storedTransposed` is true when the
/// stored matrix rows are the operand's columns (the rhs with transpose_b).
OperandLayout storedLayout(RankedTensorType type, bool storedTransposed) {
  FormatKind format = getFormat(type);
  bool byStoredRows = format != FormatKind::CSC;
  bool byRows = byStoredRows != storedTransposed;
  return {format, byRows ? MajorAxis::Rows : MajorAxis::Columns};
}

/// True when `value` is a constant, or a sparq.assemble of constants: a
/// layout conversion of it can run in the compiler.
bool isConstantOperand(Value value) {
  if (matchPattern(value, m_Constant()))
    return true;
  auto assemble = value.getDefiningOp<AssembleOp>();
  if (!assemble)
    return false;
  return llvm::all_of(assemble->getOperands(), [](Value part) {
    return matchPattern(part, m_Constant());
  });
}

/// Formats the loops read directly along their stored major axis (a bitmap
/// line is walked with count-trailing-zeros, BitmapJoin.cpp).
bool isIterable(FormatKind format) {
  return format == FormatKind::Dense || format == FormatKind::CSR ||
         format == FormatKind::CSC || format == FormatKind::NM ||
         format == FormatKind::Bitmap;
}

/// The layout a sparse operand is converted to so it is grouped along
/// `major`: compressed rows or compressed columns of the logical operand.
OperandLayout compressedAlong(MajorAxis major) {
  return {major == MajorAxis::Rows ? FormatKind::CSR : FormatKind::CSC, major};
}

/// The transpose of `major`.
MajorAxis other(MajorAxis major) {
  return major == MajorAxis::Rows ? MajorAxis::Columns : MajorAxis::Rows;
}

/// Why `type`'s scales cannot be applied once per output (scales that do
/// not vary along K may vary only along the output axis `outAxis` of the
/// stored tensor), or empty.
std::string checkOutputScales(RankedTensorType type, int64_t outAxis,
                              StringRef name) {
  QuantAttr quant = getQuant(type);
  if (!quant || quant.getGranularity() == Granularity::Tensor)
    return {};
  if (quant.getGranularity() == Granularity::Channel &&
      quant.getAxis() == outAxis)
    return {};
  return (name + " scales vary along its output axis in groups, or along "
                 "an axis that is neither the output axis nor K; an integer "
                 "accumulator with a float result needs per-tensor, "
                 "per-output-channel or per-group-of-K scales")
      .str();
}

} // namespace

StringRef stringifyOrientation(MatmulOrientation orientation) {
  return orientation == MatmulOrientation::Direct ? "C = A * B"
                                                  : "C^T = B^T * A^T";
}

std::string stringifyLayout(const OperandLayout &layout) {
  return (stringifyFormatKind(layout.format) + "(" +
          (layout.major == MajorAxis::Rows ? "rows" : "columns") + ")")
      .str();
}

StringRef stringifyIntersection(IntersectionKind intersection) {
  switch (intersection) {
  case IntersectionKind::None:
    return "none";
  case IntersectionKind::Merge:
    return "merge";
  case IntersectionKind::BitmapJoin:
    return "bitmap-and";
  }
  return "none";
}

void DataflowPlan::print(raw_ostream &os) const {
  os << "dataflow " << stringifyDataflow(dataflow) << ", orientation "
     << stringifyOrientation(orientation) << ", A iterated as "
     << stringifyLayout(lhs) << ", B iterated as " << stringifyLayout(rhs);
  if (intersection == IntersectionKind::BitmapJoin)
    os << ", intersection bitmap AND + popcount";
  if (resultFormat != FormatKind::Dense) {
    os << ", result " << stringifyFormatKind(resultFormat);
    if (resultBandLines)
      os << " compacted band by band (" << resultBandLines << " output line"
         << (resultBandLines > 1 ? "s" : "") << " at a time)";
    else if (!resultByLine)
      os << " compacted from the dense accumulator";
    else if (resultFormat == FormatKind::BCSR)
      os << " built line by line (one dense accumulator block row + "
            "touched-block bitset)";
    else
      os << " built line by line (one dense accumulator line + touched-index "
            "bitset)";
  }
  for (const LayoutConversion &c : conversions)
    os << "; convert " << (c.operand == MatmulOperand::Lhs ? "A" : "B")
       << " " << stringifyLayout(c.from) << " -> " << stringifyLayout(c.to)
       << (c.when == ConversionTime::CompileTime ? " at compile time"
                                                 : " at run time")
       << " (" << c.reason << ")";
}

int64_t getScaleGroupAlongK(MatmulOp op) {
  if (!isa<IntegerType>(op.getAccType()) ||
      !isa<FloatType>(op.getType().getElementType()))
    return 0;
  return std::max(getGroupAlongK(op.getLhs().getType(), 1),
                  getGroupAlongK(op.getRhs().getType(),
                              op.getTransposeB() ? 1 : 0));
}

Dataflow getDefaultDataflow(MatmulOp op) {
  (void)op;
  // Row-wise with the sparse operand on the left keeps one output row of
  // partial sums (in vector registers when it is narrow enough), reads each
  // stored entry of the sparse operand once and needs no index
  // intersection; it is the best general choice on a CPU without a cost
  // model (--sparq-select-dataflow sets the attribute with one).
  return Dataflow::Row;
}

/// True when `dataflow(dense)` decompresses the compressed `operand` in the
/// compiler (densifyConstant): its parts are constants, and the dense
/// constant means what the compressed one means (no codebook, whose unstored
/// entries are not codebook[0]; with a float accumulator no zero points,
/// since unstored entries are the zero point, not q = 0; and a transposed
/// B only with per-tensor or no quantization: the dense copy is stored
/// untransposed). Integer accumulators take asymmetric constants zero-point
/// free (ConstantQuant.h) first.
static bool decompressesInCompiler(MatmulOp op, Value operand,
                                   bool storedTransposed) {
  // Constant parts, N:M metadata possibly as sparq.from_bytes of constant
  // bytes (readConstantEntries unpacks it).
  auto assemble = operand.getDefiningOp<AssembleOp>();
  if (!assemble ||
      !llvm::all_of(assemble->getOperands(), [](Value part) {
        if (auto fromBytes = part.getDefiningOp<FromBytesOp>())
          part = fromBytes.getBytes();
        return matchPattern(part, m_Constant());
      }))
    return false;
  QuantAttr quant = getQuant(cast<RankedTensorType>(operand.getType()));
  if (!quant)
    return true;
  if (quant.getScheme() == QuantScheme::Codebook)
    return false;
  bool integerAcc = isa<IntegerType>(op.getAccType());
  // The fold (readConstantIntegerOperand) reads plain constant parts only.
  bool folded = integerAcc &&
                quant.getScheme() == QuantScheme::Asymmetric &&
                isConstantOperand(operand);
  if (!integerAcc && quant.getScheme() == QuantScheme::Asymmetric)
    return false;
  return folded || !storedTransposed ||
         quant.getGranularity() == Granularity::Tensor;
}

/// `dataflow(dense)`: C = A * B by the dense GEMM, every compressed operand
/// decompressed first (in the compiler when decompressesInCompiler, else by
/// a scatter into a zeroed dense matrix, once per call); a dense B stored
/// transposed is transposed once, as for any dense product.
static FailureOr<DataflowPlan>
planDenseDataflow(MatmulOp op, DataflowPlan plan, FormatKind resultFormat) {
  plan.orientation = MatmulOrientation::Direct;
  plan.intersection = IntersectionKind::None;
  plan.resultFormat = resultFormat;
  plan.resultByLine = false;
  plan.resultBandLines = 0;
  auto planOperand = [&](MatmulOperand which, Value value,
                         bool storedTransposed) {
    auto type = cast<RankedTensorType>(value.getType());
    OperandLayout from = storedLayout(type, storedTransposed);
    OperandLayout to{FormatKind::Dense, MajorAxis::Rows};
    if (from.format == FormatKind::Dense) {
      // A dense A is read elementwise along either axis.
      if (which == MatmulOperand::Lhs || from.major == MajorAxis::Rows)
        return from;
      plan.conversions.push_back(
          {which, from, to, ConversionTime::RunTime,
           "the dense GEMM reads B along its rows, so it is transposed "
           "once"});
      return to;
    }
    bool compileTime = decompressesInCompiler(op, value, storedTransposed);
    plan.conversions.push_back(
        {which, from, to,
         compileTime ? ConversionTime::CompileTime : ConversionTime::RunTime,
         compileTime ? "dataflow(dense) decompresses the constant into a "
                       "dense constant"
                     : "dataflow(dense) scatters the stored entries into a "
                       "zeroed dense matrix once per call"});
    return to;
  };
  plan.lhs = planOperand(MatmulOperand::Lhs, op.getLhs(), false);
  plan.rhs = planOperand(MatmulOperand::Rhs, op.getRhs(), op.getTransposeB());
  return plan;
}

FailureOr<DataflowPlan> planMatmulDataflow(MatmulOp op, Dataflow dataflow,
                                           std::string *reason) {
  auto fail = [&](const Twine &why) -> FailureOr<DataflowPlan> {
    if (reason)
      *reason = why.str();
    return failure();
  };
  RankedTensorType lhsType = op.getLhs().getType();
  RankedTensorType rhsType = op.getRhs().getType();
  RankedTensorType resultType = op.getType();
  bool transposeB = op.getTransposeB();
  if (lhsType.getRank() != 2 || rhsType.getRank() != 2)
    return fail("batched (rank-3) operands are lowered by the reference "
                "lowering only");
  if (!lhsType.hasStaticShape() || !rhsType.hasStaticShape() ||
      !resultType.hasStaticShape())
    return fail("the operands and the result need static shapes");
  FormatKind resultFormat = getFormat(resultType);
  if (resultFormat == FormatKind::NM) {
    EncodingAttr encoding = getSparqEncoding(resultType);
    return fail("an nm<" + Twine(encoding.getN()) + ", " +
                Twine(encoding.getM()) +
                "> result is not supported: a product is in general not "
                "N:M (a group of the result may hold more nonzeros than N, "
                "which nm cannot store); use a plain, csr, csc, coo, bitmap "
                "or bcsr result and prune it explicitly");
  }
  if (isa<IntegerType>(op.getAccType()) &&
      isa<FloatType>(resultType.getElementType())) {
    int64_t groupA = getGroupAlongK(lhsType, 1);
    int64_t groupB = getGroupAlongK(rhsType, transposeB ? 1 : 0);
    if (groupA && groupB && groupA != groupB)
      return fail("lhs and rhs scales are grouped along the reduction with "
                  "different group sizes (" +
                  Twine(groupA) + " and " + Twine(groupB) + ")");
    if (!groupA)
      if (std::string why = checkOutputScales(lhsType, 0, "lhs"); !why.empty())
        return fail(why);
    if (!groupB)
      if (std::string why =
              checkOutputScales(rhsType, transposeB ? 0 : 1, "rhs");
          !why.empty())
        return fail(why);
  }
  for (RankedTensorType type : {lhsType, rhsType}) {
    QuantAttr quant = getQuant(type);
    if (quant && isa<IntegerType>(op.getAccType()) &&
        quant.getScheme() == QuantScheme::Codebook)
      return fail("codebook quantization with an integer accumulator");
  }

  DataflowPlan plan;
  plan.dataflow = dataflow == Dataflow::Auto ? getDefaultDataflow(op) : dataflow;
  bool sparseA = isSparse(lhsType), sparseB = isSparse(rhsType);
  if (plan.dataflow == Dataflow::Dense)
    return planDenseDataflow(op, plan, resultFormat);
  // Put the sparse operand on the left so the loops vectorize along the
  // contiguous rows of the dense one.
  plan.orientation = (!sparseA && sparseB) ? MatmulOrientation::Transposed
                                           : MatmulOrientation::Direct;
  // A compressed result: row-wise over two sparse operands builds it line by
  // line, so the loops' rows must be the result's lines (C^T for csc; C
  // for csr, coo, bitmap and bcsr, whose lines or block rows are rows).
  plan.resultFormat = resultFormat;
  if (resultFormat != FormatKind::Dense) {
    // Scales grouped along K: the per-group sums are scaled into a dense
    // result first, which is then compressed.
    plan.resultByLine = plan.dataflow == Dataflow::Row && sparseA &&
                        sparseB && !getScaleGroupAlongK(op);
    if (plan.resultByLine)
      plan.orientation = resultFormat == FormatKind::CSC
                             ? MatmulOrientation::Transposed
                             : MatmulOrientation::Direct;
  }
  bool flipped = plan.orientation == MatmulOrientation::Transposed;
  // A compressed result not built line by line: row-wise and inner produce
  // whole rows of the loops' product; when their left operand is sparse (so
  // that a band of its rows is a cheap view, and no per-call packing of a
  // dense operand is repeated per band) and those rows are the result's
  // lines, the result is compacted band by band: a block row for bcsr,
  // else the largest divisor of the line count up to 8.
  // (Scales grouped along K: the scaled dense result is compacted whole.)
  if (resultFormat != FormatKind::Dense && !plan.resultByLine &&
      !getScaleGroupAlongK(op) &&
      (plan.dataflow == Dataflow::Row || plan.dataflow == Dataflow::Inner) &&
      (flipped ? sparseB : sparseA) &&
      flipped == (resultFormat == FormatKind::CSC)) {
    if (resultFormat == FormatKind::BCSR) {
      plan.resultBandLines = getSparqEncoding(resultType).getBlockRows();
    } else {
      int64_t lines = resultType.getDimSize(flipped ? 1 : 0);
      for (int64_t t = std::min<int64_t>(lines, 8); t >= 1; --t)
        if (lines % t == 0) {
          plan.resultBandLines = t;
          break;
        }
    }
  }

  // What the loops need of their left operand L and right operand R.
  // inner: L by rows, R by columns (a dense R is read as rows: a column tile
  // is a vector load of each row); outer: L by columns, R by rows; row: both
  // by rows. A dense L is read elementwise and needs no particular layout.
  bool sparseL = flipped ? sparseB : sparseA;
  bool sparseR = flipped ? sparseA : sparseB;
  MajorAxis needL =
      plan.dataflow == Dataflow::Outer ? MajorAxis::Columns : MajorAxis::Rows;
  MajorAxis needR = plan.dataflow == Dataflow::Inner && sparseR
                        ? MajorAxis::Columns
                        : MajorAxis::Rows;
  // In logical terms: L = A (or B^T), R = B (or A^T); a transposed loop
  // operand flips the axis.
  MajorAxis needA = flipped ? other(needR) : needL;
  MajorAxis needB = flipped ? other(needL) : needR;
  bool anyA = !flipped && !sparseL, anyB = flipped && !sparseL;

  // Inner product of two sparse operands: a bitmap join when both are
  // bitmaps (rows of A and columns of B as bitmaps along K), else a merge of
  // sorted coordinates.
  bool join = plan.dataflow == Dataflow::Inner && sparseA && sparseB &&
              getFormat(lhsType) == FormatKind::Bitmap &&
              getFormat(rhsType) == FormatKind::Bitmap;
  if (plan.dataflow == Dataflow::Inner && sparseA && sparseB)
    plan.intersection =
        join ? IntersectionKind::BitmapJoin : IntersectionKind::Merge;

  auto planOperand = [&](MatmulOperand which, RankedTensorType type,
                         bool storedTransposed, MajorAxis need, bool any,
                         Value value) {
    OperandLayout from = storedLayout(type, storedTransposed);
    OperandLayout to = from;
    std::string why;
    if (from.format == FormatKind::Dense) {
      // A dense left operand is read elementwise along either axis.
      if (any)
        to.major = need;
      else if (from.major != need) {
        to.major = need;
        why = "the dense operand is read along its rows with vector loads, "
              "so it is transposed once";
      }
    } else if (!isIterable(from.format)) {
      to = compressedAlong(need);
      why = ("the loops walk one compressed " +
             Twine(need == MajorAxis::Rows ? "row" : "column") +
             " at a time; " + stringifyFormatKind(from.format) +
             " has no per-" + (need == MajorAxis::Rows ? "row" : "column") +
             " positions")
                .str();
    } else if (join) {
      // The join reads bitmaps along K: a bitmap grouped the other way is
      // transposed into a bitmap.
      if (from.major != need) {
        to.major = need;
        why = "the bitmap join ANDs a row of A with a column of B, both "
              "bitmaps along K";
        // Group scales would have to be re-laid out as well.
        QuantAttr quant = getQuant(type);
        if (quant && quant.getGranularity() == Granularity::Group) {
          plan.conversions.push_back(
              {which, from, to, ConversionTime::RunTime,
               why + " (group-quantized: transposed in generated code)"});
          return to;
        }
      }
    } else if ((from.format == FormatKind::NM ||
                from.format == FormatKind::Bitmap) &&
               plan.dataflow == Dataflow::Inner && sparseA && sparseB) {
      // The merge of two lines reads coordinates from arrays.
      to = compressedAlong(need);
      why = "the inner-product merge reads explicit coordinates";
    } else if (from.major != need) {
      to = compressedAlong(need);
      why = (Twine(stringifyDataflow(plan.dataflow)) + " reads this operand by " +
             (need == MajorAxis::Rows ? "rows" : "columns") + " but " +
             stringifyFormatKind(from.format) + " groups it by " +
             (from.major == MajorAxis::Rows ? "rows" : "columns"))
                .str();
    }
    if (!why.empty())
      plan.conversions.push_back(
          {which, from, to,
           // Constant compressed parts are re-laid out in the compiler; a
           // dense operand (an activation, as a rule) is transposed in code.
           from.format != FormatKind::Dense && isConstantOperand(value)
               ? ConversionTime::CompileTime
               : ConversionTime::RunTime,
           why});
    return to;
  };
  plan.lhs = planOperand(MatmulOperand::Lhs, lhsType, false, needA, anyA,
                         op.getLhs());
  plan.rhs = planOperand(MatmulOperand::Rhs, rhsType, transposeB, needB, anyB,
                         op.getRhs());
  return plan;
}

} // namespace sparq
