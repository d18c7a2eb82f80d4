/*
 * en_resize.c - ONNX Resize (mode linear, coordinate_transformation_mode half_pixel), int8.
 * Source coordinates and weights are exact rationals rounded to Q11; no floating point.
 */
#include "en_internal.h"

void en_resize_bilinear_s8(void *args)
{
    const en_resize_args_t *a = (const en_resize_args_t *) args;
    int32_t r0, r1;
    en_split(a->c * a->out_h, &r0, &r1);
    for (int32_t r = r0; r < r1; r++) {
        const int32_t c = r / a->out_h;
        const int32_t oy = r - c * a->out_h;
        int32_t y1, fy;
        const int32_t y0 = en_rs_src(oy, a->in_h, a->out_h, &y1, &fy);
        const int8_t *row0 = a->x + (c * a->in_h + y0) * a->in_w;
        const int8_t *row1 = a->x + (c * a->in_h + y1) * a->in_w;
        int8_t *yrow = a->y + r * a->out_w;
        /* XPULP: the per-column taps/weights are row invariant: a small L1 table would
         * remove the divisions; pv.dotsp.h on packed 16-bit weights does the blend. */
        for (int32_t ox = 0; ox < a->out_w; ox++) {
            int32_t x1, fx;
            const int32_t x0 = en_rs_src(ox, a->in_w, a->out_w, &x1, &fx);
            const int32_t top = (row0[x0] - a->x_zp) * (EN_RS_ONE - fx) + (row0[x1] - a->x_zp) * fx;
            const int32_t bot = (row1[x0] - a->x_zp) * (EN_RS_ONE - fx) + (row1[x1] - a->x_zp) * fx;
            /* |value| <= 255 * 2^22 < 2^31 */
            const int32_t v = top * (EN_RS_ONE - fy) + bot * fy;
            yrow[ox] = en_saturate(en_requant(v, a->mult, a->shift, 2 * EN_RS_BITS),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
}
