/*
 * en_hwc.c - int8 convolutions on HWC activations, organised like PULP-NN: im2col per core
 * into L1 scratch, 4 output channels x 2 output pixels register blocking, 4-way int8 dot
 * products, pixels split over the cluster cores. See en_kernels.h (en_hwc_conv_args_t) and
 * README.md ("HWC kernels") for layouts and scratch sizes.
 *
 * Two builds of the same algorithm:
 *   EN_XPULP defined (GAP8 firmware only): the dot products, im2col copies and depthwise taps
 *     are Xpulp inline assembly (pv.sdotsp.b, lp.setup hardware loops, p.lw/p.sw post-increment),
 *     assembled by GreenWaves' binutils;
 *   otherwise: portable C computing exactly the same int32 sums (host tests, host-sim, rv32imc).
 * Integer sums are order-independent and never overflow int32 here, so both builds give the
 * same bytes; the tests check it on GVSOC.
 *
 * EN_HWC_FN(name) lets a benchmark compile this file a second time under other names (the
 * portable path next to the Xpulp one in one firmware).
 */
#include "en_internal.h"

#ifndef EN_HWC_FN
#define EN_HWC_FN(name) name
#endif

/* A 32-bit word view of int8 data that may alias it (GCC/Clang extension, as the SDK uses). */
typedef uint32_t __attribute__((__may_alias__)) en_word_t;

/* The kernels call no libc: keep GCC from turning copy / fill loops into memcpy / memset. */
#define EN_NO_LIBCALL __attribute__((__optimize__("no-tree-loop-distribute-patterns")))

static inline int32_t en_aligned(const void *p)
{
    return ((uintptr_t) p & 3u) == 0;
}

static inline int32_t en_round4(int32_t v)
{
    return (v + 3) & ~3;
}

/* ---- dot products: acc[4 ch][2 px] over k int8 taps ------------------------------------ */

static void en_dot4x2_c(const int8_t *w, int32_t k, const int8_t *c0, const int8_t *c1,
                        int32_t *acc)
{
    for (int32_t o = 0; o < 4; o++) {
        const int8_t *wr = w + o * k;
        int32_t s0 = 0;
        int32_t s1 = 0;
        for (int32_t i = 0; i < k; i++) {
            s0 += (int32_t) wr[i] * c0[i];
            s1 += (int32_t) wr[i] * c1[i];
        }
        acc[2 * o] = s0;
        acc[2 * o + 1] = s1;
    }
}

static int32_t en_dot1_c(const int8_t *w, int32_t k, const int8_t *c)
{
    int32_t s = 0;
    for (int32_t i = 0; i < k; i++) {
        s += (int32_t) w[i] * c[i];
    }
    return s;
}

#ifdef EN_XPULP
/* Requires k % 4 == 0, k > 0 and word-aligned w rows and columns. 14 instructions per
 * 32 MACs, no load-use stall: every loaded word is used two or more instructions later. */
static inline __attribute__((__always_inline__)) void en_dot4x2_xp(const int8_t *w, int32_t k, const int8_t *c0, const int8_t *c1,
                         int32_t *acc)
{
    const int8_t *w0 = w, *w1 = w + k, *w2 = w + 2 * k, *w3 = w + 3 * k;
    int32_t a00, a01, a10, a11, a20, a21, a30, a31;
    uint32_t x0, x1, v0, v1;
    int32_t n = k >> 2;
    /* accumulators are zeroed inside: "+r" would count twice against GCC's 30 operands */
    __asm__ volatile(
        "li %[a00], 0\n\tli %[a01], 0\n\tli %[a10], 0\n\tli %[a11], 0\n\t"
        "li %[a20], 0\n\tli %[a21], 0\n\tli %[a30], 0\n\tli %[a31], 0\n\t"
        ".balign 4\n\t"
        "lp.setup x0, %[n], 1f\n\t"
        "p.lw %[x0], 4(%[c0]!)\n\t"
        "p.lw %[x1], 4(%[c1]!)\n\t"
        "p.lw %[v0], 4(%[w0]!)\n\t"
        "p.lw %[v1], 4(%[w1]!)\n\t"
        "pv.sdotsp.b %[a00], %[v0], %[x0]\n\t"
        "pv.sdotsp.b %[a01], %[v0], %[x1]\n\t"
        "p.lw %[v0], 4(%[w2]!)\n\t"
        "pv.sdotsp.b %[a10], %[v1], %[x0]\n\t"
        "pv.sdotsp.b %[a11], %[v1], %[x1]\n\t"
        "p.lw %[v1], 4(%[w3]!)\n\t"
        "pv.sdotsp.b %[a20], %[v0], %[x0]\n\t"
        "pv.sdotsp.b %[a21], %[v0], %[x1]\n\t"
        "pv.sdotsp.b %[a30], %[v1], %[x0]\n\t"
        "1: pv.sdotsp.b %[a31], %[v1], %[x1]\n\t"
        : [a00] "=&r"(a00), [a01] "=&r"(a01), [a10] "=&r"(a10), [a11] "=&r"(a11),
          [a20] "=&r"(a20), [a21] "=&r"(a21), [a30] "=&r"(a30), [a31] "=&r"(a31),
          [x0] "=&r"(x0), [x1] "=&r"(x1), [v0] "=&r"(v0), [v1] "=&r"(v1),
          [c0] "+r"(c0), [c1] "+r"(c1), [w0] "+r"(w0), [w1] "+r"(w1), [w2] "+r"(w2),
          [w3] "+r"(w3)
        : [n] "r"(n)
        : "memory");
    acc[0] = a00; acc[1] = a01; acc[2] = a10; acc[3] = a11;
    acc[4] = a20; acc[5] = a21; acc[6] = a30; acc[7] = a31;
}

static int32_t en_dot1_xp(const int8_t *w, int32_t k, const int8_t *c)
{
    int32_t s = 0;
    uint32_t x, v;
    int32_t n = k >> 2;
    __asm__ volatile(
        ".balign 4\n\t"
        "lp.setup x0, %[n], 1f\n\t"
        "p.lw %[x], 4(%[c]!)\n\t"
        "p.lw %[v], 4(%[w]!)\n\t"
        "nop\n\t"
        "1: pv.sdotsp.b %[s], %[v], %[x]\n\t"
        : [s] "+r"(s), [x] "=&r"(x), [v] "=&r"(v), [c] "+r"(c), [w] "+r"(w)
        : [n] "r"(n)
        : "memory");
    return s;
}

/* Copies n (> 0) words; both pointers word-aligned. */
static void en_copy_words_xp(int8_t *dst, const int8_t *src, int32_t n)
{
    uint32_t t;
    __asm__ volatile(
        ".balign 4\n\t"
        "lp.setup x0, %[n], 1f\n\t"
        "p.lw %[t], 4(%[s]!)\n\t"
        "1: p.sw %[t], 4(%[d]!)\n\t"
        : [t] "=&r"(t), [s] "+r"(src), [d] "+r"(dst)
        : [n] "r"(n)
        : "memory");
}
#endif

/* acc for 4 channels x 2 columns; SIMD when the data allow it (k % 4 == 0, aligned). */
static inline __attribute__((__always_inline__)) void en_dot4x2(const int8_t *w, int32_t k, const int8_t *c0, const int8_t *c1,
                             int32_t *acc, int32_t simd)
{
#ifdef EN_XPULP
    if (simd) {
        en_dot4x2_xp(w, k, c0, c1, acc);
        return;
    }
#endif
    (void) simd;
    en_dot4x2_c(w, k, c0, c1, acc);
}

static inline int32_t en_dot1(const int8_t *w, int32_t k, const int8_t *c, int32_t simd)
{
#ifdef EN_XPULP
    if (simd) {
        return en_dot1_xp(w, k, c);
    }
#endif
    (void) simd;
    return en_dot1_c(w, k, c);
}

/* Copies n bytes; whole words when both ends are aligned and n % 4 == 0. */
EN_NO_LIBCALL static inline void en_copy(int8_t *dst, const int8_t *src, int32_t n)
{
    if (n > 0 && (n & 3) == 0 && en_aligned(dst) && en_aligned(src)) {
#ifdef EN_XPULP
        en_copy_words_xp(dst, src, n >> 2);
#else
        en_word_t *d = (en_word_t *) (void *) dst;
        const en_word_t *s = (const en_word_t *) (const void *) src;
        for (int32_t i = 0; i < (n >> 2); i++) {
            d[i] = s[i];
        }
#endif
        return;
    }
    for (int32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

EN_NO_LIBCALL static inline void en_fill(int8_t *dst, int8_t v, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        dst[i] = v;
    }
}

/* bias_eff[c] = bias[c] - x_zp * sum(w[c]): padded taps hold x_zp, so every tap is a plain
 * product and the zero point is folded out once per channel. */
static void en_bias_eff(const en_hwc_conv_args_t *a, int32_t k, int32_t *be, int32_t simd,
                        int32_t c0, int32_t c1)
{
    for (int32_t c = c0; c < c1; c++) {
        const int8_t *wr = a->w + c * k;
        int32_t s = 0;
#ifdef EN_XPULP
        if (simd) { /* the byte sum as a dot product with (1, 1, 1, 1) */
            const en_word_t *p = (const en_word_t *) (const void *) wr;
            for (int32_t i = 0; i < (k >> 2); i++) {
                __asm__("pv.sdotsp.b %0, %1, %2" : "+r"(s) : "r"(p[i]), "r"(0x01010101u));
            }
        } else
#endif
        {
            for (int32_t i = 0; i < k; i++) {
                s += wr[i];
            }
        }
        be[c] = (a->bias ? a->bias[c] : 0) - s * a->x_zp;
    }
    (void) simd;
}

/* One im2col column: the k_h * k_w * in_c taps of output pixel (oy, ox), x_zp where padded. */
static void en_im2col(const en_hwc_conv_args_t *a, int32_t oy, int32_t ox, int8_t *col)
{
    const int32_t c = a->in_c;
    for (int32_t ky = 0; ky < a->k_h; ky++) {
        const int32_t iy = oy * a->stride_h - a->pad_t + ky * a->dil_h;
        for (int32_t kx = 0; kx < a->k_w; kx++) {
            const int32_t ix = ox * a->stride_w - a->pad_l + kx * a->dil_w;
            if (iy < 0 || iy >= a->in_h || ix < 0 || ix >= a->in_w) {
                en_fill(col, (int8_t) a->x_zp, c);
            } else {
                en_copy(col, a->x + (iy * a->in_w + ix) * c, c);
            }
            col += c;
        }
    }
}

/* Requantisation parameters read once per call: stores through int8_t pointers would
 * otherwise make the compiler reload them from the argument struct after every output. */
typedef struct {
    const int32_t *mult;
    const int8_t *shift;
    const int32_t *be;
    int32_t zp, lo, hi;
} en_rq_t;

/* One channel c of both pixels (acc0 / acc1) into HWC outputs y0 / y1 (y1 == y0 for a lone
 * last pixel: it is then written twice with the same value). */
static inline __attribute__((__always_inline__)) void en_store2(const en_rq_t *q, int32_t c,
        int32_t acc0, int32_t acc1, int8_t *y0, int8_t *y1)
{
    const int32_t m = q->mult[c], s = q->shift[c], b = q->be[c];
    y0[c] = en_requant_sat(acc0 + b, m, s, q->zp, q->lo, q->hi);
    y1[c] = en_requant_sat(acc1 + b, m, s, q->zp, q->lo, q->hi);
}

/* Output pixels pair by pair over the cores; columns come from im2col (dense) or straight
 * from the input (pointwise: one pixel's in_c bytes are contiguous in HWC). */
static void en_hwc_matmul(const en_hwc_conv_args_t *a, int32_t pointwise)
{
    const int32_t k = pointwise ? a->in_c : a->k_h * a->k_w * a->in_c;
    int8_t *buf = a->buf + (int32_t) pi_core_id() * a->buf_bytes;
    int32_t *be = (int32_t *) (void *) buf;
    int8_t *col0 = buf + 4 * a->out_c;
    int8_t *col1 = col0 + en_round4(k);
    const int32_t npix = a->out_h * a->out_w;
    const int32_t pairs = (npix + 1) / 2;
    /* Pixel pairs over the cores; with fewer pairs than cores (small maps, e.g. the 1x1 ASPP
     * pooling branch) every core takes all pairs and a range of 4-channel blocks instead. */
    int32_t q0 = 0, q1 = pairs, cs = 0, ce = a->out_c;
    if (pairs >= (int32_t) pi_cl_team_nb_cores()) {
        en_split(pairs, &q0, &q1);
    } else {
        int32_t b0, b1;
        en_split((a->out_c + 3) / 4, &b0, &b1);
        cs = 4 * b0;
        ce = 4 * b1 < a->out_c ? 4 * b1 : a->out_c;
    }
    if (q0 >= q1 || cs >= ce) {
        return;
    }
    /* SIMD needs whole words: k % 4 == 0 and aligned weights / columns */
    const int32_t simd = k > 0 && (k & 3) == 0 && en_aligned(a->w)
            && (!pointwise || en_aligned(a->x));
    en_bias_eff(a, k, be, simd, cs, ce);
    const en_rq_t rq = {a->mult, a->shift, be, a->y_zp, a->act_min, a->act_max};
    const int32_t c4 = cs + ((ce - cs) & ~3);
    int32_t acc[8];
    /* pixel coordinates advance incrementally: a division costs ~30 cycles on the cluster cores */
    int32_t oy0 = (2 * q0) / a->out_w;
    int32_t ox0 = 2 * q0 - oy0 * a->out_w;
    for (int32_t q = q0; q < q1; q++) {
        const int32_t p0 = 2 * q;
        const int32_t p1 = p0 + 1 < npix ? p0 + 1 : p0; /* odd count: same pixel twice */
        int32_t oy1 = oy0, ox1 = ox0;
        if (p1 != p0 && ++ox1 == a->out_w) {
            ox1 = 0;
            oy1++;
        }
        const int8_t *x0, *x1;
        if (pointwise) {
            x0 = a->x + ((oy0 * a->stride_h) * a->in_w + ox0 * a->stride_w) * a->in_c;
            x1 = a->x + ((oy1 * a->stride_h) * a->in_w + ox1 * a->stride_w) * a->in_c;
        } else {
            en_im2col(a, oy0, ox0, col0);
            if (p1 != p0) {
                en_im2col(a, oy1, ox1, col1);
            }
            x0 = col0;
            x1 = p1 != p0 ? col1 : col0;
        }
        /* next pair starts two pixels on */
        oy0 = oy1;
        ox0 = ox1 + 1;
        if (ox0 == a->out_w) {
            ox0 = 0;
            oy0++;
        }
        int8_t *y0 = a->y + p0 * a->out_c;
        int8_t *y1 = a->y + p1 * a->out_c;
        for (int32_t c = cs; c < c4; c += 4) {
            en_dot4x2(a->w + c * k, k, x0, x1, acc, simd);
            en_store2(&rq, c, acc[0], acc[1], y0, y1);
            en_store2(&rq, c + 1, acc[2], acc[3], y0, y1);
            en_store2(&rq, c + 2, acc[4], acc[5], y0, y1);
            en_store2(&rq, c + 3, acc[6], acc[7], y0, y1);
        }
        for (int32_t c = c4; c < ce; c++) { /* out_c % 4 leftover channels */
            const int32_t s0 = en_dot1(a->w + c * k, k, x0, simd);
            en_store2(&rq, c, s0, p1 != p0 ? en_dot1(a->w + c * k, k, x1, simd) : s0, y0, y1);
        }
    }
}

void EN_HWC_FN(en_hwc_conv2d_s8)(void *args)
{
    en_hwc_matmul((const en_hwc_conv_args_t *) args, 0);
}

void EN_HWC_FN(en_hwc_pwconv2d_s8)(void *args)
{
    en_hwc_matmul((const en_hwc_conv_args_t *) args, 1);
}

/* ---- depthwise ------------------------------------------------------------------------- */

/* Width of one CHW scratch row: every tap of every output column, plus one spare word so a
 * two-word window read at any tap stays inside the row. */
static inline int32_t en_dw_row(const en_hwc_conv_args_t *a)
{
    return en_round4((a->out_w - 1) * a->stride_w + (a->k_w - 1) * a->dil_w + 1) + 4;
}

#ifdef EN_XPULP
/* n (even, > 0) bytes from src, step bytes apart, to consecutive dst bytes. */
static void en_gather_xp(int8_t *dst, const int8_t *src, int32_t step, int32_t n)
{
    uint32_t t0, t1;
    __asm__ volatile(
        ".balign 4\n\t"
        "lp.setup x0, %[n], 1f\n\t"
        "p.lb %[t0], %[st](%[s]!)\n\t"
        "p.lb %[t1], %[st](%[s]!)\n\t"
        "p.sb %[t0], 1(%[d]!)\n\t"
        "1: p.sb %[t1], 1(%[d]!)\n\t"
        : [t0] "=&r"(t0), [t1] "=&r"(t1), [s] "+r"(src), [d] "+r"(dst)
        : [n] "r"(n >> 1), [st] "r"(step)
        : "memory");
}
#endif

/* Input row iy of channel c into a CHW scratch row: column j holds x[iy][j - pad_l][c]. Only
 * the input columns are written: the pad columns were set to x_zp once per call and nothing
 * else writes them. Rows above / below the input hold x_zp. */
EN_NO_LIBCALL static void en_dw_gather(const en_hwc_conv_args_t *a, int32_t c, int32_t iy,
                                       int8_t *row, int32_t width)
{
    const int32_t j0 = a->pad_l < width ? a->pad_l : width;
    int32_t j1 = a->pad_l + a->in_w;
    j1 = j1 < width ? j1 : width;
    if (iy < 0 || iy >= a->in_h) {
        en_fill(row + j0, (int8_t) a->x_zp, j1 - j0);
        return;
    }
    const int8_t *src = a->x + iy * a->in_w * a->in_c + c;
    int32_t j = j0;
#ifdef EN_XPULP
    const int32_t pairs = (j1 - j0) & ~1;
    if (pairs > 0) {
        en_gather_xp(row + j0, src, a->in_c, pairs);
        j += pairs;
    }
#endif
    for (; j < j1; j++) {
        row[j] = src[(j - a->pad_l) * a->in_c];
    }
}

#ifdef EN_XPULP
static inline int32_t en_sdot(int32_t acc, uint32_t w, uint32_t x)
{
    __asm__("pv.sdotsp.b %0, %1, %2" : "+r"(acc) : "r"(w), "r"(x));
    return acc;
}

/* 3x3, dilation 1, stride 1 or 2, on word-aligned CHW rows: wk[ky] = (w0, w1, w2, 0). Per
 * kernel row one aligned word pair (lo, hi) serves 4 outputs (stride 1) or 2 (stride 2):
 * the window at byte offset o is (lo >> 8o) | (hi << (32 - 8o)), one sdot per output.
 * Returns the number of outputs done; the caller finishes the tail in C. */
static int32_t en_dw_row3_xp(const int8_t *const *rows, const uint32_t *wk, int32_t out_w,
                             int32_t stride, int32_t be, int32_t m, int32_t sh,
                             const en_hwc_conv_args_t *a, int8_t *y, int32_t ystep)
{
    const en_word_t *r0 = (const en_word_t *) (const void *) rows[0];
    const en_word_t *r1 = (const en_word_t *) (const void *) rows[1];
    const en_word_t *r2 = (const en_word_t *) (const void *) rows[2];
    const uint32_t k0 = wk[0], k1 = wk[1], k2 = wk[2];
    const int32_t zp = a->y_zp, lo = a->act_min, hi = a->act_max;
    int32_t ox = 0;
    if (stride == 1) {
        for (; ox + 4 <= out_w; ox += 4) {
            int32_t s0 = be, s1 = be, s2 = be, s3 = be;
            uint32_t l, h, t, u;
/* one asm block per kernel row, so GCC cannot hoist all loads and spill the windows */
#define EN_DW_ROW(RR, KK)                                                   \
            __asm__("lw %[l], 0(%[p])\n\tlw %[h], 4(%[p])\n\t"          \
                    "pv.sdotsp.b %[s0], %[k], %[l]\n\t"                  \
                    "srli %[t], %[l], 8\n\tslli %[u], %[h], 24\n\tor %[t], %[t], %[u]\n\t" \
                    "pv.sdotsp.b %[s1], %[k], %[t]\n\t"                  \
                    "srli %[t], %[l], 16\n\tslli %[u], %[h], 16\n\tor %[t], %[t], %[u]\n\t" \
                    "pv.sdotsp.b %[s2], %[k], %[t]\n\t"                  \
                    "srli %[t], %[l], 24\n\tslli %[u], %[h], 8\n\tor %[t], %[t], %[u]\n\t" \
                    "pv.sdotsp.b %[s3], %[k], %[t]"                        \
                    : [s0] "+r"(s0), [s1] "+r"(s1), [s2] "+r"(s2), [s3] "+r"(s3), \
                      [l] "=&r"(l), [h] "=&r"(h), [t] "=&r"(t), [u] "=&r"(u) \
                    : [p] "r"(RR + (ox >> 2)), [k] "r"(KK) : "memory");
            EN_DW_ROW(r0, k0)
            EN_DW_ROW(r1, k1)
            EN_DW_ROW(r2, k2)
#undef EN_DW_ROW
            y[0] = en_requant_sat(s0, m, sh, zp, lo, hi);
            y[ystep] = en_requant_sat(s1, m, sh, zp, lo, hi);
            y[2 * ystep] = en_requant_sat(s2, m, sh, zp, lo, hi);
            y[3 * ystep] = en_requant_sat(s3, m, sh, zp, lo, hi);
            y += 4 * ystep;
        }
    } else if (stride == 2) {
        for (; ox + 2 <= out_w; ox += 2) {
            int32_t s0 = be, s1 = be;
            uint32_t l, h;
#define EN_DW_ROW(r, k)                                                   \
            l = r[ox >> 1];                                               \
            h = r[(ox >> 1) + 1];                                         \
            s0 = en_sdot(s0, k, l);                                       \
            s1 = en_sdot(s1, k, (l >> 16) | (h << 16));
            EN_DW_ROW(r0, k0)
            EN_DW_ROW(r1, k1)
            EN_DW_ROW(r2, k2)
#undef EN_DW_ROW
            y[0] = en_requant_sat(s0, m, sh, zp, lo, hi);
            y[ystep] = en_requant_sat(s1, m, sh, zp, lo, hi);
            y += 2 * ystep;
        }
    }
    return ox;
}

static void en_dw_weights3(const int8_t *wc, uint32_t *wk)
{
    for (int32_t ky = 0; ky < 3; ky++) {
        wk[ky] = (uint32_t) (uint8_t) wc[3 * ky] | (uint32_t) (uint8_t) wc[3 * ky + 1] << 8
                | (uint32_t) (uint8_t) wc[3 * ky + 2] << 16;
    }
}
#endif

/* Depthwise (groups == in_c == out_c): units (c, oy) split over cores as in the CHW kernels;
 * per unit the k_h input rows of channel c are transposed into CHW scratch rows, kept in a
 * ring so consecutive rows of one channel reuse them. */
void EN_HWC_FN(en_hwc_dwconv2d_s8)(void *args)
{
    const en_hwc_conv_args_t *a = (const en_hwc_conv_args_t *) args;
    const int32_t kh = a->k_h, kw = a->k_w;
    const int32_t width = en_dw_row(a);
    int8_t *buf = a->buf + (int32_t) pi_core_id() * a->buf_bytes;
    uint32_t *wv = (uint32_t *) (void *) buf; /* 3x3 weights packed per kernel row */
    int8_t *ring = buf + 16;
    int32_t slot_row[16];
    const int8_t *rows[16];
    int32_t r0, r1, cur_c = -1, be = 0;
    en_split(a->out_c * a->out_h, &r0, &r1);
    if (r0 < r1) {
        en_fill(ring, (int8_t) a->x_zp, kh * width); /* pad columns, once */
    }
#ifdef EN_XPULP
    const int32_t fast = kh == 3 && kw == 3 && a->dil_w == 1 && a->stride_w <= 2 && en_aligned(buf);
#endif
    /* (c, oy) and the ring slot advance incrementally: a division costs ~30 cycles here */
    int32_t c = r0 / (a->out_h > 0 ? a->out_h : 1);
    int32_t oy = r0 - c * a->out_h;
    int32_t slot0 = 0;
    for (int32_t r = r0; r < r1; r++, oy++) {
        if (oy == a->out_h) {
            oy = 0;
            c++;
        }
        const int8_t *wc = a->w + c * kh * kw;
        const int32_t iy0 = oy * a->stride_h - a->pad_t;
        if (c != cur_c) {
            slot0 = iy0 % kh;
            slot0 = slot0 < 0 ? slot0 + kh : slot0;
            int32_t s = 0;
            for (int32_t i = 0; i < kh * kw; i++) {
                s += wc[i];
            }
            be = (a->bias ? a->bias[c] : 0) - s * a->x_zp;
            for (int32_t i = 0; i < kh; i++) {
                slot_row[i] = -0x7fffffff;
            }
#ifdef EN_XPULP
            if (fast) {
                en_dw_weights3(wc, wv);
            }
#else
            (void) wv;
#endif
            cur_c = c;
        } else {
            slot0 += a->stride_h; /* iy0 moved by stride_h: slot0 stays iy0 mod kh */
            while (slot0 >= kh) {
                slot0 -= kh;
            }
        }
        for (int32_t ky = 0; ky < kh; ky++) {
            const int32_t iy = iy0 + ky * a->dil_h;
            /* dilation 1: slot by row number, so a row is gathered once per channel */
            int32_t slot = ky;
            if (a->dil_h == 1) { /* slot = iy mod kh: one remainder per unit, not per row */
                slot = slot0 + ky;
                slot = slot >= kh ? slot - kh : slot;
            }
            int8_t *row = ring + slot * width;
            if (slot_row[slot] != iy) {
                en_dw_gather(a, c, iy, row, width);
                slot_row[slot] = iy;
            }
            rows[ky] = row;
        }
        int8_t *y = a->y + oy * a->out_w * a->out_c + c;
        const int32_t m = a->mult[c], sh = a->shift[c];
        int32_t ox0 = 0;
#ifdef EN_XPULP
        if (fast) {
            ox0 = en_dw_row3_xp(rows, wv, a->out_w, a->stride_w, be, m, sh, a, y, a->out_c);
        }
#endif
        for (int32_t ox = ox0; ox < a->out_w; ox++) {
            const int32_t ix = ox * a->stride_w;
            int32_t acc = be;
            for (int32_t ky = 0; ky < kh; ky++) {
                const int8_t *wr = wc + ky * kw;
                for (int32_t kx = 0; kx < kw; kx++) {
                    acc += (int32_t) wr[kx] * rows[ky][ix + kx * a->dil_w];
                }
            }
            y[ox * a->out_c] = en_requant_sat(acc, m, sh, a->y_zp, a->act_min, a->act_max);
        }
    }
}

int32_t EN_HWC_FN(en_hwc_buf_bytes)(const en_hwc_conv_args_t *a, int32_t kind)
{
    if (kind == EN_HWC_DW) {
        return 16 + en_round4(a->k_h * en_dw_row(a));
    }
    const int32_t k = kind == EN_HWC_PW ? a->in_c : a->k_h * a->k_w * a->in_c;
    return 4 * a->out_c + (kind == EN_HWC_PW ? 0 : 2 * en_round4(k));
}
