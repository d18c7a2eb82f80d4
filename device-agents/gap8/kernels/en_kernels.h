/*
 * en_kernels.h - int8 inference kernels of edgenas for the GreenWaves GAP8 cluster.
 *
 * CHW kernels: plain C99 (rv32imc, no malloc, no floating point inside kernels). HWC
 * convolutions (en_hwc.c, below): PULP-NN-style, Xpulp inline assembly under EN_XPULP.
 *
 * CALLING CONVENTION
 *   Every kernel is `void en_<kernel>(void *args)` and is meant for
 *       pi_cl_team_fork(nb_cores, en_conv2d_s8, &args);
 *   Each cluster core runs the function and processes its own contiguous share of the
 *   output "rows" (see en_split below), using pi_core_id() / pi_cl_team_nb_cores() from
 *   "pmsis.h". Cores write disjoint output bytes, so no barrier is needed inside a kernel;
 *   pi_cl_team_fork returns once all cores are done. All buffers must be addressable by the
 *   cluster (L1 for speed; L2 works but is slow). Kernels never allocate.
 *
 * LAYOUT
 *   Batch 1, CHW (the NCHW layout of ONNX without N): element (c, y, x) of a tensor with
 *   H x W planes is at index (c * H + y) * W + x. Conv weights are ONNX's OIHW:
 *   [C_out][C_in / groups][K_h][K_w].
 *
 * QUANTISATION SCHEME (the one `deploy` uses)
 *   - activations: int8, asymmetric, one (scale, zero_point) per tensor: real = s * (q - zp)
 *   - weights: int8, symmetric per output channel (zero point 0), scale w_scale[c]
 *   - bias: int32 in accumulator scale x_scale * w_scale[c], zero point 0
 *   - accumulators: int32; acc = bias[c] + sum w * (x - x_zp); padded taps contribute 0
 *   - requantisation per output channel with a fixed-point multiplier (see REQUANT below),
 *     then + y_zp and clamp to [act_min, act_max]. act_min/act_max fuse Relu (act_min = y_zp)
 *     and Relu6 (act_max = min(127, y_zp + round(6 / y_scale))); no activation: -128..127.
 *
 * REQUANT (exact algorithm; the host computes mult/shift, the kernel only uses integers)
 *   A real factor r > 0 (e.g. x_scale * w_scale[c] / y_scale) is represented as
 *       r = mult * 2^-(31 + shift),   2^30 <= mult < 2^31,   -30 <= shift <= 31
 *   Host side, from a double r:
 *       if r == 0: mult = 0, shift = 0.
 *       (m, e) = frexp(r)            -> r = m * 2^e, 0.5 <= m < 1
 *       q = llround(m * 2^31); if q == 2^31 { q = 2^30; e = e + 1 }
 *       shift = -e
 *       if shift > 31: q = q >> (shift - 31) (rounding half up), shift = 31   (tiny r)
 *       if shift < -30: error "scale ratio r too large"                     (r >= 2^30)
 *       mult = (int32) q
 *   Kernel side, for an int32 value v (see en_requant):
 *       n = 31 + shift                       (1 <= n <= 62)
 *       p = (int64) v * mult
 *       out = (p + 2^(n-1)) >> n            (arithmetic shift: round to nearest,
 *                                            ties toward +infinity; one single rounding)
 *       y = clamp(out + y_zp, act_min, act_max)
 *   ONNX QuantizeLinear rounds ties to even, but ONNX Runtime computes in float32, so exact
 *   ties are rare and its tie direction follows float noise (measured: mostly upward); the
 *   tests accept +-1 and report the exact-match share (see README.md).
 *   Identity factor (r = 1): mult = 2^30, shift = -1 (exact pass-through).
 *
 * ROW SPLIT OVER CORES (en_split)
 *   rows are numbered r = 0 .. total-1; with P cores, chunk = ceil(total / P), core k takes
 *   [k*chunk, min(total, (k+1)*chunk)). What a "row" is, per kernel:
 *     conv2d / dwconv2d / pwconv2d / maxpool / avgpool / resize / concat:
 *         one output row (c, y) of W_out elements, total = C_out * H_out
 *     global_avgpool: one output channel, total = C
 *     add: one element, total = size
 *
 * XPULP: the inner loops marked "XPULP:" in the .c files are where the GAP8 build would use
 *   4x8-bit SIMD dot products (sumdotp) on packed int8 and hardware loops (lp.setup).
 */
#ifndef EN_KERNELS_H
#define EN_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Convolution (general, depthwise and pointwise share this struct). */
typedef struct {
    const int8_t *x;      /* input  [in_c][in_h][in_w] */
    const int8_t *w;      /* weights [out_c][in_c/groups][k_h][k_w], symmetric (zp 0) */
    const int32_t *bias;  /* [out_c] in scale x_scale*w_scale[c]; NULL = no bias */
    int8_t *y;            /* output [out_c][out_h][out_w] */
    const int32_t *mult;  /* [out_c] requant multiplier, r[c] = x_scale*w_scale[c]/y_scale */
    const int8_t *shift;  /* [out_c] requant shift (see REQUANT) */
    int32_t in_c, in_h, in_w;
    int32_t out_c, out_h, out_w;
    int32_t k_h, k_w;
    int32_t stride_h, stride_w;
    int32_t dil_h, dil_w;      /* dilation, >= 1 */
    int32_t pad_t, pad_l;      /* top / left padding (bottom / right follow from out_h/out_w) */
    int32_t pad_b, pad_r;      /* informative; the kernel bounds-checks every tap */
    int32_t groups;            /* 1 = dense, in_c = out_c = groups: depthwise */
    int32_t x_zp, y_zp;        /* int8 zero points */
    int32_t act_min, act_max;  /* output clamp in the quantised domain, within -128..127 */
} en_conv2d_args_t;

/* General conv: any kernel size, stride, dilation, pads, groups (in_c and out_c divisible). */
void en_conv2d_s8(void *args);
/* Depthwise: requires groups == in_c == out_c (channel multiplier 1). */
void en_dwconv2d_s8(void *args);
/* Pointwise: requires k_h == k_w == 1, groups == 1, no padding; strides are honoured. */
void en_pwconv2d_s8(void *args);

/* HWC convolutions (en_hwc.c), organised like PULP-NN: see README.md "HWC kernels".
 * LAYOUT: activations HWC, element (y, x, c) at (y * W + x) * C + c. Weights: dense and
 * pointwise [out_c][k_h][k_w][in_c] (ONNX OIHW transposed to OHWI); depthwise [c][k_h][k_w]
 * (ONNX's own order). Same quantisation scheme and REQUANT arithmetic as the CHW kernels
 * (bit-exact to them). Scratch: each core k uses buf + k * buf_bytes, buf_bytes >=
 * en_hwc_buf_bytes(args, kind) and a multiple of 4, buf word-aligned (L1 for speed).
 * With EN_XPULP defined (GAP8 build) the inner loops are Xpulp inline assembly; otherwise
 * portable C giving the same bytes. */
typedef struct {
    const int8_t *x;      /* input  [in_h][in_w][in_c] */
    const int8_t *w;      /* [out_c][k_h][k_w][in_c] (dense, pointwise), [c][k_h][k_w] (dw) */
    const int32_t *bias;  /* [out_c]; NULL = no bias */
    int8_t *y;            /* output [out_h][out_w][out_c] */
    const int32_t *mult;  /* [out_c] requant multiplier */
    const int8_t *shift;  /* [out_c] requant shift */
    int32_t in_c, in_h, in_w;
    int32_t out_c, out_h, out_w;
    int32_t k_h, k_w;
    int32_t stride_h, stride_w;
    int32_t dil_h, dil_w;
    int32_t pad_t, pad_l, pad_b, pad_r;
    int32_t groups;            /* 1 (dense, pointwise) or in_c == out_c (depthwise) */
    int32_t x_zp, y_zp;
    int32_t act_min, act_max;
    int8_t *buf;               /* per-core scratch: im2col columns, folded biases, CHW rows */
    int32_t buf_bytes;         /* scratch bytes per core */
} en_hwc_conv_args_t;

enum { EN_HWC_CONV = 0, EN_HWC_DW = 1, EN_HWC_PW = 2 };

/* Dense conv, groups == 1: any kernel size, stride, dilation, pads. Output pixels in pairs
 * over the cores; per pair two im2col columns, then 4 channels x 2 pixels per dot loop
 * (SIMD when k_h * k_w * in_c % 4 == 0 and w is word-aligned). */
void en_hwc_conv2d_s8(void *args);
/* Depthwise, groups == in_c == out_c, k_h <= 16: units (c, oy) over cores; the channel's
 * input rows are transposed to CHW scratch rows (ring, reused along oy). SIMD for 3x3 with
 * dil_w == 1 (any stride, dil_h); portable otherwise. */
void en_hwc_dwconv2d_s8(void *args);
/* Pointwise: k 1x1, groups 1, no pads, any stride; columns are the input pixels themselves
 * (SIMD when in_c % 4 == 0 and x, w are word-aligned). */
void en_hwc_pwconv2d_s8(void *args);
/* Scratch bytes each core needs for kind EN_HWC_CONV / EN_HWC_DW / EN_HWC_PW (a multiple of 4). */
int32_t en_hwc_buf_bytes(const en_hwc_conv_args_t *args, int32_t kind);

/* MaxPool / AveragePool. Pads never count: MaxPool ignores them (as -inf), AveragePool
 * divides by the number of valid taps (ONNX count_include_pad = 0, the default). Windows
 * that run past the input (ceil_mode) are clipped the same way. Output = requant of the
 * pooled (x - x_zp) by r = x_scale / y_scale (identity: mult 2^30, shift -1). */
typedef struct {
    const int8_t *x;      /* [c][in_h][in_w] */
    int8_t *y;            /* [c][out_h][out_w] */
    int32_t c, in_h, in_w, out_h, out_w;
    int32_t k_h, k_w, stride_h, stride_w;
    int32_t pad_t, pad_l, pad_b, pad_r;
    int32_t x_zp, y_zp;
    int32_t mult, shift;       /* r = x_scale / y_scale */
    int32_t act_min, act_max;
} en_pool_args_t;

void en_maxpool_s8(void *args);
/* Average: sum of (x - x_zp) over the valid taps, divided by the count with 8 extra
 * fractional bits (integer division, rounded), then requantised with shift + 8. */
void en_avgpool_s8(void *args);

/* GlobalAveragePool: y[c] = requant(sum over H*W of (x - x_zp)) with the 1/(h*w) folded
 * into the factor: r = x_scale / (y_scale * h * w). One rounding, no division. The sum must
 * fit int32 (h*w <= 8421504). */
typedef struct {
    const int8_t *x;      /* [c][h][w] */
    int8_t *y;            /* [c] */
    int32_t c, h, w;
    int32_t x_zp, y_zp;
    int32_t mult, shift;
    int32_t act_min, act_max;
} en_global_pool_args_t;

void en_global_avgpool_s8(void *args);

/* ONNX Resize, mode "linear", coordinate_transformation_mode "half_pixel", per channel
 * plane from in_h x in_w to out_h x out_w (any ratio, incl. 1x1 -> HxW):
 *   src = (dst + 0.5) * in / out - 0.5, clamped to [0, in - 1]; taps floor(src) and
 *   min(floor(src) + 1, in - 1); weights in Q11 fixed point computed with integers.
 * Output = requant of the interpolated (x - x_zp) by r = x_scale / y_scale. */
typedef struct {
    const int8_t *x;      /* [c][in_h][in_w] */
    int8_t *y;            /* [c][out_h][out_w] */
    int32_t c, in_h, in_w, out_h, out_w;
    int32_t x_zp, y_zp;
    int32_t mult, shift;
    int32_t act_min, act_max;
} en_resize_args_t;

void en_resize_bilinear_s8(void *args);

/* Elementwise add of two same-shape tensors with their own scales:
 *   y = clamp(y_zp + round(((a - a_zp) * a_mult + (b - b_zp) * b_mult) / 2^(31 + shift)))
 * with a_mult * 2^-(31+shift) = a_scale / y_scale and b_mult likewise: ONE shared shift,
 * chosen from the larger of the two ratios (host: shift from max ratio, each mult =
 * llround(ratio * 2^(31+shift)), both < 2^31). act_min = y_zp fuses a following Relu. */
typedef struct {
    const int8_t *a;
    const int8_t *b;
    int8_t *y;
    int32_t size;              /* number of elements */
    int32_t a_zp, b_zp, y_zp;
    int32_t a_mult, b_mult, shift;
    int32_t act_min, act_max;
} en_add_args_t;

void en_add_s8(void *args);

/* Channel concat (ONNX Concat axis=1) of n_inputs CHW tensors with the same h x w; every
 * input is requantised to the output scale / zero point with its own mult[i] / shift[i]
 * (r_i = scale_i / y_scale; identity: 2^30, -1). Result clamped to -128..127. */
typedef struct {
    const int8_t *const *x;    /* [n_inputs] pointers to [in_c[i]][h][w] */
    const int32_t *in_c;       /* [n_inputs] channels of each input */
    const int32_t *x_zp;       /* [n_inputs] */
    const int32_t *mult;       /* [n_inputs] */
    const int32_t *shift;      /* [n_inputs] */
    int32_t n_inputs;
    int8_t *y;                 /* [sum in_c][h][w] */
    int32_t h, w;
    int32_t y_zp;
} en_concat_args_t;

void en_concat_s8(void *args);

/* Pointwise op by table (HardSigmoid, HardSwish: the host computes the 256 entries exactly as
 * ONNX Runtime's DequantizeLinear -> float op -> QuantizeLinear): y[i] = table[x[i] + 128].
 * Layout-free (CHW and HWC alike). */
typedef struct {
    const int8_t *x;
    int8_t *y;
    int32_t size;              /* number of elements */
    const int8_t *table;       /* [256] */
} en_lut_args_t;

void en_lut_s8(void *args);

/* Elementwise Mul: y = y_zp + round((a - a_zp) * (b - b_zp) * mult * 2^-(31+shift)), clamped to
 * act_min..act_max, with mult * 2^-(31+shift) = a_scale * b_scale / y_scale. b has a's shape,
 * or (per_channel) one value per channel: the squeeze-excitation scaling of MobileNetV3.
 * en_mul_s8: CHW (b[i / pixels] per channel); en_hwc_mul_s8: HWC (b[i % c] per channel). */
typedef struct {
    const int8_t *a;
    const int8_t *b;
    int8_t *y;
    int32_t pixels, c;         /* a and y hold pixels x c elements */
    int32_t per_channel;
    int32_t a_zp, b_zp, y_zp;
    int32_t mult, shift;
    int32_t act_min, act_max;
} en_mul_args_t;

void en_mul_s8(void *args);
void en_hwc_mul_s8(void *args);

/* HWC versions of the other kernels (en_hwc_ops.c), for the tiled deploy: same argument
 * structs and arithmetic as the CHW ones (bit-exact), tensors [h][w][c]. Work is split over
 * output pixels (pools, resize, concat) or channels (global pooling). Add: en_add_s8 as is. */
void en_hwc_maxpool_s8(void *args);
void en_hwc_avgpool_s8(void *args);
void en_hwc_global_avgpool_s8(void *args);
void en_hwc_concat_s8(void *args);

/* Resize of a tile of output rows: r describes the whole resize (in_h/out_h of the full
 * tensors, c = channels in the tile); x holds input rows from x_row0 on, y the out_rows rows
 * from out_y0 on. en_hwc_resize_rows gives the input rows [first, end) such a tile reads. */
typedef struct {
    en_resize_args_t r;
    int32_t out_y0, out_rows, x_row0;
} en_hwc_resize_args_t;

void en_hwc_resize_bilinear_s8(void *args);
void en_hwc_resize_rows(int32_t out_y0, int32_t rows, int32_t in_h, int32_t out_h, int32_t *first, int32_t *end);

#ifdef __cplusplus
}
#endif

#endif /* EN_KERNELS_H */
