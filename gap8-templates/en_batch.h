/*
 * en_batch.h - the table a generated batch.c fills in: which kernels to time, their tensors and
 * how the firmware creates them. Written by edgenas (dev.edgenas.gap8.codegen); see docs/GAP8.md.
 */
#ifndef EN_BATCH_H
#define EN_BATCH_H

#include <stdint.h>

#define EN_MAX_BUFS 24
#define EN_MAX_REPS 1000

/* One tensor (or parameter array) of a kernel. */
typedef struct {
    uint32_t size;       /* bytes */
    uint8_t elem;        /* element size for the fill: 1 (int8) or 4 (int32) */
    uint8_t output;      /* 1: the kernel's output: zeroed, checksummed, not copied in */
    uint8_t scratch;     /* 1: kernel workspace: in L1 even when the tensors stay in L2 */
    int32_t lo, hi;      /* pseudo-random fill range, inclusive; lo == hi: constant */
    const void *init;    /* non-NULL: copy these bytes instead of the random fill */
} en_buf_t;

/* One kernel to time. */
typedef struct {
    void (*fn)(void *args);                     /* en_* kernel, forked on the cluster */
    void (*bind)(void *args, void *const *bufs); /* stores the buffer addresses into args */
    const void *args_init;                       /* kernel argument struct, pointers unset */
    uint32_t args_size;
    uint32_t seed;                               /* data seed: derived from the kernel key */
    uint8_t n_bufs;
    uint8_t out_buf;                             /* index of the output buffer */
    uint8_t want_l1;                             /* host's plan: 1 = working set fits L1 */
    const en_buf_t *bufs;
} en_kernel_t;

/* The batch as a whole. */
typedef struct {
    uint32_t batch_id;
    uint32_t n_kernels;
    uint32_t reps;
    uint32_t warmup;
    uint32_t fc_hz;
    uint32_t cl_hz;
    uint32_t cores;
    uint32_t baud;
    const char *fw_hash;                         /* 8 hex digits, of the firmware sources */
    const en_kernel_t *kernels;
} en_batch_t;

extern const en_batch_t en_batch;

#endif /* EN_BATCH_H */
