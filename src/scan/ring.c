/*
 * ring.c - the bounded ring between the walk and the worker threads: the
 * walk queues files in walk order, any thread claims and decides them, and
 * the walking thread merges them back in walk order (helping when the ring
 * is full).
 */
#include "scan/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

/* files queued between the walk and the merge: memory stays bounded whatever the tree */
#define RING_SLOTS 1024
/*
 * Idle workers are woken once this many files wait: a cached or skipped
 * file costs less than a thread's sleep and wake-up, so waking per file
 * spent the time in the scheduler.
 */
#define WAKE_BATCH 32

/* Takes the first queued item; called with j->mu held.  1 and *idx when there was one. */
static int ring_claim(struct scan_job *j, size_t *idx)
{
	if (j->claim < j->tail)
		j->claim = j->tail;
	while (j->claim < j->head && j->slots[j->claim % j->cap].state != ITEM_QUEUED)
		j->claim++;
	if (j->claim == j->head)
		return 0;
	*idx = j->claim % j->cap;
	j->slots[*idx].state = ITEM_BUSY;
	j->claim++;
	return 1;
}

/* A worker thread: runs queued items until the ring closes. */
static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	struct scan_job *j = wk->job;
	size_t idx;

	pthread_mutex_lock(&j->mu);
	for (;;) {
		if (ring_claim(j, &idx)) {
			pthread_mutex_unlock(&j->mu);
			run_item(wk, &j->slots[idx]);
			pthread_mutex_lock(&j->mu);
			j->slots[idx].state = ITEM_DONE;
			if (j->waiting_done)
				pthread_cond_signal(&j->done);
			continue;
		}
		if (j->closing)
			break;
		j->idle++;
		pthread_cond_wait(&j->work, &j->mu);
		j->idle--;
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* Merges every decided item at the tail of the ring, in order. */
static void ring_merge_ready(struct walk *w)
{
	struct scan_job *j = w->job;
	struct item it;

	for (;;) {
		pthread_mutex_lock(&j->mu);
		if (j->tail == j->head || j->slots[j->tail % j->cap].state != ITEM_DONE) {
			pthread_mutex_unlock(&j->mu);
			return;
		}
		it = j->slots[j->tail % j->cap];
		memset(&j->slots[j->tail % j->cap], 0, sizeof(it));
		j->tail++;
		pthread_mutex_unlock(&j->mu);
		result_merge(w->res, w->job, &it);
	}
}

/*
 * Waits, with j->mu held, until the ring has room (or, when all, until it is
 * empty), merging and helping meanwhile.  Returns with j->mu held.
 */
static void ring_wait(struct walk *w, int all)
{
	struct scan_job *j = w->job;
	size_t idx;

	while (all ? j->tail < j->head : j->head - j->tail == j->cap) {
		if (j->slots[j->tail % j->cap].state == ITEM_DONE) {
			pthread_mutex_unlock(&j->mu);
			ring_merge_ready(w);
			pthread_mutex_lock(&j->mu);
			continue;
		}
		if (ring_claim(j, &idx)) {
			pthread_mutex_unlock(&j->mu);
			run_item(w->self, &j->slots[idx]);
			pthread_mutex_lock(&j->mu);
			j->slots[idx].state = ITEM_DONE;
			continue;
		}
		/* wake every idle worker before sleeping: nothing else will */
		if (j->idle)
			pthread_cond_broadcast(&j->work);
		j->waiting_done = 1;
		pthread_cond_wait(&j->done, &j->mu);
		j->waiting_done = 0;
	}
}

void ring_push(struct walk *w, struct item *it)
{
	struct scan_job *j = w->job;

	if (!j->threaded) {
		if (it->state == ITEM_QUEUED)
			run_item(w->self, it);
		result_merge(w->res, w->job, it);
		return;
	}
	/*
	 * decided already, with nothing queued before it: merged now, without
	 * the lock (only this thread moves head and tail)
	 */
	if (it->state == ITEM_DONE && j->tail == j->head) {
		result_merge(w->res, w->job, it);
		return;
	}
	pthread_mutex_lock(&j->mu);
	ring_wait(w, 0);
	j->slots[j->head % j->cap] = *it;
	j->head++;
	if (it->state == ITEM_QUEUED && j->idle && j->head - j->claim >= WAKE_BATCH)
		pthread_cond_signal(&j->work);
	pthread_mutex_unlock(&j->mu);
	memset(it, 0, sizeof(*it));
	ring_merge_ready(w);
}

void ring_start(struct scan_job *j)
{
	size_t i;

	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->work, NULL);
	pthread_cond_init(&j->done, NULL);
	j->cap = RING_SLOTS;
	j->slots = xcalloc(j->cap, sizeof(*j->slots));
	j->threaded = 1;
	for (i = 0; i < j->nworkers; i++)
		if (pthread_create(&j->workers[i].tid, NULL, worker_main, &j->workers[i]) == 0)
			j->workers[i].started = 1;
}

void ring_close(struct walk *w)
{
	struct scan_job *j = w->job;
	size_t i;

	if (!j->threaded)
		return;
	pthread_mutex_lock(&j->mu);
	j->closing = 1;
	pthread_cond_broadcast(&j->work);
	ring_wait(w, 1);
	pthread_mutex_unlock(&j->mu);
	for (i = 0; i < j->nworkers; i++)
		if (j->workers[i].started)
			pthread_join(j->workers[i].tid, NULL);
	pthread_cond_destroy(&j->done);
	pthread_cond_destroy(&j->work);
	pthread_mutex_destroy(&j->mu);
	free(j->slots);
	j->slots = NULL;
	j->threaded = 0;
}
