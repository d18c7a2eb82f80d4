/* Single-precision FMA throughput of this machine (scripts/bench-eval.sh): the ceiling for convolutions.
 * Each OpenMP thread runs 12 independent chains of fused multiply-adds on 16-float vectors (enough chains to
 * cover the FMA latency on current x86 cores) for about SECONDS seconds; prints one JSON line with GFLOP/s
 * (2 flops per lane per FMA) over all threads. Build: gcc -O2 -march=native -fopenmp fma_peak.c
 *   fma_peak THREADS SECONDS */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

typedef float v16 __attribute__((vector_size(64)));
#define CHAINS 12
#define STEPS 4096L

static double run(long rounds, float seed) {
    v16 acc[CHAINS];
    v16 a = {0}, b = {0};
    for (int l = 0; l < 16; l++) {
        a[l] = 0.999999f;
        b[l] = 1e-7f * seed;
    }
    for (int c = 0; c < CHAINS; c++) {
        acc[c] = b * (float) (c + 1);
    }
    for (long r = 0; r < rounds; r++) {
        for (long s = 0; s < STEPS; s++) {
#pragma GCC unroll 12
            for (int c = 0; c < CHAINS; c++) {
                acc[c] = acc[c] * a + b; /* one FMA per lane with -march=native (-ffp-contract=fast is GCC's default) */
            }
        }
    }
    double sum = 0;
    for (int c = 0; c < CHAINS; c++) {
        for (int l = 0; l < 16; l++) {
            sum += acc[c][l];
        }
    }
    return sum;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    double seconds = argc > 2 ? atof(argv[2]) : 1.0;
    omp_set_num_threads(threads);
    long rounds = 64;
    double t = 0, sink = 0;
    for (;;) { /* grow the work until one timed pass lasts SECONDS */
        double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : sink)
        sink += run(rounds, (float) omp_get_thread_num() + 1);
        t = omp_get_wtime() - t0;
        if (t >= seconds) {
            break;
        }
        rounds = t < seconds / 8 ? rounds * 4 : (long) (rounds * seconds / t * 1.05) + 1;
    }
    double flops = 2.0 * 16 * CHAINS * STEPS * (double) rounds * threads;
    printf("{\"threads\": %d, \"seconds\": %.3f, \"gflopsPerSecond\": %.1f, \"check\": %g}\n", threads, t, flops / t / 1e9,
           sink);
    return 0;
}
