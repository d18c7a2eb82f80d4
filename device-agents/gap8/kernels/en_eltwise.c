/*
 * en_eltwise.c - int8 elementwise Add (two scales, one rounding), Mul, table lookup and channel
 * Concat.
 */
#include "en_internal.h"

void en_add_s8(void *args)
{
    const en_add_args_t *a = (const en_add_args_t *) args;
    const int32_t n = 31 + a->shift;
    int32_t i0, i1;
    en_split(a->size, &i0, &i1);
    /* XPULP: unpack 4 bytes per load (post-increment), hardware loop */
    for (int32_t i = i0; i < i1; i++) {
        const int64_t p = (int64_t) (a->a[i] - a->a_zp) * a->a_mult
                        + (int64_t) (a->b[i] - a->b_zp) * a->b_mult;
        a->y[i] = en_saturate(en_round_shift(p, n), a->y_zp, a->act_min, a->act_max);
    }
}

void en_concat_s8(void *args)
{
    const en_concat_args_t *a = (const en_concat_args_t *) args;
    int32_t total_c = 0;
    int32_t r0, r1;
    for (int32_t i = 0; i < a->n_inputs; i++) {
        total_c += a->in_c[i];
    }
    en_split(total_c * a->h, &r0, &r1);
    int32_t in = 0;        /* input holding the current row */
    int32_t first_row = 0; /* first output row of input `in` */
    for (int32_t r = r0; r < r1; r++) {
        while (r >= first_row + a->in_c[in] * a->h) {
            first_row += a->in_c[in] * a->h;
            in++;
        }
        const int8_t *src = a->x[in] + (r - first_row) * a->w;
        int8_t *dst = a->y + r * a->w;
        const int32_t zp = a->x_zp[in];
        const int32_t mult = a->mult[in];
        const int32_t shift = a->shift[in];
        /* XPULP / DMA: with equal scales this is a plain copy (DMA L2->L1 of whole planes) */
        for (int32_t x = 0; x < a->w; x++) {
            dst[x] = en_saturate(en_requant(src[x] - zp, mult, shift, 0), a->y_zp, -128, 127);
        }
    }
}

void en_lut_s8(void *args)
{
    const en_lut_args_t *a = (const en_lut_args_t *) args;
    int32_t i0, i1;
    en_split(a->size, &i0, &i1);
    for (int32_t i = i0; i < i1; i++) {
        a->y[i] = a->table[a->x[i] + 128];
    }
}

void en_mul_s8(void *args)
{
    const en_mul_args_t *a = (const en_mul_args_t *) args;
    int32_t i0, i1;
    en_split(a->pixels * a->c, &i0, &i1);
    for (int32_t i = i0; i < i1; i++) {
        const int32_t b = a->per_channel ? a->b[i / a->pixels] : a->b[i];
        const int32_t p = (a->a[i] - a->a_zp) * (b - a->b_zp);
        a->y[i] = en_saturate(en_requant(p, a->mult, a->shift, 0), a->y_zp, a->act_min, a->act_max);
    }
}
