/*
 * en_proto.c - frames of the edgenas serial protocol; see en_proto.h.
 */
#include "en_proto.h"

static struct pi_device *en_uart;
static uint32_t en_seq;   /* 0 for the first frame after boot: the host detects resets by it */
static en_frame_t en_tx;  /* static, hence in L2: the UART's uDMA reads from L2 only */

void en_proto_init(struct pi_device *uart)
{
    en_uart = uart;
    en_seq = 0;
}

/* CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF; check value of "123456789" is 0x29B1. */
uint16_t en_crc16(const char *data, uint32_t len)
{
    uint16_t crc = 0xFFFF;
    for (uint32_t i = 0; i < len; i++) {
        crc ^= (uint16_t) ((uint8_t) data[i] << 8);
        for (int b = 0; b < 8; b++) {
            crc = (crc & 0x8000) ? (uint16_t) ((crc << 1) ^ 0x1021) : (uint16_t) (crc << 1);
        }
    }
    return crc;
}

static void put(en_frame_t *f, char c)
{
    if (f->len < EN_FRAME_MAX - 7) { /* room for "*XXXX\n" */
        f->buf[f->len++] = c;
    }
}

void en_frame_str(en_frame_t *f, const char *s)
{
    put(f, ',');
    while (*s) {
        put(f, *s++);
    }
}

static void put_u32(en_frame_t *f, uint32_t v)
{
    char d[10];
    int n = 0;
    do {
        d[n++] = (char) ('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n) {
        put(f, d[--n]);
    }
}

void en_frame_begin(en_frame_t *f, const char *type)
{
    f->len = 0;
    put(f, '$');
    put(f, 'E');
    put(f, 'N');
    put_u32(f, EN_PROTO_VERSION);
    put(f, ',');
    put_u32(f, en_seq);
    en_frame_str(f, type);
}

void en_frame_u32(en_frame_t *f, uint32_t v)
{
    put(f, ',');
    put_u32(f, v);
}

void en_frame_i32(en_frame_t *f, int32_t v)
{
    put(f, ',');
    if (v < 0) {
        put(f, '-');
        put_u32(f, (uint32_t) 0 - (uint32_t) v);
    } else {
        put_u32(f, (uint32_t) v);
    }
}

static const char en_hex[] = "0123456789ABCDEF";

void en_frame_hex32(en_frame_t *f, uint32_t v)
{
    put(f, ',');
    for (int s = 28; s >= 0; s -= 4) {
        put(f, en_hex[(v >> s) & 0xF]);
    }
}

void en_frame_send(en_frame_t *f)
{
    uint16_t crc = en_crc16(f->buf + 1, f->len - 1);
    f->buf[f->len++] = '*';
    for (int s = 12; s >= 0; s -= 4) {
        f->buf[f->len++] = en_hex[(crc >> s) & 0xF];
    }
    f->buf[f->len++] = '\n';
    for (uint32_t i = 0; i < f->len; i++) {
        en_tx.buf[i] = f->buf[i];
    }
    pi_uart_write(en_uart, en_tx.buf, f->len);
    en_seq++;
}
