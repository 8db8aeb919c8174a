# What gdb.test has mlk-gdb do: the commands' output is checked there.
# twin-a and twin-b run one program at the same addresses; the
# breakpoint must stop in twin-a only, three times.
mlk programs
mlk break twin-a twin_step
continue
echo gdbtest: backtrace\n
bt
echo gdbtest: processes\n
mlk ps
echo gdbtest: threads\n
mlk threads
continue
continue
mlk symbols
echo gdbtest: done\n
