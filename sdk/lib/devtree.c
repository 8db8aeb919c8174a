/*
 * Flattened device tree reader (see devtree.h).
 *
 * dt_init() walks the whole structure block once and rejects anything that
 * is not well formed, but every later access still checks its bounds: the
 * blob is input from outside the kernel.
 */
#include "devtree.h"
#include "kstring.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

#define ALIGN4(x) (((x) + 3u) & ~3u)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

const char *dt_strerror(int err)
{
	switch (err) {
	case DT_OK:
		return "ok";
	case DT_ERR_TRUNCATED:
		return "truncated";
	case DT_ERR_MAGIC:
		return "bad magic";
	case DT_ERR_VERSION:
		return "unsupported version";
	case DT_ERR_LAYOUT:
		return "bad block layout";
	case DT_ERR_BADSTRUCT:
		return "malformed structure block";
	case DT_ERR_NOTFOUND:
		return "not found";
	case DT_ERR_BADPROP:
		return "malformed property";
	case DT_ERR_RANGE:
		return "value out of range";
	case DT_ERR_LIMIT:
		return "more than the kernel takes";
	case DT_ERR_TOO_BIG:
		return "blocks past 2 MiB";
	default:
		return "unknown error";
	}
}

uint32_t dt_header_size(const void *blob)
{
	if (dt_be32((const uint8_t *)blob + DT_HDR_MAGIC) != FDT_MAGIC)
		return 0;
	return dt_be32((const uint8_t *)blob + DT_HDR_TOTALSIZE);
}

/* ---- tokens -------------------------------------------------------------- */

static const uint8_t *st(const struct devtree *dt, uint32_t off)
{
	return dt->blob + dt->struct_off + off;
}

/* Length of the NUL-terminated string at struct offset `off`, or -1. */
static int64_t st_strlen(const struct devtree *dt, uint32_t off)
{
	const uint8_t *p = st(dt, off);
	uint32_t max = dt->struct_size - off;
	for (uint32_t i = 0; i < max; i++)
		if (p[i] == 0)
			return i;
	return -1;
}

/*
 * Read the token at `off`; store its tag and the offset of the token after
 * it.  Returns DT_OK or DT_ERR_BADSTRUCT if the token runs past the block.
 */
static int token(const struct devtree *dt, uint32_t off, uint32_t *tag,
		 uint32_t *next)
{
	if ((off & 3) || (uint64_t)off + 4 > dt->struct_size)
		return DT_ERR_BADSTRUCT;
	*tag = dt_be32(st(dt, off));
	switch (*tag) {
	case FDT_BEGIN_NODE: {
		int64_t len = st_strlen(dt, off + 4);
		if (len < 0)
			return DT_ERR_BADSTRUCT;
		*next = ALIGN4(off + 4 + (uint32_t)len + 1);
		break;
	}
	case FDT_PROP: {
		if ((uint64_t)off + 12 > dt->struct_size)
			return DT_ERR_BADSTRUCT;
		uint64_t end = (uint64_t)off + 12 + dt_be32(st(dt, off + 4));
		if (end > dt->struct_size)
			return DT_ERR_BADSTRUCT;
		*next = ALIGN4((uint32_t)end);
		break;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		*next = off + 4;
		break;
	default:
		return DT_ERR_BADSTRUCT;
	}
	if (*next > dt->struct_size)
		*next = dt->struct_size; /* padding of the last token */
	return DT_OK;
}

/* The name of the property whose token is at `off`, or NULL. */
static const char *prop_name(const struct devtree *dt, uint32_t off)
{
	uint32_t nameoff = dt_be32(st(dt, off + 8));
	if (nameoff >= dt->strings_size)
		return NULL;
	const char *s = (const char *)dt->blob + dt->strings_off + nameoff;
	if (!memchr(s, 0, dt->strings_size - nameoff))
		return NULL;
	return s;
}

/*
 * Is the property whose token is at `off` named `name` (`len` bytes, no
 * NUL)?  The compare is bounded by the strings block and stops at the
 * first byte that differs, so the lookups that run at every boot (a
 * name per property per node) need no scan for the terminator first.
 */
static bool prop_named(const struct devtree *dt, uint32_t off, const char *name,
		       size_t len)
{
	uint32_t nameoff = dt_be32(st(dt, off + 8));

	if (nameoff >= dt->strings_size || len >= dt->strings_size - nameoff)
		return false;
	return !memcmp(dt->blob + dt->strings_off + nameoff, name, len + 1);
}

/* ---- validation ---------------------------------------------------------- */

static int check_structure(const struct devtree *dt)
{
	uint32_t off = 0, tag, next;
	int depth = 0;
	bool seen_root = false;

	for (;;) {
		if (token(dt, off, &tag, &next) != DT_OK)
			return DT_ERR_BADSTRUCT;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && seen_root)
				return DT_ERR_BADSTRUCT; /* two roots */
			seen_root = true;
			if (++depth > DT_MAX_DEPTH)
				return DT_ERR_BADSTRUCT;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return DT_ERR_BADSTRUCT;
			break;
		case FDT_PROP:
			if (depth == 0 || !prop_name(dt, off))
				return DT_ERR_BADSTRUCT;
			break;
		case FDT_END:
			return (depth == 0 && seen_root) ? DT_OK
							 : DT_ERR_BADSTRUCT;
		}
		if (next >= dt->struct_size)
			return DT_ERR_BADSTRUCT; /* no FDT_END */
		off = next;
	}
}

static bool block_fits(uint32_t off, uint32_t size, uint32_t total)
{
	return off >= DT_HDR_LEN && (uint64_t)off + size <= total;
}

/*
 * The end of the memory reservation block: its entries run to a (0, 0)
 * one (Devicetree Specification 5.3), which must lie within the blob, the
 * bytes available and DT_MAX_SIZE.
 */
static int rsvmap_end(const uint8_t *b, uint32_t off, uint32_t total,
		      uint32_t avail, uint32_t *end)
{
	uint32_t limit = MIN(total, DT_MAX_SIZE);

	if (avail)
		limit = MIN(limit, avail);
	for (; (uint64_t)off + 16 <= limit; off += 16)
		if (dt_be64(b + off) == 0 && dt_be64(b + off + 8) == 0) {
			*end = off + 16;
			return DT_OK;
		}
	if (limit == avail && avail < total)
		return DT_ERR_TRUNCATED;
	return limit < total ? DT_ERR_TOO_BIG : DT_ERR_LAYOUT;
}

/* Take the block offsets and sizes from the header and check where they
 * lie; dt->size becomes the end of the last block. */
static int read_layout(struct devtree *dt, const uint8_t *b, uint32_t total,
		       uint32_t avail)
{
	uint32_t rsv_end;

	dt->struct_off = dt_be32(b + DT_HDR_OFF_STRUCT);
	dt->struct_size = dt_be32(b + DT_HDR_SIZE_STRUCT);
	dt->strings_off = dt_be32(b + DT_HDR_OFF_STRINGS);
	dt->strings_size = dt_be32(b + DT_HDR_SIZE_STRINGS);
	dt->rsvmap_off = dt_be32(b + DT_HDR_OFF_RSVMAP);

	if ((dt->struct_off & 3) || (dt->rsvmap_off & 7) ||
	    !block_fits(dt->struct_off, dt->struct_size, total) ||
	    !block_fits(dt->strings_off, dt->strings_size, total) ||
	    !block_fits(dt->rsvmap_off, 16, total) || dt->struct_size < 8)
		return DT_ERR_LAYOUT;
	uint32_t end = MAX(dt->struct_off + dt->struct_size,
			   dt->strings_off + dt->strings_size);
	if (end > DT_MAX_SIZE)
		return DT_ERR_TOO_BIG;
	if (avail && end > avail)
		return DT_ERR_TRUNCATED;
	int err = rsvmap_end(b, dt->rsvmap_off, total, avail, &rsv_end);
	if (err != DT_OK)
		return err;
	dt->size = MAX(end, rsv_end);
	return DT_OK;
}

int dt_init(struct devtree *dt, const void *blob, uint32_t avail)
{
	const uint8_t *b = blob;

	memset(dt, 0, sizeof(*dt));
	if (avail && avail < DT_HDR_LEN)
		return DT_ERR_TRUNCATED;
	if (dt_be32(b + DT_HDR_MAGIC) != FDT_MAGIC)
		return DT_ERR_MAGIC;

	/* totalsize may exceed avail and DT_MAX_SIZE: a loader may leave
	 * free space past the blocks (QEMU doubles a -dtb file's size). */
	uint32_t total = dt_be32(b + DT_HDR_TOTALSIZE);
	if (total < DT_HDR_LEN)
		return DT_ERR_LAYOUT;
	/* Version 17 added size_dt_struct; 16 is the oldest compatible one. */
	if (dt_be32(b + DT_HDR_VERSION) < 17 ||
	    dt_be32(b + DT_HDR_LAST_COMP) > 17)
		return DT_ERR_VERSION;

	int err = read_layout(dt, b, total, avail);
	if (err == DT_OK) {
		dt->blob = b;
		err = check_structure(dt);
	}
	if (err != DT_OK)
		dt->blob = NULL;
	return err;
}

/* ---- walking ------------------------------------------------------------- */

int dt_root(const struct devtree *dt)
{
	uint32_t off = 0, tag, next;

	while (token(dt, off, &tag, &next) == DT_OK) {
		if (tag == FDT_BEGIN_NODE)
			return (int)off;
		if (tag != FDT_NOP)
			break;
		off = next;
	}
	return DT_ERR_BADSTRUCT;
}

int dt_next_node(const struct devtree *dt, int node, int *depth)
{
	uint32_t off = (uint32_t)node, tag, next;

	if (node < 0 || token(dt, off, &tag, &next) != DT_OK ||
	    tag != FDT_BEGIN_NODE)
		return DT_ERR_BADSTRUCT;
	for (;;) {
		off = next;
		if (token(dt, off, &tag, &next) != DT_OK)
			return DT_ERR_BADSTRUCT;
		switch (tag) {
		case FDT_BEGIN_NODE:
			++*depth;
			return (int)off;
		case FDT_END_NODE:
			--*depth;
			break;
		case FDT_END:
			return DT_ERR_NOTFOUND;
		}
	}
}

int dt_first_child(const struct devtree *dt, int node)
{
	int depth = 0;
	int n = dt_next_node(dt, node, &depth);

	if (n < 0)
		return n;
	return depth == 1 ? n : DT_ERR_NOTFOUND;
}

int dt_next_sibling(const struct devtree *dt, int node)
{
	int depth = 0;

	for (;;) {
		node = dt_next_node(dt, node, &depth);
		if (node < 0)
			return node;
		if (depth == 0)
			return node;
		if (depth < 0)
			return DT_ERR_NOTFOUND;
	}
}

/*
 * The nodes from the root down to `node`'s parent, in chain[0..n-1];
 * returns n (at least 1), or DT_ERR_NOTFOUND for the root or no node.
 * One walk gives every ancestor, so a reg lookup costs one walk however
 * deep the node is.
 */
static int ancestors(const struct devtree *dt, int node,
		     int chain[DT_MAX_DEPTH])
{
	int stack[DT_MAX_DEPTH + 1];
	int depth = 0;
	int n = dt_root(dt);

	if (n < 0 || node == n)
		return DT_ERR_NOTFOUND;
	stack[0] = n;
	while ((n = dt_next_node(dt, n, &depth)) >= 0) {
		if (depth < 1 || depth > DT_MAX_DEPTH)
			return DT_ERR_BADSTRUCT;
		stack[depth] = n;
		if (n == node) {
			memcpy(chain, stack, (size_t)depth * sizeof(int));
			return depth;
		}
	}
	return DT_ERR_NOTFOUND;
}

int dt_parent(const struct devtree *dt, int node)
{
	int chain[DT_MAX_DEPTH];
	int n = ancestors(dt, node, chain);

	return n < 0 ? n : chain[n - 1];
}

const char *dt_node_name(const struct devtree *dt, int node)
{
	uint32_t tag, next;

	if (node < 0 || token(dt, (uint32_t)node, &tag, &next) != DT_OK ||
	    tag != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)st(dt, (uint32_t)node + 4);
}

/* Does node name `name` ("uart@9000000") match path component [c, c+len)? */
static bool name_matches(const char *name, const char *c, size_t len)
{
	if (strncmp(name, c, len) != 0)
		return false;
	if (name[len] == 0)
		return true;
	return name[len] == '@' && !memchr(c, '@', len);
}

static int find_child(const struct devtree *dt, int node, const char *c,
		      size_t len)
{
	for (int n = dt_first_child(dt, node); n >= 0;
	     n = dt_next_sibling(dt, n)) {
		const char *name = dt_node_name(dt, n);
		if (name && name_matches(name, c, len))
			return n;
	}
	return DT_ERR_NOTFOUND;
}

/* Resolve an alias ("serial0") through /aliases into a full path. */
static const char *resolve_alias(const struct devtree *dt, const char *path,
				 size_t len)
{
	int aliases = find_child(dt, dt_root(dt), "aliases", 7);
	uint32_t tag, next;

	if (aliases < 0 || token(dt, (uint32_t)aliases, &tag, &next) != DT_OK)
		return NULL;
	for (uint32_t off = next;
	     token(dt, off, &tag, &next) == DT_OK && tag != FDT_BEGIN_NODE &&
	     tag != FDT_END_NODE && tag != FDT_END;
	     off = next) {
		if (tag != FDT_PROP)
			continue;
		const char *name = prop_name(dt, off);
		if (name && strlen(name) == len && !strncmp(name, path, len)) {
			uint32_t plen = dt_be32(st(dt, off + 4));
			const char *v = (const char *)st(dt, off + 12);
			if (plen && v[plen - 1] == 0 && v[0] == '/')
				return v;
		}
	}
	return NULL;
}

/* Resolve `path` up to `end` (a ':' starts options in stdout-path). */
static int path_to_node(const struct devtree *dt, const char *path,
			const char *end)
{
	int node = dt_root(dt);

	if (node < 0)
		return node;
	if (*path != '/') {
		path = resolve_alias(dt, path, (size_t)(end - path));
		if (!path)
			return DT_ERR_NOTFOUND;
		end = path + strlen(path);
	}
	while (path < end && node >= 0) {
		while (path < end && *path == '/')
			path++;
		if (path == end)
			break;
		const char *slash = path;
		while (slash < end && *slash != '/')
			slash++;
		node = find_child(dt, node, path, (size_t)(slash - path));
		path = slash;
	}
	return node;
}

int dt_path(const struct devtree *dt, const char *path)
{
	return path_to_node(dt, path, path + strlen(path));
}

/* ---- properties ---------------------------------------------------------- */

const void *dt_prop(const struct devtree *dt, int node, const char *name,
		    uint32_t *len)
{
	uint32_t tag, next, off = (uint32_t)node;
	size_t name_len = strlen(name);

	if (node < 0 || token(dt, off, &tag, &next) != DT_OK ||
	    tag != FDT_BEGIN_NODE)
		return NULL;
	for (off = next; token(dt, off, &tag, &next) == DT_OK; off = next) {
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			break;
		if (prop_named(dt, off, name, name_len)) {
			if (len)
				*len = dt_be32(st(dt, off + 4));
			return st(dt, off + 12);
		}
	}
	return NULL;
}

bool dt_prop_u32(const struct devtree *dt, int node, const char *name,
		 uint32_t *out)
{
	uint32_t len;
	const void *p = dt_prop(dt, node, name, &len);

	if (!p || len != 4)
		return false;
	*out = dt_be32(p);
	return true;
}

const char *dt_prop_str(const struct devtree *dt, int node, const char *name)
{
	uint32_t len;
	const char *p = dt_prop(dt, node, name, &len);

	if (!p || len == 0 || p[len - 1] != 0)
		return NULL;
	return p;
}

bool dt_is_compatible(const struct devtree *dt, int node, const char *compat)
{
	uint32_t len;
	const char *p = dt_prop(dt, node, "compatible", &len);
	size_t want = strlen(compat) + 1;

	/* A string list: "arm,pl011\0arm,primecell\0". */
	while (p && len > 0) {
		const char *nul = memchr(p, 0, len);
		if (!nul)
			return false;
		size_t n = (size_t)(nul - p) + 1;
		if (n == want && memcmp(p, compat, n) == 0)
			return true;
		p += n;
		len -= (uint32_t)n;
	}
	return false;
}

bool dt_is_enabled(const struct devtree *dt, int node)
{
	const char *status = dt_prop_str(dt, node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

int dt_find_compatible(const struct devtree *dt, int from, const char *compat)
{
	int depth = 0;
	int n = from < 0 ? dt_root(dt) : dt_next_node(dt, from, &depth);

	for (; n >= 0; n = dt_next_node(dt, n, &depth))
		if (dt_is_compatible(dt, n, compat))
			return n;
	return n < 0 ? n : DT_ERR_NOTFOUND;
}

/* The first property of the node at `node` named `name`, if it is one
 * cell: its token's offset, else 0 (no property token is at 0). */
static uint32_t first_u32(const struct devtree *dt, uint32_t props,
			  uint32_t end, const char *name, size_t len)
{
	uint32_t tag, next;

	for (uint32_t off = props; off < end; off = next) {
		if (token(dt, off, &tag, &next) != DT_OK)
			return 0;
		if (tag == FDT_PROP && prop_named(dt, off, name, len))
			return dt_be32(st(dt, off + 4)) == 4 ? off : 0;
	}
	return 0;
}

/*
 * A node's phandle is its first "phandle" property if that is one cell,
 * else its first "linux,phandle" if that is.  One walk over the tree
 * (interrupt lookups ask for a phandle per device, and a walk per node
 * asking dt_prop twice made the virtio scan the better part of the
 * boot): each node's properties are scanned once, up to its first
 * child or its end, where dt_prop would stop too.
 */
int dt_find_phandle(const struct devtree *dt, uint32_t phandle)
{
	uint32_t tag, next, off;
	int n = dt_root(dt);

	for (off = (uint32_t)n; n >= 0; off = next) {
		if (token(dt, off, &tag, &next) != DT_OK || tag == FDT_END)
			break;
		if (tag != FDT_BEGIN_NODE)
			continue;
		uint32_t props = next, end = next;
		while (token(dt, end, &tag, &next) == DT_OK &&
		       (tag == FDT_PROP || tag == FDT_NOP))
			end = next;
		uint32_t p = first_u32(dt, props, end, "phandle", 7);
		if (!p)
			p = first_u32(dt, props, end, "linux,phandle", 13);
		if (p && dt_be32(st(dt, p + 12)) == phandle)
			return (int)off;
		next = end;
	}
	return DT_ERR_NOTFOUND;
}

/* ---- reg and interrupts -------------------------------------------------- */

static void own_cells(const struct devtree *dt, int node, uint32_t *ac,
		      uint32_t *sc)
{
	/* Defaults from the Devicetree Specification, 2.3.5. */
	*ac = 2;
	*sc = 1;
	dt_prop_u32(dt, node, "#address-cells", ac);
	dt_prop_u32(dt, node, "#size-cells", sc);
}

/* The cells a bus gives its children, checked. */
static int bus_cells(const struct devtree *dt, int bus, uint32_t *ac,
		     uint32_t *sc)
{
	own_cells(dt, bus, ac, sc);
	if (*ac < 1 || *ac > 2 || *sc > 2)
		return DT_ERR_BADPROP;
	return DT_OK;
}

int dt_reg_cells(const struct devtree *dt, int node, uint32_t *addr_cells,
		 uint32_t *size_cells)
{
	int parent = dt_parent(dt, node);

	if (parent < 0)
		return parent;
	return bus_cells(dt, parent, addr_cells, size_cells);
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? dt_be64(p) : cells == 1 ? dt_be32(p) : 0;
}

/*
 * Translate `*addr`, an address on the bus `bus` (a node whose children use
 * it), into the address space of bus's parent `up`, through bus's "ranges".
 */
static int translate_once(const struct devtree *dt, int bus, int up,
			  uint64_t *addr)
{
	uint32_t len, cac, csc, pac, psc;
	const uint8_t *r = dt_prop(dt, bus, "ranges", &len);

	if (!r)
		return DT_ERR_NOTFOUND; /* no ranges: not memory-mapped */
	if (len == 0)
		return DT_OK; /* empty ranges: identity */
	own_cells(dt, bus, &cac, &csc);
	if (bus_cells(dt, up, &pac, &psc) != DT_OK || cac < 1 || cac > 2 ||
	    csc > 2)
		return DT_ERR_BADPROP;
	uint32_t entry = (cac + pac + csc) * 4;
	if (len % entry)
		return DT_ERR_BADPROP;
	for (uint32_t i = 0; i < len; i += entry) {
		uint64_t child = read_cells(r + i, cac);
		uint64_t parent = read_cells(r + i + cac * 4, pac);
		uint64_t size = read_cells(r + i + (cac + pac) * 4, csc);
		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + parent;
			return DT_OK;
		}
	}
	return DT_ERR_NOTFOUND;
}

/* A node's reg property, its cells and its ancestors: found once. */
struct reg_view {
	const uint8_t *p;
	uint32_t entry, count;
	uint32_t ac, sc;
	int chain[DT_MAX_DEPTH];
	int nchain;
};

/* Open `node`'s reg, its ancestors chain[0..nchain-1] (root first)
 * already known: a walk over many nodes keeps them as it goes. */
static int reg_open_at(const struct devtree *dt, int node, const int *chain,
		       int nchain, struct reg_view *v)
{
	uint32_t len;

	if (nchain < 1 || nchain > DT_MAX_DEPTH)
		return DT_ERR_NOTFOUND;
	memcpy(v->chain, chain, (size_t)nchain * sizeof(int));
	v->nchain = nchain;
	int err = bus_cells(dt, v->chain[v->nchain - 1], &v->ac, &v->sc);
	if (err != DT_OK)
		return err;
	v->p = dt_prop(dt, node, "reg", &len);
	if (!v->p)
		return DT_ERR_NOTFOUND;
	v->entry = (v->ac + v->sc) * 4;
	if (len % v->entry)
		return DT_ERR_BADPROP;
	v->count = len / v->entry;
	return DT_OK;
}

static int reg_open(const struct devtree *dt, int node, struct reg_view *v)
{
	int chain[DT_MAX_DEPTH];
	int n = ancestors(dt, node, chain);

	return n < 0 ? n : reg_open_at(dt, node, chain, n, v);
}

/* Entry `index` of an opened reg, translated up to the root's space. */
static int reg_read(const struct devtree *dt, const struct reg_view *v,
		    uint32_t index, uint64_t *addr, uint64_t *size)
{
	if (index >= v->count)
		return DT_ERR_NOTFOUND;
	const uint8_t *p = v->p + index * v->entry;
	*addr = read_cells(p, v->ac);
	*size = read_cells(p + v->ac * 4, v->sc);
	/* Walk up the buses until the root, translating through ranges. */
	for (int i = v->nchain - 1; i >= 1; i--) {
		int err =
			translate_once(dt, v->chain[i], v->chain[i - 1], addr);
		if (err != DT_OK)
			return err;
	}
	if (*size > UINT64_MAX - *addr)
		return DT_ERR_RANGE;
	return DT_OK;
}

int dt_reg_count(const struct devtree *dt, int node)
{
	struct reg_view v;
	int err = reg_open(dt, node, &v);

	return err != DT_OK ? err : (int)v.count;
}

int dt_reg(const struct devtree *dt, int node, int index, uint64_t *addr,
	   uint64_t *size)
{
	struct reg_view v;
	int err = reg_open(dt, node, &v);

	if (err != DT_OK)
		return err;
	if (index < 0)
		return DT_ERR_NOTFOUND;
	return reg_read(dt, &v, (uint32_t)index, addr, size);
}

/* The node's interrupt-parent, from the node itself or an ancestor. */
static int interrupt_parent(const struct devtree *dt, int node)
{
	int chain[DT_MAX_DEPTH];
	int n = ancestors(dt, node, chain);
	uint32_t ph;

	if (dt_prop_u32(dt, node, "interrupt-parent", &ph))
		return dt_find_phandle(dt, ph);
	while (n-- > 0)
		if (dt_prop_u32(dt, chain[n], "interrupt-parent", &ph))
			return dt_find_phandle(dt, ph);
	return DT_ERR_NOTFOUND;
}

int dt_irq(const struct devtree *dt, int node, int index, struct dt_irq *out)
{
	uint32_t len, cells = 0;
	const uint8_t *p = dt_prop(dt, node, "interrupts", &len);
	int ctl;

	if (!p)
		return DT_ERR_NOTFOUND;
	ctl = interrupt_parent(dt, node);
	if (ctl < 0)
		return ctl;
	if (!dt_prop_u32(dt, ctl, "#interrupt-cells", &cells) || cells != 3)
		return DT_ERR_BADPROP; /* only the GIC's three-cell form */
	if (len % 12)
		return DT_ERR_BADPROP;
	if (index < 0 || (uint32_t)index >= len / 12)
		return DT_ERR_NOTFOUND;
	p += (uint32_t)index * 12;
	out->type = dt_be32(p);
	out->num = dt_be32(p + 4);
	out->flags = dt_be32(p + 8);
	return DT_OK;
}

/* GIC binding (arm,gic.yaml): cell 1 is 0 for an SPI, 1 for a PPI; SPIs
 * are INTIDs 32..1019 and PPIs 16..31 (Arm IHI 0069, 2.2). */
int dt_irq_intid(const struct dt_irq *irq, uint32_t *intid)
{
	if (irq->type == 0 && irq->num <= 1019 - 32)
		*intid = irq->num + 32;
	else if (irq->type == 1 && irq->num < 16)
		*intid = irq->num + 16;
	else
		return DT_ERR_RANGE;
	return DT_OK;
}

/* ---- memory, bootargs, console ------------------------------------------- */

/* Append the non-empty entries of a node's reg to out[n..max); returns the
 * new count or an error.  A node without reg adds nothing. */
static int add_reg_ranges(const struct devtree *dt, int node, const int *chain,
			  int nchain, struct mem_range *out, int n, int max)
{
	struct reg_view v;
	uint64_t base, size;
	int err = reg_open_at(dt, node, chain, nchain, &v);

	if (err == DT_ERR_NOTFOUND)
		return n;
	if (err != DT_OK)
		return err;
	if (v.count > DT_MAX_REG_ENTRIES)
		return DT_ERR_LIMIT;
	for (uint32_t i = 0; i < v.count; i++) {
		err = reg_read(dt, &v, i, &base, &size);
		if (err != DT_OK)
			return err;
		if (size == 0)
			continue;
		if (n >= max)
			return DT_ERR_LIMIT;
		out[n].base = base;
		out[n].size = size;
		n++;
	}
	return n;
}

static bool is_memory_node(const struct devtree *dt, int node)
{
	const char *type = dt_prop_str(dt, node, "device_type");

	return type && !strcmp(type, "memory") && dt_is_enabled(dt, node);
}

int dt_memory(const struct devtree *dt, struct mem_range *out, int max)
{
	int stack[DT_MAX_DEPTH + 1]; /* the walk's ancestors, root first */
	int depth = 0, count = 0, nodes = 0;

	for (int n = dt_root(dt); n >= 0 && count >= 0;
	     n = dt_next_node(dt, n, &depth)) {
		if (depth < 0 || depth > DT_MAX_DEPTH)
			return DT_ERR_BADSTRUCT;
		stack[depth] = n;
		if (depth == 0 || !is_memory_node(dt, n))
			continue;
		if (++nodes > DT_MAX_MEMORY_NODES)
			return DT_ERR_LIMIT;
		count = add_reg_ranges(dt, n, stack, depth, out, count, max);
	}
	return count;
}

/* The memory reservation block: (address, size) pairs until (0, 0), which
 * dt_init found within the blob. */
static int add_rsvmap(const struct devtree *dt, struct mem_range *out, int max)
{
	int count = 0;

	for (uint32_t off = dt->rsvmap_off; off + 16 <= dt->size; off += 16) {
		uint64_t base = dt_be64(dt->blob + off);
		uint64_t size = dt_be64(dt->blob + off + 8);
		if (base == 0 && size == 0)
			break;
		if (size > UINT64_MAX - base)
			return DT_ERR_RANGE;
		if (count >= max)
			return DT_ERR_LIMIT;
		out[count].base = base;
		out[count].size = size;
		count++;
	}
	return count;
}

int dt_reserved(const struct devtree *dt, struct mem_range *out, int max)
{
	int count = add_rsvmap(dt, out, max), nodes = 0;
	int rm = dt_path(dt, "/reserved-memory");
	int chain[DT_MAX_DEPTH];
	int depth = ancestors(dt, rm, chain);

	if (rm < 0 || depth < 0 || depth >= DT_MAX_DEPTH)
		return count;
	chain[depth++] = rm; /* the children's ancestors */
	for (int n = dt_first_child(dt, rm); n >= 0 && count >= 0;
	     n = dt_next_sibling(dt, n)) {
		if (++nodes > DT_MAX_MEMORY_NODES)
			return DT_ERR_LIMIT;
		count = add_reg_ranges(dt, n, chain, depth, out, count, max);
	}
	return count;
}

const char *dt_bootargs(const struct devtree *dt)
{
	const char *args = dt_prop_str(dt, dt_path(dt, "/chosen"), "bootargs");
	return args ? args : "";
}

int dt_stdout(const struct devtree *dt)
{
	int chosen = dt_path(dt, "/chosen");
	const char *path = dt_prop_str(dt, chosen, "stdout-path");

	if (!path)
		path = dt_prop_str(dt, chosen, "linux,stdout-path");
	if (!path)
		return DT_ERR_NOTFOUND;
	const char *end = strchr(path, ':');
	return path_to_node(dt, path, end ? end : path + strlen(path));
}
