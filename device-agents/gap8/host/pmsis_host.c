/*
 * pmsis_host.c - runs the edgenas GAP8 profiling firmware on the host ("host-sim").
 *
 * What it models, and how:
 *   cluster cores   one pthread per core; pi_cl_team_fork runs the entry on every core of the
 *                   team (the caller is core 0) and returns when all are done, as on the chip
 *   L1 / L2         malloc with the chip's budgets, so allocation failures happen where they
 *                   would on GAP8 (EN_SIM_L1_BYTES / EN_SIM_L2_BYTES override them)
 *   DMA             memcpy at issue time; wait is a no-op
 *   cycle counter   CLOCK_MONOTONIC converted to cycles at the configured cluster clock:
 *                   host time, NOT GAP8 cycles
 *   UART            writes to the tty named by EN_UART_TTY (stdout when unset), paced at the
 *                   configured baud rate (10 bits a byte, 8N1) unless EN_SIM_UNPACED=1
 * EN_SIM_CORES=n forces the team size (the reference run uses 1).
 */
#define _GNU_SOURCE
#include "pmsis.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define EN_SIM_MAX_CORES 8

static uint32_t freq_hz[3] = {50000000u, 50000000u, 50000000u};

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 0) : dflt;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void sleep_until_ns(uint64_t t)
{
    uint64_t n = now_ns();
    if (t > n) {
        struct timespec ts = {(time_t) ((t - n) / 1000000000u), (long) ((t - n) % 1000000000u)};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        }
    }
}

/* ---------------------------------------------------------------- OS */

int pmsis_kickoff(void *entry)
{
    signal(SIGPIPE, SIG_IGN);
    ((void (*)(void)) entry)();
    return 0;
}

static int uart_fd = -1;

void pi_time_wait_us(int time_us)
{
    if (time_us > 0) {
        struct timespec ts = {time_us / 1000000, (long) (time_us % 1000000) * 1000L};
        nanosleep(&ts, NULL);
    }
}

void pmsis_exit(int status)
{
    fflush(stdout);
    if (uart_fd > 2) {
        if (isatty(uart_fd)) {
            tcdrain(uart_fd);
        }
        close(uart_fd);
    }
    exit(status);
}

int32_t pi_freq_set(pi_freq_domain_e domain, uint32_t freq)
{
    if ((int) domain < 0 || domain > PI_FREQ_DOMAIN_PERIPH || freq == 0) {
        return -1;
    }
    freq_hz[domain] = freq;
    return 0;
}

uint32_t pi_freq_get(pi_freq_domain_e domain)
{
    return ((int) domain < 0 || domain > PI_FREQ_DOMAIN_PERIPH) ? 0 : freq_hz[domain];
}

/* ---------------------------------------------------------------- cluster team */

static __thread uint32_t tl_core_id;
static pthread_mutex_t team_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t team_go = PTHREAD_COND_INITIALIZER;
static pthread_cond_t team_done = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t team_bar;
static int team_bar_n;
static unsigned long team_gen;
static int team_running;
static int team_nb = 1;
static int team_default = EN_SIM_MAX_CORES;
static void (*team_fn)(void *);
static void *team_arg;
static int workers_started;

static void *team_worker(void *p)
{
    uint32_t id = (uint32_t) (uintptr_t) p;
    unsigned long seen = 0;
    tl_core_id = id;
    for (;;) {
        pthread_mutex_lock(&team_mu);
        while (team_gen == seen) {
            pthread_cond_wait(&team_go, &team_mu);
        }
        seen = team_gen;
        int mine = (int) id < team_nb;
        pthread_mutex_unlock(&team_mu);
        if (!mine) {
            continue;
        }
        team_fn(team_arg);
        pthread_mutex_lock(&team_mu);
        if (--team_running == 0) {
            pthread_cond_signal(&team_done);
        }
        pthread_mutex_unlock(&team_mu);
    }
    return NULL;
}

void pi_cl_team_fork(int nb_cores, void (*entry)(void *), void *arg)
{
    int nb = nb_cores > 0 ? nb_cores : team_default;
    long forced = env_long("EN_SIM_CORES", 0);
    if (forced > 0) {
        nb = (int) forced;
    }
    if (nb > EN_SIM_MAX_CORES) {
        nb = EN_SIM_MAX_CORES;
    }
    if (!workers_started) {
        for (uintptr_t i = 1; i < EN_SIM_MAX_CORES; i++) {
            pthread_t t;
            pthread_create(&t, NULL, team_worker, (void *) i);
            pthread_detach(t);
        }
        workers_started = 1;
    }
    if (team_bar_n != nb) {
        if (team_bar_n) {
            pthread_barrier_destroy(&team_bar);
        }
        pthread_barrier_init(&team_bar, NULL, (unsigned) nb);
        team_bar_n = nb;
    }
    team_default = nb;
    pthread_mutex_lock(&team_mu);
    team_fn = entry;
    team_arg = arg;
    team_nb = nb;
    team_running = nb - 1;
    team_gen++;
    pthread_cond_broadcast(&team_go);
    pthread_mutex_unlock(&team_mu);
    tl_core_id = 0;
    entry(arg);
    pthread_mutex_lock(&team_mu);
    while (team_running > 0) {
        pthread_cond_wait(&team_done, &team_mu);
    }
    pthread_mutex_unlock(&team_mu);
}

void pi_cl_team_barrier(void)
{
    if (team_nb > 1) {
        pthread_barrier_wait(&team_bar);
    }
}

int pi_cl_team_nb_cores(void) { return team_nb; }
int pi_cl_cluster_nb_cores(void) { return EN_SIM_MAX_CORES; }
uint32_t pi_core_id(void) { return tl_core_id; }
uint32_t pi_cluster_id(void) { return 0; }

void pi_cluster_conf_init(struct pi_cluster_conf *conf) { memset(conf, 0, sizeof(*conf)); }
void pi_open_from_conf(struct pi_device *device, void *conf) { device->config = conf; device->data = NULL; }
int pi_cluster_open(struct pi_device *device) { (void) device; return 0; }
int pi_cluster_close(struct pi_device *device) { (void) device; return 0; }

static long l1_budget = 65536;
static long l1_used;

struct pi_cluster_task *pi_cluster_task(struct pi_cluster_task *task, void (*entry)(void *), void *arg)
{
    memset(task, 0, sizeof(*task));
    task->entry = entry;
    task->arg = arg;
    return task;
}

int pi_cluster_send_task_to_cl(struct pi_device *device, struct pi_cluster_task *task)
{
    (void) device;
    /* the stacks live in L1 on the chip: what they take is not available to the heap */
    long stacks = (long) (task->stack_size ? task->stack_size : 0x800)
                + (EN_SIM_MAX_CORES - 1) * (long) (task->slave_stack_size ? task->slave_stack_size : 0x400);
    l1_budget = env_long("EN_SIM_L1_BYTES", 65536 - stacks - 1024);
    if (task->nb_cores > 0) {
        team_default = task->nb_cores;
    }
    tl_core_id = 0;
    task->entry(task->arg);
    return 0;
}

/* ---------------------------------------------------------------- memory */

static long l2_used;

/* Allocations per level, for the EN_SIM_STRICT boundary checks. */
#define EN_SIM_REGIONS 256
static struct { const char *p; long size; int level; } regions[EN_SIM_REGIONS];

static void region_add(const void *p, long size, int level)
{
    for (int i = 0; i < EN_SIM_REGIONS; i++) {
        if (regions[i].p == NULL) {
            regions[i].p = (const char *) p;
            regions[i].size = size;
            regions[i].level = level;
            return;
        }
    }
}

static void region_del(const void *p)
{
    for (int i = 0; i < EN_SIM_REGIONS; i++) {
        if (regions[i].p == (const char *) p) {
            regions[i].p = NULL;
        }
    }
}

static int strict(void)
{
    static int s = -1;
    if (s < 0) {
        s = env_long("EN_SIM_STRICT", 0) != 0;
    }
    return s;
}

/* Aborts unless [p, p + size) lies inside one allocation of the level (1 = L1, 2 = L2). */
static void region_check(const void *p, long size, int level, const char *what)
{
    if (!strict()) {
        return;
    }
    const char *c = (const char *) p;
    for (int i = 0; i < EN_SIM_REGIONS; i++) {
        if (regions[i].p != NULL && regions[i].level == level && c >= regions[i].p
                && c + size <= regions[i].p + regions[i].size) {
            return;
        }
    }
    fprintf(stderr, "EN_SIM_STRICT: %s: %ld bytes at %p are not inside one L%d allocation\n", what, size, p, level);
    fflush(stderr);
    abort();
}

void en_host_check_l1(const void *p, uint32_t size, const char *what)
{
    region_check(p, (long) size, 1, what);
}

/* One level's allocation: within its budget, counted in *used, registered for the bounds checks. */
static void *level_malloc(long size, long budget, long *used, int level)
{
    if (size <= 0 || *used + size > budget) {
        return NULL;
    }
    void *p = malloc((size_t) size);
    if (p) {
        *used += size;
        region_add(p, size, level);
    }
    return p;
}

void *pi_l2_malloc(int size)
{
    return level_malloc(size, env_long("EN_SIM_L2_BYTES", 512 * 1024 - 128 * 1024), &l2_used, 2);
}

void pi_l2_free(void *chunk, int size)
{
    if (chunk) {
        region_del(chunk);
        free(chunk);
        l2_used -= size;
    }
}

void *pi_cl_l1_malloc(struct pi_device *device, uint32_t size)
{
    (void) device;
    return level_malloc(((long) size + 3) & ~3L, l1_budget, &l1_used, 1);
}

void pi_cl_l1_free(struct pi_device *device, void *chunk, int size)
{
    (void) device;
    if (chunk) {
        region_del(chunk);
        free(chunk);
        l1_used -= ((long) size + 3) & ~3L;
    }
}

void pi_cl_dma_cmd(uintptr_t ext, uintptr_t loc, uint32_t size, pi_cl_dma_dir_e dir, pi_cl_dma_cmd_t *cmd)
{
    region_check((const void *) ext, (long) size, 2, "cluster DMA, L2 side");
    region_check((const void *) loc, (long) size, 1, "cluster DMA, L1 side");
    if (dir == PI_CL_DMA_DIR_EXT2LOC) {
        memcpy((void *) loc, (const void *) ext, size);
    } else {
        memcpy((void *) ext, (const void *) loc, size);
    }
    cmd->id = 0;
}

void pi_cl_dma_cmd_wait(pi_cl_dma_cmd_t *cmd) { (void) cmd; }

void pi_cl_dma_cmd_2d(uintptr_t ext, uintptr_t loc, uint32_t size, uint32_t stride, uint32_t length,
                      pi_cl_dma_dir_e dir, pi_cl_dma_cmd_t *cmd)
{
    if (length == 0 || size % length != 0 || stride < length) {
        fprintf(stderr, "pi_cl_dma_cmd_2d: size %u, stride %u, length %u\n", size, stride, length);
        abort();
    }
    uint32_t lines = size / length;
    region_check((const void *) ext, (long) (lines - 1) * stride + length, 2, "cluster 2-D DMA, L2 side");
    region_check((const void *) loc, (long) size, 1, "cluster 2-D DMA, L1 side");
    for (uint32_t i = 0; i < lines; i++) {
        char *e = (char *) ext + (size_t) i * stride;
        char *l = (char *) loc + (size_t) i * length;
        if (dir == PI_CL_DMA_DIR_EXT2LOC) {
            memcpy(l, e, length);
        } else {
            memcpy(e, l, length);
        }
    }
    cmd->id = 0;
}

/* ---------------------------------------------------------------- HyperRAM (L3) */

static char *ram_mem;
static long ram_size, ram_used;

void pi_hyperram_conf_init(struct pi_hyperram_conf *conf) { conf->ram_size = 8 << 20; }

int pi_ram_open(struct pi_device *device)
{
    (void) device;
    ram_size = env_long("EN_SIM_L3_BYTES", 8L << 20);
    ram_mem = calloc((size_t) ram_size, 1);
    ram_used = 0;
    return ram_mem == NULL;
}

void pi_ram_close(struct pi_device *device)
{
    (void) device;
    free(ram_mem);
    ram_mem = NULL;
}

int pi_ram_alloc(struct pi_device *device, uint32_t *addr, uint32_t size)
{
    (void) device;
    long sz = ((long) size + 3) & ~3L;
    if (ram_mem == NULL || ram_used + sz > ram_size) {
        return -1;
    }
    *addr = (uint32_t) ram_used;
    ram_used += sz;
    return 0;
}

int pi_ram_free(struct pi_device *device, uint32_t addr, uint32_t size)
{
    (void) device;
    (void) addr;
    (void) size;
    return 0;
}

static void ram_copy(uint32_t addr, void *data, uint32_t size, uint32_t stride, uint32_t length, int read)
{
    uint32_t lines = size / length;
    if (ram_mem == NULL || (long) addr + (long) (lines - 1) * stride + length > ram_used) {
        fprintf(stderr, "HyperRAM: %u bytes at 0x%x outside the %ld allocated bytes\n", size, addr, ram_used);
        abort();
    }
    region_check(data, (long) size, 2, "HyperRAM copy, L2 side");
    for (uint32_t i = 0; i < lines; i++) {
        char *r = ram_mem + addr + (size_t) i * stride;
        char *d = (char *) data + (size_t) i * length;
        if (read) {
            memcpy(d, r, length);
        } else {
            memcpy(r, d, length);
        }
    }
}

void pi_ram_read(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size)
{
    (void) device;
    ram_copy(ram_addr, data, size, size, size, 1);
}

void pi_ram_write(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size)
{
    (void) device;
    ram_copy(ram_addr, data, size, size, size, 0);
}

void pi_cl_ram_read(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, pi_cl_ram_req_t *req)
{
    (void) device;
    ram_copy(ram_addr, data, size, size, size, 1);
    req->done = 1;
}

void pi_cl_ram_write(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, pi_cl_ram_req_t *req)
{
    (void) device;
    ram_copy(ram_addr, data, size, size, size, 0);
    req->done = 1;
}

void pi_cl_ram_read_2d(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, uint32_t stride,
                       uint32_t length, pi_cl_ram_req_t *req)
{
    (void) device;
    ram_copy(ram_addr, data, size, stride, length, 1);
    req->done = 1;
}

void pi_cl_ram_write_2d(struct pi_device *device, uint32_t ram_addr, void *data, uint32_t size, uint32_t stride,
                        uint32_t length, pi_cl_ram_req_t *req)
{
    (void) device;
    ram_copy(ram_addr, data, size, stride, length, 0);
    req->done = 1;
}

void pi_cl_ram_read_wait(pi_cl_ram_req_t *req) { (void) req; }
void pi_cl_ram_write_wait(pi_cl_ram_req_t *req) { (void) req; }

/* ---------------------------------------------------------------- perf counter */

static uint64_t perf_acc_ns, perf_start_ns;
static int perf_running;

void pi_perf_conf(unsigned events) { (void) events; }

void pi_perf_reset(void)
{
    perf_acc_ns = 0;
    perf_start_ns = now_ns();
}

void pi_perf_start(void)
{
    perf_start_ns = now_ns();
    perf_running = 1;
}

void pi_perf_stop(void)
{
    if (perf_running) {
        perf_acc_ns += now_ns() - perf_start_ns;
        perf_running = 0;
    }
}

unsigned int pi_perf_read(int id)
{
    (void) id;
    uint64_t ns = perf_acc_ns + (perf_running ? now_ns() - perf_start_ns : 0);
    /* 32-bit like the hardware counter; ns * Hz / 1e9 without overflow for ns < ~10^10 */
    return (unsigned int) ((ns * (uint64_t) (freq_hz[PI_FREQ_DOMAIN_CL] / 1000u)) / 1000000u);
}

/* ---------------------------------------------------------------- UART */

static uint32_t uart_baud = 115200;
static uint64_t line_free_ns;
static int uart_paced = 1;

void pi_uart_conf_init(struct pi_uart_conf *conf)
{
    memset(conf, 0, sizeof(*conf));
    conf->baudrate_bps = 115200;
    conf->word_size = 3;
    conf->enable_tx = 1;
}

int pi_uart_open(struct pi_device *device)
{
    struct pi_uart_conf *conf = (struct pi_uart_conf *) device->config;
    const char *path = getenv("EN_UART_TTY");
    uart_baud = conf && conf->baudrate_bps ? conf->baudrate_bps : 115200;
    uart_paced = env_long("EN_SIM_UNPACED", 0) == 0;
    if (!path || !*path) {
        uart_fd = 1;
        return 0;
    }
    uart_fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_APPEND | O_CREAT, 0644);
    if (uart_fd < 0) {
        fprintf(stderr, "host-sim: cannot open UART tty %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (isatty(uart_fd)) {
        struct termios t;
        if (tcgetattr(uart_fd, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(uart_fd, TCSANOW, &t);
        }
    }
    return 0;
}

void pi_uart_close(struct pi_device *device)
{
    (void) device;
    if (uart_fd > 2) {
        if (isatty(uart_fd)) {
            tcdrain(uart_fd); /* as on the chip: close returns once the last byte left */
        }
        close(uart_fd);
        uart_fd = -1;
    }
}

int pi_uart_write(struct pi_device *device, void *buffer, uint32_t size)
{
    (void) device;
    const char *p = (const char *) buffer;
    uint32_t left = size;
    if (uart_paced) {
        uint64_t start = now_ns();
        if (line_free_ns < start) {
            line_free_ns = start;
        }
        line_free_ns += (uint64_t) size * 10u * 1000000000u / uart_baud;
    }
    while (left > 0) {
        ssize_t n = write(uart_fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break; /* like a UART with nobody listening: the bytes are gone */
        }
        p += n;
        left -= (uint32_t) n;
    }
    if (uart_paced) {
        sleep_until_ns(line_free_ns);
    }
    return 0;
}
