/*
 * mlk-mkimage: service options.  The same words work after "SERVICE:" on
 * the command line (separated by commas) and on a manifest's service line
 * (separated by blanks), and --list prints them back the same way.
 *
 * What --list prints must read back, so every value must fit on one
 * manifest line: names, arguments and device compatibles are refused at
 * pack time if they hold a control character (a CR that a file with
 * DOS line ends left at the end of an argument, a newline, a tab).  The
 * alternative, an escape syntax for them, would add a third quoting
 * layer to the manifest's quotes and init's argument splitter
 * (libmlk/spawn.c), which knows only blanks, \" and \\; and no service
 * has a use for such bytes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/startinfo.h>
#include <mlk/syscall.h>
#include <mlk/virtio_ids.h>

#include "args.h"
#include "mkimage.h"

void service_init(struct mlk_manifest_service *svc, const char *name)
{
	memset(svc, 0, sizeof(*svc));
	/* The caller checked the length with check_entry_name. */
	memcpy(svc->name, name, strlen(name));
	svc->priority = MLK_PRIO_DEFAULT;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The first len characters of s, all digits: false if it overflows. */
static bool parse_decimal(const char *s, size_t len, uint64_t *value)
{
	uint64_t v = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned digit = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*value = v;
	return true;
}

static int set_priority(struct mlk_manifest_service *svc, const char *text,
			const char *where, struct mkimage_error *err)
{
	size_t ndigits = strspn(text, "0123456789");
	uint64_t prio;

	if (ndigits == 0 || text[ndigits])
		return mkimage_fail(err, where,
				    "bad priority '%s' (want a number %d..%d)",
				    text, MLK_PRIO_MIN, MLK_PRIO_MAX);
	if (!parse_decimal(text, ndigits, &prio) || prio > MLK_PRIO_MAX)
		return mkimage_fail(err, where,
				    "priority %s out of range (%d..%d)", text,
				    MLK_PRIO_MIN, MLK_PRIO_MAX);
	svc->priority = (uint32_t)prio;
	return 0;
}

/* The power of two a quota suffix stands for; -1 if it is none. */
static int suffix_shift(char c)
{
	switch (c) {
	case '\0':
		return 0;
	case 'K':
	case 'k':
		return 10;
	case 'M':
	case 'm':
		return 20;
	case 'G':
	case 'g':
		return 30;
	default:
		return -1;
	}
}

static int set_quota(struct mlk_manifest_service *svc, const char *text,
		     const char *where, struct mkimage_error *err)
{
	size_t ndigits = strspn(text, "0123456789");
	int shift = suffix_shift(text[ndigits]);
	uint64_t quota;

	if (ndigits == 0 || shift < 0 || (shift > 0 && text[ndigits + 1]))
		return mkimage_fail(
			err, where,
			"bad quota '%s' (want bytes with an optional K, M "
			"or G suffix)",
			text);
	if (!parse_decimal(text, ndigits, &quota) ||
	    quota > UINT64_MAX >> shift)
		return mkimage_fail(err, where, "quota '%s' too large", text);
	svc->quota = quota << shift;
	return 0;
}

int control_char(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (unsigned char)*s;
	}
	return 0;
}

static int check_compatible(const char *compatible, const char *where,
			    struct mkimage_error *err)
{
	size_t len = strlen(compatible);
	int c = control_char(compatible);

	if (len == 0)
		return mkimage_fail(
			err, where,
			"grant=device= needs a device tree compatible "
			"string");
	if (len >= MLK_GRANT_ARG_SIZE)
		return mkimage_fail(
			err, where,
			"device compatible '%s' too long (at most %d "
			"bytes)",
			compatible, MLK_GRANT_ARG_SIZE - 1);
	if (c)
		return mkimage_fail(
			err, where,
			"device compatible '%s' has control character "
			"0x%02x",
			compatible, c);
	return 0;
}

/* give-up=N: how many quick crashes in a row init takes before it stops
 * restarting the service; without it, init never stops. */
static int set_give_up(struct mlk_manifest_service *svc, const char *text,
		       const char *where, struct mkimage_error *err)
{
	size_t ndigits = strspn(text, "0123456789");
	uint64_t count;

	if (ndigits == 0 || text[ndigits])
		return mkimage_fail(
			err, where,
			"bad give-up count '%s' (want a number 1..%u)", text,
			UINT32_MAX);
	if (!parse_decimal(text, ndigits, &count) || count == 0 ||
	    count > UINT32_MAX)
		return mkimage_fail(err, where,
				    "give-up count %s out of range (1..%u)",
				    text, UINT32_MAX);
	svc->give_up = (uint32_t)count;
	return 0;
}

/* "device=COMPATIBLE" */
static int device_grant(struct mlk_manifest_grant *grant,
			const char *compatible, const char *where,
			struct mkimage_error *err)
{
	if (check_compatible(compatible, where, err) < 0)
		return -1;
	grant->kind = MLK_GRANT_DEVICE;
	memcpy(grant->arg, compatible, strlen(compatible));
	return 0;
}

/* "virtio=TYPE": one instance of the service per virtio device of TYPE;
 * a service drives one kind of device, so one such grant at most. */
static int virtio_grant(const struct mlk_manifest_service *svc,
			struct mlk_manifest_grant *grant, const char *type,
			const char *where, struct mkimage_error *err)
{
	if (mlk_virtio_id_by_name(type) == MLK_VIRTIO_ID_NONE)
		return mkimage_fail(err, where,
				    "unknown virtio device type '%s' (want "
				    "blk, rng, net, console, gpu, input ...)",
				    type);
	for (uint32_t i = 0; i < svc->ngrants; i++) {
		if (svc->grants[i].kind == MLK_GRANT_VIRTIO)
			return mkimage_fail(err, where,
					    "a second virtio grant ('%s'): a "
					    "service drives one kind of "
					    "device",
					    type);
	}
	grant->kind = MLK_GRANT_VIRTIO;
	memcpy(grant->arg, type, strlen(type));
	return 0;
}

static int add_grant(struct mlk_manifest_service *svc, const char *text,
		     const char *where, struct mkimage_error *err)
{
	static const struct {
		const char *word;
		uint32_t kind;
	} simple[] = {
		{ "log", MLK_GRANT_LOG },
		{ "system", MLK_GRANT_SYSTEM },
		{ "bundle", MLK_GRANT_BUNDLE },
		{ "devtree", MLK_GRANT_DEVTREE },
		{ "control", MLK_GRANT_CONTROL },
	};
	struct mlk_manifest_grant grant = { 0 };

	for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
		if (!strcmp(text, simple[i].word))
			grant.kind = simple[i].kind;
	}
	if (starts_with(text, "device=") &&
	    device_grant(&grant, text + strlen("device="), where, err) < 0)
		return -1;
	if (starts_with(text, "virtio=") &&
	    virtio_grant(svc, &grant, text + strlen("virtio="), where, err) < 0)
		return -1;
	if (!grant.kind)
		return mkimage_fail(
			err, where,
			"unknown grant '%s' (want log, system, bundle, "
			"devtree, control, device=COMPATIBLE or "
			"virtio=TYPE)",
			text);
	if (svc->ngrants == MLK_MANIFEST_MAX_GRANTS)
		return mkimage_fail(err, where, "too many grants (at most %d)",
				    MLK_MANIFEST_MAX_GRANTS);
	svc->grants[svc->ngrants++] = grant;
	if (service_handles(svc) > MLK_STARTINFO_MAX_HANDLES)
		return mkimage_fail(
			err, where,
			"grants need %u handles, more than the %d a program "
			"is given (one for names, one a grant, two a device= "
			"or virtio= grant)",
			service_handles(svc), MLK_STARTINFO_MAX_HANDLES);
	return 0;
}

unsigned service_handles(const struct mlk_manifest_service *svc)
{
	unsigned n = 1; /* init's names endpoint */

	for (uint32_t i = 0; i < svc->ngrants; i++) {
		uint32_t kind = svc->grants[i].kind;

		/* registers and interrupt */
		n += kind == MLK_GRANT_DEVICE || kind == MLK_GRANT_VIRTIO ? 2
									  : 1;
	}
	return n;
}

/* What init will pass on, exactly: refused here rather than cut or
 * read another way at run time (args.h is init's rule). */
static int check_args(const char *text, const char *where,
		      struct mkimage_error *err)
{
	size_t len = strlen(text), used;
	int c = control_char(text);
	uint32_t argc;

	if (len >= MLK_MANIFEST_ARGS_SIZE)
		return mkimage_fail(err, where,
				    "args too long (%zu bytes, at most %d)",
				    len, MLK_MANIFEST_ARGS_SIZE - 1);
	if (c)
		return mkimage_fail(
			err, where,
			"args have control character 0x%02x (a manifest "
			"line cannot hold it)",
			c);
	/* 127 bytes always pack into the start info's 256: only the
	 * quotes can be wrong. */
	if (args_pack(text, NULL, MLK_STARTINFO_ARGS_SIZE, &argc, &used) !=
	    ARGS_OK)
		return mkimage_fail(err, where,
				    "args have an unterminated quote");
	return 0;
}

static int set_args(struct mlk_manifest_service *svc, const char *text,
		    const char *where, struct mkimage_error *err)
{
	if (check_args(text, where, err) < 0)
		return -1;
	memset(svc->args, 0, sizeof(svc->args));
	memcpy(svc->args, text, strlen(text));
	return 0;
}

int service_option(struct mlk_manifest_service *svc, const char *option,
		   const char *where, struct mkimage_error *err)
{
	if (!*option)
		return mkimage_fail(err, where, "empty service option");
	if (!strcmp(option, "restart"))
		svc->flags |= MLK_SVC_RESTART;
	else if (!strcmp(option, "poweroff"))
		svc->flags |= MLK_SVC_POWEROFF;
	else if (starts_with(option, "prio="))
		return set_priority(svc, option + strlen("prio="), where, err);
	else if (starts_with(option, "quota="))
		return set_quota(svc, option + strlen("quota="), where, err);
	else if (starts_with(option, "give-up="))
		return set_give_up(svc, option + strlen("give-up="), where,
				   err);
	else if (starts_with(option, "grant="))
		return add_grant(svc, option + strlen("grant="), where, err);
	else if (starts_with(option, "args="))
		return set_args(svc, option + strlen("args="), where, err);
	else
		return mkimage_fail(err, where, "unknown service option '%s'",
				    option);
	return 0;
}

/* Does the comma-separated piece at s begin a new option? */
static bool begins_option(const char *s)
{
	size_t len = strcspn(s, ",");

	if ((len == strlen("restart") && starts_with(s, "restart")) ||
	    (len == strlen("poweroff") && starts_with(s, "poweroff")))
		return true;
	return starts_with(s, "prio=") || starts_with(s, "quota=") ||
	       starts_with(s, "give-up=") || starts_with(s, "grant=") ||
	       starts_with(s, "args=");
}

/*
 * Commas separate options, but two things may contain commas: args=,
 * which must come last and takes the rest of the list, and a device tree
 * compatible ("arm,pl011"), which goes on until a piece that begins an
 * option.
 */
int service_option_list(struct mlk_manifest_service *svc, const char *list,
			const char *where, struct mkimage_error *err)
{
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		char *option;
		int st;

		if (starts_with(p, "args="))
			return service_option(svc, p, where, err);
		if (starts_with(p, "grant=device=")) {
			while (p[len] == ',' && !begins_option(p + len + 1))
				len += 1 + strcspn(p + len + 1, ",");
		}
		option = xasprintf("%.*s", (int)len, p);
		st = service_option(svc, option, where, err);
		free(option);
		if (st < 0 || !p[len])
			return st;
		p += len + 1;
	}
}

int service_check_program(const struct mlk_manifest_service *svc,
			  const char *where, struct mkimage_error *err)
{
	if (!(svc->flags & MLK_SVC_PROGRAM))
		return 0;
	if (svc->flags & MLK_SVC_RESTART)
		return mkimage_fail(err, where,
				    "program: 'restart' is for services (a "
				    "program runs when asked, once)");
	if (svc->give_up)
		return mkimage_fail(err, where,
				    "program: 'give-up' is for services (a "
				    "program runs when asked, once)");
	return 0;
}

int service_check_printable(const struct mlk_manifest_service *svc,
			    const char *where, struct mkimage_error *err)
{
	if (check_service_name(svc->name, where, err) < 0 ||
	    service_check_program(svc, where, err) < 0)
		return -1;
	if (service_handles(svc) > MLK_STARTINFO_MAX_HANDLES)
		return mkimage_fail(err, where, "grants need %u handles",
				    service_handles(svc));
	for (uint32_t i = 0; i < svc->ngrants; i++) {
		const struct mlk_manifest_grant *g = &svc->grants[i];

		if (g->kind == MLK_GRANT_DEVICE &&
		    check_compatible(g->arg, where, err) < 0)
			return -1;
	}
	return check_args(svc->args, where, err);
}

/* A word the manifest reader reads back as it was: quoted if need be. */
static void print_word(FILE *out, const char *prefix, const char *word)
{
	bool plain = *word && !strpbrk(word, " \t\"\\#");

	fprintf(out, " %s", prefix);
	if (plain) {
		fputs(word, out);
		return;
	}
	putc('"', out);
	for (const char *s = word; *s; s++) {
		if (*s == '"' || *s == '\\')
			putc('\\', out);
		putc(*s, out);
	}
	putc('"', out);
}

static void print_quota(FILE *out, uint64_t quota)
{
	static const char suffix[] = "GMK";

	for (int i = 0; i < 3; i++) {
		unsigned shift = 30 - 10 * (unsigned)i;

		if (quota && !(quota & ((1ull << shift) - 1))) {
			fprintf(out, " quota=%llu%c",
				(unsigned long long)(quota >> shift),
				suffix[i]);
			return;
		}
	}
	fprintf(out, " quota=%llu", (unsigned long long)quota);
}

static const char *grant_word(uint32_t kind)
{
	switch (kind) {
	case MLK_GRANT_LOG:
		return "log";
	case MLK_GRANT_SYSTEM:
		return "system";
	case MLK_GRANT_BUNDLE:
		return "bundle";
	case MLK_GRANT_DEVTREE:
		return "devtree";
	case MLK_GRANT_CONTROL:
		return "control";
	default:
		return "device=";
	}
}

void service_print(const struct mlk_manifest_service *svc, FILE *out)
{
	fputs(svc->flags & MLK_SVC_PROGRAM ? "program" : "service", out);
	print_word(out, "", svc->name);
	fprintf(out, " prio=%u", svc->priority);
	if (svc->quota)
		print_quota(out, svc->quota);
	if (svc->flags & MLK_SVC_RESTART)
		fputs(" restart", out);
	if (svc->give_up)
		fprintf(out, " give-up=%u", svc->give_up);
	if (svc->flags & MLK_SVC_POWEROFF)
		fputs(" poweroff", out);
	for (uint32_t i = 0; i < svc->ngrants; i++) {
		const struct mlk_manifest_grant *g = &svc->grants[i];

		if (g->kind == MLK_GRANT_DEVICE)
			print_word(out, "grant=device=", g->arg);
		else if (g->kind == MLK_GRANT_VIRTIO)
			print_word(out, "grant=virtio=", g->arg);
		else
			fprintf(out, " grant=%s", grant_word(g->kind));
	}
	if (svc->args[0])
		print_word(out, "args=", svc->args);
	putc('\n', out);
}
