/*
 * en_pool.c - int8 MaxPool, AveragePool (pads excluded from the count) and GlobalAveragePool.
 */
#include "en_internal.h"

/* Window [lo, hi) of input indices for output index o, clipped to the input. */
static inline void en_window(int32_t o, int32_t stride, int32_t pad, int32_t k, int32_t size,
                             int32_t *lo, int32_t *hi)
{
    int32_t s = o * stride - pad;
    int32_t e = s + k;
    *lo = s > 0 ? s : 0;
    *hi = e < size ? e : size;
}

void en_maxpool_s8(void *args)
{
    const en_pool_args_t *a = (const en_pool_args_t *) args;
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
            int32_t m = a->x_zp; /* an empty window (not produced by ONNX shapes) gives 0 */
            int32_t any = 0;
            en_window(ox, a->stride_w, a->pad_l, a->k_w, a->in_w, &x0, &x1);
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
            yrow[ox] = en_saturate(en_requant(m - a->x_zp, a->mult, a->shift, 0),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
}

/* Rounded integer division num / den (den > 0), ties away from zero. */
static inline int32_t en_div_round(int32_t num, int32_t den)
{
    return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

void en_avgpool_s8(void *args)
{
    const en_pool_args_t *a = (const en_pool_args_t *) args;
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
            int32_t sum = 0;
            int32_t count;
            en_window(ox, a->stride_w, a->pad_l, a->k_w, a->in_w, &x0, &x1);
            count = (y1 - y0) * (x1 - x0);
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
            yrow[ox] = en_saturate(en_requant(mean8, a->mult, a->shift, 8),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
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
