#!/bin/sh
# Make the seeds of fuzz_fat (tests/fuzz/corpus/fat/) from volumes that
# mkfs.fat and mtools build: FAT12, FAT16 and FAT32 with long names,
# folders and a few files, each written as the records fuzz_fat.c reads
# (32-bit offset, 16-bit length, bytes) of its non-zero sectors.
# Usage: fat-seeds.sh OUTDIR   (needs cc, dosfstools, mtools)
set -eu
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MTOOLS_SKIP_CHECK=1 PATH=$PATH:/sbin:/usr/sbin

cat >"$work/records.c" <<'C'
#include <stdio.h>
#include <string.h>
int main(void)
{
	unsigned char s[512], z[512] = { 0 };
	unsigned long off = 0;

	while (fread(s, 1, 512, stdin) == 512) {
		if (memcmp(s, z, 512)) {
			unsigned char h[6] = { off, off >> 8, off >> 16,
					       off >> 24, 0, 2 };
			fwrite(h, 1, 6, stdout);
			fwrite(s, 1, 512, stdout);
		}
		off += 512;
	}
	return 0;
}
C
cc -o "$work/records" "$work/records.c"

seed() { # name, mkfs.fat options, KiB
	img=$work/$1.img
	mkfs.fat -C $2 -n SEED "$img" "$3" >/dev/null
	mmd -i "$img" '::/Some Folder' '::/Some Folder/Deeper'
	printf 'hello\n' >"$work/a"
	head -c 5000 /dev/zero | tr '\0' 'x' >"$work/b"
	: >"$work/c"
	mcopy -i "$img" "$work/a" '::/hello.txt'
	mcopy -i "$img" "$work/b" '::/Some Folder/A Long Name of a File.txt'
	mcopy -i "$img" "$work/c" '::/Some Folder/Deeper/empty'
	"$work/records" <"$img" >"$out/$1"
}
mkdir -p "$out"
seed fat12 "-F 12" 1024
seed fat16 "-F 16 -s 1" 4096
seed fat32 "-F 32 -s 1" 34000
