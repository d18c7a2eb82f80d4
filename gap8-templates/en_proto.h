/*
 * en_proto.h - writer of the edgenas serial protocol (docs/GAP8-SERIAL-PROTOCOL.md):
 *     $EN1,<seq>,<TYPE>,<fields...>*<CRC16>\n
 * No printf: the firmware formats integers itself (smaller, identical on every libc).
 */
#ifndef EN_PROTO_H
#define EN_PROTO_H

#include <stdint.h>
#include "pmsis.h"

#define EN_PROTO_VERSION 1
#define EN_FRAME_MAX 160

typedef struct {
    char buf[EN_FRAME_MAX];
    uint32_t len;
} en_frame_t;

void en_proto_init(struct pi_device *uart);
uint16_t en_crc16(const char *data, uint32_t len);
void en_frame_begin(en_frame_t *f, const char *type);
void en_frame_u32(en_frame_t *f, uint32_t v);
void en_frame_i32(en_frame_t *f, int32_t v);
void en_frame_hex32(en_frame_t *f, uint32_t v);
void en_frame_str(en_frame_t *f, const char *s);
void en_frame_send(en_frame_t *f);

#endif /* EN_PROTO_H */
