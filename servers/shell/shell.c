/*
 * shell: the command interpreter on the console.
 *
 * 1. send output to the console service (term.c);
 * 2. show the message of the day, initfs:///etc/motd, once the vfs and
 *    initfs are up (they start with the shell, so it waits for them, up
 *    to a deadline);
 * 3. say how many instructions the boot took, when the kernel counts
 *    them (`make bench`);
 * 4. loop: prompt, edit a line (line.c), check it, split it into words
 *    (parse.c), run the command (commands.c).
 */
#include <mlk/fs.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <string.h>

#include "shell.h"

#define MOTD_URI "initfs:///etc/motd"
#define BOOT_PATIENCE_NS (5000ull * 1000000) /* for the vfs and initfs */
#define RETRY_NS (20ull * 1000000)

static bool scheme_served(const char *scheme)
{
	char names[8][MLK_SCHEME_SIZE];
	unsigned count = 0;

	if (mlk_fs_schemes(names, 8, &count) != MLK_OK)
		return false;
	for (unsigned i = 0; i < count && i < 8; i++)
		if (!strcmp(names[i], scheme))
			return true;
	return false;
}

/* Open the motd; wait while its file system is not there yet, but not
 * when it is there and the file is not. */
static mlk_status_t open_motd(struct mlk_file *f)
{
	uint64_t deadline = mlk_clock_now() + BOOT_PATIENCE_NS;
	mlk_handle_t vfs;
	mlk_status_t st = mlk_names_lookup(
		MLK_VFS_NAME, mlk_deadline_in(BOOT_PATIENCE_NS), &vfs);

	if (st != MLK_OK)
		return st;
	mlk_handle_close(vfs);
	for (;;) {
		st = mlk_fs_open(MOTD_URI, MLK_O_READ, f);
		if (st == MLK_OK || mlk_clock_now() >= deadline ||
		    (st == MLK_ERR_NOT_FOUND && scheme_served("initfs")))
			return st;
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
}

static void show_motd(void)
{
	struct mlk_file f;
	bool failed_write;
	mlk_status_t st = open_motd(&f);

	if (st == MLK_ERR_NOT_FOUND)
		return; /* an image without a motd: nothing to say */
	if (st != MLK_OK) {
		shell_error("shell", MOTD_URI, st);
		return;
	}
	st = file_copy(&f, NULL, &failed_write);
	mlk_fs_close(&f);
	if (st != MLK_OK)
		shell_error("shell", MOTD_URI, st);
}

/* How many instructions the boot took, up to this first prompt, when the
 * kernel can count them (QEMU under -icount, or a real PMU): `make
 * bench` reads this line.  Nothing otherwise. */
static void report_boot_instructions(void)
{
	struct mlk_kernel_info ki;

	if (mlk_system_info(shell_system(), MLK_INFO_KERNEL, &ki, sizeof(ki),
			    NULL) == MLK_OK &&
	    ki.instructions)
		printf("shell: first prompt after %lu instructions\n",
		       (unsigned long)ki.instructions);
}

/* Edit one line; false if it was dropped (Ctrl-C) or refused. */
static bool read_line(struct line_editor *ed, struct history *h)
{
	enum line_status s;

	line_start(ed, h);
	term_edit(true);
	term_puts(SHELL_PROMPT);
	do {
		int c = term_getc();
		if (c == TERM_REDRAW) {
			line_redraw(ed, SHELL_PROMPT);
			s = LINE_MORE;
		} else {
			s = line_feed(ed, (unsigned char)c);
		}
	} while (s == LINE_MORE);
	term_edit(false);
	if (s == LINE_CANCEL)
		return false;
	if (ed->not_text) {
		printf("shell: line contains bytes that are not text\n");
		return false;
	}
	if (ed->too_long) {
		printf("shell: line too long (at most %d bytes)\n",
		       SHELL_LINE_MAX);
		return false;
	}
	return true;
}

int main(void)
{
	static struct history history;
	static struct line_editor ed;
	static struct command_line cl;

	term_init();
	show_motd();
	report_boot_instructions();
	for (;;) {
		if (!read_line(&ed, &history))
			continue;
		history_add(&history, ed.buf);
		const char *err = parse_line(ed.buf, &cl);
		if (err)
			printf("shell: %s\n", err);
		else if (cl.argc)
			command_run(&cl);
	}
}
