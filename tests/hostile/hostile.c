/*
 * hostile: a service that tries, from inside the standard supervision,
 * the attacks on init of issue 8 (findings 1 and 2), then exits with
 * code 7.  init must hear exactly that one exit, about this process:
 *
 * 1. leave supervision: a new endpoint as its own supervisor;
 * 2. fool init: a decoy process pointed at the names handle init gave it
 *    (init's endpoint, with its badge), killed with code 97;
 * 3. control other services without grant=control: run, kill and crash
 *    through init (listing them is allowed).
 *
 * It then waits half a second, so that init's retries of `greedy` (a
 * service whose quota cannot hold its own tables) show in the log
 * before the exit.
 *
 * Each refusal is printed; any attack that goes through makes the exit
 * code 1 (tests/qemu/hostile-init.qt rejects that and any "code 97").
 */
#include <stdio.h>
#include <string.h>

#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

static int failures;

static void expect_refused(const char *what, mlk_status_t st)
{
	if (st == MLK_ERR_ACCESS_DENIED) {
		printf("hostile: %s: refused\n", what);
		return;
	}
	printf("hostile: %s: NOT refused (status %ld)\n", what, (long)st);
	failures++;
}

int main(void)
{
	mlk_handle_t names = mlk_start_handle(MLK_START_NAMES, NULL);
	mlk_handle_t ep, decoy, as, t;

	if (!names || mlk_endpoint_create(&ep) != MLK_OK ||
	    mlk_process_create("decoy", 5, 256 * 1024, &decoy, &as) != MLK_OK ||
	    mlk_thread_create(decoy, 0x400000, 0, 0, 1, "decoy", 5, &t) !=
		    MLK_OK) {
		printf("hostile: cannot set up\n");
		return 1;
	}
	expect_refused(
		"own supervisor",
		mlk_process_set_supervisor(MLK_HANDLE_SELF_PROCESS, ep, 0));
	expect_refused("decoy reporting to init's names endpoint",
		       mlk_process_set_supervisor(decoy, names, 0));
	mlk_process_kill(decoy, 97);
	expect_refused("run without control",
		       mlk_init_run("hostile", NULL, NULL));
	expect_refused("kill without control", mlk_init_kill("hostile"));
	expect_refused("crash without control", mlk_init_crash("hostile"));
	struct mlk_init_service s;
	if (mlk_init_list(0, &s) != MLK_OK) {
		printf("hostile: list refused\n");
		failures++;
	}
	mlk_sleep(mlk_deadline_in(500 * 1000000ull));
	return failures ? 1 : 7;
}
