/*
 * mlk-mkimage: pack the kernel, init, services, files and their manifest
 * into one bootable image (see mlk-mkimage.1 and <mlk/bundle.h>).
 *
 *   mlk-mkimage [options] -o OUTPUT [SERVICE[:OPTIONS] ...]
 *               [-p PROGRAM[:OPTIONS] ...]
 *   mlk-mkimage --list IMAGE
 *
 * The work, in order: read the command line; collect the entries (init,
 * the manifest's services and files, the command line's services and
 * files), checking names as they come; then mkimage_pack() checks the
 * kernel, sizes and ELF files, builds the bundle and writes the image.  The
 * work is the library's (mkimage.h): its functions return errors, and
 * only this file prints them and exits.
 */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mlk/version.h>

#include "mkimage.h"

/* The installed SDK's paths, from sdk/local.mk. */
#if !defined(MLK_DEFAULT_KERNEL) || !defined(MLK_DEFAULT_INIT) ||              \
	!defined(MLK_DEFAULT_MANIFEST) || !defined(MLK_DEFAULT_SERVICES_DIR)
#error "build with -DMLK_DEFAULT_KERNEL=... and the others (sdk/local.mk)"
#endif

static const char *default_path(const char *rel, const char *builtin);

#define DEFAULT_KERNEL default_path("boot/mlk-kernel.img", MLK_DEFAULT_KERNEL)
#define DEFAULT_INIT default_path("services/init", MLK_DEFAULT_INIT)
#define DEFAULT_MANIFEST                                                       \
	default_path("services/standard.manifest", MLK_DEFAULT_MANIFEST)
#define DEFAULT_SERVICES_DIR default_path("services", MLK_DEFAULT_SERVICES_DIR)

struct options {
	const char *output;
	const char *kernel;
	const char *init;
	const char *manifest;	  /* -m, or NULL */
	bool no_standard;	  /* -n */
	const char *services_dir; /* -s */
	const char *list;	  /* --list IMAGE */
	char **files;		  /* -f NAME=PATH */
	size_t nfiles;
	char **services; /* SERVICE[:OPTIONS] */
	size_t nservices;
	char **programs; /* -p PROGRAM[:OPTIONS] */
	size_t nprograms;
	bool building; /* any option that only makes sense with -o */
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... -o OUTPUT [SERVICE[:OPTIONS]]...\n"
	       "       %s --list IMAGE\n",
	       PROGRAM_NAME, PROGRAM_NAME);
	fputs("Pack the MyLittleKernel kernel, init, services and files\n"
	      "into one bootable image.\n"
	      "\n"
	      "  -o, --output FILE       write the image to FILE\n"
	      "  -k, --kernel FILE       the kernel's arm64 Image\n"
	      "  -i, --init FILE         the root task, an ELF executable\n"
	      "  -m, --manifest FILE     services and files from FILE\n"
	      "                          instead of the standard manifest\n"
	      "                          (which 'include standard' in FILE\n"
	      "                          brings back)\n"
	      "  -n, --no-standard       leave out the standard services\n"
	      "  -p, --program PROGRAM[:OPTIONS]\n"
	      "                          pack PROGRAM for the shell's run;\n"
	      "                          init does not start it by itself\n"
	      "  -s, --services-dir DIR  where manifest services live\n"
	      "  -f, --file NAME=PATH    add PATH as the initfs file NAME\n"
	      "  -l, --list IMAGE        show what IMAGE holds\n"
	      "  -h, --help              show this help\n"
	      "  -V, --version           show the version\n"
	      "\n"
	      "SERVICE is a static AArch64 ELF executable, named after\n"
	      "its file without \".elf\".  OPTIONS, separated by commas:\n"
	      "  prio=N quota=SIZE[K|M|G] restart give-up=N poweroff\n"
	      "  grant=log|system|bundle|devtree|device=COMPATIBLE\n"
	      "  args=WORDS (last: it takes the rest)\n"
	      "\n",
	      stdout);
	printf("Defaults (from the environment, else the SDK next to this "
	       "program,\n"
	       "else built in):\n"
	       "  kernel        $MLK_KERNEL or %s\n"
	       "  init          $MLK_INIT or %s\n"
	       "  manifest      $MLK_MANIFEST or %s\n"
	       "  services dir  $MLK_SERVICES_DIR or %s\n"
	       "\n"
	       "See mlk-mkimage(1) for the manifest format.\n",
	       DEFAULT_KERNEL, DEFAULT_INIT, DEFAULT_MANIFEST,
	       DEFAULT_SERVICES_DIR);
}

/*
 * The SDK this program belongs to: <bin>/../lib/mlk next to the running
 * executable, so that an SDK unpacked or installed anywhere (DESTDIR) finds
 * its kernel and services; NULL if there is none there.
 */
static const char *relocated_sdk(void)
{
	static char dir[PATH_MAX];
	static int looked;
	char exe[PATH_MAX];

	if (looked++)
		return dir[0] ? dir : NULL;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	if (snprintf(dir, sizeof(dir), "%s/../lib/mlk", exe) >=
		    (int)sizeof(dir) ||
	    access(dir, F_OK) != 0) {
		dir[0] = 0;
		return NULL;
	}
	return dir;
}

/*
 * A default path: `rel` in the SDK next to this program if there is one,
 * else the path built in at configure time.  (The same file for an SDK
 * installed where it was configured for.)
 */
static const char *default_path(const char *rel, const char *builtin)
{
	static struct {
		const char *rel;
		char path[PATH_MAX];
	} cache[4];
	const char *sdk = relocated_sdk();

	if (!sdk)
		return builtin;
	for (size_t i = 0; i < sizeof(cache) / sizeof(cache[0]); i++) {
		if (cache[i].rel == rel)
			return cache[i].path;
		if (!cache[i].rel) {
			cache[i].rel = rel;
			snprintf(cache[i].path, PATH_MAX, "%s/%s", sdk, rel);
			return cache[i].path;
		}
	}
	return builtin;
}

/* The option if given, else the environment variable if set and not
 * empty, else the default. */
static const char *choose(const char *option, const char *env_name,
			  const char *fallback)
{
	const char *value = getenv(env_name);

	if (option)
		return option;
	return value && *value ? value : fallback;
}

/* Print "mlk-mkimage: WHERE: MESSAGE" on one line and exit with status 1. */
static void __attribute__((noreturn)) die(const struct mkimage_error *err)
{
	fprintf(stderr, "%s: %s\n", PROGRAM_NAME, err->text);
	exit(1);
}

static void push(char ***array, size_t *count, char *item)
{
	*array = xrealloc(*array, *count + 1, sizeof(**array));
	(*array)[(*count)++] = item;
}

/* getopt_long found no such option or no argument: name what it saw. */
static void __attribute__((noreturn)) bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1];
	struct mkimage_error err;
	char *seen;

	if (!strncmp(arg, "--", 2))
		seen = xasprintf("%.*s", (int)strcspn(arg, "="), arg);
	else
		seen = xasprintf("-%c", optopt);
	if (c == ':')
		mkimage_fail(&err, seen, "option requires an argument");
	else
		mkimage_fail(&err, seen, "unknown option");
	die(&err);
}

static void parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "init", required_argument, NULL, 'i' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "no-standard", no_argument, NULL, 'n' },
		{ "services-dir", required_argument, NULL, 's' },
		{ "file", required_argument, NULL, 'f' },
		{ "program", required_argument, NULL, 'p' },
		{ "list", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:k:i:m:ns:f:p:l:hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			opt->output = optarg;
			break;
		case 'k':
			opt->kernel = optarg;
			break;
		case 'i':
			opt->init = optarg;
			break;
		case 'm':
			opt->manifest = optarg;
			break;
		case 'n':
			opt->no_standard = true;
			break;
		case 's':
			opt->services_dir = optarg;
			break;
		case 'f':
			push(&opt->files, &opt->nfiles, optarg);
			break;
		case 'p':
			push(&opt->programs, &opt->nprograms, optarg);
			break;
		case 'l':
			opt->list = optarg;
			break;
		case 'h':
			usage();
			exit(0);
		case 'V':
			printf("%s (MyLittleKernel) %s\n", PROGRAM_NAME,
			       MLK_VERSION_STRING);
			exit(0);
		default:
			bad_option(c, argv);
		}
		if (c != 'l')
			opt->building = true;
	}
	for (int i = optind; i < argc; i++)
		push(&opt->services, &opt->nservices, argv[i]);
	opt->building |= opt->nservices > 0;
}

/* The standard manifest, if there is one and it is wanted; NULL if not. */
static const char *standard_manifest(const struct options *opt)
{
	const char *standard = getenv("MLK_MANIFEST");

	if (opt->no_standard)
		return NULL;
	if (standard && *standard)
		return standard;
	return access(DEFAULT_MANIFEST, F_OK) == 0 ? DEFAULT_MANIFEST : NULL;
}

/*
 * -m FILE must exist and replaces the standard manifest, which its
 * "include standard" lines bring back; without -m the standard manifest
 * may be missing: then the standard set is empty (a source tree, or an
 * SDK without standard services).  $MLK_MANIFEST, if set, must exist.
 */
static int add_manifest(struct plan *plan, const struct options *opt,
			struct mkimage_error *err)
{
	plan->standard_manifest = standard_manifest(opt);
	if (opt->manifest)
		return manifest_read(plan, opt->manifest, err);
	if (plan->standard_manifest)
		return manifest_read(plan, plan->standard_manifest, err);
	return 0;
}

/* Init, the manifest's entries, then the command line's. */
static int collect(struct plan *plan, const struct options *opt,
		   struct mkimage_error *err)
{
	const char *init = choose(opt->init, "MLK_INIT", DEFAULT_INIT);

	if (!plan_add(plan, MLK_BUNDLE_INIT, "init", init, init, err) ||
	    add_manifest(plan, opt, err) < 0)
		return -1;
	for (size_t i = 0; i < opt->nservices; i++) {
		if (plan_add_command_line_service(plan, opt->services[i], err) <
		    0)
			return -1;
	}
	for (size_t i = 0; i < opt->nprograms; i++) {
		if (plan_add_command_line_program(plan, opt->programs[i], err) <
		    0)
			return -1;
	}
	for (size_t i = 0; i < opt->nfiles; i++) {
		if (plan_add_command_line_file(plan, opt->files[i], err) < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	struct plan plan = { 0 };
	struct mkimage_error err;

	parse_options(argc, argv, &opt);
	if (opt.list && opt.building) {
		mkimage_fail(&err, "--list",
			     "takes one IMAGE and no other option or argument");
		die(&err);
	}
	if (opt.list) {
		if (list_image(opt.list, stdout, &err) < 0)
			die(&err);
		return 0;
	}
	if (!opt.output) {
		mkimage_fail(&err, "usage",
			     "no output file: -o OUTPUT is required (or --list "
			     "IMAGE)");
		die(&err);
	}
	plan.services_dir = choose(opt.services_dir, "MLK_SERVICES_DIR",
				   DEFAULT_SERVICES_DIR);
	if (collect(&plan, &opt, &err) < 0 ||
	    mkimage_pack(&plan,
			 choose(opt.kernel, "MLK_KERNEL", DEFAULT_KERNEL),
			 opt.output, &err) < 0)
		die(&err);
	plan_free(&plan);
	free(opt.files);
	free(opt.services);
	free(opt.programs);
	return 0;
}
