/* HWC kernels of en_hwc_ops.c against their CHW counterparts on seeded random tensors: max and
 * average pooling (pads, stride, clipped windows), global average pooling, bilinear resize (whole,
 * and in row tiles as the tiled deploy runs it), concat, Mul (same shape and per channel). Each runs with 3 simulated cores. Prints
 * "ok N" (N cases) or the first mismatch; exit 1 on a mismatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pmsis.h"
#include "en_kernels.h"

int en_stub_core_id = 0;
int en_stub_nb_cores = 1;
static unsigned rng = 12345u;
static int8_t rnd8(void) { rng = rng * 1103515245u + 12345u; return (int8_t) (rng >> 16); }
static int cases;

static void run(void (*k)(void *), void *a)
{
    en_stub_nb_cores = 3;
    for (en_stub_core_id = 0; en_stub_core_id < 3; en_stub_core_id++) {
        k(a);
    }
}

static void to_hwc(const int8_t *chw, int8_t *hwc, int c, int hw)
{
    for (int k = 0; k < c; k++) for (int p = 0; p < hw; p++) hwc[p * c + k] = chw[k * hw + p];
}

static int same(const char *what, const int8_t *chw, const int8_t *hwc, int c, int hw)
{
    cases++;
    for (int k = 0; k < c; k++) for (int p = 0; p < hw; p++) {
        if (chw[k * hw + p] != hwc[p * c + k]) {
            printf("%s: channel %d pixel %d: CHW %d HWC %d\n", what, k, p, chw[k * hw + p], hwc[p * c + k]);
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    static int8_t x[8 * 17 * 19], xh[8 * 17 * 19], y[8 * 40 * 40], yh[8 * 40 * 40], x2[5 * 17 * 19], x2h[5 * 17 * 19];
    const int C = 8, H = 17, W = 19;
    for (int i = 0; i < C * H * W; i++) x[i] = rnd8();
    for (int i = 0; i < 5 * H * W; i++) x2[i] = rnd8();
    to_hwc(x, xh, C, H * W);
    to_hwc(x2, x2h, 5, H * W);
    /* pools: 3x3 s2 pad 1, 2x2 s2 no pad (ceil: clipped), 3x3 s1 pad 1 */
    int geo[3][6] = {{3, 3, 2, 1, 9, 10}, {2, 2, 2, 0, 9, 10}, {3, 3, 1, 1, 17, 19}};
    for (int g = 0; g < 3; g++) for (int avg = 0; avg < 2; avg++) {
        en_pool_args_t a = { .x = x, .y = y, .c = C, .in_h = H, .in_w = W, .out_h = geo[g][4], .out_w = geo[g][5],
            .k_h = geo[g][0], .k_w = geo[g][1], .stride_h = geo[g][2], .stride_w = geo[g][2], .pad_t = geo[g][3],
            .pad_l = geo[g][3], .pad_b = geo[g][3], .pad_r = geo[g][3], .x_zp = 3, .y_zp = -5,
            .mult = 1518500250, .shift = 0, .act_min = -128, .act_max = 127 };
        en_pool_args_t b = a;
        b.x = xh; b.y = yh;
        run(avg ? en_avgpool_s8 : en_maxpool_s8, &a);
        run(avg ? en_hwc_avgpool_s8 : en_hwc_maxpool_s8, &b);
        if (!same(avg ? "avgpool" : "maxpool", y, yh, C, a.out_h * a.out_w)) return 1;
    }
    {
        en_global_pool_args_t a = { .x = x, .y = y, .c = C, .h = H, .w = W, .x_zp = -2, .y_zp = 7,
            .mult = 1431655765, .shift = 7, .act_min = -128, .act_max = 127 };
        en_global_pool_args_t b = a;
        b.x = xh; b.y = yh;
        run(en_global_avgpool_s8, &a);
        run(en_hwc_global_avgpool_s8, &b);
        if (!same("global avgpool", y, yh, C, 1)) return 1;
    }
    /* resize up (17x19 -> 40x37) and down (17x19 -> 8x9): whole, then in row tiles of 7 */
    int sizes[2][2] = {{40, 37}, {8, 9}};
    for (int s = 0; s < 2; s++) {
        int oh = sizes[s][0], ow = sizes[s][1];
        en_resize_args_t a = { .x = x, .y = y, .c = C, .in_h = H, .in_w = W, .out_h = oh, .out_w = ow, .x_zp = 1,
            .y_zp = -3, .mult = 1073741824, .shift = -1, .act_min = -128, .act_max = 127 };
        run(en_resize_bilinear_s8, &a);
        for (int tile = 0; tile < 2; tile++) {
            int rows = tile ? 7 : oh;
            memset(yh, 0x55, sizeof yh);
            for (int r0 = 0; r0 < oh; r0 += rows) {
                int n = r0 + rows <= oh ? rows : oh - r0;
                int first, end;
                en_hwc_resize_rows(r0, n, H, oh, &first, &end);
                static int8_t tin[8 * 17 * 19];
                memcpy(tin, xh + first * W * C, (size_t) (end - first) * W * C);
                en_hwc_resize_args_t b = { .r = a, .out_y0 = r0, .out_rows = n, .x_row0 = first };
                b.r.x = tin;
                b.r.y = yh + r0 * ow * C;
                run(en_hwc_resize_bilinear_s8, &b);
            }
            if (!same(tile ? "resize (row tiles)" : "resize", y, yh, C, oh * ow)) return 1;
        }
    }
    {
        const int8_t *xs[2] = {x, x2};
        const int8_t *xsh[2] = {xh, x2h};
        int32_t in_c[2] = {C, 5}, zp[2] = {4, -9}, mult[2] = {1073741824, 1800000000}, shift[2] = {-1, 1};
        en_concat_args_t a = { .x = xs, .in_c = in_c, .x_zp = zp, .mult = mult, .shift = shift, .n_inputs = 2,
            .y = y, .h = H, .w = W, .y_zp = 6 };
        en_concat_args_t b = a;
        b.x = xsh; b.y = yh;
        run(en_concat_s8, &a);
        run(en_hwc_concat_s8, &b);
        if (!same("concat", y, yh, C + 5, H * W)) return 1;
    }
    {
        /* Mul by one value per channel (squeeze-excitation) and of two same-shape tensors */
        static int8_t g[8];
        for (int k = 0; k < C; k++) g[k] = rnd8();
        for (int per = 0; per < 2; per++) {
            en_mul_args_t a = { .a = x, .b = per ? g : x2, .y = y, .pixels = H * W, .c = C, .per_channel = per,
                .a_zp = -3, .b_zp = per ? -128 : 7, .y_zp = 2, .mult = 1900000000, .shift = 7,
                .act_min = -128, .act_max = 127 };
            en_mul_args_t b = a;
            b.a = xh;
            b.b = per ? g : x2h;
            b.y = yh;
            if (!per) {
                /* same shape: x2 holds 5 channels, so use x as both operands' layout source */
                a.b = x;
                b.b = xh;
            }
            run(en_mul_s8, &a);
            run(en_hwc_mul_s8, &b);
            if (!same(per ? "mul per channel" : "mul", y, yh, C, H * W)) return 1;
        }
    }
    printf("ok %d\n", cases);
    return 0;
}
