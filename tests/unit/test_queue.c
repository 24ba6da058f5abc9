/* The queue between the JSON Lines parser thread and the writer: order,
 * bounded size, end of input and cancellation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>

#include "queue.h"

typedef struct producer {
	bd_queue *q;
	intptr_t n, put;        /* items to put; items taken */
} producer;

static void *produce(void *arg)
{
	producer *p = arg;
	for (intptr_t i = 1; i <= p->n; i++) {
		if (!bd_queue_put(p->q, (void *)i))
			break;
		p->put++;
	}
	bd_queue_close(p->q);
	return NULL;
}

static void items_arrive_in_order_then_null(void **state)
{
	(void)state;
	producer p = { .q = bd_queue_new(4), .n = 10000 };
	assert_non_null(p.q);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, produce, &p), 0);
	intptr_t want = 1;
	void *item;
	while ((item = bd_queue_get(p.q)))
		assert_int_equal((intptr_t)item, want++);
	assert_int_equal(want, 10001);
	pthread_join(t, NULL);
	assert_int_equal(p.put, 10000);
	bd_queue_free(p.q);
}

static void cancel_stops_the_producer(void **state)
{
	(void)state;
	producer p = { .q = bd_queue_new(2), .n = 1000000 };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, produce, &p), 0);
	assert_int_equal((intptr_t)bd_queue_get(p.q), 1);
	bd_queue_cancel(p.q);
	pthread_join(t, NULL);
	/* The producer stopped with at most the queue's size (2) beyond the
	 * one taken, plus the one it may have been waiting to put. */
	assert_true(p.put <= 3);
	while (bd_queue_get(p.q))
		;
	bd_queue_free(p.q);
}

static void a_full_queue_refuses_nothing_until_taken(void **state)
{
	(void)state;
	bd_queue *q = bd_queue_new(3);
	for (intptr_t i = 1; i <= 3; i++)
		assert_true(bd_queue_put(q, (void *)i));
	bd_queue_close(q);
	for (intptr_t i = 1; i <= 3; i++)
		assert_int_equal((intptr_t)bd_queue_get(q), i);
	assert_null(bd_queue_get(q));
	bd_queue_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(items_arrive_in_order_then_null),
		cmocka_unit_test(cancel_stops_the_producer),
		cmocka_unit_test(a_full_queue_refuses_nothing_until_taken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
