/*
 * Test stand-in for the GAP SDK's pmsis.h: just the two team calls the kernels use.
 * The test harness sets en_stub_core_id / en_stub_nb_cores and calls a kernel once per
 * simulated core, in sequence, so the row split is exercised without threads.
 */
#ifndef EN_STUB_PMSIS_H
#define EN_STUB_PMSIS_H

extern int en_stub_core_id;
extern int en_stub_nb_cores;

static inline int pi_core_id(void) { return en_stub_core_id; }
static inline int pi_cl_team_nb_cores(void) { return en_stub_nb_cores; }

#endif
