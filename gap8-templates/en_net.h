/*
 * en_net.h - the tiled network executor of edgenas' GAP8 deploy (en_net.c). The generated
 * network.c describes each layer (en_layer_t: kernel, tensors, geometry, L1 tile, weights in
 * L3); en_net_run executes them on the cluster:
 *   - weights: one file in HyperFlash, copied to HyperRAM at boot (main.c); per layer and
 *     output-channel block a chunk is read from HyperRAM into one of two L2 buffers with
 *     pi_cl_ram_read while the previous chunk computes, then moved to L1 by the cluster DMA;
 *   - activations (HWC int8) live in an L2 arena, or in HyperRAM when the memory plan spills
 *     them; tiles of output rows x columns x channels move L2 <-> L1 with the cluster DMA,
 *     double-buffered (the next input tile loads and the previous output tile drains while the
 *     cores compute); HyperRAM tensors pass through an L2 staging buffer (synchronously);
 *   - kernels: en_hwc.c convolutions and en_hwc_ops.c / en_add_s8 / en_lut_s8 (a pointwise op's
 *     256-entry table is its weight chunk), forked on the cluster cores.
 */
#ifndef EN_NET_H
#define EN_NET_H
#include <stdint.h>
#include "pmsis.h"
#ifndef EN_HOST_PMSIS
#include "bsp/ram.h"
#endif

#define EN_MAX_IN 8

enum { EN_OP_CONV, EN_OP_DW, EN_OP_PW, EN_OP_MAXPOOL, EN_OP_AVGPOOL, EN_OP_GAP, EN_OP_RESIZE, EN_OP_ADD,
       EN_OP_CONCAT, EN_OP_LUT, EN_OP_MUL };

/* An activation: HWC int8, at an offset in the L2 arena, or (l3 = 1) in the HyperRAM activation area. */
typedef struct {
    uint32_t at;
    int32_t l3;
    int32_t h, w, c;
} en_tensor_t;

typedef struct {
    int32_t op, n_in;
    en_tensor_t in[EN_MAX_IN];
    en_tensor_t out;
    int32_t kh, kw, sh, sw, dh, dw, pad_t, pad_l, pad_b, pad_r;
    int32_t rows, cols, ch;          /* L1 tile: output rows x columns x channels */
    uint32_t w_at;                   /* offset of the layer's first weight chunk in the weights file */
    int32_t x_zp[EN_MAX_IN];
    int32_t mult[EN_MAX_IN], shift[EN_MAX_IN]; /* pool / resize / gap / concat / add factors */
    int32_t y_zp, act_min, act_max;
} en_layer_t;

/* Everything the cluster needs; filled by main.c. */
typedef struct {
    const en_layer_t *layers;
    int32_t n_layers;
    int8_t *arena;                   /* L2 activation arena */
    int8_t *wbuf[2];                 /* L2 weight buffers, wbuf_bytes each */
    uint32_t wbuf_bytes;
    int8_t *stage;                   /* L2 staging for HyperRAM tensors, stage_bytes */
    uint32_t stage_bytes;
    struct pi_device *ram;
    uint32_t l3_weights;             /* HyperRAM address of the weights file */
    uint32_t l3_act;                 /* HyperRAM address of the spilled activations */
    struct pi_device *cluster;
    uint32_t l1_bytes;               /* L1 the plan allows */
    uint32_t *cycles;                /* per layer, cluster cycles */
    int32_t status;                  /* 0 ok, -1 no L1, -2 tile over the plan's L1, -3 chunk over a weight buffer */
} en_net_t;

/* Cluster entry (pi_cluster_task argument: en_net_t *). */
void en_net_run(void *arg);

/* Bytes of channel block [c0, c0 + n) of a layer's weight chunk: weights, bias, mult, shift. */
uint32_t en_chunk_bytes(const en_layer_t *l, int32_t n);

#endif
