/*
 * queue — a bounded queue between one producing thread and one consumer.
 *
 * The JSON Lines reader parses on a second thread while the first writes
 * to the store; the queue hands over batches of parsed lines in order and
 * bounds how far the parser runs ahead, so memory stays constant.
 */
#ifndef BD_QUEUE_H
#define BD_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bd_queue bd_queue;

/* A queue of at most cap items; NULL when out of memory. */
bd_queue *bd_queue_new(size_t cap);
/* Producer: waits while the queue is full. False once the consumer has
 * cancelled (the item is not taken). */
bool bd_queue_put(bd_queue *q, void *item);
/* Producer: no more items. */
void bd_queue_close(bd_queue *q);
/* Consumer: waits for the next item; NULL once closed and empty. */
void *bd_queue_get(bd_queue *q);
/* Consumer: stop the producer; its next put returns false. */
void bd_queue_cancel(bd_queue *q);
/* Items still queued are the caller's to free first (bd_queue_get after
 * cancel still returns them). */
void bd_queue_free(bd_queue *q);

#endif
