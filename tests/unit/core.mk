# Unit tests of the kernel core's objects: handle tables, run queues, IPC,
# close notices, process lifetime.
#
# test_handle_table runs handle_table.c, object.c and quota.c alone (the
# test provides the object types' hooks); test_runqueue,
# test_ipc and test_close_notify run the real core (objects, handles,
# processes, threads, the scheduler, IPC, the timer, heap and PMM) around
# the fakes of mock_kernel.c (virtual memory, the architecture's thread
# hooks).
# Built with unit_rule from tests/local.mk.

UNIT_CORE_MOCK_FILES = tests/unit/mock_kernel.h \
	tests/unit/mock/arch/frame.h tests/unit/mock/arch/switch.h \
	tests/unit/mock/arch/uspace.h

UNIT_CORE_WORLD_SRC = tests/unit/mock_kernel.c kernel/core/object.c \
	kernel/core/handle_table.c kernel/core/process.c kernel/core/quota.c \
	kernel/core/thread.c \
	kernel/core/sched.c kernel/core/runqueue.c kernel/core/ipc.c \
	kernel/core/notification.c \
	kernel/core/close_notice.c kernel/core/timer.c kernel/core/irq.c kernel/core/heap.c \
	kernel/core/pmm.c kernel/core/kprintf.c sdk/lib/format.c \
	sdk/lib/fault_name.c

unit_handle_table_SRC = tests/unit/test_handle_table.c \
	kernel/core/handle_table.c kernel/core/object.c kernel/core/quota.c \
	kernel/core/heap.c kernel/core/pmm.c
unit_runqueue_SRC = tests/unit/test_runqueue.c $(UNIT_CORE_WORLD_SRC)
unit_ipc_SRC = tests/unit/test_ipc.c $(UNIT_CORE_WORLD_SRC)
unit_close_notify_SRC = tests/unit/test_close_notify.c $(UNIT_CORE_WORLD_SRC)
unit_process_SRC = tests/unit/test_process.c $(UNIT_CORE_WORLD_SRC)

UNIT_CORE_TESTS = \
	tests/unit/test_handle_table \
	tests/unit/test_runqueue \
	tests/unit/test_ipc \
	tests/unit/test_close_notify \
	tests/unit/test_process

EXTRA_DIST += $(UNIT_CORE_MOCK_FILES) $(unit_handle_table_SRC) \
	$(unit_runqueue_SRC) $(unit_ipc_SRC) $(unit_close_notify_SRC) \
	$(unit_process_SRC)

if UNIT_TESTS
TESTS += $(UNIT_CORE_TESTS)
CLEANFILES += $(UNIT_CORE_TESTS)
endif

# The kernel's sched_yield would stand in for the C library's, which the
# sanitizers' runtime calls (LeakSanitizer spins with it at exit): under
# test it gets another name.
UNIT_CORE_RENAME = -Dsched_yield=kernel_sched_yield

$(eval $(call unit_rule,handle_table,))
$(eval $(call unit_rule,runqueue,$(UNIT_CORE_RENAME)))
$(eval $(call unit_rule,ipc,$(UNIT_CORE_RENAME)))
$(eval $(call unit_rule,close_notify,$(UNIT_CORE_RENAME)))
$(eval $(call unit_rule,process,$(UNIT_CORE_RENAME)))
$(UNIT_CORE_TESTS): $(UNIT_CORE_MOCK_FILES)
