/*
 * main.c of an edgenas GAP8 deploy project (copied from gap8-templates/en_deploy_main.c).
 *
 * Boot: the weights file (weights.bin of the flash image's ReadFS partition) is copied from
 * HyperFlash into HyperRAM through a small L2 buffer. Then for each of the EN_IMAGES inputs of
 * inputs.bin (HWC int8, the network's input quantisation): load it, run the network on the
 * cluster (en_net.c: weights streamed from HyperRAM, tiles through L1) and print over UART
 *   EN_RESULT image=I status=S cycles=N checksum=XXXXXXXX argmax=XXXXXXXX
 * cycles: cluster cycles of the whole network; checksum: FNV-1a 32 of the int8 output in HWC
 * order; argmax: FNV-1a 32 of the per-pixel argmax over channels (first maximum), row-major.
 * For the first image also one line per layer: EN_LAYER L cycles=N. Built with
 * -DEN_DUMP_OUTPUT=1 it prints each output as "EN_OUT I <hex>" lines (HWC order).
 * The host build (host-build.sh) reads the two files from the project folder instead of flash.
 */
#include "pmsis.h"
#include "network.h"
#include "en_net.h"
#ifdef EN_HOST_PMSIS
#include <stdio.h>
#else
#include "bsp/ram.h"
#include "bsp/ram/hyperram.h"
#include "bsp/flash.h"
#include "bsp/flash/hyperflash.h"
#include "bsp/partition.h"
#endif

#define EN_BOUNCE 4096u

static struct pi_device uart;
static struct pi_device cluster;
static struct pi_device ram;
static char line[224];
static uint32_t cycles[EN_N_LAYERS];
static en_net_t net;
static int8_t *bounce;

static void put(const char *s)
{
    uint32_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    pi_uart_write(&uart, (void *) s, n);
}

static char *fmt_u32(char *p, uint32_t v, int hex)
{
    char tmp[11];
    int n = 0;
    do {
        uint32_t d = hex ? (v & 15u) : (v % 10u);
        tmp[n++] = (char) (d < 10 ? '0' + d : 'a' + d - 10);
        v = hex ? v >> 4 : v / 10u;
    } while (v != 0 || (hex && n < 8));
    while (n > 0) {
        *p++ = tmp[--n];
    }
    return p;
}

static char *fmt_str(char *p, const char *s)
{
    while (*s) {
        *p++ = *s++;
    }
    return p;
}

static void fail(const char *what, int code)
{
    char *p = fmt_str(line, "EN_ERROR ");
    p = fmt_str(p, what);
    *p++ = '\n';
    *p = 0;
    put(line);
    pmsis_exit(code);
}

/* ---- the two input files: ReadFS on HyperFlash (chip), plain files (host build) ---- */
#ifdef EN_HOST_PMSIS
static FILE *src;

static uint32_t src_open(const char *name)
{
    if (src != NULL) {
        fclose(src);
    }
    src = fopen(name, "rb");
    if (src == NULL) {
        fail(name, 5);
    }
    fseek(src, 0, SEEK_END);
    long n = ftell(src);
    return (uint32_t) n;
}

static void src_read(uint32_t pos, void *dst, uint32_t n)
{
    if (fseek(src, (long) pos, SEEK_SET) != 0 || fread(dst, 1, n, src) != n) {
        fail("short read", 5);
    }
}
#else
static struct pi_device flash;
static uint32_t src_base;

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* ReadFS layout (as the SDK's flash image tool writes it): at the partition start the header size
 * and a pad word, then the header: file count, then per file its offset in the partition, its size,
 * the length of its name (with the NUL) and the name. */
static uint32_t src_open(const char *name)
{
    pi_partition_table_t table = NULL;
    if (pi_partition_table_load(&flash, (const pi_partition_table_t *) &table) != 0) {
        fail("flash partition table", 6);
    }
    const pi_partition_t *part = pi_partition_find_first(table, PI_PARTITION_TYPE_DATA,
                                                         PI_PARTITION_SUBTYPE_DATA_READFS, NULL);
    if (part == NULL) {
        fail("no ReadFS partition in flash", 6);
    }
    uint32_t base = pi_partition_get_flash_offset(part);
    pi_partition_close(part);
    pi_partition_table_free(table);
    pi_flash_read(&flash, base, bounce, 8);
    uint32_t hsize = le32((const uint8_t *) bounce);
    if (hsize > EN_BOUNCE) {
        fail("ReadFS header too large", 6);
    }
    pi_flash_read(&flash, base + 8, bounce, hsize);
    const uint8_t *h = (const uint8_t *) bounce;
    uint32_t files = le32(h);
    const uint8_t *d = h + 4;
    for (uint32_t i = 0; i < files && d + 12 <= h + hsize; i++) {
        uint32_t at = le32(d);
        uint32_t size = le32(d + 4);
        uint32_t len = le32(d + 8);
        const char *path = (const char *) (d + 12);
        uint32_t k = 0;
        while (name[k] != 0 && path[k] == name[k]) {
            k++;
        }
        if (name[k] == 0 && path[k] == 0) {
            src_base = base + at;
            return size;
        }
        d += 12 + len;
    }
    fail(name, 6);
    return 0;
}

static void src_read(uint32_t pos, void *dst, uint32_t n)
{
    pi_flash_read(&flash, src_base + pos, dst, n);
}
#endif

/* Copies n bytes of the open file from pos to L2 (dst) or, when dst is NULL, to HyperRAM at ram_at. */
static void src_copy(uint32_t pos, uint32_t n, int8_t *dst, uint32_t ram_at)
{
    for (uint32_t done = 0; done < n; done += EN_BOUNCE) {
        uint32_t k = n - done < EN_BOUNCE ? n - done : EN_BOUNCE;
        if (dst != NULL) {
            src_read(pos + done, dst + done, k);
        } else {
            src_read(pos + done, bounce, k);
            pi_ram_write(&ram, ram_at + done, bounce, k);
        }
    }
}

static void *l2(uint32_t bytes)
{
    if (bytes == 0) {
        return NULL;
    }
    void *p = pi_l2_malloc((int) bytes);
    if (p == NULL) {
        fail("L2 allocation", 3);
    }
    return p;
}

static uint32_t fnv(uint32_t h, uint8_t b)
{
    return (h ^ b) * 16777619u;
}

static void en_main(void)
{
    struct pi_uart_conf uconf;
    struct pi_cluster_conf cconf;
    struct pi_cluster_task task;
    struct pi_hyperram_conf rconf;
    uint32_t l3_weights = 0;
    uint32_t l3_act = 0;
    pi_freq_set(PI_FREQ_DOMAIN_FC, 250000000);
    pi_freq_set(PI_FREQ_DOMAIN_CL, 175000000);
    pi_uart_conf_init(&uconf);
    uconf.baudrate_bps = 115200;
    uconf.enable_tx = 1;
    pi_open_from_conf(&uart, &uconf);
    if (pi_uart_open(&uart)) {
        pmsis_exit(1);
    }
    pi_time_wait_us(2000); /* GVSOC garbles the first bytes of a freshly opened UART */
    pi_cluster_conf_init(&cconf);
    pi_open_from_conf(&cluster, &cconf);
    if (pi_cluster_open(&cluster)) {
        fail("cluster", 2);
    }
    pi_hyperram_conf_init(&rconf);
    pi_open_from_conf(&ram, &rconf);
    if (pi_ram_open(&ram)) {
        fail("HyperRAM open", 4);
    }
#ifndef EN_HOST_PMSIS
    struct pi_hyperflash_conf fconf;
    pi_hyperflash_conf_init(&fconf);
    pi_open_from_conf(&flash, &fconf);
    if (pi_flash_open(&flash)) {
        fail("HyperFlash open", 4);
    }
#endif
    bounce = (int8_t *) l2(EN_BOUNCE);
    net.arena = (int8_t *) l2(EN_ARENA_BYTES);
    net.wbuf[0] = (int8_t *) l2(EN_WBUF_BYTES);
    net.wbuf[1] = (int8_t *) l2(EN_WBUF_BYTES);
    net.wbuf_bytes = EN_WBUF_BYTES;
    net.stage = (int8_t *) l2(EN_STAGE_BYTES);
    net.stage_bytes = EN_STAGE_BYTES;
    if (pi_ram_alloc(&ram, &l3_weights, EN_WEIGHTS_BYTES)
            || (EN_L3_ACT_BYTES > 0 && pi_ram_alloc(&ram, &l3_act, EN_L3_ACT_BYTES))) {
        fail("HyperRAM allocation", 4);
    }
    if (src_open("weights.bin") != EN_WEIGHTS_BYTES) {
        fail("weights.bin has the wrong size", 5);
    }
    src_copy(0, EN_WEIGHTS_BYTES, NULL, l3_weights);
    put("EN_BOOT weights in HyperRAM\n");
    net.layers = en_layers;
    net.n_layers = EN_N_LAYERS;
    net.ram = &ram;
    net.l3_weights = l3_weights;
    net.l3_act = l3_act;
    net.cluster = &cluster;
    net.l1_bytes = EN_L1_BYTES;
    net.cycles = cycles;
    uint32_t images = src_open("inputs.bin") / EN_INPUT_BYTES;
    for (uint32_t img = 0; img < images; img++) {
        if (EN_INPUT_L3) {
            src_copy(img * EN_INPUT_BYTES, EN_INPUT_BYTES, NULL, l3_act + EN_INPUT_AT);
        } else {
            src_copy(img * EN_INPUT_BYTES, EN_INPUT_BYTES, net.arena + EN_INPUT_AT, 0);
        }
        net.status = 1;
        pi_cluster_task(&task, en_net_run, &net);
        task.stack_size = 0x800;
        task.slave_stack_size = 0x400;
        pi_cluster_send_task_to_cl(&cluster, &task);
        uint32_t total = 0;
        for (uint32_t i = 0; i < EN_N_LAYERS; i++) {
            total += cycles[i];
        }
        /* output: checksum in HWC order and argmax per pixel, streamed in whole pixels */
        uint32_t h = 2166136261u;
        uint32_t ha = 2166136261u;
        const uint32_t step = (EN_BOUNCE / EN_OUTPUT_C) * EN_OUTPUT_C;
        for (uint32_t at = 0; at < EN_OUTPUT_BYTES; at += step) {
            uint32_t k = EN_OUTPUT_BYTES - at < step ? EN_OUTPUT_BYTES - at : step;
            const int8_t *o;
            if (EN_OUTPUT_L3) {
                pi_ram_read(&ram, l3_act + EN_OUTPUT_AT + at, bounce, k);
                o = bounce;
            } else {
                o = net.arena + EN_OUTPUT_AT + at;
            }
            for (uint32_t i = 0; i < k; i += EN_OUTPUT_C) {
                uint32_t best = 0;
                for (uint32_t c = 0; c < EN_OUTPUT_C; c++) {
                    h = fnv(h, (uint8_t) o[i + c]);
                    if (o[i + c] > o[i + best]) {
                        best = c;
                    }
                }
                ha = fnv(ha, (uint8_t) best);
            }
#if defined(EN_DUMP_OUTPUT) && EN_DUMP_OUTPUT
            for (uint32_t i = 0; i < k; i += 64) {
                char *p = fmt_u32(fmt_str(line, "EN_OUT "), img, 0);
                *p++ = ' ';
                for (uint32_t j = i; j < i + 64 && j < k; j++) {
                    uint8_t b = (uint8_t) o[j];
                    *p++ = "0123456789abcdef"[b >> 4];
                    *p++ = "0123456789abcdef"[b & 15];
                }
                *p++ = '\n';
                *p = 0;
                put(line);
            }
#endif
        }
        char *p = fmt_u32(fmt_str(line, "EN_RESULT image="), img, 0);
        p = fmt_u32(fmt_str(p, " status="), (uint32_t) (net.status < 0 ? -net.status : net.status), 0);
        p = fmt_u32(fmt_str(p, " cycles="), total, 0);
        p = fmt_u32(fmt_str(p, " cl_hz="), pi_freq_get(PI_FREQ_DOMAIN_CL), 0);
        p = fmt_u32(fmt_str(p, " checksum="), h, 1);
        p = fmt_u32(fmt_str(p, " argmax="), ha, 1);
        *p++ = '\n';
        *p = 0;
        put(line);
        if (img == 0) {
            for (uint32_t i = 0; i < EN_N_LAYERS; i++) {
                p = fmt_u32(fmt_str(line, "EN_LAYER "), i, 0);
                p = fmt_u32(fmt_str(p, " cycles="), cycles[i], 0);
                *p++ = '\n';
                *p = 0;
                put(line);
            }
        }
        if (net.status != 0) {
            break;
        }
    }
    put("EN_DONE\n");
    pi_uart_close(&uart);
    pmsis_exit(net.status == 0 ? 0 : 7);
}

int main(void)
{
    return pmsis_kickoff((void *) en_main);
}
