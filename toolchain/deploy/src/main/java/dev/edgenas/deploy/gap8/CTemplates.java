package dev.edgenas.deploy.gap8;

import java.util.List;

/** The fixed parts of the generated GAP8 project. */
final class CTemplates {
    /** Cluster cores the layers are forked on. */
    static final int CORES = 8;

    private CTemplates() {
    }

    static String networkHeader(IntNetwork net, MemoryPlan plan, long l1Bytes) {
        QTensor in = net.input();
        QTensor out = net.output();
        return """
                #ifndef EN_NETWORK_H
                #define EN_NETWORK_H
                #include <stdint.h>
                #include "pmsis.h"

                #ifndef PI_L2
                #define PI_L2
                #endif
                #define EN_ALIGNED __attribute__((aligned(4)))

                #define EN_CORES %d
                /* activations: one L2 arena with buffer reuse (memory-plan.json) */
                #define EN_ARENA_BYTES %du
                /* L1 scratch for the layers that fit whole (the rest run from L2) */
                #define EN_L1_BYTES %du
                #define EN_INPUT_OFFSET %du
                #define EN_INPUT_BYTES %du
                #define EN_OUTPUT_OFFSET %du
                #define EN_OUTPUT_BYTES %du
                #define EN_OUTPUT_C %d
                #define EN_OUTPUT_H %d
                #define EN_OUTPUT_W %d

                /* input quantisation: q = clamp(round(x / %s) + %d, -128, 127) on the normalised CHW image */
                struct en_run {
                    int8_t *arena;
                    struct pi_device *cluster;
                    int status;
                };

                /* Cluster entry: runs every layer; arg is a struct en_run. status 0 = done, -1 = no L1. */
                void en_network_run(void *arg);

                extern PI_L2 const int8_t en_test_input[EN_INPUT_BYTES];

                #endif
                """.formatted(CORES, plan.arenaBytes(), l1Bytes, plan.offsets().get(in.name()), in.bytes(),
                plan.offsets().get(out.name()), out.bytes(), out.c(), out.h(), out.w(), Float.toString(in.scale()),
                in.zeroPoint());
    }

    static String networkSource(String functions, String calls) {
        return """
                #include "network.h"
                #include "en_kernels.h"
                #include "weights.h"

                /* Copies size bytes from L2 into the L1 scratch at *off (4-byte aligned) and returns the copy. */
                static void *en_stage_in(int8_t *l1, uint32_t *off, const void *src, uint32_t size)
                {
                    pi_cl_dma_cmd_t cmd;
                    void *dst = l1 + *off;
                    pi_cl_dma_cmd((uintptr_t) src, (uintptr_t) dst, size, PI_CL_DMA_DIR_EXT2LOC, &cmd);
                    pi_cl_dma_cmd_wait(&cmd);
                    *off += (size + 3u) & ~3u;
                    return dst;
                }

                static void en_stage_out(int8_t *dst, const int8_t *src, uint32_t size)
                {
                    pi_cl_dma_cmd_t cmd;
                    pi_cl_dma_cmd((uintptr_t) dst, (uintptr_t) src, size, PI_CL_DMA_DIR_LOC2EXT, &cmd);
                    pi_cl_dma_cmd_wait(&cmd);
                }

                %s
                void en_network_run(void *arg)
                {
                    struct en_run *run = (struct en_run *) arg;
                    int8_t *l1 = NULL;
                    if (EN_L1_BYTES > 0) {
                        l1 = (int8_t *) pi_cl_l1_malloc(run->cluster, EN_L1_BYTES);
                        if (l1 == NULL) {
                            run->status = -1;
                            return;
                        }
                    }
                %s
                    if (l1 != NULL) {
                        pi_cl_l1_free(run->cluster, l1, EN_L1_BYTES);
                    }
                    run->status = 0;
                }
                """.formatted(functions, calls);
    }

    static String main() {
        return """
                #include "pmsis.h"
                #include "network.h"

                /* One inference on the test input; prints over UART (115200 8N1):
                 *   EN_RESULT status=S cycles=N fc_hz=F cl_hz=C checksum=XXXXXXXX
                 * cycles: FC cycle counter around the cluster task; checksum: FNV-1a 32 of the int8 output
                 * (the bundle's manifest holds the value the host build printed: integer code, same result).
                 * Built with -DEN_DUMP_OUTPUT=1 it also prints the output as "EN_OUT <hex>" lines. */

                static struct pi_device uart;
                static struct pi_device cluster;
                static char line[160];

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

                static void en_main(void)
                {
                    struct pi_uart_conf uconf;
                    struct pi_cluster_conf cconf;
                    struct pi_cluster_task task;
                    struct en_run run;
                    pi_freq_set(PI_FREQ_DOMAIN_FC, 250000000);
                    pi_freq_set(PI_FREQ_DOMAIN_CL, 175000000);
                    pi_uart_conf_init(&uconf);
                    uconf.baudrate_bps = 115200;
                    uconf.enable_tx = 1;
                    pi_open_from_conf(&uart, &uconf);
                    if (pi_uart_open(&uart)) {
                        pmsis_exit(1);
                    }
                    pi_cluster_conf_init(&cconf);
                    pi_open_from_conf(&cluster, &cconf);
                    if (pi_cluster_open(&cluster)) {
                        put("EN_ERROR cluster\\n");
                        pmsis_exit(2);
                    }
                    run.arena = (int8_t *) pi_l2_malloc(EN_ARENA_BYTES);
                    run.cluster = &cluster;
                    run.status = 1;
                    if (run.arena == NULL) {
                        put("EN_ERROR l2 arena\\n");
                        pmsis_exit(3);
                    }
                    for (uint32_t i = 0; i < EN_INPUT_BYTES; i++) {
                        run.arena[EN_INPUT_OFFSET + i] = en_test_input[i];
                    }
                    pi_cluster_task(&task, en_network_run, &run);
                    task.stack_size = 0x800;
                    task.slave_stack_size = 0x400;
                    pi_perf_conf(1 << PI_PERF_CYCLES);
                    pi_perf_reset();
                    pi_perf_start();
                    pi_cluster_send_task_to_cl(&cluster, &task);
                    pi_perf_stop();
                    uint32_t cycles = pi_perf_read(PI_PERF_CYCLES);
                    uint32_t h = 2166136261u;
                    for (uint32_t i = 0; i < EN_OUTPUT_BYTES; i++) {
                        h = (h ^ (uint8_t) run.arena[EN_OUTPUT_OFFSET + i]) * 16777619u;
                    }
                    char *p = fmt_str(line, "EN_RESULT status=");
                    p = fmt_str(p, run.status == 0 ? "0" : "1");
                    p = fmt_u32(fmt_str(p, " cycles="), cycles, 0);
                    p = fmt_u32(fmt_str(p, " fc_hz="), pi_freq_get(PI_FREQ_DOMAIN_FC), 0);
                    p = fmt_u32(fmt_str(p, " cl_hz="), pi_freq_get(PI_FREQ_DOMAIN_CL), 0);
                    p = fmt_u32(fmt_str(p, " checksum="), h, 1);
                    *p++ = '\\n';
                    *p = 0;
                    put(line);
                #if defined(EN_DUMP_OUTPUT) && EN_DUMP_OUTPUT
                    for (uint32_t i = 0; i < EN_OUTPUT_BYTES; i += 64) {
                        p = fmt_str(line, "EN_OUT ");
                        for (uint32_t j = i; j < i + 64 && j < EN_OUTPUT_BYTES; j++) {
                            uint8_t b = (uint8_t) run.arena[EN_OUTPUT_OFFSET + j];
                            *p++ = "0123456789abcdef"[b >> 4];
                            *p++ = "0123456789abcdef"[b & 15];
                        }
                        *p++ = '\\n';
                        *p = 0;
                        put(line);
                    }
                #endif
                    pi_l2_free(run.arena, EN_ARENA_BYTES);
                    pmsis_exit(run.status == 0 ? 0 : 4);
                }

                int main(void)
                {
                    return pmsis_kickoff((void *) en_main);
                }
                """;
    }

    static String sdkMakefile(String app, List<String> sources, String title) {
        return """
                # GAP SDK build of %s (generated by edgenas deploy).
                #   source <gap_sdk>/configs/gapuino_v3.sh      # or ai_deck.sh
                #   make clean all run platform=board io=uart    # on the board (GAPuino: /dev/ttyUSB1, 115200 8N1)
                #   make clean all run platform=gvsoc            # in GVSOC, the SDK's simulator
                # The UART shows: EN_RESULT status=0 cycles=N ... checksum=XXXXXXXX; compare the checksum with
                # gap8.hostRun.checksum in the bundle's manifest.json (the same integer code ran on the host).
                APP = %s
                APP_SRCS = %s
                APP_CFLAGS += -O3 -std=gnu99 -Ikernels
                include $(RULES_DIR)/pmsis_rules.mk
                """.formatted(title.replace("\n", " "), app, String.join(" \\\n\t", sources));
    }

    static String hostScript(List<String> sources) {
        return """
                #!/bin/sh
                # Builds this project for the computer it runs on, against edgenas' PMSIS host layer (host/),
                # and runs the inference: the same integer code as on GAP8, so the checksum must match.
                # Cluster cores become threads, DMA is memcpy, cycles are host time at the cluster clock.
                set -eu
                cd "$(dirname "$0")"
                ${CC:-gcc} -O2 -std=c99 -Wall -Wextra -DEN_DUMP_OUTPUT="${EN_DUMP_OUTPUT:-0}" -Ihost -Ikernels \\
                  -o network-host %s host/pmsis_host.c -lpthread
                EN_SIM_UNPACED=1 ./network-host
                """.formatted(String.join(" ", sources));
    }
}
