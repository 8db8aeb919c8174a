/*
 * mlk-mkimage: service options.  The same words work after "SERVICE:" on
 * the command line (separated by commas) and on a manifest's service line
 * (separated by blanks), and --list prints them back the same way.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/syscall.h>

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

static void set_priority(struct mlk_manifest_service *svc, const char *text,
			 const char *where)
{
	size_t ndigits = strspn(text, "0123456789");
	uint64_t prio;

	if (ndigits == 0 || text[ndigits])
		fail(where, "bad priority '%s' (want a number %d..%d)", text,
		     MLK_PRIO_MIN, MLK_PRIO_MAX);
	if (!parse_decimal(text, ndigits, &prio) || prio > MLK_PRIO_MAX)
		fail(where, "priority %s out of range (%d..%d)", text,
		     MLK_PRIO_MIN, MLK_PRIO_MAX);
	svc->priority = (uint32_t)prio;
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

static void set_quota(struct mlk_manifest_service *svc, const char *text,
		      const char *where)
{
	size_t ndigits = strspn(text, "0123456789");
	int shift = suffix_shift(text[ndigits]);
	uint64_t quota;

	if (ndigits == 0 || shift < 0 || (shift > 0 && text[ndigits + 1]))
		fail(where,
		     "bad quota '%s' (want bytes with an optional K, M or G "
		     "suffix)",
		     text);
	if (!parse_decimal(text, ndigits, &quota) ||
	    quota > UINT64_MAX >> shift)
		fail(where, "quota '%s' too large", text);
	svc->quota = quota << shift;
}

/* give-up=N: how many quick crashes in a row init takes before it stops
 * restarting the service; without it, init never stops. */
static void set_give_up(struct mlk_manifest_service *svc, const char *text,
			const char *where)
{
	size_t ndigits = strspn(text, "0123456789");
	uint64_t count;

	if (ndigits == 0 || text[ndigits])
		fail(where, "bad give-up count '%s' (want a number 1..%u)",
		     text, UINT32_MAX);
	if (!parse_decimal(text, ndigits, &count) || count == 0 ||
	    count > UINT32_MAX)
		fail(where, "give-up count %s out of range (1..%u)", text,
		     UINT32_MAX);
	svc->give_up = (uint32_t)count;
}

/* "device=COMPATIBLE" */
static void device_grant(struct mlk_manifest_grant *grant,
			 const char *compatible, const char *where)
{
	size_t len = strlen(compatible);

	if (len == 0)
		fail(where,
		     "grant=device= needs a device tree compatible string");
	if (len >= sizeof(grant->arg))
		fail(where,
		     "device compatible '%s' too long (at most %zu bytes)",
		     compatible, sizeof(grant->arg) - 1);
	grant->kind = MLK_GRANT_DEVICE;
	memcpy(grant->arg, compatible, len);
}

static void add_grant(struct mlk_manifest_service *svc, const char *text,
		      const char *where)
{
	static const struct {
		const char *word;
		uint32_t kind;
	} simple[] = {
		{ "log", MLK_GRANT_LOG },
		{ "system", MLK_GRANT_SYSTEM },
		{ "bundle", MLK_GRANT_BUNDLE },
		{ "devtree", MLK_GRANT_DEVTREE },
	};
	struct mlk_manifest_grant grant = { 0 };

	for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
		if (!strcmp(text, simple[i].word))
			grant.kind = simple[i].kind;
	}
	if (starts_with(text, "device="))
		device_grant(&grant, text + strlen("device="), where);
	if (!grant.kind)
		fail(where,
		     "unknown grant '%s' (want log, system, bundle, devtree "
		     "or device=COMPATIBLE)",
		     text);
	if (svc->ngrants == MLK_MANIFEST_MAX_GRANTS)
		fail(where, "too many grants (at most %d)",
		     MLK_MANIFEST_MAX_GRANTS);
	svc->grants[svc->ngrants++] = grant;
}

static void set_args(struct mlk_manifest_service *svc, const char *text,
		     const char *where)
{
	size_t len = strlen(text);

	if (len >= sizeof(svc->args))
		fail(where, "args too long (%zu bytes, at most %zu)", len,
		     sizeof(svc->args) - 1);
	memset(svc->args, 0, sizeof(svc->args));
	memcpy(svc->args, text, len);
}

void service_option(struct mlk_manifest_service *svc, const char *option,
		    const char *where)
{
	if (!*option)
		fail(where, "empty service option");
	else if (!strcmp(option, "restart"))
		svc->flags |= MLK_SVC_RESTART;
	else if (!strcmp(option, "poweroff"))
		svc->flags |= MLK_SVC_POWEROFF;
	else if (starts_with(option, "prio="))
		set_priority(svc, option + strlen("prio="), where);
	else if (starts_with(option, "quota="))
		set_quota(svc, option + strlen("quota="), where);
	else if (starts_with(option, "give-up="))
		set_give_up(svc, option + strlen("give-up="), where);
	else if (starts_with(option, "grant="))
		add_grant(svc, option + strlen("grant="), where);
	else if (starts_with(option, "args="))
		set_args(svc, option + strlen("args="), where);
	else
		fail(where, "unknown service option '%s'", option);
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
void service_option_list(struct mlk_manifest_service *svc, const char *list,
			 const char *where)
{
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		char *option;

		if (starts_with(p, "args=")) {
			service_option(svc, p, where);
			return;
		}
		if (starts_with(p, "grant=device=")) {
			while (p[len] == ',' && !begins_option(p + len + 1))
				len += 1 + strcspn(p + len + 1, ",");
		}
		option = xasprintf("%.*s", (int)len, p);
		service_option(svc, option, where);
		free(option);
		if (!p[len])
			return;
		p += len + 1;
	}
}

/* A word the manifest reader reads back as it was: quoted if need be. */
static void print_word(const char *prefix, const char *word)
{
	bool plain = *word && !strpbrk(word, " \t\"\\#");

	printf(" %s", prefix);
	if (plain) {
		fputs(word, stdout);
		return;
	}
	putchar('"');
	for (const char *s = word; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static void print_quota(uint64_t quota)
{
	static const char suffix[] = "GMK";

	for (int i = 0; i < 3; i++) {
		unsigned shift = 30 - 10 * (unsigned)i;

		if (quota && !(quota & ((1ull << shift) - 1))) {
			printf(" quota=%llu%c",
			       (unsigned long long)(quota >> shift), suffix[i]);
			return;
		}
	}
	printf(" quota=%llu", (unsigned long long)quota);
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
	default:
		return "device=";
	}
}

void service_print(const struct mlk_manifest_service *svc)
{
	fputs("service", stdout);
	print_word("", svc->name);
	printf(" prio=%u", svc->priority);
	if (svc->quota)
		print_quota(svc->quota);
	if (svc->flags & MLK_SVC_RESTART)
		fputs(" restart", stdout);
	if (svc->give_up)
		printf(" give-up=%u", svc->give_up);
	if (svc->flags & MLK_SVC_POWEROFF)
		fputs(" poweroff", stdout);
	for (uint32_t i = 0; i < svc->ngrants; i++) {
		const struct mlk_manifest_grant *g = &svc->grants[i];

		if (g->kind == MLK_GRANT_DEVICE)
			print_word("grant=device=", g->arg);
		else
			printf(" grant=%s", grant_word(g->kind));
	}
	if (svc->args[0])
		print_word("args=", svc->args);
	putchar('\n');
}
