/*
 * en_conv2d.c - int8 convolutions: general (groups, dilation), depthwise, pointwise.
 * Each core computes its rows (c, y) of the output; see en_kernels.h.
 */
#include "en_internal.h"

/* Valid tap range [k0, k1) along one axis: taps k with 0 <= base + k * dil < size. */
static inline void en_tap_range(int32_t base, int32_t dil, int32_t k, int32_t size,
                                int32_t *k0, int32_t *k1)
{
    int32_t lo = 0;
    int32_t hi = k;
    if (base < 0) {
        lo = (-base + dil - 1) / dil;
    }
    if (base + (k - 1) * dil >= size) {
        hi = (size - base + dil - 1) / dil;
        if (hi < 0) {
            hi = 0;
        }
    }
    *k0 = lo;
    *k1 = hi > lo ? hi : lo;
}

void en_conv2d_s8(void *args)
{
    const en_conv2d_args_t *a = (const en_conv2d_args_t *) args;
    int32_t r0, r1;
    const int32_t cout_g = a->out_c / a->groups;
    const int32_t cin_g = a->in_c / a->groups;
    const int32_t plane = a->in_h * a->in_w;
    en_split(a->out_c * a->out_h, &r0, &r1);
    for (int32_t r = r0; r < r1; r++) {
        const int32_t c = r / a->out_h;
        const int32_t oy = r - c * a->out_h;
        const int32_t ic0 = (c / cout_g) * cin_g;
        const int32_t iy0 = oy * a->stride_h - a->pad_t;
        const int8_t *wc = a->w + (int32_t) c * cin_g * a->k_h * a->k_w;
        int8_t *yrow = a->y + (int32_t) r * a->out_w;
        int32_t ky0, ky1;
        en_tap_range(iy0, a->dil_h, a->k_h, a->in_h, &ky0, &ky1);
        for (int32_t ox = 0; ox < a->out_w; ox++) {
            const int32_t ix0 = ox * a->stride_w - a->pad_l;
            int32_t kx0, kx1;
            int32_t acc = a->bias ? a->bias[c] : 0;
            en_tap_range(ix0, a->dil_w, a->k_w, a->in_w, &kx0, &kx1);
            for (int32_t ic = 0; ic < cin_g; ic++) {
                const int8_t *xp = a->x + (ic0 + ic) * plane;
                const int8_t *wp = wc + ic * a->k_h * a->k_w;
                for (int32_t ky = ky0; ky < ky1; ky++) {
                    /* row pointer only: ix0 may be negative, so index, never offset, by it */
                    const int8_t *xr = xp + (iy0 + ky * a->dil_h) * a->in_w;
                    const int8_t *wr = wp + ky * a->k_w;
                    /* XPULP: pack 4 taps (dil_w == 1) and use sumdotp; lp.setup loop. */
                    for (int32_t kx = kx0; kx < kx1; kx++) {
                        acc += (int32_t) wr[kx] * ((int32_t) xr[ix0 + kx * a->dil_w] - a->x_zp);
                    }
                }
            }
            yrow[ox] = en_saturate(en_requant(acc, a->mult[c], a->shift[c], 0),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
}

void en_dwconv2d_s8(void *args)
{
    const en_conv2d_args_t *a = (const en_conv2d_args_t *) args;
    int32_t r0, r1;
    const int32_t plane = a->in_h * a->in_w;
    const int32_t ksz = a->k_h * a->k_w;
    en_split(a->out_c * a->out_h, &r0, &r1);
    for (int32_t r = r0; r < r1; r++) {
        const int32_t c = r / a->out_h;
        const int32_t oy = r - c * a->out_h;
        const int32_t iy0 = oy * a->stride_h - a->pad_t;
        const int8_t *xp = a->x + c * plane;
        const int8_t *wc = a->w + c * ksz;
        int8_t *yrow = a->y + r * a->out_w;
        int32_t ky0, ky1;
        en_tap_range(iy0, a->dil_h, a->k_h, a->in_h, &ky0, &ky1);
        for (int32_t ox = 0; ox < a->out_w; ox++) {
            const int32_t ix0 = ox * a->stride_w - a->pad_l;
            int32_t kx0, kx1;
            int32_t acc = a->bias ? a->bias[c] : 0;
            int32_t wsum = 0; /* x_zp * (sum of the valid taps' w) is subtracted once */
            en_tap_range(ix0, a->dil_w, a->k_w, a->in_w, &kx0, &kx1);
            for (int32_t ky = ky0; ky < ky1; ky++) {
                const int8_t *xr = xp + (iy0 + ky * a->dil_h) * a->in_w;
                const int8_t *wr = wc + ky * a->k_w;
                /* XPULP: 3x3 taps fit in packed registers: sumdotp over rows, hw loop over ox. */
                for (int32_t kx = kx0; kx < kx1; kx++) {
                    acc += (int32_t) wr[kx] * (int32_t) xr[ix0 + kx * a->dil_w];
                    wsum += wr[kx];
                }
            }
            acc -= wsum * a->x_zp;
            yrow[ox] = en_saturate(en_requant(acc, a->mult[c], a->shift[c], 0),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
}

void en_pwconv2d_s8(void *args)
{
    const en_conv2d_args_t *a = (const en_conv2d_args_t *) args;
    int32_t r0, r1;
    const int32_t plane = a->in_h * a->in_w;
    en_split(a->out_c * a->out_h, &r0, &r1);
    for (int32_t r = r0; r < r1; r++) {
        const int32_t c = r / a->out_h;
        const int32_t oy = r - c * a->out_h;
        const int8_t *wc = a->w + c * a->in_c;
        const int8_t *xrow = a->x + oy * a->stride_h * a->in_w;
        int8_t *yrow = a->y + r * a->out_w;
        int32_t wsum = 0;
        for (int32_t ic = 0; ic < a->in_c; ic++) {
            wsum += wc[ic];
        }
        /* bias - x_zp * sum(w): no padding, so every output sees all in_c taps */
        const int32_t base = (a->bias ? a->bias[c] : 0) - wsum * a->x_zp;
        for (int32_t ox = 0; ox < a->out_w; ox++) {
            const int8_t *xp = xrow + ox * a->stride_w;
            int32_t acc = base;
            /* XPULP: HWC-packed inputs would allow sumdotp over 4 channels at once. */
            for (int32_t ic = 0; ic < a->in_c; ic++) {
                acc += (int32_t) wc[ic] * (int32_t) xp[ic * plane];
            }
            yrow[ox] = en_saturate(en_requant(acc, a->mult[c], a->shift[c], 0),
                                   a->y_zp, a->act_min, a->act_max);
        }
    }
}
