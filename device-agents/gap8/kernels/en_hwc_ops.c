/*
 * en_hwc_ops.c - the non-convolution int8 kernels on HWC tensors (what the tiled deploy runs
 * besides en_hwc.c): max / average pooling, global average pooling, bilinear resize on a tile
 * of output rows, channel concat. Same arithmetic as the CHW kernels (en_pool.c, en_resize.c,
 * en_eltwise.c), so outputs are bit-exact to them; only the indexing differs. Elementwise add
 * and table lookup are layout-free: en_add_s8 and en_lut_s8 run on HWC tiles as they are; Mul by
 * one value per channel indexes differently (en_hwc_mul_s8).
 */
#include "en_internal.h"

/* Units: output pixels (oy, ox) split over cores; all channels of a pixel per unit. */
static void en_hwc_pool(const en_pool_args_t *a, int32_t avg)
{
    int32_t p0, p1;
    en_split(a->out_h * a->out_w, &p0, &p1);
    for (int32_t p = p0; p < p1; p++) {
        const int32_t oy = p / a->out_w;
        const int32_t ox = p - oy * a->out_w;
        int32_t y0, y1, x0, x1;
        en_window(oy, a->stride_h, a->pad_t, a->k_h, a->in_h, &y0, &y1);
        en_window(ox, a->stride_w, a->pad_l, a->k_w, a->in_w, &x0, &x1);
        const int32_t count = (y1 - y0) * (x1 - x0);
        int8_t *yp = a->y + p * a->c;
        for (int32_t c = 0; c < a->c; c++) {
            int32_t m = a->x_zp;
            int32_t any = 0;
            int32_t sum = 0;
            for (int32_t iy = y0; iy < y1; iy++) {
                const int8_t *xr = a->x + (iy * a->in_w) * a->c + c;
                for (int32_t ix = x0; ix < x1; ix++) {
                    const int32_t v = xr[ix * a->c];
                    sum += v;
                    if (!any || v > m) {
                        m = v;
                        any = 1;
                    }
                }
            }
            if (avg) {
                sum -= count * a->x_zp;
                const int32_t mean8 = count > 0 ? en_div_round(sum * 256, count) : 0;
                yp[c] = en_saturate(en_requant(mean8, a->mult, a->shift, 8), a->y_zp, a->act_min, a->act_max);
            } else {
                yp[c] = en_saturate(en_requant(m - a->x_zp, a->mult, a->shift, 0), a->y_zp, a->act_min, a->act_max);
            }
        }
    }
}

void en_hwc_maxpool_s8(void *args)
{
    en_hwc_pool((const en_pool_args_t *) args, 0);
}

void en_hwc_avgpool_s8(void *args)
{
    en_hwc_pool((const en_pool_args_t *) args, 1);
}

/* Channels split over cores; x is [h][w][c]. */
void en_hwc_global_avgpool_s8(void *args)
{
    const en_global_pool_args_t *a = (const en_global_pool_args_t *) args;
    const int32_t n = a->h * a->w;
    int32_t c0, c1;
    en_split(a->c, &c0, &c1);
    for (int32_t c = c0; c < c1; c++) {
        const int8_t *xp = a->x + c;
        int32_t sum = 0;
        for (int32_t i = 0; i < n; i++) {
            sum += xp[i * a->c];
        }
        sum -= n * a->x_zp;
        a->y[c] = en_saturate(en_requant(sum, a->mult, a->shift, 0), a->y_zp, a->act_min, a->act_max);
    }
}

void en_hwc_resize_rows(int32_t out_y0, int32_t rows, int32_t in_h, int32_t out_h, int32_t *first, int32_t *end)
{
    int32_t lo, hi, f;
    *first = en_rs_src(out_y0, in_h, out_h, &hi, &f);
    lo = en_rs_src(out_y0 + rows - 1, in_h, out_h, &hi, &f);
    (void) lo;
    *end = hi + 1;
}

/* Output rows out_y0 .. out_y0 + out_rows - 1 of the whole resize; x holds input rows from
 * x_row0 on (HWC, a->c channels), y the tile's output rows. Units: (tile row, column) pixels. */
void en_hwc_resize_bilinear_s8(void *args)
{
    const en_hwc_resize_args_t *t = (const en_hwc_resize_args_t *) args;
    const en_resize_args_t *a = &t->r;
    const int32_t c_n = a->c;
    int32_t p0, p1;
    en_split(t->out_rows * a->out_w, &p0, &p1);
    for (int32_t p = p0; p < p1; p++) {
        const int32_t r = p / a->out_w;
        const int32_t ox = p - r * a->out_w;
        int32_t y1, fy, x1, fx;
        const int32_t y0 = en_rs_src(t->out_y0 + r, a->in_h, a->out_h, &y1, &fy);
        const int32_t x0 = en_rs_src(ox, a->in_w, a->out_w, &x1, &fx);
        const int8_t *row0 = a->x + (y0 - t->x_row0) * a->in_w * c_n;
        const int8_t *row1 = a->x + (y1 - t->x_row0) * a->in_w * c_n;
        int8_t *yp = a->y + p * c_n;
        for (int32_t c = 0; c < c_n; c++) {
            const int32_t top = (row0[x0 * c_n + c] - a->x_zp) * (EN_RS_ONE - fx) + (row0[x1 * c_n + c] - a->x_zp) * fx;
            const int32_t bot = (row1[x0 * c_n + c] - a->x_zp) * (EN_RS_ONE - fx) + (row1[x1 * c_n + c] - a->x_zp) * fx;
            const int32_t v = top * (EN_RS_ONE - fy) + bot * fy;
            yp[c] = en_saturate(en_requant(v, a->mult, a->shift, 2 * EN_RS_BITS), a->y_zp, a->act_min, a->act_max);
        }
    }
}

/* x[i] is [h][w][in_c[i]], y is [h][w][sum in_c]; units: pixels. */
void en_hwc_concat_s8(void *args)
{
    const en_concat_args_t *a = (const en_concat_args_t *) args;
    int32_t total_c = 0;
    for (int32_t i = 0; i < a->n_inputs; i++) {
        total_c += a->in_c[i];
    }
    int32_t p0, p1;
    en_split(a->h * a->w, &p0, &p1);
    for (int32_t p = p0; p < p1; p++) {
        int8_t *dst = a->y + p * total_c;
        for (int32_t i = 0; i < a->n_inputs; i++) {
            const int32_t n = a->in_c[i];
            const int8_t *src = a->x[i] + p * n;
            for (int32_t c = 0; c < n; c++) {
                dst[c] = en_saturate(en_requant(src[c] - a->x_zp[i], a->mult[i], a->shift[i], 0), a->y_zp, -128, 127);
            }
            dst += n;
        }
    }
}

void en_hwc_mul_s8(void *args)
{
    const en_mul_args_t *a = (const en_mul_args_t *) args;
    int32_t i0, i1;
    en_split(a->pixels * a->c, &i0, &i1);
    for (int32_t i = i0; i < i1; i++) {
        const int32_t b = a->per_channel ? a->b[i % a->c] : a->b[i];
        const int32_t p = (a->a[i] - a->a_zp) * (b - a->b_zp);
        a->y[i] = en_saturate(en_requant(p, a->mult, a->shift, 0), a->y_zp, a->act_min, a->act_max);
    }
}
