/*
 * Intrusive circular doubly-linked lists.
 */
#ifndef MLK_KERNEL_LIST_H
#define MLK_KERNEL_LIST_H

#include "compiler.h"

struct list {
	struct list *prev, *next;
};

#define LIST_INIT(name)                                                        \
	{                                                                      \
		&(name), &(name)                                               \
	}

static inline void list_init(struct list *l)
{
	l->prev = l->next = l;
}

static inline bool list_empty(const struct list *l)
{
	return l->next == l;
}

/* Is `node` on some list?  (Removed nodes point at themselves.) */
static inline bool list_linked(const struct list *node)
{
	return node->next != node;
}

static inline void list_insert_before(struct list *pos, struct list *node)
{
	node->prev = pos->prev;
	node->next = pos;
	pos->prev->next = node;
	pos->prev = node;
}

static inline void list_push_back(struct list *l, struct list *node)
{
	list_insert_before(l, node);
}

static inline void list_push_front(struct list *l, struct list *node)
{
	list_insert_before(l->next, node);
}

static inline void list_remove(struct list *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->prev = node->next = node;
}

static inline struct list *list_first(const struct list *l)
{
	return list_empty(l) ? NULL : l->next;
}

#define list_entry(node, type, member) container_of(node, type, member)

#define list_for_each(pos, head)                                               \
	for (struct list *pos = (head)->next; pos != (head); pos = pos->next)

/* Safe against removing `pos` inside the loop. */
#define list_for_each_safe(pos, head)                                          \
	for (struct list *pos = (head)->next, *pos##_next = pos->next;         \
	     pos != (head); pos = pos##_next, pos##_next = pos->next)

#endif
