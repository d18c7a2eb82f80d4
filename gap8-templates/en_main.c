/*
 * en_main.c - edgenas GAP8 kernel-profiling firmware (PMSIS).
 *
 * The fabric controller (FC) fixes the clocks, opens the UART and the cluster, then for each
 * kernel of the generated table (batch.c):
 *   1. allocates the kernel's tensors in L2 and fills them from a PRNG seeded by the kernel
 *      (same data whatever batch the kernel lands in, so checksums are comparable);
 *   2. sends START, and a cluster task that, on the cluster controller core, moves the tensors
 *      to L1 (pi_cl_l1_malloc + DMA) when they fit, else leaves them in L2, runs the warm-up
 *      forks, times each repetition with the cluster cycle counter and checksums the output;
 *   3. sends one SAMPLE per repetition, then RESULT, and frees the tensors.
 * Timings cover the kernel's pi_cl_team_fork only (not the DMA). Kernels too large for L1 run on
 * L2 tensors with their scratch buffers (if any) in L1. Frames are sent by the FC after
 * the cluster finished, so the UART never runs during a timed repetition.
 */
#include <string.h>
#include "pmsis.h"
#include "en_batch.h"
#include "en_proto.h"

#ifndef EN_PLATFORM
#define EN_PLATFORM "board"
#endif
#ifndef EN_CHIP
#define EN_CHIP "gap8"
#endif
#define EN_DMA_CHUNK 16384u /* stay far below the DMA's per-command size limit */

typedef struct {
    const en_kernel_t *k;
    void *l2[EN_MAX_BUFS];
    void *l2_args;
    uint32_t reps, warmup, cores;
    uint32_t cycles[EN_MAX_REPS];
    uint32_t checksum;
    uint32_t from_l2;
} en_job_t;

static struct pi_device en_cluster;
static struct pi_device en_uart_dev;
static en_job_t en_job;

static uint32_t en_xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

/* Deterministic content of buffer i of a kernel (inputs, weights, bias, requant params). */
static void en_fill(const en_buf_t *b, void *dst, uint32_t seed, uint32_t i)
{
    if (b->init) {
        memcpy(dst, b->init, b->size);
        return;
    }
    if (b->output) {
        memset(dst, 0, b->size);
        return;
    }
    uint32_t s = seed ^ (0x9E3779B9u * (i + 1u));
    uint32_t span = (uint32_t) b->hi - (uint32_t) b->lo + 1u; /* 0 means all 2^32 values */
    uint32_t n = b->size / b->elem;
    if (s == 0) {
        s = 1;
    }
    for (uint32_t j = 0; j < n; j++) {
        uint32_t r = en_xorshift(&s);
        int32_t v = (int32_t) ((uint32_t) b->lo + (span ? r % span : r));
        if (b->elem == 4) {
            ((int32_t *) dst)[j] = v;
        } else {
            ((int8_t *) dst)[j] = (int8_t) v;
        }
    }
}

/* FNV-1a over the output bytes. */
static uint32_t en_checksum(const uint8_t *p, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

static void en_dma_in(void *l1, const void *l2, uint32_t size)
{
    pi_cl_dma_cmd_t cmd;
    for (uint32_t off = 0; off < size; off += EN_DMA_CHUNK) {
        uint32_t n = size - off < EN_DMA_CHUNK ? size - off : EN_DMA_CHUNK;
        pi_cl_dma_cmd((uintptr_t) ((const uint8_t *) l2 + off), (uintptr_t) ((uint8_t *) l1 + off), n,
                      PI_CL_DMA_DIR_EXT2LOC, &cmd);
        pi_cl_dma_cmd_wait(&cmd);
    }
}

/* Cluster controller: place, run, time, checksum. */
static void en_cluster_entry(void *arg)
{
    en_job_t *job = (en_job_t *) arg;
    const en_kernel_t *k = job->k;
    void *l1[EN_MAX_BUFS] = {0};
    void *bufs[EN_MAX_BUFS];
    void *l1_args = 0;
    void *args = job->l2_args;
    uint32_t placed = 0;

    job->from_l2 = 1;
    if (k->want_l1) {
        l1_args = pi_cl_l1_malloc(&en_cluster, k->args_size);
        placed = l1_args != 0;
        for (uint32_t i = 0; placed && i < k->n_bufs; i++) {
            l1[i] = pi_cl_l1_malloc(&en_cluster, k->bufs[i].size);
            placed = l1[i] != 0;
        }
        if (!placed) { /* give back a partial placement: L2 tensors, a fresh try for the scratch */
            for (uint32_t i = k->n_bufs; i-- > 0;) {
                if (l1[i]) {
                    pi_cl_l1_free(&en_cluster, l1[i], (int) k->bufs[i].size);
                    l1[i] = 0;
                }
            }
            if (l1_args) {
                pi_cl_l1_free(&en_cluster, l1_args, (int) k->args_size);
                l1_args = 0;
            }
        }
        if (placed) {
            job->from_l2 = 0;
            args = l1_args;
            memcpy(args, job->l2_args, k->args_size);
            for (uint32_t i = 0; i < k->n_bufs; i++) {
                if (!k->bufs[i].output) {
                    en_dma_in(l1[i], job->l2[i], k->bufs[i].size);
                }
            }
        }
    }
    for (uint32_t i = 0; i < k->n_bufs; i++) {
        /* Tensors in L2: a kernel's scratch (im2col columns) still goes to L1 when it fits, as a
         * tiled deployment keeps it; its content is workspace, so nothing is copied in. */
        if (job->from_l2 && k->bufs[i].scratch) {
            l1[i] = pi_cl_l1_malloc(&en_cluster, k->bufs[i].size);
        }
        bufs[i] = l1[i] ? l1[i] : job->l2[i];
    }
    k->bind(args, bufs);

    pi_perf_conf(1 << PI_PERF_CYCLES);
    for (uint32_t w = 0; w < job->warmup; w++) {
        pi_cl_team_fork((int) job->cores, k->fn, args);
    }
    for (uint32_t r = 0; r < job->reps; r++) {
        pi_perf_reset();
        pi_perf_start();
        uint32_t t0 = pi_perf_read(PI_PERF_CYCLES);
        pi_cl_team_fork((int) job->cores, k->fn, args);
        uint32_t t1 = pi_perf_read(PI_PERF_CYCLES);
        pi_perf_stop();
        job->cycles[r] = t1 - t0; /* difference: immune to a reset that spares the timer */
    }
    job->checksum = en_checksum((const uint8_t *) bufs[k->out_buf], k->bufs[k->out_buf].size);

    for (uint32_t i = k->n_bufs; i-- > 0;) {
        if (l1[i]) {
            pi_cl_l1_free(&en_cluster, l1[i], (int) k->bufs[i].size);
        }
    }
    if (l1_args) {
        pi_cl_l1_free(&en_cluster, l1_args, (int) k->args_size);
    }
}

static void en_send_status(int32_t k, const char *code, uint32_t value)
{
    en_frame_t f;
    en_frame_begin(&f, "STATUS");
    en_frame_i32(&f, k);
    en_frame_str(&f, code);
    en_frame_u32(&f, value);
    en_frame_send(&f);
}

static void en_free_l2(en_job_t *job)
{
    const en_kernel_t *k = job->k;
    for (uint32_t i = 0; i < k->n_bufs; i++) {
        if (job->l2[i]) {
            pi_l2_free(job->l2[i], (int) k->bufs[i].size);
            job->l2[i] = 0;
        }
    }
    if (job->l2_args) {
        pi_l2_free(job->l2_args, (int) k->args_size);
        job->l2_args = 0;
    }
}

static int en_alloc_l2(en_job_t *job, uint32_t index)
{
    const en_kernel_t *k = job->k;
    uint32_t total = k->args_size;
    job->l2_args = pi_l2_malloc((int) k->args_size);
    int ok = job->l2_args != 0;
    for (uint32_t i = 0; i < k->n_bufs; i++) {
        total += k->bufs[i].size;
        job->l2[i] = ok ? pi_l2_malloc((int) k->bufs[i].size) : 0;
        ok = ok && job->l2[i] != 0;
    }
    if (!ok) {
        en_free_l2(job);
        en_send_status((int32_t) index, "L2_ALLOC", total);
        return 0;
    }
    memcpy(job->l2_args, k->args_init, k->args_size);
    for (uint32_t i = 0; i < k->n_bufs; i++) {
        en_fill(&k->bufs[i], job->l2[i], k->seed, i);
    }
    return 1;
}

/* Lower median, as the host computes it: element (n-1)/2 of the sorted samples. */
static uint32_t en_median(const uint32_t *v, uint32_t n)
{
    static uint32_t s[EN_MAX_REPS];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = v[i];
        uint32_t j = i;
        for (; j > 0 && s[j - 1] > x; j--) {
            s[j] = s[j - 1];
        }
        s[j] = x;
    }
    return s[(n - 1) / 2];
}

static void en_report(const en_job_t *job, uint32_t index)
{
    en_frame_t f;
    uint32_t mn = 0xFFFFFFFFu, mx = 0;
    for (uint32_t r = 0; r < job->reps; r++) {
        en_frame_begin(&f, "SAMPLE");
        en_frame_u32(&f, index);
        en_frame_u32(&f, r);
        en_frame_u32(&f, job->cycles[r]);
        en_frame_send(&f);
        mn = job->cycles[r] < mn ? job->cycles[r] : mn;
        mx = job->cycles[r] > mx ? job->cycles[r] : mx;
    }
    en_frame_begin(&f, "RESULT");
    en_frame_u32(&f, index);
    en_frame_u32(&f, mn);
    en_frame_u32(&f, en_median(job->cycles, job->reps));
    en_frame_u32(&f, mx);
    en_frame_hex32(&f, job->checksum);
    en_frame_str(&f, job->from_l2 ? "L2" : "L1");
    en_frame_send(&f);
}

static void en_main(void)
{
    const en_batch_t *b = &en_batch;
    struct pi_uart_conf uconf;
    struct pi_cluster_conf cconf;
    struct pi_cluster_task task;
    en_frame_t f;
    int32_t fc_ok = pi_freq_set(PI_FREQ_DOMAIN_FC, b->fc_hz);
    int32_t cl_ok = pi_freq_set(PI_FREQ_DOMAIN_CL, b->cl_hz);

    pi_uart_conf_init(&uconf);
    uconf.baudrate_bps = b->baud;
    uconf.enable_tx = 1;
    uconf.enable_rx = 0;
    pi_open_from_conf(&en_uart_dev, &uconf);
    if (pi_uart_open(&en_uart_dev)) {
        pmsis_exit(-1);
    }
    /* GVSOC's UART model garbles the first ~20 bytes written right after the open; a board's
     * FTDI also needs the line idle for a moment before the first start bit. */
    pi_time_wait_us(2000);
    en_proto_init(&en_uart_dev);

    en_job.reps = b->reps > EN_MAX_REPS ? EN_MAX_REPS : b->reps;
    en_job.warmup = b->warmup;
    en_job.cores = b->cores;
#ifdef EN_REFERENCE_RUN
    en_job.reps = 1; /* checksum reference: one repetition is enough */
    en_job.warmup = 0;
#endif

    en_frame_begin(&f, "HELLO");
    en_frame_u32(&f, EN_PROTO_VERSION);
    en_frame_str(&f, b->fw_hash);
    en_frame_str(&f, EN_CHIP);
    en_frame_u32(&f, pi_freq_get(PI_FREQ_DOMAIN_FC));
    en_frame_u32(&f, pi_freq_get(PI_FREQ_DOMAIN_CL));
    en_frame_u32(&f, b->cores);
    en_frame_str(&f, EN_PLATFORM);
    en_frame_send(&f);
    en_frame_begin(&f, "CONFIG");
    en_frame_u32(&f, b->batch_id);
    en_frame_u32(&f, b->n_kernels);
    en_frame_u32(&f, en_job.reps);
    en_frame_u32(&f, en_job.warmup);
    en_frame_send(&f);
    if (fc_ok || cl_ok) {
        en_send_status(-1, "FREQ", fc_ok ? b->fc_hz : b->cl_hz);
    }

    pi_cluster_conf_init(&cconf);
    cconf.id = 0;
    pi_open_from_conf(&en_cluster, &cconf);
    if (pi_cluster_open(&en_cluster)) {
        en_send_status(-1, "CLUSTER_OPEN", 0);
        pi_uart_close(&en_uart_dev);
        pmsis_exit(-2);
    }

    uint32_t done = 0, errors = 0;
    for (uint32_t i = 0; i < b->n_kernels; i++) {
        en_job.k = &b->kernels[i];
        if (!en_alloc_l2(&en_job, i)) {
            errors++;
            continue;
        }
        en_frame_begin(&f, "START");
        en_frame_u32(&f, i);
        en_frame_str(&f, en_job.k->want_l1 ? "L1" : "L2");
        en_frame_send(&f);
        pi_cluster_task(&task, en_cluster_entry, &en_job);
        task.stack_size = 0x800;
        task.slave_stack_size = 0x400;
        pi_cluster_send_task_to_cl(&en_cluster, &task);
        en_report(&en_job, i);
        en_free_l2(&en_job);
        done++;
    }

    en_frame_begin(&f, "END");
    en_frame_u32(&f, b->batch_id);
    en_frame_u32(&f, done);
    en_frame_u32(&f, errors);
    en_frame_send(&f);
    pi_cluster_close(&en_cluster);
    pi_uart_close(&en_uart_dev); /* flushes the last frames (END) before the chip stops */
    pmsis_exit(0);
}

int main(void)
{
    return pmsis_kickoff((void *) en_main);
}
