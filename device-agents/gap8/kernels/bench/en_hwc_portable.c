/* The portable C path of en_hwc.c again, under *_portable names, so one GAP8 benchmark
 * firmware holds both paths (the Xpulp one is built from en_hwc.c with EN_XPULP). */
#undef EN_XPULP
#define EN_HWC_FN(name) name##_portable
#include "../en_hwc.c"
