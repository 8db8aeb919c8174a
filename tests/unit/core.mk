# Unit tests of the kernel core's objects: handle tables, run queues, IPC.
