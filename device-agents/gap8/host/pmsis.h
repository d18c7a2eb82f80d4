/*
 * pmsis.h - host stand-in for the subset of GreenWaves' PMSIS API that the edgenas profiling
 * firmware, the deploy project (en_net.c, its main.c: HyperRAM, 2-D DMA) and the en_* kernels use. Declarations follow gap_sdk's pmsis_api headers (names,
 * argument order, enum values) so the same sources build for the chip and for `host-sim`.
 *
 * Two deliberate differences, both harmless on rv32 where pointers are 32 bits:
 *   - pi_cl_dma_cmd takes uintptr_t addresses (the SDK: uint32_t), so 64-bit host pointers
 *     survive the call;
 *   - functions the SDK defines static inline are plain functions here (pmsis_host.c).
 *
 * This header includes only freestanding headers, so it also serves the rv32imc compile check
 * (riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32) of the firmware sources.
 */
#ifndef EN_HOST_PMSIS_H
#define EN_HOST_PMSIS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EN_HOST_PMSIS 1

struct pi_device {
    void *config;
    void *data;
};

/* ---- OS ---- */
int pmsis_kickoff(void *entry);   /* runs entry (void (*)(void)) as the main task */
void pmsis_exit(int status);
void pi_time_wait_us(int time_us); /* busy or sleeping wait; the SDK's signature */

/* ---- clocks ---- */
typedef enum {
    PI_FREQ_DOMAIN_FC = 0,
    PI_FREQ_DOMAIN_CL = 1,
    PI_FREQ_DOMAIN_PERIPH = 2
} pi_freq_domain_e;

int32_t pi_freq_set(pi_freq_domain_e domain, uint32_t freq);
uint32_t pi_freq_get(pi_freq_domain_e domain);

/* ---- cluster ---- */
struct pi_cluster_conf {
    int device_type;
    int id;
    void *heap_start;
    uint32_t heap_size;
    void *event_kernel;
    int flags;
};

struct pi_cluster_task {
    void (*entry)(void *);
    void *arg;
    void *stacks;
    uint32_t stack_size;
    uint32_t slave_stack_size;
    int nb_cores;
};

void pi_cluster_conf_init(struct pi_cluster_conf *conf);
void pi_open_from_conf(struct pi_device *device, void *conf);
int pi_cluster_open(struct pi_device *device);
int pi_cluster_close(struct pi_device *device);
struct pi_cluster_task *pi_cluster_task(struct pi_cluster_task *task, void (*entry)(void *), void *arg);
int pi_cluster_send_task_to_cl(struct pi_device *device, struct pi_cluster_task *task);

void pi_cl_team_fork(int nb_cores, void (*entry)(void *), void *arg);
void pi_cl_team_barrier(void);
int pi_cl_team_nb_cores(void);
int pi_cl_cluster_nb_cores(void);
uint32_t pi_core_id(void);
uint32_t pi_cluster_id(void);

/* ---- memory ---- */
void *pi_l2_malloc(int size);
void pi_l2_free(void *chunk, int size);
void *pi_cl_l1_malloc(struct pi_device *device, uint32_t size);
void pi_cl_l1_free(struct pi_device *device, void *chunk, int size);

typedef enum {
    PI_CL_DMA_DIR_LOC2EXT = 0,
    PI_CL_DMA_DIR_EXT2LOC = 1
} pi_cl_dma_dir_e;

typedef struct pi_cl_dma_cmd_s {
    int id;
} pi_cl_dma_cmd_t;

void pi_cl_dma_cmd(uintptr_t ext, uintptr_t loc, uint32_t size, pi_cl_dma_dir_e dir, pi_cl_dma_cmd_t *cmd);
void pi_cl_dma_cmd_wait(pi_cl_dma_cmd_t *cmd);
/* 2-D: size bytes in lines of length bytes; the external (L2) side advances by stride per line. */
void pi_cl_dma_cmd_2d(uintptr_t ext, uintptr_t loc, uint32_t size, uint32_t stride, uint32_t length,
                      pi_cl_dma_dir_e dir, pi_cl_dma_cmd_t *cmd);

/* ---- HyperRAM (bsp/ram.h, bsp/ram/hyperram.h): L3, addressed by offsets from pi_ram_alloc ---- */
struct pi_hyperram_conf {
    int ram_size;
};
typedef struct pi_cl_ram_req_s {
    int done;
} pi_cl_ram_req_t;
void pi_hyperram_conf_init(struct pi_hyperram_conf *conf);
int pi_ram_open(struct pi_device *device);
void pi_ram_close(struct pi_device *device);
int pi_ram_alloc(struct pi_device *device, uint32_t *addr, uint32_t size);
int pi_ram_free(struct pi_device *device, uint32_t addr, uint32_t size);
void pi_ram_read(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size);
void pi_ram_write(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size);
void pi_cl_ram_read(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, pi_cl_ram_req_t *req);
void pi_cl_ram_write(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, pi_cl_ram_req_t *req);
void pi_cl_ram_read_2d(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, uint32_t stride,
                       uint32_t length, pi_cl_ram_req_t *req);
void pi_cl_ram_write_2d(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, uint32_t stride,
                        uint32_t length, pi_cl_ram_req_t *req);
void pi_cl_ram_read_wait(pi_cl_ram_req_t *req);
void pi_cl_ram_write_wait(pi_cl_ram_req_t *req);

/* Host only: with EN_SIM_STRICT=1 in the environment, every DMA must move between an L1
 * allocation and an L2 allocation (or a registered L2 region), every RAM copy between an L2
 * allocation and allocated HyperRAM, and en_host_check_l1 (called by the tiled deploy's
 * executor on each kernel buffer) aborts unless the range lies in one L1 allocation. */
void en_host_check_l1(const void *p, uint32_t size, const char *what);

/* ---- performance counters (GAP8 numbering) ---- */
typedef enum {
    PI_PERF_CYCLES = 16,
    PI_PERF_ACTIVE_CYCLES = 0,
    PI_PERF_INSTR = 1
} pi_perf_event_e;

void pi_perf_conf(unsigned events);
void pi_perf_reset(void);
void pi_perf_start(void);
void pi_perf_stop(void);
unsigned int pi_perf_read(int id);

/* ---- UART ---- */
struct pi_uart_conf {
    uint32_t baudrate_bps;
    uint8_t stop_bit_count;
    uint8_t parity_mode;
    uint8_t word_size;
    uint8_t enable_rx;
    uint8_t enable_tx;
    uint8_t uart_id;
};

void pi_uart_conf_init(struct pi_uart_conf *conf);
int pi_uart_open(struct pi_device *device);
void pi_uart_close(struct pi_device *device);
int pi_uart_write(struct pi_device *device, void *buffer, uint32_t size);

#ifdef __cplusplus
}
#endif

#endif /* EN_HOST_PMSIS_H */
