/*
 * en_pool.c - int8 MaxPool, AveragePool (pads excluded from the count) and GlobalAveragePool.
 */
#include "en_internal.h"

/* Max over the window [y0, y1) x [x0, x1) of one channel plane, requantized. */
static inline int8_t en_pool_max(const en_pool_args_t *a, const int8_t *xp,
                                 int32_t y0, int32_t y1, int32_t x0, int32_t x1)
{
    int32_t m = a->x_zp; /* an empty window (not produced by ONNX shapes) gives 0 */
    int32_t any = 0;
    for (int32_t iy = y0; iy < y1; iy++) {
        const int8_t *xr = xp + iy * a->in_w;
        /* XPULP: pv.max.b on packed bytes */
        for (int32_t ix = x0; ix < x1; ix++) {
            if (!any || xr[ix] > m) {
                m = xr[ix];
                any = 1;
            }
        }
    }
    return en_saturate(en_requant(m - a->x_zp, a->mult, a->shift, 0), a->y_zp, a->act_min, a->act_max);
}

/* Mean over the window (pads excluded from the count), requantized. */
static inline int8_t en_pool_avg(const en_pool_args_t *a, const int8_t *xp,
                                 int32_t y0, int32_t y1, int32_t x0, int32_t x1)
{
    int32_t sum = 0;
    const int32_t count = (y1 - y0) * (x1 - x0);
    for (int32_t iy = y0; iy < y1; iy++) {
        const int8_t *xr = xp + iy * a->in_w;
        /* XPULP: sumdotp with a vector of ones adds 4 bytes at once */
        for (int32_t ix = x0; ix < x1; ix++) {
            sum += xr[ix];
        }
    }
    sum -= count * a->x_zp;
    /* mean with 8 fractional bits (|sum| * 256 < 2^31 for windows up to 32896 taps) */
    int32_t mean8 = count > 0 ? en_div_round(sum * 256, count) : 0;
    return en_saturate(en_requant(mean8, a->mult, a->shift, 8), a->y_zp, a->act_min, a->act_max);
}

/* The walk both poolings share: units are (channel, output row) split over cores; avg is a
 * constant at each call, so each kernel inlines to its own loop with no branch per window. */
static inline __attribute__((__always_inline__)) void en_pool_chw(const en_pool_args_t *a, int32_t avg)
{
    int32_t r0, r1;
    en_split(a->c * a->out_h, &r0, &r1);
    for (int32_t r = r0; r < r1; r++) {
        const int32_t c = r / a->out_h;
        const int32_t oy = r - c * a->out_h;
        const int8_t *xp = a->x + c * a->in_h * a->in_w;
        int8_t *yrow = a->y + r * a->out_w;
        int32_t y0, y1;
        en_window(oy, a->stride_h, a->pad_t, a->k_h, a->in_h, &y0, &y1);
        for (int32_t ox = 0; ox < a->out_w; ox++) {
            int32_t x0, x1;
            en_window(ox, a->stride_w, a->pad_l, a->k_w, a->in_w, &x0, &x1);
            yrow[ox] = avg ? en_pool_avg(a, xp, y0, y1, x0, x1) : en_pool_max(a, xp, y0, y1, x0, x1);
        }
    }
}

void en_maxpool_s8(void *args)
{
    en_pool_chw((const en_pool_args_t *) args, 0);
}

void en_avgpool_s8(void *args)
{
    en_pool_chw((const en_pool_args_t *) args, 1);
}

void en_global_avgpool_s8(void *args)
{
    const en_global_pool_args_t *a = (const en_global_pool_args_t *) args;
    const int32_t n = a->h * a->w;
    int32_t c0, c1;
    en_split(a->c, &c0, &c1);
    for (int32_t c = c0; c < c1; c++) {
        const int8_t *xp = a->x + c * n;
        int32_t sum = 0;
        /* XPULP: sumdotp with a vector of ones, hardware loop */
        for (int32_t i = 0; i < n; i++) {
            sum += xp[i];
        }
        sum -= n * a->x_zp;
        /* r already contains 1 / (h * w) */
        a->y[c] = en_saturate(en_requant(sum, a->mult, a->shift, 0),
                              a->y_zp, a->act_min, a->act_max);
    }
}
