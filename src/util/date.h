/* date.h - calendar days for freshness and waivers: ISO dates to day numbers and back. */
#ifndef PG_DATE_H
#define PG_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of "YYYY-MM-DD" at s (len bytes; a time may follow), or -1 when it is not a valid date. */
long date_parse_day(const char *s, size_t len);

/* Writes day (days since 1970-01-01) as "YYYY-MM-DD" into out. */
void date_format_day(char out[64], long day);

/* The UTC day of a time in seconds since the epoch (rounding down before 1970). */
long date_day_of(int64_t seconds);

#endif
