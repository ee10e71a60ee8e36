/**
 * Source of the C canary, compiled on first use (`canary-build.ts`). Args:
 * period µs, values per write, expected parent pid. Wakes on absolute
 * CLOCK_MONOTONIC deadlines (`clock_nanosleep` TIMER_ABSTIME; a relative
 * `nanosleep` to the same deadline where that is missing, as on macOS),
 * writes each wake-up's lateness as uint32 LE µs to stdout in batches, and
 * exits when the parent is gone: PR_SET_PDEATHSIG on Linux, a `getppid()`
 * check at every batch, and EPIPE on write.
 */
export const CANARY_C_SOURCE = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define NS 1000000000LL

static int64_t ts_ns(const struct timespec *t) { return (int64_t)t->tv_sec * NS + t->tv_nsec; }

static void sleep_until(int64_t deadline) {
#if defined(__linux__) && defined(TIMER_ABSTIME)
	struct timespec at = {(time_t)(deadline / NS), (long)(deadline % NS)};
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {}
#else
	for (;;) {
		struct timespec now, rel;
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t left = deadline - ts_ns(&now);
		if (left <= 0) return;
		rel.tv_sec = (time_t)(left / NS);
		rel.tv_nsec = (long)(left % NS);
		if (nanosleep(&rel, NULL) == 0) return;
		if (errno != EINTR) return;
	}
#endif
}

int main(int argc, char **argv) {
	if (argc < 4) return 2;
	int64_t period = atoll(argv[1]) * 1000LL;
	int batch = atoi(argv[2]);
	long parent = atol(argv[3]);
	if (period <= 0 || batch < 1 || batch > 1024) return 2;
	signal(SIGPIPE, SIG_IGN);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if ((long)getppid() != parent) return 0;
	uint32_t out[1024];
	int n = 0;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	int64_t deadline = ts_ns(&now) + period;
	for (;;) {
		sleep_until(deadline);
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t late = ts_ns(&now) - deadline;
		if (late < 0) late = 0;
		int64_t us = late / 1000;
		out[n++] = us > 0xffffffffLL ? 0xffffffffu : (uint32_t)us;
		deadline += period * (late / period + 1);
		if (n == batch) {
			n = 0;
			if ((long)getppid() != parent) return 0;
			ssize_t w = write(1, out, (size_t)batch * sizeof out[0]);
			if (w < 0 && errno != EAGAIN && errno != EINTR) return 0;
		}
	}
}
`;
