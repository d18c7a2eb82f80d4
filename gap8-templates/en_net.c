/*
 * en_net.c - the tiled network executor of edgenas' GAP8 deploy; see en_net.h. Runs on cluster
 * core 0, which moves data and forks the kernels on all cores.
 */
#include "en_net.h"
#include "en_kernels.h"

#ifdef EN_HOST_PMSIS
#define EN_CHECK_L1(p, n, what) en_host_check_l1((p), (uint32_t) (n), (what))
#else
#define EN_CHECK_L1(p, n, what) ((void) 0)
#endif

#ifndef EN_CORES
#define EN_CORES 8
#endif
#define EN_R4(x) (((uint32_t) (x) + 3u) & ~3u)
/* Outstanding cluster DMA commands per buffer (the cluster DMA has 16 transfer counters). */
#define EN_MAX_CMDS 6

typedef struct {
    pi_cl_dma_cmd_t cmd[EN_MAX_CMDS];
    int32_t n;
} en_dma_t;

static void en_dma_wait(en_dma_t *d)
{
    for (int32_t i = 0; i < d->n; i++) {
        pi_cl_dma_cmd_wait(&d->cmd[i]);
    }
    d->n = 0;
}

static pi_cl_dma_cmd_t *en_dma_next(en_dma_t *d)
{
    if (d->n == EN_MAX_CMDS) {
        en_dma_wait(d);
    }
    return &d->cmd[d->n++];
}

static int32_t en_per_out(const en_layer_t *l)
{
    switch (l->op) {
    case EN_OP_CONV:
    case EN_OP_PW:
        return l->kh * l->kw * l->in[0].c;
    case EN_OP_DW:
        return l->kh * l->kw;
    default:
        return 0;
    }
}

uint32_t en_chunk_bytes(const en_layer_t *l, int32_t n)
{
    if (l->op == EN_OP_LUT) {
        return 256u; /* the table; a lookup layer has one channel block */
    }
    int32_t p = en_per_out(l);
    return p == 0 ? 0u : EN_R4(n * p) + 8u * (uint32_t) n + EN_R4(n);
}

/* Input range [*i0, *i1) that outputs [o0, o0 + n) read, and the tile's leading pad. */
static void en_span(int32_t o0, int32_t n, int32_t s, int32_t k, int32_t d, int32_t pad, int32_t in,
                    int32_t *i0, int32_t *i1, int32_t *tpad)
{
    int32_t start = o0 * s - pad;
    int32_t end = (o0 + n - 1) * s - pad + (k - 1) * d + 1;
    *i0 = start > 0 ? start : 0;
    *i1 = end < in ? end : in;
    *tpad = *i0 - start;
}

/* A tile: outputs rows [r0, r0+nr) x cols [c0, c0+nc) x channels [k0, k0+nk), and the window of
 * each input it reads. */
typedef struct {
    int32_t r0, nr, c0, nc, k0, nk;
    int32_t ir0, ir1, ic0, ic1, pad_t, pad_l, pad_b, pad_r;
    int32_t in_k0, in_nk; /* input channels of the window (all, or the block for per-channel ops) */
} en_tile_t;

static void en_tile(const en_layer_t *l, int32_t r0, int32_t c0, int32_t k0, en_tile_t *t)
{
    const en_tensor_t *x = &l->in[0];
    const en_tensor_t *y = &l->out;
    t->r0 = r0;
    t->nr = r0 + l->rows <= y->h ? l->rows : y->h - r0;
    t->c0 = c0;
    t->nc = c0 + l->cols <= y->w ? l->cols : y->w - c0;
    t->k0 = k0;
    t->nk = k0 + l->ch <= y->c ? l->ch : y->c - k0;
    t->pad_t = t->pad_l = t->pad_b = t->pad_r = 0;
    int per_channel = l->op == EN_OP_DW || l->op == EN_OP_MAXPOOL || l->op == EN_OP_AVGPOOL
                      || l->op == EN_OP_GAP || l->op == EN_OP_RESIZE;
    t->in_k0 = per_channel ? k0 : 0;
    t->in_nk = per_channel ? t->nk : x->c;
    switch (l->op) {
    case EN_OP_CONV:
    case EN_OP_DW:
    case EN_OP_PW:
    case EN_OP_MAXPOOL:
    case EN_OP_AVGPOOL: {
        int32_t d_h = l->op == EN_OP_MAXPOOL || l->op == EN_OP_AVGPOOL ? 1 : l->dh;
        int32_t d_w = l->op == EN_OP_MAXPOOL || l->op == EN_OP_AVGPOOL ? 1 : l->dw;
        en_span(t->r0, t->nr, l->sh, l->kh, d_h, l->pad_t, x->h, &t->ir0, &t->ir1, &t->pad_t);
        en_span(t->c0, t->nc, l->sw, l->kw, d_w, l->pad_l, x->w, &t->ic0, &t->ic1, &t->pad_l);
        int32_t end_r = (t->r0 + t->nr - 1) * l->sh - l->pad_t + (l->kh - 1) * d_h + 1;
        int32_t end_c = (t->c0 + t->nc - 1) * l->sw - l->pad_l + (l->kw - 1) * d_w + 1;
        t->pad_b = end_r > x->h ? end_r - x->h : 0;
        t->pad_r = end_c > x->w ? end_c - x->w : 0;
        break;
    }
    case EN_OP_GAP:
        t->ir0 = 0;
        t->ir1 = x->h;
        t->ic0 = 0;
        t->ic1 = x->w;
        break;
    case EN_OP_RESIZE:
        en_hwc_resize_rows(t->r0, t->nr, x->h, y->h, &t->ir0, &t->ir1);
        t->ic0 = 0;
        t->ic1 = x->w;
        break;
    default: /* add, concat: the same pixels */
        t->ir0 = t->r0;
        t->ir1 = t->r0 + t->nr;
        t->ic0 = t->c0;
        t->ic1 = t->c0 + t->nc;
        break;
    }
}

/* A Mul operand with one value per channel (1x1xC against a larger output): read whole by every tile. */
static int en_bcast(const en_layer_t *l, int32_t i)
{
    return l->op == EN_OP_MUL && l->in[i].h == 1 && l->in[i].w == 1 && (l->out.h > 1 || l->out.w > 1);
}

static uint32_t en_in_bytes(const en_layer_t *l, const en_tile_t *t, int32_t i)
{
    if (en_bcast(l, i)) {
        return EN_R4(l->in[i].c);
    }
    int32_t ch = l->op == EN_OP_ADD || l->op == EN_OP_CONCAT || l->op == EN_OP_MUL ? l->in[i].c : t->in_nk;
    return EN_R4((t->ir1 - t->ir0) * (t->ic1 - t->ic0) * ch);
}

/* Moves rows [r0, r0+nr) x cols [c0, c0+nc) x channels [k0, k0+nk) of t between its home (L2 arena
 * or HyperRAM) and the compact L1 buffer buf. */
static void en_move(en_net_t *n, const en_tensor_t *t, int32_t r0, int32_t nr, int32_t c0, int32_t nc, int32_t k0,
                    int32_t nk, int8_t *buf, int to_l1, en_dma_t *d)
{
    const uint32_t row = (uint32_t) (t->w * t->c);
    const uint32_t first = (uint32_t) ((r0 * t->w + c0) * t->c + k0);
    const uint32_t size = (uint32_t) (nr * nc * nk);
    EN_CHECK_L1(buf, size, "tile buffer");
    if (!t->l3) {
        int8_t *ext = n->arena + t->at + first;
        pi_cl_dma_dir_e dir = to_l1 ? PI_CL_DMA_DIR_EXT2LOC : PI_CL_DMA_DIR_LOC2EXT;
        if (nk == t->c && nc == t->w) {
            pi_cl_dma_cmd((uintptr_t) ext, (uintptr_t) buf, size, dir, en_dma_next(d));
        } else if (nk == t->c) {
            pi_cl_dma_cmd_2d((uintptr_t) ext, (uintptr_t) buf, size, row, (uint32_t) (nc * nk), dir, en_dma_next(d));
        } else if (nc == t->w) {
            pi_cl_dma_cmd_2d((uintptr_t) ext, (uintptr_t) buf, size, (uint32_t) t->c, (uint32_t) nk, dir, en_dma_next(d));
        } else {
            for (int32_t r = 0; r < nr; r++) {
                pi_cl_dma_cmd_2d((uintptr_t) (ext + r * row), (uintptr_t) (buf + r * nc * nk), (uint32_t) (nc * nk),
                                 (uint32_t) t->c, (uint32_t) nk, dir, en_dma_next(d));
            }
        }
        return;
    }
    if (size > n->stage_bytes) {
        n->status = -4;
        return;
    }
    /* HyperRAM: through the L2 staging buffer, one step after the other */
    pi_cl_ram_req_t req;
    pi_cl_dma_cmd_t cmd;
    uint32_t a = n->l3_act + t->at + first;
    if (!to_l1) {
        pi_cl_dma_cmd((uintptr_t) n->stage, (uintptr_t) buf, size, PI_CL_DMA_DIR_LOC2EXT, &cmd);
        pi_cl_dma_cmd_wait(&cmd);
    }
    for (int32_t r = 0; r < nr; r++) {
        int whole = nk == t->c && nc == t->w;
        if (whole && r > 0) {
            break;
        }
        uint32_t ra = whole ? a : a + (uint32_t) r * row;
        int8_t *sa = whole ? n->stage : n->stage + r * nc * nk;
        uint32_t sz = whole ? size : (uint32_t) (nc * nk);
        uint32_t len = nk == t->c ? sz : (uint32_t) nk;
        uint32_t stride = nk == t->c ? sz : (uint32_t) t->c;
        if (to_l1) {
            if (len == sz) {
                pi_cl_ram_read(n->ram, ra, sa, sz, &req);
            } else {
                pi_cl_ram_read_2d(n->ram, ra, sa, sz, stride, len, &req);
            }
            pi_cl_ram_read_wait(&req);
        } else {
            if (len == sz) {
                pi_cl_ram_write(n->ram, ra, sa, sz, &req);
            } else {
                pi_cl_ram_write_2d(n->ram, ra, sa, sz, stride, len, &req);
            }
            pi_cl_ram_write_wait(&req);
        }
    }
    if (to_l1) {
        pi_cl_dma_cmd((uintptr_t) n->stage, (uintptr_t) buf, size, PI_CL_DMA_DIR_EXT2LOC, &cmd);
        pi_cl_dma_cmd_wait(&cmd);
    }
}

static void en_fetch(en_net_t *n, const en_layer_t *l, const en_tile_t *t, int8_t *buf, en_dma_t *d)
{
    for (int32_t i = 0; i < l->n_in; i++) {
        int whole = l->op == EN_OP_ADD || l->op == EN_OP_CONCAT || l->op == EN_OP_MUL;
        int32_t ch0 = whole ? 0 : t->in_k0;
        int32_t nch = whole ? l->in[i].c : t->in_nk;
        if (en_bcast(l, i)) {
            en_move(n, &l->in[i], 0, 1, 0, 1, 0, l->in[i].c, buf, 1, d);
        } else {
            en_move(n, &l->in[i], t->ir0, t->ir1 - t->ir0, t->ic0, t->ic1 - t->ic0, ch0, nch, buf, 1, d);
        }
        buf += en_in_bytes(l, t, i);
    }
}

/* Runs the kernel of one tile: inputs in xin (windows one after the other), output to y. */
static void en_compute(const en_layer_t *l, const en_tile_t *t, int8_t *xin, int8_t *y, int8_t *w, int8_t *scratch,
                       uint32_t scratch_per_core)
{
    const int32_t in_h = t->ir1 - t->ir0;
    const int32_t in_w = t->ic1 - t->ic0;
    if (l->op == EN_OP_CONV || l->op == EN_OP_PW || l->op == EN_OP_DW) {
        const int32_t nk = t->nk;
        const int32_t *bias = (const int32_t *) (const void *) (w + EN_R4(nk * en_per_out(l)));
        en_hwc_conv_args_t a = {
            .x = xin, .w = w, .bias = bias, .y = y, .mult = bias + nk, .shift = (const int8_t *) (bias + 2 * nk),
            .in_c = l->op == EN_OP_DW ? nk : l->in[0].c, .in_h = in_h, .in_w = in_w,
            .out_c = nk, .out_h = t->nr, .out_w = t->nc, .k_h = l->kh, .k_w = l->kw,
            .stride_h = l->sh, .stride_w = l->sw, .dil_h = l->dh, .dil_w = l->dw,
            .pad_t = t->pad_t, .pad_l = t->pad_l, .pad_b = t->pad_b, .pad_r = t->pad_r,
            .groups = l->op == EN_OP_DW ? nk : 1, .x_zp = l->x_zp[0], .y_zp = l->y_zp,
            .act_min = l->act_min, .act_max = l->act_max, .buf = scratch, .buf_bytes = (int32_t) scratch_per_core,
        };
        pi_cl_team_fork(EN_CORES, l->op == EN_OP_DW ? en_hwc_dwconv2d_s8
                                  : l->op == EN_OP_PW ? en_hwc_pwconv2d_s8 : en_hwc_conv2d_s8, &a);
    } else if (l->op == EN_OP_MAXPOOL || l->op == EN_OP_AVGPOOL) {
        en_pool_args_t a = {
            .x = xin, .y = y, .c = t->nk, .in_h = in_h, .in_w = in_w, .out_h = t->nr, .out_w = t->nc,
            .k_h = l->kh, .k_w = l->kw, .stride_h = l->sh, .stride_w = l->sw, .pad_t = t->pad_t,
            .pad_l = t->pad_l, .pad_b = t->pad_b, .pad_r = t->pad_r, .x_zp = l->x_zp[0], .y_zp = l->y_zp,
            .mult = l->mult[0], .shift = l->shift[0], .act_min = l->act_min, .act_max = l->act_max,
        };
        pi_cl_team_fork(EN_CORES, l->op == EN_OP_MAXPOOL ? en_hwc_maxpool_s8 : en_hwc_avgpool_s8, &a);
    } else if (l->op == EN_OP_GAP) {
        en_global_pool_args_t a = {
            .x = xin, .y = y, .c = t->nk, .h = in_h, .w = in_w, .x_zp = l->x_zp[0], .y_zp = l->y_zp,
            .mult = l->mult[0], .shift = l->shift[0], .act_min = l->act_min, .act_max = l->act_max,
        };
        pi_cl_team_fork(EN_CORES, en_hwc_global_avgpool_s8, &a);
    } else if (l->op == EN_OP_RESIZE) {
        en_hwc_resize_args_t a = {
            .r = { .x = xin, .y = y, .c = t->nk, .in_h = l->in[0].h, .in_w = l->in[0].w, .out_h = l->out.h,
                   .out_w = l->out.w, .x_zp = l->x_zp[0], .y_zp = l->y_zp, .mult = l->mult[0],
                   .shift = l->shift[0], .act_min = l->act_min, .act_max = l->act_max },
            .out_y0 = t->r0, .out_rows = t->nr, .x_row0 = t->ir0,
        };
        pi_cl_team_fork(EN_CORES, en_hwc_resize_bilinear_s8, &a);
    } else if (l->op == EN_OP_ADD) {
        en_add_args_t a = {
            .a = xin, .b = xin + en_in_bytes(l, t, 0), .y = y, .size = t->nr * t->nc * t->nk,
            .a_zp = l->x_zp[0], .b_zp = l->x_zp[1], .y_zp = l->y_zp, .a_mult = l->mult[0], .b_mult = l->mult[1],
            .shift = l->shift[0], .act_min = l->act_min, .act_max = l->act_max,
        };
        pi_cl_team_fork(EN_CORES, en_add_s8, &a);
    } else if (l->op == EN_OP_LUT) {
        en_lut_args_t a = { .x = xin, .y = y, .size = t->nr * t->nc * t->nk, .table = w };
        pi_cl_team_fork(EN_CORES, en_lut_s8, &a);
    } else if (l->op == EN_OP_MUL) {
        en_mul_args_t a = {
            .a = xin, .b = xin + en_in_bytes(l, t, 0), .y = y, .pixels = t->nr * t->nc, .c = t->nk,
            .per_channel = en_bcast(l, 1), .a_zp = l->x_zp[0], .b_zp = l->x_zp[1], .y_zp = l->y_zp,
            .mult = l->mult[0], .shift = l->shift[0], .act_min = l->act_min, .act_max = l->act_max,
        };
        pi_cl_team_fork(EN_CORES, en_hwc_mul_s8, &a);
    } else {
        const int8_t *xs[EN_MAX_IN];
        int32_t in_c[EN_MAX_IN];
        int8_t *p = xin;
        for (int32_t i = 0; i < l->n_in; i++) {
            xs[i] = p;
            in_c[i] = l->in[i].c;
            p += en_in_bytes(l, t, i);
        }
        en_concat_args_t a = {
            .x = xs, .in_c = in_c, .x_zp = l->x_zp, .mult = l->mult, .shift = l->shift, .n_inputs = l->n_in,
            .y = y, .h = t->nr, .w = t->nc, .y_zp = l->y_zp,
        };
        pi_cl_team_fork(EN_CORES, en_hwc_concat_s8, &a);
    }
}

/* Scratch per core of the layer's largest tile (the first one is the largest). */
static uint32_t en_scratch(const en_layer_t *l)
{
    if (l->op != EN_OP_CONV && l->op != EN_OP_PW && l->op != EN_OP_DW) {
        return 0;
    }
    en_hwc_conv_args_t a = {
        .in_c = l->op == EN_OP_DW ? l->ch : l->in[0].c, .out_c = l->ch, .out_h = l->rows, .out_w = l->cols,
        .k_h = l->kh, .k_w = l->kw, .stride_h = l->sh, .stride_w = l->sw, .dil_h = l->dh, .dil_w = l->dw,
    };
    return (uint32_t) en_hwc_buf_bytes(&a, l->op == EN_OP_DW ? EN_HWC_DW : l->op == EN_OP_PW ? EN_HWC_PW : EN_HWC_CONV);
}

/* Weight pipeline: chunk (layer, block) -> L2 buffer, one read ahead. */
typedef struct {
    int32_t layer, block;
    pi_cl_ram_req_t req[2];
    int32_t pending[2];
    int32_t slot;
} en_wpipe_t;

static void en_prefetch(en_net_t *n, en_wpipe_t *p, int32_t li, int32_t blk, int32_t slot)
{
    for (; li < n->n_layers; li++, blk = 0) {
        const en_layer_t *l = &n->layers[li];
        int32_t blocks = (l->out.c + l->ch - 1) / l->ch;
        if (en_chunk_bytes(l, l->ch) > 0 && blk < blocks) {
            int32_t nk = blk * l->ch + l->ch <= l->out.c ? l->ch : l->out.c - blk * l->ch;
            uint32_t bytes = en_chunk_bytes(l, nk);
            if (bytes > n->wbuf_bytes) {
                n->status = -3;
                return;
            }
            pi_cl_ram_read(n->ram, n->l3_weights + l->w_at + (uint32_t) blk * en_chunk_bytes(l, l->ch),
                           n->wbuf[slot], bytes, &p->req[slot]);
            p->pending[slot] = 1;
            return;
        }
    }
}

void en_net_run(void *arg)
{
    en_net_t *n = (en_net_t *) arg;
    int8_t *l1 = (int8_t *) pi_cl_l1_malloc(n->cluster, n->l1_bytes);
    if (l1 == NULL) {
        n->status = -1;
        return;
    }
    n->status = 0;
    pi_perf_conf(1 << PI_PERF_CYCLES);
    pi_perf_reset();
    pi_perf_start();
    en_wpipe_t wp = { .pending = {0, 0}, .slot = 0 };
    en_prefetch(n, &wp, 0, 0, 0);
    en_dma_t din[2] = { { .n = 0 }, { .n = 0 } };
    en_dma_t dout[2] = { { .n = 0 }, { .n = 0 } };
    for (int32_t li = 0; li < n->n_layers && n->status == 0; li++) {
        const en_layer_t *l = &n->layers[li];
        uint32_t t0 = pi_perf_read(PI_PERF_CYCLES);
        const int32_t row_tiles = (l->out.h + l->rows - 1) / l->rows;
        const int32_t col_tiles = (l->out.w + l->cols - 1) / l->cols;
        const int32_t blocks = (l->out.c + l->ch - 1) / l->ch;
        const int32_t tiles = row_tiles * col_tiles;
        const int multi = tiles * blocks > 1;
        /* L1 layout for the largest tile of the layer */
        uint32_t in_max = 0;
        for (int32_t rt = 0; rt < row_tiles; rt++) {
            for (int32_t ct = 0; ct < col_tiles; ct++) {
                en_tile_t t;
                en_tile(l, rt * l->rows, ct * l->cols, 0, &t);
                uint32_t b = 0;
                for (int32_t i = 0; i < l->n_in; i++) {
                    b += en_in_bytes(l, &t, i);
                }
                in_max = b > in_max ? b : in_max;
            }
        }
        const uint32_t out_max = EN_R4(l->rows * l->cols * l->ch);
        const uint32_t w_max = EN_R4(en_chunk_bytes(l, l->ch));
        const uint32_t scratch = EN_R4(en_scratch(l));
        const uint32_t need = (multi ? 2u : 1u) * (in_max + out_max) + w_max + EN_CORES * scratch;
        if (need > n->l1_bytes) {
            n->status = -2;
            break;
        }
        int8_t *in_buf[2] = { l1, l1 + in_max };
        int8_t *out_buf[2];
        out_buf[0] = l1 + (multi ? 2u : 1u) * in_max;
        out_buf[1] = out_buf[0] + out_max;
        int8_t *w_l1 = out_buf[0] + (multi ? 2u : 1u) * out_max;
        int8_t *scr = w_l1 + w_max;
        int32_t b = 0;
        for (int32_t blk = 0; blk < blocks && n->status == 0; blk++) {
            if (en_chunk_bytes(l, l->ch) > 0) {
                int32_t s = wp.slot;
                pi_cl_ram_read_wait(&wp.req[s]);
                wp.pending[s] = 0;
                en_prefetch(n, &wp, li, blk + 1, s ^ 1);
                int32_t nk = blk * l->ch + l->ch <= l->out.c ? l->ch : l->out.c - blk * l->ch;
                pi_cl_dma_cmd_t cmd;
                EN_CHECK_L1(w_l1, en_chunk_bytes(l, nk), "weight chunk");
                pi_cl_dma_cmd((uintptr_t) n->wbuf[s], (uintptr_t) w_l1, en_chunk_bytes(l, nk), PI_CL_DMA_DIR_EXT2LOC,
                              &cmd);
                pi_cl_dma_cmd_wait(&cmd);
                wp.slot = s ^ 1;
            }
            en_tile_t cur;
            en_tile(l, 0, 0, blk * l->ch, &cur);
            en_fetch(n, l, &cur, in_buf[b], &din[b]);
            for (int32_t ti = 0; ti < tiles && n->status == 0; ti++) {
                en_dma_wait(&din[b]);
                en_tile_t next = cur;
                if (ti + 1 < tiles) {
                    en_tile(l, ((ti + 1) / col_tiles) * l->rows, ((ti + 1) % col_tiles) * l->cols, blk * l->ch, &next);
                    en_fetch(n, l, &next, in_buf[b ^ 1], &din[b ^ 1]);
                }
                en_dma_wait(&dout[b]);
                EN_CHECK_L1(in_buf[b], in_max, "kernel input");
                EN_CHECK_L1(out_buf[b], cur.nr * cur.nc * cur.nk, "kernel output");
                if (scratch > 0) {
                    EN_CHECK_L1(scr, EN_CORES * scratch, "kernel scratch");
                }
                en_compute(l, &cur, in_buf[b], out_buf[b], w_l1, scr, scratch);
                en_move(n, &l->out, cur.r0, cur.nr, cur.c0, cur.nc, cur.k0, cur.nk, out_buf[b], 0, &dout[b]);
                if (multi) {
                    b ^= 1;
                }
                cur = next;
            }
        }
        en_dma_wait(&dout[0]);
        en_dma_wait(&dout[1]);
        en_dma_wait(&din[0]);
        en_dma_wait(&din[1]);
        n->cycles[li] = pi_perf_read(PI_PERF_CYCLES) - t0;
    }
    for (int32_t s = 0; s < 2; s++) {
        if (wp.pending[s]) {
            pi_cl_ram_read_wait(&wp.req[s]);
        }
    }
    pi_cl_l1_free(n->cluster, l1, n->l1_bytes);
}
