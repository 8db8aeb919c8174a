/*
 * The FAT core's own: the mounted volume, the sector cache, the table,
 * names and directories, shared by the core's files (fat.h is the API).
 * On-disk layouts follow Microsoft's "FAT: General Overview of On-Disk
 * Format" (version 1.03); offsets below are that document's.
 */
#ifndef MLK_FAT_INTERNAL_H
#define MLK_FAT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "fat.h"

/* Directory entry layout (32 bytes). */
#define DIRENT_SIZE 32
#define DE_NAME 0
#define DE_ATTR 11
#define DE_NTRES 12 /* bit 3: base in lower case, bit 4: extension */
#define DE_CTIME_TENTH 13
#define DE_CTIME 14
#define DE_CDATE 16
#define DE_ADATE 18
#define DE_CLUS_HI 20
#define DE_MTIME 22
#define DE_MDATE 24
#define DE_CLUS_LO 26
#define DE_SIZE 28

#define ATTR_READ_ONLY 0x01
#define ATTR_HIDDEN 0x02
#define ATTR_SYSTEM 0x04
#define ATTR_VOLUME_ID 0x08
#define ATTR_DIRECTORY 0x10
#define ATTR_ARCHIVE 0x20
#define ATTR_LONG_NAME 0x0f
#define ATTR_LONG_MASK 0x3f

#define DE_FREE 0xe5 /* first name byte of a deleted entry */
#define DE_END 0x00  /* this and every later entry are free */
#define NTRES_LOWER_BASE 0x08
#define NTRES_LOWER_EXT 0x10

/* Long-name entry layout. */
#define LFN_ORD 0
#define LFN_LAST 0x40
#define LFN_CHKSUM 13
#define LFN_CHARS 13 /* UCS-2 units an entry holds */
#define LFN_MAX_UNITS 255

/* A directory holds at most 65536 entries (2 MiB). */
#define DIR_MAX_ENTRIES 65536u

/* Cache classes: the order dirty sectors reach the disk (README.md,
 * "Write order"). */
enum fat_class { CLASS_DATA, CLASS_FAT, CLASS_DIR, CLASS_META };

struct fat_slot {
	uint64_t lba;  /* volume sector */
	uint64_t used; /* last use, for LRU */
	uint64_t seq;  /* when it became dirty, for write order */
	uint8_t class; /* enum fat_class of its first change */
	bool valid, dirty;
	uint8_t *buf;
};

#define FAT_MEMOS 4

struct fat_vol {
	struct fat_dev dev;
	struct fat_options opt;
	uint32_t dev_per_sec; /* device sectors in one volume sector */
	/* Geometry from the boot sector. */
	uint32_t bps;	       /* bytes per sector */
	uint32_t spc;	       /* sectors per cluster */
	uint32_t cluster_size; /* bytes */
	uint32_t fat_bits;
	uint32_t nfats;
	uint32_t fat_start; /* first sector of FAT copy 0 */
	uint32_t fat_sectors;
	uint32_t root_start; /* FAT12/16: the fixed root directory */
	uint32_t root_entries;
	uint32_t data_start;
	uint32_t clusters;  /* data clusters: numbers 2 .. clusters+1 */
	uint32_t root_clus; /* FAT32 */
	uint32_t fsinfo;    /* FAT32: its sector, 0 for none */
	uint32_t total_sectors;
	/* State. */
	uint32_t free_clusters;
	uint32_t next_free;
	bool dirty;	   /* marked dirty on disk since the last sync */
	bool fsinfo_stale; /* FSInfo needs writing at sync */
	char why[FAT_WHY_SIZE];
	/* The cache. */
	struct fat_slot *slots;
	uint32_t nslots;
	uint64_t tick, dirty_seq;
	/* The last clusters fat_nth found in a few chains, to walk on from
	 * (cleared when a chain is freed): one per chain, so that a file
	 * written sequentially and the directory holding its entry, used in
	 * turn, do not make each other walk from the start. */
	struct fat_memo {
		uint32_t first, index, clus;
	} memo[FAT_MEMOS];
	uint32_t memo_next; /* the slot a new chain takes */
	bool was_dirty; /* marked in use at mount: the mark stays for fsck */
};

/* fat_cache.c: volume sectors through a bounded write-back cache. */
mlk_status_t fat_cache_init(struct fat_vol *v, uint32_t nslots);
void fat_cache_free(struct fat_vol *v);
/* Sector lba for reading: *p valid until the next cache call. */
mlk_status_t fat_cache_read(struct fat_vol *v, uint64_t lba, uint8_t **p);
/* Sector lba for changing (read first unless `whole` will be written),
 * dirty in `class` from now on. */
mlk_status_t fat_cache_write(struct fat_vol *v, uint64_t lba, uint8_t class,
			     bool whole, uint8_t **p);
/* Every dirty sector to the disk, in write order. */
mlk_status_t fat_cache_flush(struct fat_vol *v);
/* Sector lba, in the cache and changed in place, to the disk now (the
 * in-use mark, when nothing else is dirty). */
mlk_status_t fat_cache_write_through(struct fat_vol *v, uint64_t lba);

/* fat_table.c: the FAT. */
mlk_status_t fat_get(struct fat_vol *v, uint32_t clus, uint32_t *val);
mlk_status_t fat_set(struct fat_vol *v, uint32_t clus, uint32_t val);
/* Whether val ends a chain (EOC). */
bool fat_is_eoc(const struct fat_vol *v, uint32_t val);
uint32_t fat_eoc(const struct fat_vol *v);
/* The cluster after clus in its chain, 0 at the end; a value that is
 * neither a cluster nor the end is MLK_ERR_BAD_FORMAT. */
mlk_status_t fat_next(struct fat_vol *v, uint32_t clus, uint32_t *next);
/* The `index`th cluster of the chain from first (0 past its end). */
mlk_status_t fat_nth(struct fat_vol *v, uint32_t first, uint32_t index,
		     uint32_t *clus);
/* Clusters in the chain from first; a loop is MLK_ERR_BAD_FORMAT. */
mlk_status_t fat_chain_length(struct fat_vol *v, uint32_t first, uint32_t *len);
/* A free cluster marked end of chain, linked after `prev` (0: none). */
mlk_status_t fat_alloc(struct fat_vol *v, uint32_t prev, uint32_t *clus);
/* Free the chain from first. */
mlk_status_t fat_free_chain(struct fat_vol *v, uint32_t first);
/* Count free clusters (at mount). */
mlk_status_t fat_count_free(struct fat_vol *v);
bool fat_valid_cluster(const struct fat_vol *v, uint32_t clus);
uint64_t fat_cluster_sector(const struct fat_vol *v, uint32_t clus);
/* Mark the volume in use on disk before its first change after a sync. */
mlk_status_t fat_mark_dirty(struct fat_vol *v);
/* Clear that mark (everything else written already). */
mlk_status_t fat_mark_clean(struct fat_vol *v);
/* A reason for MLK_ERR_BAD_FORMAT, one line. */
mlk_status_t fat_bad(struct fat_vol *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* fat_name.c: short and long names. */
uint8_t fat_short_checksum(const uint8_t name[11]);
/* "NAME.EXT" of an 11-byte name, lower-cased as ntres says. */
void fat_short_display(const uint8_t name[11], uint8_t ntres, char out[13]);
/* UTF-8 name into UCS-2 units: MLK_ERR_BAD_NAME for what FAT refuses. */
mlk_status_t fat_name_units(const char *name, uint16_t *units, unsigned *count);
/* UCS-2 units into UTF-8. */
void fat_units_utf8(const uint16_t *units, unsigned count,
		    char out[FAT_NAME_SIZE]);
/* Equal but for ASCII case. */
bool fat_name_equal(const char *a, const char *b);
/* The 11-byte short name for `name`: exact when it is a plain 8.3 name
 * (*lossy false), else the basis name with tail ~n (n >= 1). */
void fat_short_basis(const uint16_t *units, unsigned count, uint8_t out[11],
		     bool *lossy, uint8_t *ntres);
void fat_short_tail(uint8_t name[11], uint32_t n);

/* fat_time.c */
void fat_time_to_dos(uint64_t secs, uint16_t *date, uint16_t *time);
uint64_t fat_time_from_dos(uint16_t date, uint16_t time);
uint64_t fat_now(const struct fat_vol *v);

/* fat_dir.c: entries of directories. */
struct fat_dir_pos {
	uint64_t lba;
	uint32_t off;
};
/* Where entry `index` of the directory starting at dir_first lies (0:
 * the FAT12/16 root); MLK_ERR_NOT_FOUND past its last cluster. */
mlk_status_t fat_dir_locate(struct fat_vol *v, uint32_t dir_first,
			    uint32_t index, struct fat_dir_pos *pos);
/* The next entry from *index of dir (long name gathered). */
mlk_status_t fat_dir_next(struct fat_vol *v, uint32_t dir_first,
			  uint32_t *index, struct fat_dirent *out);
/* The entry named `name` in dir. */
mlk_status_t fat_dir_find(struct fat_vol *v, uint32_t dir_first,
			  const char *name, struct fat_dirent *out);
/* Add entries for `name` (a long name when needed) with the short entry
 * `proto` gives (its name bytes are made here); where it went in *node. */
mlk_status_t fat_dir_add(struct fat_vol *v, uint32_t dir_first,
			 const char *name, const uint8_t proto[DIRENT_SIZE],
			 struct fat_node *node);
/* Mark the entries of node deleted. */
mlk_status_t fat_dir_remove(struct fat_vol *v, const struct fat_node *node);
/* Whether directory dir holds anything but . and .. */
mlk_status_t fat_dir_is_empty(struct fat_vol *v, uint32_t dir_first,
			      bool *empty);
/* A node from a short entry. */
void fat_node_from_entry(const struct fat_vol *v, const uint8_t *e,
			 struct fat_node *n);
/* Write n's size, first cluster and modify time into its entry. */
mlk_status_t fat_node_store(struct fat_vol *v, const struct fat_node *n);
/* The first cluster of a directory node (the root's too). */
uint32_t fat_dir_cluster(const struct fat_vol *v, const struct fat_node *n);

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void wr32(uint8_t *p, uint32_t v)
{
	wr16(p, (uint16_t)v);
	wr16(p + 2, (uint16_t)(v >> 16));
}

#endif
