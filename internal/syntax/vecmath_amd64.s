#include "textflag.h"

// The 64-output blocks of the matrix products keep out[BX:BX+64] in Y0-Y7.
#define LOAD_OUT64 \
	VMOVUPS (DI)(BX*4), Y0; VMOVUPS 32(DI)(BX*4), Y1; \
	VMOVUPS 64(DI)(BX*4), Y2; VMOVUPS 96(DI)(BX*4), Y3; \
	VMOVUPS 128(DI)(BX*4), Y4; VMOVUPS 160(DI)(BX*4), Y5; \
	VMOVUPS 192(DI)(BX*4), Y6; VMOVUPS 224(DI)(BX*4), Y7

#define ADD_OUT64 \
	VADDPS (DI)(BX*4), Y0, Y0; VADDPS 32(DI)(BX*4), Y1, Y1; \
	VADDPS 64(DI)(BX*4), Y2, Y2; VADDPS 96(DI)(BX*4), Y3, Y3; \
	VADDPS 128(DI)(BX*4), Y4, Y4; VADDPS 160(DI)(BX*4), Y5, Y5; \
	VADDPS 192(DI)(BX*4), Y6, Y6; VADDPS 224(DI)(BX*4), Y7, Y7

#define STORE_OUT64 \
	VMOVUPS Y0, (DI)(BX*4); VMOVUPS Y1, 32(DI)(BX*4); \
	VMOVUPS Y2, 64(DI)(BX*4); VMOVUPS Y3, 96(DI)(BX*4); \
	VMOVUPS Y4, 128(DI)(BX*4); VMOVUPS Y5, 160(DI)(BX*4); \
	VMOVUPS Y6, 192(DI)(BX*4); VMOVUPS Y7, 224(DI)(BX*4)

// func addToAVX2(dst, src *float32, n int)
// dst[i] += src[i] for i < n; n is a multiple of 8.
TEXT ·addToAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX

by32:
	CMPQ    CX, $32
	JLT     by8
	VMOVUPS (DI)(AX*4), Y0
	VMOVUPS 32(DI)(AX*4), Y1
	VMOVUPS 64(DI)(AX*4), Y2
	VMOVUPS 96(DI)(AX*4), Y3
	VADDPS  (SI)(AX*4), Y0, Y0
	VADDPS  32(SI)(AX*4), Y1, Y1
	VADDPS  64(SI)(AX*4), Y2, Y2
	VADDPS  96(SI)(AX*4), Y3, Y3
	VMOVUPS Y0, (DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	VMOVUPS Y2, 64(DI)(AX*4)
	VMOVUPS Y3, 96(DI)(AX*4)
	ADDQ    $32, AX
	SUBQ    $32, CX
	JMP     by32

by8:
	CMPQ    CX, $8
	JLT     done
	VMOVUPS (DI)(AX*4), Y0
	VADDPS  (SI)(AX*4), Y0, Y0
	VMOVUPS Y0, (DI)(AX*4)
	ADDQ    $8, AX
	SUBQ    $8, CX
	JMP     by8

done:
	VZEROUPPER
	RET

// func squashAVX2(p *float32, n int, k *[16]float32)
// p[i] = a/(1+exp(s·p[i])) + b for i < n (a multiple of 8), with expApprox's
// method; k holds s, the clamp, log2 e, ln 2, 1, a, b and the series' coefficients
// (see squashSigmoid).
TEXT ·squashAVX2(SB), NOSPLIT, $0-24
	MOVQ         p+0(FP), DI
	MOVQ         n+8(FP), CX
	MOVQ         k+16(FP), SI
	VBROADCASTSS 0(SI), Y9
	VBROADCASTSS 4(SI), Y10
	VBROADCASTSS 8(SI), Y11
	VBROADCASTSS 12(SI), Y12
	VBROADCASTSS 16(SI), Y13
	VBROADCASTSS 20(SI), Y14
	VBROADCASTSS 24(SI), Y15
	VBROADCASTSS 28(SI), Y8
	VBROADCASTSS 32(SI), Y3
	VBROADCASTSS 36(SI), Y4
	VBROADCASTSS 40(SI), Y5
	VBROADCASTSS 44(SI), Y6
	VBROADCASTSS 48(SI), Y7

sloop:
	CMPQ        CX, $8
	JLT         sdone
	VMULPS      (DI), Y9, Y0
	VMAXPS      Y10, Y0, Y0
	VMINPS      Y11, Y0, Y0
	VMULPS      Y12, Y0, Y0
	VROUNDPS    $0, Y0, Y1
	VSUBPS      Y1, Y0, Y0
	VMULPS      Y13, Y0, Y0
	VMOVAPS     Y3, Y2
	VFMADD213PS Y4, Y0, Y2
	VFMADD213PS Y5, Y0, Y2
	VFMADD213PS Y6, Y0, Y2
	VFMADD213PS Y7, Y0, Y2
	VFMADD213PS Y14, Y0, Y2
	VFMADD213PS Y14, Y0, Y2
	VCVTPS2DQ   Y1, Y1
	VPSLLD      $23, Y1, Y1
	VPADDD      Y14, Y1, Y1
	VMULPS      Y1, Y2, Y2
	VADDPS      Y14, Y2, Y2
	VDIVPS      Y2, Y15, Y2
	VADDPS      Y8, Y2, Y2
	VMOVUPS     Y2, (DI)
	ADDQ        $32, DI
	SUBQ        $8, CX
	JMP         sloop

sdone:
	VZEROUPPER
	RET

// func matTVecAddF16AVX2(wT *uint16, x, out *float32, rows, cols int)
// out[j] += Σ_i x[i]·wT[i*rows+j] for j < rows (a multiple of 8) and 0 < i < cols,
// the matrix in IEEE half precision and stored column by column: each x[i] is
// broadcast once and multiplies eight accumulators of eight outputs, with no
// horizontal sums, and half the bytes of float32 are read.
TEXT ·matTVecAddF16AVX2(SB), NOSPLIT, $0-40
	MOVQ wT+0(FP), SI
	MOVQ x+8(FP), DX
	MOVQ out+16(FP), DI
	MOVQ rows+24(FP), R8
	MOVQ cols+32(FP), R9
	MOVQ R8, R10
	SHLQ $1, R10
	XORQ BX, BX

hblock64:
	MOVQ    R8, AX
	SUBQ    BX, AX
	CMPQ    AX, $64
	JLT     hblock8
	LOAD_OUT64
	LEAQ    (SI)(BX*2), R11
	XORQ    CX, CX

hloop64:
	VBROADCASTSS (DX)(CX*4), Y8
	VCVTPH2PS    (R11), Y9
	VCVTPH2PS    16(R11), Y10
	VCVTPH2PS    32(R11), Y11
	VCVTPH2PS    48(R11), Y12
	VFMADD231PS  Y9, Y8, Y0
	VFMADD231PS  Y10, Y8, Y1
	VFMADD231PS  Y11, Y8, Y2
	VFMADD231PS  Y12, Y8, Y3
	VCVTPH2PS    64(R11), Y9
	VCVTPH2PS    80(R11), Y10
	VCVTPH2PS    96(R11), Y11
	VCVTPH2PS    112(R11), Y12
	VFMADD231PS  Y9, Y8, Y4
	VFMADD231PS  Y10, Y8, Y5
	VFMADD231PS  Y11, Y8, Y6
	VFMADD231PS  Y12, Y8, Y7
	ADDQ         R10, R11
	INCQ         CX
	CMPQ         CX, R9
	JLT          hloop64
	STORE_OUT64
	ADDQ         $64, BX
	JMP          hblock64

hblock8:
	CMPQ    BX, R8
	JGE     hdone
	VMOVUPS (DI)(BX*4), Y0
	LEAQ    (SI)(BX*2), R11
	XORQ    CX, CX

hloop8:
	VBROADCASTSS (DX)(CX*4), Y8
	VCVTPH2PS    (R11), Y9
	VFMADD231PS  Y9, Y8, Y0
	ADDQ         R10, R11
	INCQ         CX
	CMPQ         CX, R9
	JLT          hloop8
	VMOVUPS      Y0, (DI)(BX*4)
	ADDQ         $8, BX
	JMP          hblock8

hdone:
	VZEROUPPER
	RET

// func addDenseAVX2(dense *uint64, offs *int32, n int, lanes int, out *int32)
// out[c] = the sum over k < n of 16-bit lane c of the row that starts at
// dense[offs[k]], zero-extended; lanes is a multiple of 32. The rows are read in
// blocks of 32 lanes, each block summed over all rows in four registers; a row's
// later blocks are then in the first-level cache.
TEXT ·addDenseAVX2(SB), NOSPLIT, $0-40
	MOVQ dense+0(FP), SI
	MOVQ offs+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ lanes+24(FP), DX
	MOVQ out+32(FP), DI
	XORQ R8, R8 // first lane of the block

block:
	CMPQ  R8, DX
	JGE   dense_done
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	XORQ  R10, R10

rows:
	CMPQ      R10, CX
	JGE       store
	MOVLQSX   (BX)(R10*4), R11
	LEAQ      (SI)(R11*8), R11
	LEAQ      (R11)(R8*2), R11
	VPMOVZXWD (R11), Y4
	VPMOVZXWD 16(R11), Y5
	VPMOVZXWD 32(R11), Y6
	VPMOVZXWD 48(R11), Y7
	VPADDD    Y4, Y0, Y0
	VPADDD    Y5, Y1, Y1
	VPADDD    Y6, Y2, Y2
	VPADDD    Y7, Y3, Y3
	INCQ      R10
	JMP       rows

store:
	VMOVDQU Y0, (DI)(R8*4)
	VMOVDQU Y1, 32(DI)(R8*4)
	VMOVDQU Y2, 64(DI)(R8*4)
	VMOVDQU Y3, 96(DI)(R8*4)
	ADDQ    $32, R8
	JMP     block

dense_done:
	VZEROUPPER
	RET

// func matTVecAddFixedAVX2(w, q *int16, out *float32, rows, pairs int, scale float32)
// out[j] += scale·Σ_p (w[p][j][0]·q[2p] + w[p][j][1]·q[2p+1]) for j < rows (a multiple
// of 8): each pair of inputs is broadcast once and multiplied into eight outputs by
// one pmaddwd, whose 32-bit sums fixedMatrix's scale keeps from overflowing.
TEXT ·matTVecAddFixedAVX2(SB), NOSPLIT, $0-44
	MOVQ         w+0(FP), SI
	MOVQ         q+8(FP), DX
	MOVQ         out+16(FP), DI
	MOVQ         rows+24(FP), R8
	MOVQ         pairs+32(FP), R9
	VBROADCASTSS scale+40(FP), Y15
	MOVQ         R8, R10
	SHLQ         $2, R10
	XORQ         BX, BX

fblock64:
	MOVQ  R8, AX
	SUBQ  BX, AX
	CMPQ  AX, $64
	JLT   fblock8
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	VPXOR Y4, Y4, Y4
	VPXOR Y5, Y5, Y5
	VPXOR Y6, Y6, Y6
	VPXOR Y7, Y7, Y7
	LEAQ  (SI)(BX*4), R11
	XORQ  CX, CX

floop64:
	VPBROADCASTD (DX)(CX*4), Y8
	VPMADDWD     (R11), Y8, Y9
	VPMADDWD     32(R11), Y8, Y10
	VPMADDWD     64(R11), Y8, Y11
	VPMADDWD     96(R11), Y8, Y12
	VPADDD       Y9, Y0, Y0
	VPADDD       Y10, Y1, Y1
	VPADDD       Y11, Y2, Y2
	VPADDD       Y12, Y3, Y3
	VPMADDWD     128(R11), Y8, Y9
	VPMADDWD     160(R11), Y8, Y10
	VPMADDWD     192(R11), Y8, Y11
	VPMADDWD     224(R11), Y8, Y12
	VPADDD       Y9, Y4, Y4
	VPADDD       Y10, Y5, Y5
	VPADDD       Y11, Y6, Y6
	VPADDD       Y12, Y7, Y7
	ADDQ         R10, R11
	INCQ         CX
	CMPQ         CX, R9
	JLT          floop64
	VCVTDQ2PS    Y0, Y0
	VCVTDQ2PS    Y1, Y1
	VCVTDQ2PS    Y2, Y2
	VCVTDQ2PS    Y3, Y3
	VCVTDQ2PS    Y4, Y4
	VCVTDQ2PS    Y5, Y5
	VCVTDQ2PS    Y6, Y6
	VCVTDQ2PS    Y7, Y7
	VMULPS       Y15, Y0, Y0
	VMULPS       Y15, Y1, Y1
	VMULPS       Y15, Y2, Y2
	VMULPS       Y15, Y3, Y3
	VMULPS       Y15, Y4, Y4
	VMULPS       Y15, Y5, Y5
	VMULPS       Y15, Y6, Y6
	VMULPS       Y15, Y7, Y7
	ADD_OUT64
	STORE_OUT64
	ADDQ         $64, BX
	JMP          fblock64

fblock8:
	CMPQ  BX, R8
	JGE   fdone
	VPXOR Y0, Y0, Y0
	LEAQ  (SI)(BX*4), R11
	XORQ  CX, CX

floop8:
	VPBROADCASTD (DX)(CX*4), Y8
	VPMADDWD     (R11), Y8, Y9
	VPADDD       Y9, Y0, Y0
	ADDQ         R10, R11
	INCQ         CX
	CMPQ         CX, R9
	JLT          floop8
	VCVTDQ2PS    Y0, Y0
	VMULPS       Y15, Y0, Y0
	VADDPS       (DI)(BX*4), Y0, Y0
	VMOVUPS      Y0, (DI)(BX*4)
	ADDQ         $8, BX
	JMP          fblock8

fdone:
	VZEROUPPER
	RET

// func fixedInputsAVX2(x *float32, q *int16, n int)
// q[i] = round(clamp(x[i], -1, 1)·2^14), to nearest even, for n a multiple of 16.
// The constants go through VMOVD, not MOVQ: an SSE instruction among AVX ones made
// this 25 times slower.
TEXT ·fixedInputsAVX2(SB), NOSPLIT, $0-24
	MOVQ         x+0(FP), SI
	MOVQ         q+8(FP), DI
	MOVQ         n+16(FP), CX
	MOVL         $0x46800000, AX // 16384.0
	VMOVD        AX, X13
	VBROADCASTSS X13, Y13
	MOVL         $0x3f800000, AX // 1.0
	VMOVD        AX, X14
	VBROADCASTSS X14, Y14
	MOVL         $0xbf800000, AX // -1.0
	VMOVD        AX, X15
	VBROADCASTSS X15, Y15

qloop:
	VMOVUPS   (SI), Y0
	VMOVUPS   32(SI), Y1
	VMINPS    Y14, Y0, Y0
	VMINPS    Y14, Y1, Y1
	VMAXPS    Y15, Y0, Y0
	VMAXPS    Y15, Y1, Y1
	VMULPS    Y13, Y0, Y0
	VMULPS    Y13, Y1, Y1
	VCVTPS2DQ Y0, Y0
	VCVTPS2DQ Y1, Y1
	VPACKSSDW Y1, Y0, Y2      // packs within 128-bit lanes: 0-3, 8-11, 4-7, 12-15
	VPERMQ    $0xd8, Y2, Y2 // back in order
	VMOVDQU   Y2, (DI)
	ADDQ      $64, SI
	ADDQ      $32, DI
	SUBQ      $16, CX
	JNZ       qloop
	VZEROUPPER
	RET
