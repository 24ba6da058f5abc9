#include "queue.h"

#include <pthread.h>
#include <stdlib.h>

struct bd_queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	void **ring;
	size_t cap, head, n;
	bool closed, cancelled;
};

bd_queue *bd_queue_new(size_t cap)
{
	bd_queue *q = calloc(1, sizeof *q);
	if (!q || !(q->ring = calloc(cap, sizeof *q->ring))) {
		free(q);
		return NULL;
	}
	q->cap = cap;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	return q;
}

bool bd_queue_put(bd_queue *q, void *item)
{
	pthread_mutex_lock(&q->lock);
	while (q->n == q->cap && !q->cancelled)
		pthread_cond_wait(&q->not_full, &q->lock);
	bool ok = !q->cancelled;
	if (ok) {
		q->ring[(q->head + q->n++) % q->cap] = item;
		pthread_cond_signal(&q->not_empty);
	}
	pthread_mutex_unlock(&q->lock);
	return ok;
}

void bd_queue_close(bd_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

void *bd_queue_get(bd_queue *q)
{
	pthread_mutex_lock(&q->lock);
	while (q->n == 0 && !q->closed && !q->cancelled)
		pthread_cond_wait(&q->not_empty, &q->lock);
	void *item = NULL;
	if (q->n) {
		item = q->ring[q->head];
		q->head = (q->head + 1) % q->cap;
		q->n--;
		pthread_cond_signal(&q->not_full);
	}
	pthread_mutex_unlock(&q->lock);
	return item;
}

void bd_queue_cancel(bd_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->cancelled = true;
	pthread_cond_broadcast(&q->not_full);
	pthread_cond_broadcast(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

void bd_queue_free(bd_queue *q)
{
	if (!q)
		return;
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->not_empty);
	pthread_cond_destroy(&q->not_full);
	free(q->ring);
	free(q);
}
