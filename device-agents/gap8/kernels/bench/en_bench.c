/*
 * en_bench.c - GAP8 (GVSOC or board) benchmark and cross-check of the int8 convolutions.
 * For each shape: the CHW kernels (en_conv2d.c), the HWC kernels' portable C path
 * (*_portable) and their Xpulp path (en_hwc.c built with EN_XPULP), each on 1 and 8 cluster
 * cores, all tensors in L1, timed with the cluster cycle counter (8 cores after one warm-up
 * run, 1 core right after the 8-core run of the same kernel).
 * Every output must equal the Xpulp 8-core output (CHW transposed): prints one BENCH line per
 * shape and "BENCH RESULT OK" / "BAD". Data are a hash of the element index, so the three
 * layouts hold the same tensors. Built with -DEN_BENCH_TEST: small shapes with every tail case.
 */
#include "pmsis.h"
#include <stdint.h>
#include <stdio.h>
#include "en_kernels.h"

void en_hwc_conv2d_s8_portable(void *args);
void en_hwc_dwconv2d_s8_portable(void *args);
void en_hwc_pwconv2d_s8_portable(void *args);

enum { CONV = 0, DW = 1, PW = 2 };
typedef struct {
    const char *name;
    int kind, cin, cout, h, w, k, stride, pad, dil, relu;
} shape_t;

static const shape_t SHAPES[] = {
#ifdef EN_BENCH_TEST
    {"conv3x3 8->12 9x9 s1", CONV, 8, 12, 9, 9, 3, 1, 1, 1, 0},
    {"conv3x3 3->16 13x13 s2", CONV, 3, 16, 13, 13, 3, 2, 1, 1, 1},
    {"conv3x3 12->10 7x7 dil2", CONV, 12, 10, 7, 7, 3, 1, 2, 2, 0},
    {"conv5x5 4->8 8x8 s1", CONV, 4, 8, 8, 8, 5, 1, 2, 1, 1},
    {"dw3x3 12 10x10 s1", DW, 12, 12, 10, 10, 3, 1, 1, 1, 0},
    {"dw3x3 20 11x11 s2", DW, 20, 20, 11, 11, 3, 2, 1, 1, 1},
    {"dw3x3 8 12x12 dil2", DW, 8, 8, 12, 12, 3, 1, 2, 2, 0},
    {"pw 12->10 9x9 s1", PW, 12, 10, 9, 9, 1, 1, 0, 1, 1},
    {"pw 16->8 11x11 s2", PW, 16, 8, 11, 11, 1, 2, 0, 1, 0},
    {"pw 10->6 5x5 s1", PW, 10, 6, 5, 5, 1, 1, 0, 1, 0},
    {"pw 64->40 1x1 (ASPP pool)", PW, 64, 40, 1, 1, 1, 1, 0, 1, 1},
    {"conv3x3 16->22 3x3 s1", CONV, 16, 22, 3, 3, 3, 1, 1, 1, 0},
#else
    {"conv3x3 32->32 16x16", CONV, 32, 32, 16, 16, 3, 1, 1, 1, 1},
    {"conv3x3 s2 32->64 16x16", CONV, 32, 64, 16, 16, 3, 2, 1, 1, 1},
    {"conv3x3 dil2 64->32 8x8", CONV, 64, 32, 8, 8, 3, 1, 2, 2, 1},
    {"dw3x3 64 16x16", DW, 64, 64, 16, 16, 3, 1, 1, 1, 1},
    {"dw3x3 s2 64 16x16", DW, 64, 64, 16, 16, 3, 2, 1, 1, 1},
    {"pw 32->32 16x16", PW, 32, 32, 16, 16, 1, 1, 0, 1, 1},
    {"pw 64->64 16x16", PW, 64, 64, 16, 16, 1, 1, 0, 1, 1},
    {"pw 160->64 8x8", PW, 160, 64, 8, 8, 1, 1, 0, 1, 0},
    {"pw 160->128 1x1 (ASPP pool)", PW, 160, 128, 1, 1, 1, 1, 0, 1, 1},
#endif
};
#define NSHAPES ((int) (sizeof SHAPES / sizeof SHAPES[0]))
#define ARENA_BYTES (44 * 1024)
#define REF_BYTES (16 * 1024)

static int8_t *arena, *ref;
static int bad;

static uint32_t hash(uint32_t seed, uint32_t i)
{
    uint32_t h = i * 2654435761u + seed * 0x9e3779b9u;
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    h *= 0x297a2d39u;
    h ^= h >> 15;
    return h;
}
static int8_t act_at(uint32_t i) { return (int8_t) (hash(1, i) >> 8); }
static int8_t w_at(uint32_t i) { return (int8_t) ((int32_t) ((hash(2, i) >> 8) % 255u) - 127); }

static int ilog2(int v) { int r = 0; while (v > 1) { v >>= 1; r++; } return r; }

/* Everything a run needs, placed in the L1 arena for one layout. */
typedef struct {
    en_hwc_conv_args_t hwc;
    en_conv2d_args_t chw;
    int out_h, out_w, taps, out_bytes;
    long macs;
} setup_t;

static void *take(int8_t **p, int bytes)
{
    void *r = *p;
    *p += (bytes + 3) & ~3;
    return r;
}

static void place(const shape_t *s, int hwc_layout, setup_t *u)
{
    const int dw = s->kind == DW;
    const int cin_g = dw ? 1 : s->cin;
    const int oh = (s->h + 2 * s->pad - s->dil * (s->k - 1) - 1) / s->stride + 1;
    const int ow = (s->w + 2 * s->pad - s->dil * (s->k - 1) - 1) / s->stride + 1;
    const int k = s->k;
    int8_t *p = arena;
    int8_t *x = take(&p, s->cin * s->h * s->w);
    int8_t *w = take(&p, s->cout * cin_g * k * k);
    int32_t *bias = take(&p, 4 * s->cout);
    int32_t *mult = take(&p, 4 * s->cout);
    int8_t *shift = take(&p, s->cout);
    int8_t *y = take(&p, s->cout * oh * ow);
    /* canonical indices are HWC / OHWI; the CHW run gets the same values transposed */
    for (int yy = 0; yy < s->h; yy++)
        for (int xx = 0; xx < s->w; xx++)
            for (int c = 0; c < s->cin; c++) {
                uint32_t i = (uint32_t) ((yy * s->w + xx) * s->cin + c);
                x[hwc_layout ? i : (uint32_t) ((c * s->h + yy) * s->w + xx)] = act_at(i);
            }
    for (int o = 0; o < s->cout; o++)
        for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
                for (int c = 0; c < cin_g; c++) {
                    uint32_t i = (uint32_t) (((o * k + ky) * k + kx) * cin_g + c);
                    w[hwc_layout ? i : (uint32_t) (((o * cin_g + c) * k + ky) * k + kx)] = w_at(i);
                }
    const int taps = cin_g * k * k;
    for (int o = 0; o < s->cout; o++) {
        bias[o] = (int32_t) (hash(3, (uint32_t) o) % 20001u) - 10000;
        mult[o] = (int32_t) (0x40000000u + (hash(4, (uint32_t) o) & 0x3fffffffu));
        shift[o] = (int8_t) (ilog2(taps) / 2 + 7);
    }
    const int x_zp = (int) (hash(5, 0) % 41u) - 20, y_zp = (int) (hash(6, 0) % 21u) - 10;
    /* both layouts' argument structs name their fields alike: one list of values fills either */
#define EN_BENCH_CONV_ARGS                                                                          \
        .x = x, .w = w, .bias = bias, .y = y, .mult = mult, .shift = shift,                        \
        .in_c = s->cin, .in_h = s->h, .in_w = s->w, .out_c = s->cout, .out_h = oh, .out_w = ow,    \
        .k_h = k, .k_w = k, .stride_h = s->stride, .stride_w = s->stride,                          \
        .dil_h = s->dil, .dil_w = s->dil, .pad_t = s->pad, .pad_l = s->pad, .pad_b = s->pad,       \
        .pad_r = s->pad, .groups = dw ? s->cin : 1, .x_zp = x_zp, .y_zp = y_zp,                    \
        .act_min = s->relu ? y_zp : -128, .act_max = 127
    en_conv2d_args_t c = {EN_BENCH_CONV_ARGS};
    u->chw = c;
    en_hwc_conv_args_t h = {EN_BENCH_CONV_ARGS};
#undef EN_BENCH_CONV_ARGS
    h.buf_bytes = en_hwc_buf_bytes(&h, s->kind);
    h.buf = take(&p, 8 * h.buf_bytes);
    u->hwc = h;
    u->out_h = oh;
    u->out_w = ow;
    u->taps = taps;
    u->out_bytes = s->cout * oh * ow;
    u->macs = (long) u->out_bytes * taps;
    if (p > arena + ARENA_BYTES || u->out_bytes > REF_BYTES) {
        printf("BENCH %s: does not fit the L1 arena (%d bytes)\n", s->name, (int) (p - arena));
        bad = 1;
        u->macs = 0;
    }
}

static uint32_t timed(int cores, void (*fn)(void *), void *args)
{
    if (cores > 1) { /* warm-up of the instruction cache; the 1-core run follows the 8-core one */
        pi_cl_team_fork(cores, fn, args);
    }
    pi_perf_reset();
    pi_perf_start();
    uint32_t t0 = pi_perf_read(PI_PERF_CYCLES);
    pi_cl_team_fork(cores, fn, args);
    uint32_t t = pi_perf_read(PI_PERF_CYCLES) - t0;
    pi_perf_stop();
    return t;
}

/* 1 when y (HWC, or CHW when chw) equals the reference output. */
static int same(const setup_t *u, int cout, const int8_t *y, int chw)
{
    const int plane = u->out_h * u->out_w;
    for (int p = 0; p < plane; p++)
        for (int c = 0; c < cout; c++)
            if (y[chw ? c * plane + p : p * cout + c] != ref[p * cout + c])
                return 0;
    return 1;
}

static void mac_per_cycle(char *dst, long macs, uint32_t cyc)
{
    long m100 = cyc ? macs * 100 / (long) cyc : 0;
    sprintf(dst, "%ld.%02ld", m100 / 100, m100 % 100);
}

static void run_shape(const shape_t *s)
{
    static void (*const xp[])(void *) = {en_hwc_conv2d_s8, en_hwc_dwconv2d_s8, en_hwc_pwconv2d_s8};
    static void (*const pc[])(void *) = {en_hwc_conv2d_s8_portable, en_hwc_dwconv2d_s8_portable,
                                         en_hwc_pwconv2d_s8_portable};
    static void (*const old[])(void *) = {en_conv2d_s8, en_dwconv2d_s8, en_pwconv2d_s8};
    setup_t u;
    uint32_t cyc[6];
    int ok = 1;
    place(s, 1, &u);
    if (!u.macs) {
        return;
    }
    cyc[5] = timed(8, xp[s->kind], &u.hwc);
    for (int i = 0; i < u.out_bytes; i++) {
        ref[i] = u.hwc.y[i];
    }
    cyc[4] = timed(1, xp[s->kind], &u.hwc);
    ok &= same(&u, s->cout, u.hwc.y, 0);
    cyc[3] = timed(8, pc[s->kind], &u.hwc);
    ok &= same(&u, s->cout, u.hwc.y, 0);
    cyc[2] = timed(1, pc[s->kind], &u.hwc);
    ok &= same(&u, s->cout, u.hwc.y, 0);
    place(s, 0, &u);
    cyc[1] = timed(8, old[s->kind], &u.chw);
    ok &= same(&u, s->cout, u.chw.y, 1);
    cyc[0] = timed(1, old[s->kind], &u.chw);
    ok &= same(&u, s->cout, u.chw.y, 1);
    char m[6][16];
    for (int i = 0; i < 6; i++) {
        mac_per_cycle(m[i], u.macs, cyc[i]);
    }
    /* machine-readable: name | MACs | cycles old1 old8 c1 c8 xp1 xp8 | MAC/cycle (same order) | match */
    printf("BENCH %s|%ld|%u %u %u %u %u %u|%s %s %s %s %s %s|%s\n", s->name, u.macs,
           (unsigned) cyc[0], (unsigned) cyc[1], (unsigned) cyc[2], (unsigned) cyc[3],
           (unsigned) cyc[4], (unsigned) cyc[5], m[0], m[1], m[2], m[3], m[4], m[5],
           ok ? "MATCH" : "MISMATCH");
    bad |= !ok;
}

static void cluster_entry(void *arg)
{
    (void) arg;
    arena = pi_cl_l1_malloc(NULL, ARENA_BYTES);
    if (!arena) {
        printf("BENCH L1 arena allocation failed\n");
        bad = 1;
        return;
    }
    pi_perf_conf(1 << PI_PERF_CYCLES);
    for (int i = 0; i < NSHAPES; i++) {
        run_shape(&SHAPES[i]);
    }
    pi_cl_l1_free(NULL, arena, ARENA_BYTES);
}

static void bench(void)
{
    struct pi_device cl;
    struct pi_cluster_conf conf;
    ref = pi_l2_malloc(REF_BYTES);
    pi_cluster_conf_init(&conf);
    pi_open_from_conf(&cl, &conf);
    if (!ref || pi_cluster_open(&cl)) {
        printf("BENCH cluster open failed\n");
        pmsis_exit(-1);
    }
    struct pi_cluster_task task = {0};
    task.entry = cluster_entry;
    pi_cluster_send_task_to_cl(&cl, &task);
    pi_cluster_close(&cl);
    printf("BENCH RESULT %s\n", bad ? "BAD" : "OK");
    pmsis_exit(bad ? 1 : 0);
}

int main(void)
{
    return pmsis_kickoff((void *) bench);
}
