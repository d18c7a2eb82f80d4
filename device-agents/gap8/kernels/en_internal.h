/*
 * en_internal.h - helpers shared by the kernel sources (not part of the public API).
 * Plain C99 integer code; see en_kernels.h for the requant and row-split definitions.
 */
#ifndef EN_INTERNAL_H
#define EN_INTERNAL_H

#include <stdint.h>
#include "pmsis.h"
#include "en_kernels.h"

/* This core's share [*start, *end) of `total` rows: contiguous chunks of ceil(total / P). */
static inline void en_split(int32_t total, int32_t *start, int32_t *end)
{
    int32_t nb = (int32_t) pi_cl_team_nb_cores();
    int32_t id = (int32_t) pi_core_id();
    int32_t chunk = (total + nb - 1) / nb;
    int32_t s = id * chunk;
    int32_t e = s + chunk;
    *start = s < total ? s : total;
    *end = e < total ? e : total;
}

/* Round p / 2^n to nearest, ties toward +infinity (add half, arithmetic shift: the cheap
 * rounding PULP-NN / NNTool also use). |p| must be < 2^62. For n > 62 the exact result is 0
 * (|p| < 2^(n-1)), which also avoids undefined shifts. Relies on >> of a negative int64
 * being arithmetic (floor), as GCC and every RISC-V compiler define it. */
static inline int64_t en_round_shift(int64_t p, int32_t n)
{
    if (n > 62) {
        return 0;
    }
    if (n <= 0) {
        return p; /* not produced by valid parameters; keeps the helper total */
    }
    return (p + ((int64_t) 1 << (n - 1))) >> n;
}

/* v * r with r = mult * 2^-(31 + shift + extra), rounded once. */
static inline int64_t en_requant(int32_t v, int32_t mult, int32_t shift, int32_t extra)
{
    return en_round_shift((int64_t) v * mult, 31 + shift + extra);
}

/* Adds the output zero point and clamps to [lo, hi] (fused Relu / Relu6). */
static inline int8_t en_saturate(int64_t q, int32_t zp, int32_t lo, int32_t hi)
{
    int64_t v = q + zp;
    if (v < lo) {
        v = lo;
    }
    if (v > hi) {
        v = hi;
    }
    return (int8_t) v;
}

/* en_saturate(en_requant(v, mult, shift, 0), zp, lo, hi), the same value computed cheaply:
 * for n = 31 + shift in [33, 62] the low word of the 64-bit product cannot change
 * floor((p + 2^(n-1)) / 2^n) (2^(n-1) is a multiple of 2^32 and low / 2^32 < 1), so
 *     out = (hi + 2^(n-33)) >> (n-32),   hi = (v * mult) >> 32   (one mulh, no 64-bit add)
 * Other n (|factor| >= 2^-2, rare) take the 64-bit form. With EN_XPULP the fast form is
 * five instructions plus the Xpulp clamp (p.max / p.min). */
static inline int8_t en_requant_sat(int32_t v, int32_t mult, int32_t shift, int32_t zp,
                                    int32_t lo, int32_t hi)
{
    const int32_t n = 31 + shift;
    if (n < 33 || n > 62) {
        return en_saturate(en_requant(v, mult, shift, 0), zp, lo, hi);
    }
    const int32_t rnd = (int32_t) 1 << (n - 33);
    const int32_t sh = n - 32;
#ifdef EN_XPULP
    int32_t q;
    __asm__("mulh %0, %1, %2\n\tadd %0, %0, %3\n\tsra %0, %0, %4\n\tadd %0, %0, %5\n\t"
            "p.max %0, %0, %6\n\tp.min %0, %0, %7"
            : "=&r"(q) : "r"(v), "r"(mult), "r"(rnd), "r"(sh), "r"(zp), "r"(lo), "r"(hi));
    return (int8_t) q;
#else
    int32_t q = ((int32_t) (((int64_t) v * mult) >> 32) + rnd) >> sh; /* |hi| < 2^30: no overflow */
    q += zp;
    q = q < lo ? lo : q;
    q = q > hi ? hi : q;
    return (int8_t) q;
#endif
}

/* Bilinear resize (half_pixel) weights: Q11, exact rationals rounded, no floating point. */
#define EN_RS_BITS 11
#define EN_RS_ONE (1 << EN_RS_BITS)

/* The input rows or columns [lo, hi) a pooling window at output index o covers, clipped to the input. */
static inline void en_window(int32_t o, int32_t stride, int32_t pad, int32_t k, int32_t size,
                             int32_t *lo, int32_t *hi)
{
    int32_t s = o * stride - pad;
    int32_t e = s + k;
    *lo = s > 0 ? s : 0;
    *hi = e < size ? e : size;
}

/* num / den rounded half away from zero (average pooling). */
static inline int32_t en_div_round(int32_t num, int32_t den)
{
    return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

/* Resize source for output index o: src = ((2o + 1) * in - out) / (2 * out), clamped to [0, in - 1].
 * Returns the lower tap, sets the upper tap and the Q11 weight of the upper tap. */
static inline int32_t en_rs_src(int32_t o, int32_t in, int32_t out, int32_t *i1, int32_t *frac)
{
    const int32_t den = 2 * out;
    const int32_t num = (2 * o + 1) * in - out;
    int32_t i0, f;
    if (num <= 0) {
        i0 = 0;
        f = 0;
    } else {
        i0 = num / den;
        f = ((num - i0 * den) * EN_RS_ONE + out) / den; /* rounded; < EN_RS_ONE for out < 2048 */
    }
    if (i0 >= in - 1) {
        i0 = in - 1;
        f = 0;
    }
    *i1 = i0 + 1 < in ? i0 + 1 : in - 1;
    *frac = f;
    return i0;
}

#endif /* EN_INTERNAL_H */
